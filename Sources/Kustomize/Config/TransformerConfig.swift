/// The field specs every transformer works from. Each build step receives one of these instead of
/// reading the static tables, so a kustomization's `configurations:` and `crds:` can extend it.
public struct TransformerConfig: Sendable {
    /// Where `namePrefix` writes.
    public var namePrefix: [FieldSpec]
    /// Where `nameSuffix` writes.
    public var nameSuffix: [FieldSpec]
    /// Kinds whose names prefix and suffix leave alone.
    public var prefixSuffixSkip: [GVK]
    /// Where every label goes (metadata labels).
    public var metadataLabels: [FieldSpec]
    /// Selectors a label with `includeSelectors` also goes into.
    public var selectorLabels: [FieldSpec]
    /// Pod-template labels (the `includeTemplates` set).
    public var templateLabels: [FieldSpec]
    /// Where `commonAnnotations` go.
    public var commonAnnotations: [FieldSpec]
    /// Where `namespace` writes.
    public var namespace: [FieldSpec]
    /// Where `replicas` writes.
    public var replicas: [FieldSpec]
    /// Which fields refer to which kinds by name, for following renames.
    public var nameReferences: [NameReference]
    /// Sequences whose elements carry an `image` field, wherever they sit in an object.
    public var containerLists: Set<String>
    /// Extra label fields every `labels:` entry writes to (a configurations file's `labels`).
    public var labels: [FieldSpec] = []
    /// Further image fields declared by `configurations:` (the built-in ones are `containerLists`).
    public var images: [FieldSpec] = []
    /// Whether a configurations file has added to the defaults.
    var extended = false
    /// Where `$(VAR)` may appear (used by `vars`). The built-in table is built on first use: most
    /// builds have no vars.
    public var varReferences: [FieldSpec] {
        get { customVarReferences ?? DefaultFieldSpecs.varReferences }
        set { customVarReferences = newValue }
    }
    var customVarReferences: [FieldSpec]? = nil
    /// List merge keys and strategies for strategic-merge patches. The built-in table is parsed on
    /// first use, so builds without patches do not pay for it at start-up.
    var patchSchema: PatchSchema {
        get { customPatchSchema ?? .kubernetes }
        set { customPatchSchema = newValue }
    }
    var customPatchSchema: PatchSchema? = nil

    /// kustomize's built-in tables.
    public static let defaults = TransformerConfig(
        namePrefix: DefaultFieldSpecs.namePrefix, nameSuffix: DefaultFieldSpecs.namePrefix,
        prefixSuffixSkip: DefaultFieldSpecs.prefixSuffixSkip,
        metadataLabels: DefaultFieldSpecs.metadataLabels, selectorLabels: DefaultFieldSpecs.selectorLabels,
        templateLabels: DefaultFieldSpecs.templateLabels, commonAnnotations: DefaultFieldSpecs.commonAnnotations,
        namespace: DefaultFieldSpecs.namespace, replicas: DefaultFieldSpecs.replicas,
        nameReferences: DefaultFieldSpecs.nameReferences, containerLists: DefaultFieldSpecs.containerLists)

    /// `commonLabels`: metadata, selectors and pod templates.
    public var commonLabels: [FieldSpec] { metadataLabels + selectorLabels + templateLabels }

    /// The field specs a `labels:` entry writes to.
    func labelSpecs(_ set: Kustomization.LabelSet) -> [FieldSpec] {
        var specs = metadataLabels
        if set.includeSelectors { specs = commonLabels }
        else if set.includeTemplates { specs += templateLabels }
        return specs + labels + set.fields
    }

    /// This configuration with another's field specs added, as kustomize merges `configurations:`
    /// files and the configurations of the kustomizations below (a spec already present is kept once).
    func merging(_ other: TransformerConfig) -> TransformerConfig {
        // A folder without configurations carries the defaults, which add nothing: skip the work.
        guard other.extended else { return self }
        var merged = self
        merged.extended = true
        merged.namePrefix = Self.union(namePrefix, other.namePrefix)
        merged.nameSuffix = Self.union(nameSuffix, other.nameSuffix)
        merged.metadataLabels = Self.union(metadataLabels, other.metadataLabels)
        merged.selectorLabels = Self.union(selectorLabels, other.selectorLabels)
        merged.templateLabels = Self.union(templateLabels, other.templateLabels)
        merged.commonAnnotations = Self.union(commonAnnotations, other.commonAnnotations)
        merged.namespace = Self.union(namespace, other.namespace)
        merged.replicas = Self.union(replicas, other.replicas)
        merged.images = Self.union(images, other.images)
        merged.labels = Self.union(labels, other.labels)
        merged.varReferences = Self.union(varReferences, other.varReferences)
        for reference in other.nameReferences {
            if let i = merged.nameReferences.firstIndex(where: { $0.referral == reference.referral }) {
                merged.nameReferences[i].referrers = Self.union(merged.nameReferences[i].referrers, reference.referrers)
            } else {
                merged.nameReferences.append(reference)
            }
        }
        return merged
    }

    /// kustomize's merge of field-spec lists: a spec already there for a wider set of kinds at the same
    /// path gives way to the narrower one (a `metadata/name` prefix spec for one kind replaces the
    /// built-in one for all kinds); exact duplicates are kept once.
    private static func union(_ existing: [FieldSpec], _ added: [FieldSpec]) -> [FieldSpec] {
        guard !added.isEmpty else { return existing }
        var result: [FieldSpec] = []
        var seen = Set<String>()
        for spec in added where seen.insert(spec.identity).inserted { result.append(spec) }
        for spec in existing where !seen.contains(spec.identity) {
            let narrowed = added.contains { $0.path == spec.path && $0.gvk.isSelected(by: spec.gvk) }
            if !narrowed { result.append(spec); seen.insert(spec.identity) }
        }
        return result
    }
}
