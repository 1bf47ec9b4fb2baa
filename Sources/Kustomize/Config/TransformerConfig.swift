/// The field specs every transformer works from. Each build step receives one of these instead of
/// reading the static tables, so a kustomization's `configurations:` and `crds:` can extend it.
public struct TransformerConfig: Sendable {
    public var namePrefix: [FieldSpec]
    public var nameSuffix: [FieldSpec]
    /// Kinds whose names prefix and suffix leave alone.
    public var prefixSuffixSkip: [GVK]
    public var metadataLabels: [FieldSpec]
    /// Selectors a label with `includeSelectors` also goes into.
    public var selectorLabels: [FieldSpec]
    /// Pod-template labels (the `includeTemplates` set).
    public var templateLabels: [FieldSpec]
    public var commonAnnotations: [FieldSpec]
    public var namespace: [FieldSpec]
    public var replicas: [FieldSpec]
    public var nameReferences: [NameReference]
    /// Sequences whose elements carry an `image` field, wherever they sit in an object.
    public var containerLists: Set<String>
    /// List merge keys and strategies for strategic-merge patches. The built-in table is parsed on
    /// first use, so builds without patches do not pay for it at start-up.
    var patchSchema: PatchSchema {
        get { customPatchSchema ?? .kubernetes }
        set { customPatchSchema = newValue }
    }
    private var customPatchSchema: PatchSchema?

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
        return specs + set.fields
    }
}
