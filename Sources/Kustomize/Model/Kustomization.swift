import SwkYAML

/// The fields of a kustomization file that this build understands.
public struct Kustomization {
    /// One `labels:` entry: label pairs and where they go.
    public struct LabelSet {
        /// The labels, in file order.
        public var pairs: [(key: String, value: String)] = []
        /// Also write them into selectors (as `commonLabels` does).
        public var includeSelectors = false
        /// Also write them into pod templates (without selectors).
        public var includeTemplates = false
        /// Extra field specs (`fields:`) to write them to.
        public var fields: [FieldSpec] = []
    }

    /// One `images:` entry.
    public struct Image {
        /// The image name to match in containers (without tag or digest).
        public var name = ""
        /// A replacement name; empty keeps the name.
        public var newName = ""
        /// A replacement tag; empty keeps the tag.
        public var newTag = ""
        /// A digest, which wins over `newTag`.
        public var digest = ""
    }

    /// One `replicas:` entry.
    public struct Replica {
        /// The workload's name.
        public var name = ""
        /// The replica count to set.
        public var count = 0
    }

    /// `sortOptions`: kustomize's legacy kind order (optionally with its own first and last kinds) or input order.
    public enum SortOrder: Equatable {
        /// kustomize's kind order, with `orderFirst`/`orderLast` kinds replacing its own lists when given.
        case legacy(orderFirst: [String]?, orderLast: [String]?)
        /// The order the resources were read in.
        case fifo
    }

    /// `kind: Component`: a component, run on its parent's resources.
    public var isComponent = false
    /// `resources:` entries (files, folders or remote URLs), in file order.
    public var resources: [Located<String>] = []
    /// `openapi:`: a schema file whose merge keys replace the built-in Kubernetes ones, or a
    /// built-in version.
    public enum OpenAPI: Sendable { case path(Located<String>), builtin }
    /// The `openapi:` setting, when present.
    public var openAPI: OpenAPI?
    /// `replacements:` entries, inline or by path.
    public var replacements: [ReplacementEntry] = []
    /// `vars:` entries.
    public var vars: [Var] = []
    /// `buildMetadata: [managedByLabel]`: label what this kustomization builds as kustomize's.
    public var addManagedByLabel = false
    /// `buildMetadata: [originAnnotations]`.
    public var addOriginAnnotations = false
    /// `buildMetadata: [transformerAnnotations]`.
    public var addTransformerAnnotations = false
    /// `buildMetadata:` lists anything, known or not.
    public var listsBuildMetadata = false
    /// `helmCharts:` entries.
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
    /// `namePrefix`.
    public var namePrefix = ""
    /// `nameSuffix`.
    public var nameSuffix = ""
    /// `namespace`: set on every namespaced resource.
    public var namespace = ""
    /// `commonLabels`, in file order (written into selectors too).
    public var commonLabels: [(key: String, value: String)] = []
    /// `labels` entries.
    public var labels: [LabelSet] = []
    /// `commonAnnotations`, in file order.
    public var commonAnnotations: [(key: String, value: String)] = []
    /// `images` entries.
    public var images: [Image] = []
    /// `replicas` entries.
    public var replicas: [Replica] = []
    /// `sortOptions`; nil keeps the default (legacy order).
    public var sortOrder: SortOrder?
    /// `patchesStrategicMerge`, `patches` and `patchesJson6902` entries, each in file order.
    public var patches: [PatchEntry] = []
    /// `configMapGenerator` entries.
    public var configMapGenerators: [GeneratorArgs] = []
    /// `secretGenerator` entries.
    public var secretGenerators: [GeneratorArgs] = []
    /// `generatorOptions`, the defaults of every generator entry.
    public var generatorOptions: GeneratorOptions?
    /// kustomize's deprecation warnings for the fields this file uses, in kustomize's order.
    public var deprecationWarnings: [String] = []
    /// Where each top-level field was written, for error messages.
    public var marks: [String: SourceMark] = [:]

    /// An empty kustomization.
    public init() {}

    /// The generator entries in the order kustomize runs them: ConfigMaps, then Secrets.
    public var generators: [GeneratorArgs] { configMapGenerators + secretGenerators }
}
