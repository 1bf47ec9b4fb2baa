import SwkYAML

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
        // Keys as UTF-8 bytes: Go compares strings byte by byte (Swift's `<` orders by Unicode
        // scalars after normalising, and is slower). Each resource's key reads only its own node.
        let keyed = concurrentMap(resources, threshold: 1024) { r -> (resource: Resource, rank: Int, gvk: [UInt8], id: [UInt8], coreNamespace: Bool?) in
            let gvk = r.gvk, metadata = r.node["metadata"]
            let ns = metadata?["namespace"]?.stringValue ?? "", name = metadata?["name"]?.stringValue ?? ""
            let gvkText = gvk.description
            let coreNamespace: Bool? = gvk.kind == "Namespace" ? gvk.group.isEmpty : nil
            return (r, rank[gvk.kind] ?? 0, Array(gvkText.utf8),
                    Array("\(gvkText)|\(ns.isEmpty ? "~X" : ns)|\(name.isEmpty ? "~N" : name)".utf8), coreNamespace)
        }
        return keyed.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.gvk != b.gvk {
                // kustomize puts the core Namespace before same-named kinds of other groups.
                if let ac = a.coreNamespace, let bc = b.coreNamespace, ac || bc { return bytesPrecede(b.gvk, a.gvk) }
                return bytesPrecede(a.gvk, b.gvk)
            }
            return bytesPrecede(a.id, b.id)
        }.map(\.resource)
    }

    private static func bytesPrecede(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.precedesInGoOrder(y) } }
    }
}
