import SwkYAML

/// The fields of a kustomization file that this build understands.
public struct Kustomization {
    public struct LabelSet {
        public var pairs: [(key: String, value: String)] = []
        public var includeSelectors = false
        public var includeTemplates = false
        public var fields: [FieldSpec] = []
    }

    public struct Image {
        public var name = ""
        public var newName = ""
        public var newTag = ""
        public var digest = ""
    }

    public struct Replica {
        public var name = ""
        public var count = 0
    }

    public enum SortOrder: Equatable {
        case legacy(orderFirst: [String]?, orderLast: [String]?)
        case fifo
    }

    public var isComponent = false
    public var resources: [Located<String>] = []
    /// `openapi:`: a schema file whose merge keys replace the built-in Kubernetes ones, or a
    /// built-in version.
    public enum OpenAPI: Sendable { case path(Located<String>), builtin }
    public var openAPI: OpenAPI?
    public var replacements: [ReplacementEntry] = []
    public var vars: [Var] = []
    /// `buildMetadata: [managedByLabel]`: label what this kustomization builds as kustomize's.
    public var addManagedByLabel = false
    /// `buildMetadata: [originAnnotations]`.
    public var addOriginAnnotations = false
    /// `buildMetadata: [transformerAnnotations]`.
    public var addTransformerAnnotations = false
    public var helmCharts: [HelmChartArgs] = []
    /// `helmGlobals.chartHome` ("" for the default, `charts`).
    public var helmChartHome = ""
    /// `generators:` entries: plugin config files, folders of them, or inline configs.
    public var generatorPlugins: [Located<String>] = []
    /// `transformers:` entries: plugin config files, folders of them, or inline configs.
    public var transformers: [Located<String>] = []
    /// `validators:` entries: plugin configs that may inspect but not change the resources.
    public var validators: [Located<String>] = []
    /// Files of extra field specs for the transformers.
    public var configurations: [Located<String>] = []
    /// OpenAPI definition files whose extensions add field specs for custom kinds.
    public var crds: [Located<String>] = []
    /// Component folders, run on this kustomization's resources after its generators.
    public var components: [Located<String>] = []
    public var namePrefix = ""
    public var nameSuffix = ""
    public var namespace = ""
    public var commonLabels: [(key: String, value: String)] = []
    public var labels: [LabelSet] = []
    public var commonAnnotations: [(key: String, value: String)] = []
    public var images: [Image] = []
    public var replicas: [Replica] = []
    public var sortOrder: SortOrder?
    /// `patchesStrategicMerge`, `patches` and `patchesJson6902` entries, each in file order.
    public var patches: [PatchEntry] = []
    public var configMapGenerators: [GeneratorArgs] = []
    public var secretGenerators: [GeneratorArgs] = []
    public var generatorOptions: GeneratorOptions?
    /// kustomize's deprecation warnings for the fields this file uses, in kustomize's order.
    public var deprecationWarnings: [String] = []
    /// Where each top-level field was written, for error messages.
    public var marks: [String: SourceMark] = [:]

    public init() {}

    /// The generator entries in the order kustomize runs them: ConfigMaps, then Secrets.
    public var generators: [GeneratorArgs] { configMapGenerators + secretGenerators }
}
