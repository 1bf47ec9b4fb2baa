import SwkYAML

/// `namePrefix:` / `nameSuffix:` rename resources; references are fixed later from the name history.
struct PrefixSuffixTransformer: Transformer {
    let prefix: String
    let suffix: String
    let fieldSpecs: [FieldSpec]
    let skip: [GVK]

    func transform(_ resources: ResourceMap) throws {
        guard !prefix.isEmpty || !suffix.isEmpty else { return }
        try resources.update { r in
            let gvk = r.gvk
            if skip.contains(where: { gvk.isSelected(by: $0) }) { return true }
            r.rememberId()
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                spec.visit(r.node, leaf: .scalar) { node, parent, key in
                    guard let name = node.stringValue else { return }
                    parent[key] = .string(prefix + name + suffix)
                }
            }
            if !prefix.isEmpty { r.prefixes.append(prefix) }
            if !suffix.isEmpty { r.suffixes.append(suffix) }
            return true
        }
    }
}
