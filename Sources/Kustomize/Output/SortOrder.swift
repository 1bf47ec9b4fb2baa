/// Output order: kustomize's "legacy" kind ranking, or input order ("fifo").
enum ResourceSorter {
    static let defaultOrderFirst = [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
        "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
        "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
        "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget",
    ]
    static let defaultOrderLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"]

    static func legacySorted(_ resources: [Resource], orderFirst: [String]?, orderLast: [String]?) -> [Resource] {
        let first = orderFirst ?? defaultOrderFirst
        let last = orderLast ?? defaultOrderLast
        var rank: [String: Int] = [:]
        for (i, k) in first.enumerated() where rank[k] == nil { rank[k] = i - first.count }
        for (i, k) in last.enumerated() where rank[k] == nil { rank[k] = i + 1 }
        let keyed = resources.map { r -> (resource: Resource, rank: Int, gvk: String, id: String, coreNamespace: Bool?) in
            let gvk = r.gvk
            let ns = r.namespace.isEmpty ? "~X" : r.namespace
            let name = r.name.isEmpty ? "~N" : r.name
            let coreNamespace: Bool? = gvk.kind == "Namespace" ? gvk.group.isEmpty : nil
            return (r, rank[gvk.kind] ?? 0, gvk.description, "\(gvk)|\(ns)|\(name)", coreNamespace)
        }
        return keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.gvk != b.gvk {
                // kustomize puts the core Namespace before same-named kinds of other groups.
                if let ac = a.coreNamespace, let bc = b.coreNamespace, ac || bc { return a.gvk > b.gvk }
                return a.gvk < b.gvk
            }
            return a.id < b.id
        }.map(\.resource)
    }
}
