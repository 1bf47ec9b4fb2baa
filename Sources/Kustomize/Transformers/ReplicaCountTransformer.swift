import SwkYAML

/// `replicas:` sets spec/replicas of the workloads with a given name (current or earlier).
struct ReplicaCountTransformer: Transformer {
    let replicas: [Kustomization.Replica]
    var fieldSpecs = DefaultFieldSpecs.replicas

    func transform(_ resources: ResourceMap) throws {
        for replica in replicas {
            for r in resources.resources where r.allIds.contains(where: { $0.name == replica.name }) {
                for spec in fieldSpecs where spec.applies(to: r) {
                    spec.visit(r.node, leaf: .scalar) { _, parent, key in
                        parent[key] = .int(replica.count)
                    }
                }
            }
        }
    }
}
