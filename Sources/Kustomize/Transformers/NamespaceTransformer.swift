import SwkYAML

/// `namespace:` sets the namespace of every namespaced resource (and renames Namespace objects).
struct NamespaceTransformer: Transformer {
    /// Which role-binding subjects follow the new namespace (the builtin config's `setRoleBindingSubjects`).
    enum SubjectMode: String, CaseIterable {
        /// Subjects named `default`, whatever their kind (kustomize's default).
        case defaultOnly
        /// Every ServiceAccount subject.
        case allServiceAccounts
        case none
    }

    let namespace: String
    let fieldSpecs: [FieldSpec]
    /// Only fill namespaces that are missing or empty (the builtin config's `unsetOnly`).
    var unsetOnly = false
    var subjects: SubjectMode = .defaultOnly

    func transform(_ resources: ResourceMap) throws {
        guard !namespace.isEmpty else { return }
        try resources.update { r in
            r.rememberId()
            let type = r.resourceType
            for spec in fieldSpecs where spec.applies(to: type) {
                spec.visit(r.node, leaf: .scalar) { node, parent, key in
                    if !unsetOnly || Self.isUnset(node) { parent[key] = .string(namespace) }
                }
            }
            setSubjects(r)
            return true
        }
    }

    private static func isUnset(_ node: YAMLNode?) -> Bool {
        guard let node else { return true }
        return node.isNull || (node.isScalar && node.text.isEmpty)
    }

    private func setSubjects(_ r: Resource) {
        guard r.kind == "RoleBinding" || r.kind == "ClusterRoleBinding",
              let list = r.node["subjects"], list.isSequence else { return }
        for subject in list.items where subject.isMapping {
            let selected: Bool
            switch subjects {
            case .defaultOnly: selected = subject["name"]?.stringValue == "default"
            case .allServiceAccounts: selected = subject["kind"]?.stringValue == "ServiceAccount"
            case .none: selected = false
            }
            if selected && (!unsetOnly || Self.isUnset(subject["namespace"])) { subject["namespace"] = .string(namespace) }
        }
    }
}
