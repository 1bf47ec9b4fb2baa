import SwkYAML

/// `replicas:` sets spec/replicas of the workloads with a given name (current or earlier).
struct ReplicaCountTransformer: Transformer {
    let replicas: [Kustomization.Replica]
    let fieldSpecs: [FieldSpec]

    func transform(_ resources: ResourceMap) throws {
        for replica in replicas {
            var found = false
            for r in resources.resources where r.anyName({ $0 == replica.name }) {
                let type = r.resourceType
                for spec in fieldSpecs where spec.applies(to: type) {
                    found = true
                    spec.visit(r.node, leaf: .scalar) { _, parent, key in
                        parent[key] = .int(replica.count)
                    }
                }
            }
            // As in kustomize, a name that matches no scalable workload is a mistake worth stopping for.
            if !found {
                throw KustomizeError("replicas: no Deployment, StatefulSet, ReplicaSet or ReplicationController named \"\(replica.name)\"")
            }
        }
    }
}
