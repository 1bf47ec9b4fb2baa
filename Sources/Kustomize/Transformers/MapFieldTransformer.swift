import SwkYAML

/// Sets string pairs in the maps at the given field specs: labels and annotations.
///
/// As kyaml's field setter does, a key already present has its value node overwritten in place,
/// and a new key gets one value node per resource and pair, shared by every field spec. So a
/// later in-place write (another labels entry, a strategic-merge patch, a replacement) to one
/// of those places shows in all of them: `kubectl kustomize` prints an overlay's metadata-only
/// label in the selectors too when a base put the same key there.
struct MapFieldTransformer: Transformer {
    let pairs: [(key: String, value: String)]
    let fieldSpecs: [FieldSpec]

    func transform(_ resources: ResourceMap) throws {
        guard !pairs.isEmpty else { return }
        // Each resource gets its own value nodes, so a large map is edited on the machine's cores.
        try concurrentForEach(resources.resources, threshold: 512) { r in
            let type = r.resourceType
            var values: [YAMLNode] = []
            for spec in fieldSpecs where spec.applies(to: type) {
                if values.isEmpty { values = pairs.map { .string($0.value) } }
                try spec.visit(r.node, leaf: .mapping) { node, parent, key in
                    var target = node
                    if !node.isMapping {
                        guard node.isNull || (node.isScalar && node.text.isEmpty) else {
                            throw KustomizeError("expected a map at \(spec.path.joined(separator: "/"))", file: r.file, mark: node.mark)
                        }
                        target = .mapping()
                        parent[key] = target
                    }
                    for (i, pair) in pairs.enumerated() {
                        if let existing = target[pair.key] {
                            existing.replaceContents(with: values[i])
                        } else {
                            target[pair.key] = values[i]
                            r.sharesScalars = true
                        }
                    }
                }
            }
        }
    }
}
