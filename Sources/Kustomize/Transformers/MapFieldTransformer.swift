import SwkYAML

/// Sets string pairs in the maps at the given field specs: labels and annotations.
struct MapFieldTransformer: Transformer {
    let pairs: [(key: String, value: String)]
    let fieldSpecs: [FieldSpec]

    func transform(_ resources: ResourceMap) throws {
        guard !pairs.isEmpty else { return }
        for r in resources.resources {
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                try spec.visit(r.node, leaf: .mapping) { node, parent, key in
                    var target = node
                    if !node.isMapping {
                        guard node.isNull || (node.isScalar && node.text.isEmpty) else {
                            throw KustomizeError("expected a map at \(spec.path.joined(separator: "/"))", file: r.file, mark: node.mark)
                        }
                        target = .mapping()
                        parent[key] = target
                    }
                    for (k, v) in pairs { target[k] = .string(v) }
                }
            }
        }
    }
}
