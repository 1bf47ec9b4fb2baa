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
        let keyed = resources.map { r -> (Resource, Int, String, String) in
            let gvk = r.gvk
            let ns = r.namespace.isEmpty ? "~X" : r.namespace
            let name = r.name.isEmpty ? "~N" : r.name
            return (r, rank[gvk.kind] ?? 0, gvk.description, "\(gvk)|\(ns)|\(name)")
        }
        return keyed.sorted { a, b in
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            return a.3 < b.3
        }.map(\.0)
    }
}
