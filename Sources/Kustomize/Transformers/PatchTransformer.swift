import SwkYAML

/// Applies one loaded patch (a `patches`, `patchesStrategicMerge` or `patchesJson6902` entry) as
/// kustomize's patch transformers do.
struct PatchTransformer: Transformer {
    let patch: LoadedPatch
    let entry: PatchEntry
    let schema: MergeKeyLookup
    /// `buildMetadata` asks for origins or transformations, which kustomize keeps in annotations.
    var tracksTransformations = false

    func transform(_ resources: ResourceMap) throws {
        switch patch.body {
        case .strategicMerge(let documents):
            for document in documents { try applyStrategicMerge(document, to: resources) }
        case .json6902(let operations):
            try applyJSON6902(operations, to: resources)
        }
    }

    /// Without a target, a strategic-merge patch names its resource by its own id (any id the
    /// resource has had), and exactly one must match.
    private func applyStrategicMerge(_ document: YAMLNode, to resources: ResourceMap) throws {
        let selected: [Resource]
        if let target = entry.target {
            selected = try ResourceSelector(target).select(resources)
        } else {
            let id = LoadedPatch.id(of: document)
            let matches = resources.resources(matchingAnyId: id)
            guard matches.count == 1 else {
                let what = matches.isEmpty ? "no resource matches" : "several resources match"
                throw patch.error("\(what) the patch's id \(id.kustomizeDescription)", at: document.mark)
            }
            selected = matches
        }
        try resources.update(selected) { r in try mergeStrategically(document, into: r) }
    }

    /// One resource: the patch takes the resource's apiVersion; name, kind and namespace stay
    /// unless the entry's options allow a change. Returns false when the patch deleted the resource.
    private func mergeStrategically(_ document: YAMLNode, into r: Resource) throws -> Bool {
        let name = r.name, kind = r.kind, namespace = r.node["metadata"]?["namespace"]
        let patchDocument = document.deepCopy()
        if entry.field == .patchesStrategicMerge || entry.target != nil { Self.metadataMapsAsStrings(patchDocument) }
        if let apiVersion = r.node["apiVersion"] { patchDocument["apiVersion"] = apiVersion.deepCopy() }
        if entry.allowNameChange || entry.allowKindChange { r.rememberId() }
        let merged: YAMLNode?
        do {
            merged = try StrategicMerge.apply(patchDocument, to: r.node, gvk: r.gvk, schema: schema, patchIsCopy: true)
        } catch let e as KustomizeError {
            throw patch.error("\(e.message) (patching \(r.currentId.kustomizeDescription))", at: e.mark == .unknown ? document.mark : e.mark)
        }
        guard let merged, merged.isMapping, !merged.entries.isEmpty else { return false }
        r.replaceNode(merged)
        if !entry.allowKindChange { merged["kind"] = .string(kind) }
        if !entry.allowNameChange { merged.mappingCreating("metadata")["name"] = .string(name) }
        if let metadata = merged["metadata"] { metadata["namespace"] = namespace }
        Resource.dropEmptyAnnotations(merged, keepEmpty: r.hasInternalAnnotations)
        return true
    }

    /// kustomize's resource-map strategic merge (`patchesStrategicMerge`, its plugin, and a
    /// `patches` entry with a target; not one found by its own id) first sets a patch's labels
    /// and annotations back from string maps: each value becomes its text as
    /// written (`null` and `~` too, so they no longer delete; a map or list ""), and a map left
    /// empty, or null, leaves the patch.
    static func metadataMapsAsStrings(_ patch: YAMLNode) {
        guard let metadata = patch["metadata"], metadata.isMapping else { return }
        for field in ["labels", "annotations"] {
            guard let map = metadata[field] else { continue }
            guard map.isMapping, !map.entries.isEmpty else { metadata[field] = nil; continue }
            for e in map.entries {
                map[e.key] = .string(e.value.isScalar ? e.value.text : "")
            }
        }
    }

    private func applyJSON6902(_ operations: JSONPatch, to resources: ResourceMap) throws {
        guard let target = entry.target else {
            throw patch.error("a JSON 6902 patch needs a target", at: entry.mark)
        }
        let selected = try ResourceSelector(target).select(resources)
        try resources.update(selected) { r in
            let before = r.rememberId()
            // kustomize's annotations map is never absent while it patches: it holds the id
            // history it keeps there, so adding `/metadata/annotations/x` to a resource without
            // annotations works. An empty map stands for it and is dropped again below.
            if let metadata = r.node["metadata"], metadata.isMapping, metadata["annotations"] == nil {
                metadata["annotations"] = .mapping([])
            }
            let annotationsBefore = r.node["metadata"]?["annotations"]
            let result: YAMLNode
            do {
                // In place: kustomize patches a JSON copy, but a failed patch fails the build anyway.
                result = try operations.edit(r.node)
            } catch let e as KustomizeError {
                throw patch.error("\(e.message) (patching \(before.kustomizeDescription))", at: e.mark)
            }
            guard result.isMapping else {
                throw patch.error("the patched \(r.currentId.kustomizeDescription) is no longer an object", at: entry.mark)
            }
            r.replaceNode(result)
            r.unshareScalars()
            JSONRoundTrip.annotationValues(result)
            if tracksTransformations && result["metadata"]?["annotations"] !== annotationsBefore {
                // The patch replaced the annotations map, and with it the origin and transformations
                // kustomize records there: the next transformer's note becomes the origin.
                r.origin = nil
                r.transformations = []
            }
            Resource.dropEmptyAnnotations(result, keepEmpty: r.hasInternalAnnotations)
            return true
        }
    }
}

extension ResourceId {
    /// kustomize's `ResId.String()`: `Kind.version.group/name.namespace`.
    var kustomizeDescription: String {
        let gv = gvk.group.isEmpty ? gvk.version : "\(gvk.version).\(gvk.group)"
        return "\(gvk.kind).\(gv)/\(name).\(namespace.isEmpty ? "[noNs]" : namespace)"
    }
}
