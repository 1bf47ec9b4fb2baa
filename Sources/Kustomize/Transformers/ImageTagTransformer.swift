import SwkYAML

/// `images:` rewrites container images (name, tag, digest) in every `containers` and
/// `initContainers` list of every object, and at the image fields `configurations:` declare, as
/// kustomize's legacy and field-spec image filters do together.
struct ImageTagTransformer: Transformer {
    let images: [Kustomization.Image]
    let containerLists: Set<String>
    var fieldSpecs: [FieldSpec] = []

    func transform(_ resources: ResourceMap) throws {
        guard !images.isEmpty else { return }
        for r in resources.resources {
            visit(r.node)
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                spec.visit(r.node, leaf: .scalar) { node, parent, key in
                    guard let value = node.stringValue else { return }
                    let rewritten = rewrite(value)
                    if rewritten == value { return }
                    if parent.isSequence, let i = parent.items.firstIndex(where: { $0 === node }) {
                        parent.items[i] = .string(rewritten)
                    } else if !parent.isSequence {
                        parent[key] = .string(rewritten)
                    }
                }
            }
        }
    }

    private func visit(_ node: YAMLNode) {
        switch node.kind {
        case .scalar: return
        case .sequence: for item in node.items { visit(item) }
        case .mapping:
            for entry in node.entries {
                // The value check first: it spares hashing every key of the tree.
                if entry.value.isSequence, containerLists.contains(entry.key) {
                    for container in entry.value.items where container.isMapping {
                        if let image = container["image"], let value = image.stringValue {
                            container["image"] = .string(rewrite(value))
                        }
                    }
                }
                visit(entry.value)
            }
        }
    }

    func rewrite(_ reference: String) -> String {
        var value = reference
        for image in images where ImageReference.matches(value, name: image.name) {
            var ref = ImageReference(value)
            if !image.newName.isEmpty { ref.name = image.newName }
            if !image.newTag.isEmpty && !image.digest.isEmpty {
                ref.tag = image.newTag; ref.digest = image.digest
            } else if !image.newTag.isEmpty {
                ref.tag = image.newTag; ref.digest = ""
            } else if !image.digest.isEmpty {
                ref.tag = ""; ref.digest = image.digest
            }
            value = ref.description
        }
        return value
    }
}

/// `name[:tag][@digest]`, where a `:` inside the registry host (`host:5000/app`) is not a tag.
struct ImageReference: CustomStringConvertible {
    var name: String
    var tag = ""
    var digest = ""

    init(_ s: String) {
        var rest = Substring(s)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        name = String(rest)
    }

    var description: String {
        name + (tag.isEmpty ? "" : ":" + tag) + (digest.isEmpty ? "" : "@" + digest)
    }

    /// kustomize matches the bare name, or the name followed by a tag or digest.
    static func matches(_ reference: String, name: String) -> Bool {
        guard !name.isEmpty, reference.hasPrefix(name) else { return false }
        let rest = reference.dropFirst(name.count)
        return rest.isEmpty || rest.first == ":" || rest.first == "@"
    }
}
