import SwkYAML

/// Resolves the build's `vars` and expands `$(NAME)` in the varReference fields, as kustomize's
/// refvar filter does: `$$` is a literal `$`, an unknown name stays as written, and a field that is
/// exactly one reference takes the value's type (a port stays a number).
struct VarResolver {
    let vars: [Var]
    let fieldSpecs: [FieldSpec]

    func transform(_ resources: ResourceMap) throws {
        guard !vars.isEmpty else { return }
        var values: [String: YAMLNode] = [:]
        for v in vars {
            guard let target = resources.varTargets[v.name] else {
                throw KustomizeError("var '\(v.name)' cannot be mapped to a field in the set of known resources", file: v.file, mark: v.mark)
            }
            guard let value = Self.value(at: v.fieldPath, in: target.node), value.isScalar, !value.isNull else {
                throw KustomizeError("field specified in var '\(v.name)' (\(v.fieldPath)) not found in corresponding resource",
                                     file: v.file, mark: v.mark)
            }
            values[v.name] = value.deepCopy()  // later expansion must not change a value already read
        }
        for r in resources.resources {
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                spec.visit(r.node, leaf: .scalar) { node, parent, key in
                    switch node.kind {
                    case .scalar: expand(node, values)
                    case .mapping: for e in node.entries where e.value.isScalar { expand(e.value, values) }
                    case .sequence: for item in node.items where item.isScalar { expand(item, values) }
                    }
                }
            }
        }
    }

    /// kustomize's field path for vars: dotted, with `name[N]` for list items.
    static func value(at path: String, in root: YAMLNode) -> YAMLNode? {
        var node: YAMLNode? = root
        for part in path.split(separator: ".") {
            var name = Substring(part)
            var index: Int?
            if name.hasSuffix("]"), let open = name.lastIndex(of: "[") {
                index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
                name = name[..<open]
            }
            if !name.isEmpty { node = node?[String(name)] }
            if let index { node = node.flatMap { $0.isSequence && index < $0.items.count ? $0.items[index] : nil } }
        }
        return node
    }

    private func expand(_ node: YAMLNode, _ values: [String: YAMLNode]) {
        guard node.tag == .string, node.text.contains("$") else { return }
        let input = Array(node.text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < input.count {
            guard input[i] == "$", i + 1 < input.count else { out.append(input[i]); i += 1; continue }
            let next = input[i + 1]
            if next == "$" { out.append("$"); i += 2; continue }
            guard next == "(", let close = input[(i + 2)...].firstIndex(of: ")") else {
                out.append("$"); out.append(next); i += 2; continue
            }
            let name = String(String.UnicodeScalarView(input[(i + 2)..<close]))
            if let value = values[name] {
                // A field that is exactly one reference takes the value with its type.
                if i == 0 && close == input.count - 1 {
                    node.text = value.text
                    node.tag = value.tag
                    node.style = .plain
                    return
                }
                out.append(contentsOf: value.text.unicodeScalars)
            } else {
                out.append(contentsOf: "$(\(name))".unicodeScalars)
            }
            i = close + 1
        }
        node.text = String(out)
        node.style = .plain
    }
}
