import SwkYAML

/// `buildMetadata:` as the build uses it. kustomize hands the top kustomization's list down to every
/// kustomization below (replacing theirs), so only the top decides what gets written.
struct BuildMetadata {
    var managedByLabel = false
    var originAnnotations = false
    var transformerAnnotations = false
    /// kustomize keeps origins and transformations in annotations whenever `buildMetadata` lists
    /// anything (`managedByLabel` alone, or a value it ignores), and strips what was not asked
    /// for at the end: a transformer notes itself in every case.
    var tracksTransformations = false

    init(_ k: Kustomization) {
        managedByLabel = k.addManagedByLabel
        originAnnotations = k.addOriginAnnotations
        transformerAnnotations = k.addTransformerAnnotations
        tracksTransformations = k.listsBuildMetadata
    }

    static let originKey = "config.kubernetes.io/origin"
    static let transformationsKey = "alpha.config.kubernetes.io/transformations"

    /// Writes the origin and transformations annotations the options ask for, relative to the top
    /// folder `root`, and drops any an input file carried that they do not (kustomize always strips them).
    func annotate(_ resources: ResourceMap, relativeTo root: String) {
        // Each resource's annotations are its own: a large build sets them on the machine's cores.
        _ = concurrentMap(resources.resources, threshold: 512) { r in
            let origin = originAnnotations ? r.origin.map { $0.annotation(relativeTo: root) } : nil
            let transformations = transformerAnnotations && !r.transformations.isEmpty
                ? r.transformations.map { $0.transformationItem(relativeTo: root) }.joined() : nil
            set(Self.originKey, origin, on: r)
            set(Self.transformationsKey, transformations, on: r)
        }
    }

    private func set(_ key: String, _ value: String?, on r: Resource) {
        if let value {
            r.node.mappingCreating("metadata").mappingCreating("annotations")[key] = .string(value)
        } else if let metadata = r.node["metadata"], let annotations = metadata["annotations"], annotations[key] != nil {
            annotations[key] = nil
            if annotations.entries.isEmpty && !r.hasInternalAnnotations { metadata["annotations"] = nil }
        }
    }
}

extension ResourceMap {
    /// kustomize's record of a transformer having run: every resource notes it, and one without an
    /// origin takes the transformer as its origin (kustomize assumes the transformer made it).
    /// kustomize writes that record by setting each resource's annotations back from a string
    /// map, so their values are strings from then on (a later JSON patch keeps `+1` as written).
    func noteTransformation(_ by: Origin) {
        for r in resources {
            if r.origin == nil { r.origin = by } else { r.transformations.append(by) }
            Resource.annotationValuesAsStrings(r.node)
        }
    }
}
