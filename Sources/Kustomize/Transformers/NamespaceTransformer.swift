import SwkYAML

/// `namespace:` sets the namespace of every namespaced resource (and renames Namespace objects).
struct NamespaceTransformer: Transformer {
    let namespace: String
    let fieldSpecs: [FieldSpec]

    func transform(_ resources: ResourceMap) throws {
        guard !namespace.isEmpty else { return }
        try resources.update { r in
            r.rememberId()
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                spec.visit(r.node, leaf: .scalar) { _, parent, key in
                    parent[key] = .string(namespace)
                }
            }
            setDefaultServiceAccountSubjects(r)
            return true
        }
    }

    /// Subjects named `default` in role bindings follow the new namespace (kustomize's defaultOnly mode).
    private func setDefaultServiceAccountSubjects(_ r: Resource) {
        guard r.kind == "RoleBinding" || r.kind == "ClusterRoleBinding",
              let subjects = r.node["subjects"], subjects.isSequence else { return }
        for subject in subjects.items where subject.isMapping && subject["name"]?.stringValue == "default" {
            subject["namespace"] = .string(namespace)
        }
    }
}
