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
        let changed: [(resource: Resource, ids: [ResourceId])] = resources.resources.compactMap { r in
            r.hasHistory ? (r, r.allIds) : nil
        }
        guard !changed.isEmpty else { return }
        // References change names, never a type: each resource's type is read once, and its kind
        // numbered so the specs for it are found by position.
        var kindNumbers: [String: Int] = [:]
        let referrers = resources.resources.map { r -> (resource: Resource, type: ResourceType, kind: Int) in
            let type = r.resourceType
            if kindNumbers[type.gvk.kind] == nil { kindNumbers[type.gvk.kind] = kindNumbers.count }
            return (r, type, kindNumbers[type.gvk.kind]!)
        }
        for reference in references {
            // Index the renamed resources of the referred kind by every earlier name.
            var byOldName: [String: [Resource]] = [:]
            for (c, ids) in changed where ids.contains(where: { $0.gvk.isSelected(by: reference.referral) }) {
                var seen = Set<String>()
                for id in ids.dropLast() where seen.insert(id.name).inserted {
                    byOldName[id.name, default: []].append(c)
                }
            }
            guard !byOldName.isEmpty else { continue }
            // The specs that can apply to each kind present, in table order (most are for one kind).
            var specsOfKind = Array(repeating: [FieldSpec](), count: kindNumbers.count)
            for (kind, number) in kindNumbers {
                specsOfKind[number] = reference.referrers.filter { $0.gvk.kind.isEmpty || $0.gvk.kind == kind }
            }
            for (referrer, type, kind) in referrers {
                for spec in specsOfKind[kind] where spec.applies(to: type) {
                    try spec.visit(referrer.node, leaf: .scalar) { node, parent, key in
                        try update(node, parent: parent, key: key, referrer: referrer, reference: reference, byOldName: byOldName)
                    }
                }
            }
        }
    }

    private func update(_ node: YAMLNode, parent: YAMLNode, key: String, referrer: Resource,
                        reference: NameReference, byOldName: [String: [Resource]]) throws {
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
                                          candidates: candidates) else { return }
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
                                      candidates: candidates) else { return }
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

    /// Narrows the candidates as kustomize does: same namespace, then same prefixes/suffixes.
    private func select(_ oldName: String, namespace: String?, referrer: Resource, reference: NameReference,
                        candidates: [Resource]) throws -> Resource? {
        var matches = candidates
        if reference.referral.kind == "Role" || reference.referral.kind == "ClusterRole",
           let roleRefKind = referrer.node["roleRef"]?["kind"]?.stringValue {
            matches = matches.filter { $0.kind == roleRefKind }
        }
        let referrerId = referrer.currentId
        if let namespace {
            let wanted = ResourceId(gvk: reference.referral, name: "", namespace: namespace).namespace
            matches = matches.filter { c in c.allIds.contains { $0.namespace == wanted } }
        } else if !referrerId.gvk.isClusterScoped {
            matches = matches.filter { c in
                c.gvk.isClusterScoped || c.kind == "ServiceAccount" || c.currentId.namespace == referrerId.namespace
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
