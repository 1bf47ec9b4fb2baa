import SwkYAML

/// After renames, points every reference (a Deployment's ConfigMap volume, a RoleBinding's
/// roleRef, ...) at the referred resource's new name, using each resource's name history.
struct NameReferenceTransformer: Transformer {
    let references: [NameReference]

    func transform(_ resources: ResourceMap) throws {
        try checkBlankSubjectNamespaces(resources)
        // As in kustomize, only resources a renaming transformer went over (namespace, prefix,
        // suffix, a JSON patch) are referral candidates, found by their earlier names; this even
        // fills in a subject's namespace when the namespace did not change.
        let changed = concurrentMap(resources.resources.filter(\.hasHistory), threshold: 512, Referral.init)
        guard !changed.isEmpty else { return }
        // The renamed resources by each kind they have had, in resource order.
        var byGVK: [GVK: [Int]] = [:]
        for (i, c) in changed.enumerated() {
            for (j, id) in c.ids.enumerated() where !c.ids[..<j].contains(where: { $0.gvk == id.gvk }) {
                byGVK[id.gvk, default: []].append(i)
            }
        }
        // Each reference's renamed resources of the referred kind, by every earlier name.
        let active: [(reference: NameReference, byOldName: [String: [Referral]])] = references.compactMap { reference in
            let referred = Set(byGVK.filter { $0.key.isSelected(by: reference.referral) }.values.joined()).sorted()
            var byOldName: [String: [Referral]] = [:]
            for i in referred {
                let earlier = changed[i].ids.dropLast()
                for (j, id) in earlier.enumerated() where !earlier.prefix(j).contains(where: { $0.name == id.name }) {
                    byOldName[id.name, default: []].append(changed[i])
                }
            }
            return byOldName.isEmpty ? nil : (reference, byOldName)
        }
        guard !active.isEmpty else { return }
        let namespaces = NamespaceIndex(resources.resources)
        // References change names, never a type: each resource's type is read once and numbered,
        // and the (reference, spec) pairs that apply to it are listed once per type, in table order.
        var typeNumbers: [GVK: Int] = [:]
        var plans: [[(reference: Int, spec: FieldSpec)]] = []
        // Reading each type touches every resource's node: on the machine's cores, as the updates.
        let types = concurrentMap(resources.resources, threshold: 512) { $0.resourceType }
        let referrers = zip(resources.resources, types).map { r, type -> (resource: Resource, plan: Int) in
            if let number = typeNumbers[type.gvk] { return (r, number) }
            typeNumbers[type.gvk] = plans.count
            plans.append(active.indices.flatMap { a in
                active[a].reference.referrers.filter { $0.applies(to: type) }.map { (a, $0) }
            })
            return (r, plans.count - 1)
        }
        // Each referrer's fields are its own and the candidates are snapshots, so referrers are
        // updated on the machine's cores; the first error in resource order is the one reported.
        try concurrentForEach(referrers, threshold: 512) { referrer, plan in
            for (a, spec) in plans[plan] {
                try spec.visit(referrer.node, leaf: .scalar) { node, parent, key in
                    try update(node, parent: parent, key: key, referrer: referrer,
                               reference: active[a].reference, byOldName: active[a].byOldName, namespaces: namespaces)
                }
            }
        }
    }

    /// What the selection needs of a renamed resource, read before referrers change: the
    /// referrers are updated in parallel and must not read each other's nodes.
    final class Referral {
        /// `metadata.name` and `metadata.namespace` as written (ids normalise the namespace).
        let name: String
        let namespace: String
        let clusterScoped: Bool
        /// Original, earlier and current ids.
        let ids: [ResourceId]
        let prefixes: [String]
        let suffixes: [String]

        /// The last of `ids` and its kind, kept apart: the selection reads them for every candidate.
        let currentId: ResourceId
        let kind: String

        init(_ resource: Resource) {
            name = resource.name
            namespace = resource.namespace
            clusterScoped = resource.resourceType.clusterScoped
            ids = resource.allIds
            currentId = ids[ids.count - 1]
            kind = currentId.gvk.kind
            prefixes = resource.prefixes
            suffixes = resource.suffixes
        }
    }

    /// The original namespaces of the namespaced resources, by current namespace (normalised as
    /// ids are): kustomize looks for a reference's namespace among the original namespaces of what
    /// the referrer can reach, and only when none has it among their current ones.
    struct NamespaceIndex {
        private var originalByCurrent: [String: Set<String>] = [:]
        private var allOriginal = Set<String>()

        init(_ resources: [Resource]) {
            // The ids are read on the machine's cores (each touches its resource's node); the few
            // distinct namespaces are then gathered in order.
            let namespaces = concurrentMap(resources, threshold: 512) { r -> (current: String, original: String)? in
                r.resourceType.clusterScoped ? nil : (r.currentId.namespace, r.originalId.namespace)
            }
            for case let (current, original)? in namespaces {
                originalByCurrent[current, default: []].insert(original)
                allOriginal.insert(original)
            }
        }

        /// Whether a resource reachable from namespaces `reachable` (nil: from anywhere) was first
        /// read in `namespace`.
        func isOriginal(_ namespace: String, reachableFrom reachable: [String]?) -> Bool {
            guard let reachable else { return allOriginal.contains(namespace) }
            return reachable.contains { originalByCurrent[$0]?.contains(namespace) == true }
        }
    }

    private func update(_ node: YAMLNode, parent: YAMLNode, key: String, referrer: Resource,
                        reference: NameReference, byOldName: [String: [Referral]], namespaces: NamespaceIndex) throws {
        if node.isMapping {
            // A {name, namespace[, kind]} reference such as a RoleBinding subject or webhook service.
            if let kind = node["kind"]?.stringValue, kind != reference.referral.kind { return }
            guard let oldName = node["name"]?.stringValue else { return }
            if let nsNode = node["namespace"], nsNode.isNull || nsNode.text.isEmpty {
                throw KustomizeError("namespace is blank for a \(reference.referral.kind) reference in \(referrer.kind) \(referrer.name)",
                                     file: referrer.file, mark: nsNode.mark)
            }
            // Most fields already hold a name no renamed resource ever had.
            guard let candidates = byOldName[oldName] else { return }
            let ns = node["namespace"]?.stringValue
            guard let target = try select(oldName, namespace: ns, referrer: referrer, reference: reference,
                                          candidates: candidates, namespaces: namespaces) else { return }
            if target.name == oldName && target.namespace == (ns ?? "") { return }
            // kustomize writes these as untagged nodes, so a numeric-looking namespace loses its quotes.
            node["name"] = .plain(target.name)
            if !target.namespace.isEmpty && (ns != nil || reference.referral.kind == "ServiceAccount") {
                node["namespace"] = .plain(target.namespace)
            }
            return
        }
        guard node.isScalar, let oldName = node.stringValue, let candidates = byOldName[oldName] else { return }
        guard let target = try select(oldName, namespace: nil, referrer: referrer, reference: reference,
                                      candidates: candidates, namespaces: namespaces) else { return }
        if target.name == oldName { return }
        if parent.isSequence {
            if let i = parent.items.firstIndex(where: { $0 === node }) { parent.items[i] = .string(target.name) }
        } else {
            parent[key] = .string(target.name)
        }
    }

    /// Whether the shorter list is the tail of the longer one; an empty list matches anything
    /// when `allowEmpty`, else only another empty list.
    static func sameEnding(_ a: [String], _ b: [String], allowEmpty: Bool = true) -> Bool {
        if !allowEmpty && (a.isEmpty != b.isEmpty) { return false }
        let n = min(a.count, b.count)
        return a.suffix(n) == b.suffix(n)
    }

    /// A RoleBinding's ServiceAccount subject must not write a null namespace (kustomize lets an
    /// empty string through, and any namespace in a ClusterRoleBinding).
    private func checkBlankSubjectNamespaces(_ resources: ResourceMap) throws {
        for r in resources.resources where r.kind == "RoleBinding" {
            for subject in r.node["subjects"]?.items ?? [] where subject["kind"]?.stringValue == "ServiceAccount" {
                if let ns = subject["namespace"], ns.isNull {
                    throw KustomizeError("namespace is blank for a ServiceAccount subject of \(r.kind) \(r.name)",
                                         file: r.file, mark: ns.mark)
                }
            }
        }
    }

    /// The namespaces a RoleBinding's ServiceAccount subjects name (none for other kinds).
    private static func serviceAccountSubjectNamespaces(of referrer: Resource) -> Set<String> {
        guard referrer.kind == "RoleBinding" else { return [] }
        var namespaces = Set<String>()
        for subject in referrer.node["subjects"]?.items ?? [] where subject["kind"]?.stringValue == "ServiceAccount" {
            if let ns = subject["namespace"]?.stringValue { namespaces.insert(ns) }
        }
        return namespaces
    }

    /// Narrows the candidates as kustomize does: same namespace, then same prefixes/suffixes.
    private func select(_ oldName: String, namespace: String?, referrer: Resource, reference: NameReference,
                        candidates: [Referral], namespaces: NamespaceIndex) throws -> Referral? {
        var matches = candidates
        if reference.referral.kind == "Role" || reference.referral.kind == "ClusterRole",
           let roleRefKind = referrer.node["roleRef"]?["kind"]?.stringValue {
            matches = matches.filter { $0.kind == roleRefKind }
        }
        let referrerId = referrer.currentId
        let referrerIsNamespaced = !referrerId.gvk.isClusterScoped
        var subjectNamespaces = Set<String>()
        if referrerIsNamespaced {
            // What a namespaced referrer can reach at all: its own namespace, cluster-scoped kinds
            // and, from a RoleBinding, the namespaces of its ServiceAccount subjects.
            subjectNamespaces = Self.serviceAccountSubjectNamespaces(of: referrer)
            matches = matches.filter { c in
                c.clusterScoped || c.currentId.namespace == referrerId.namespace || subjectNamespaces.contains(c.namespace)
            }
        }
        if let namespace {
            // A namespace some reachable resource was first read in names original namespaces;
            // any other names current ones (an intermediate one matches neither).
            let wanted = ResourceId(gvk: reference.referral, name: "", namespace: namespace).namespace
            let reachable = referrerIsNamespaced
                ? [referrerId.namespace] + subjectNamespaces.map { ResourceId(gvk: referrerId.gvk, name: "", namespace: $0).namespace }
                : nil
            if namespaces.isOriginal(wanted, reachableFrom: reachable) {
                matches = matches.filter { $0.ids[0].namespace == wanted }
            } else {
                matches = matches.filter { $0.currentId.namespace == wanted }
            }
        } else if referrerIsNamespaced {
            matches = matches.filter { c in
                c.clusterScoped || c.kind == "ServiceAccount" || c.currentId.namespace == referrerId.namespace
            }
        }
        if matches.count <= 1 { return matches.first }
        // Prefer referrals renamed by the same layers as the referrer: first loosely (an empty
        // history matches anything), then strictly (both empty, or one ends the other).
        let loose = matches.filter {
            Self.sameEnding($0.prefixes, referrer.prefixes) && Self.sameEnding($0.suffixes, referrer.suffixes)
        }
        if loose.count == 1 { return loose[0] }
        let strict = loose.filter {
            Self.sameEnding($0.prefixes, referrer.prefixes, allowEmpty: false)
                && Self.sameEnding($0.suffixes, referrer.suffixes, allowEmpty: false)
        }
        if strict.count == 1 { return strict[0] }
        if strict.isEmpty { return nil }
        matches = strict
        if Set(matches.map { [$0.currentId.name, $0.currentId.namespace] }).count == 1 { return matches[0] }
        throw KustomizeError("found multiple possible referrals for \(reference.referral.kind) \"\(oldName)\": "
            + matches.map { $0.currentId.description }.joined(separator: ", "), file: referrer.file, mark: referrer.node.mark)
    }
}
