import ArgumentParser
import Kustomize

struct EditAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an item to the kustomization file.",
        subcommands: [AddResource.self, AddComponent.self, AddPatch.self, AddLabel.self, AddAnnotation.self,
                      AddConfigMap.self, AddSecret.self])
}

struct AddResource: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resource", abstract: "Add resource files or folders (globs expanded).")
    @Flag(name: .customLong("no-verify"), help: "Do not check that the paths exist.") var noVerify = false
    @Argument(help: "Paths or glob patterns.") var paths: [String] = []

    func run() throws {
        guard !paths.isEmpty else { throw CLIError("must specify a resource file") }
        try KustomizationEdit.run { file in
            try file.addPaths("resources", try file.resolvePaths(paths, verify: !noVerify))
        }
    }
}

struct AddComponent: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "component", abstract: "Add component folders (globs expanded).")
    @Argument(help: "Paths or glob patterns.") var paths: [String] = []

    func run() throws {
        guard !paths.isEmpty else { throw CLIError("must specify a component file") }
        try KustomizationEdit.run { file in
            try file.addPaths("components", try file.resolvePaths(paths, verify: true))
        }
    }
}

/// The flags `add patch` and `remove patch` share.
struct PatchOptions: ParsableArguments {
    @Option(help: "Path to the patch file.") var path = ""
    @Option(parsing: .unconditional, help: "The patch itself (it may start with `-`).") var patch = ""
    @Option(help: "API group in patch target.") var group = ""
    @Option(help: "API version in patch target.") var version = ""
    @Option(help: "Resource kind in patch target.") var kind = ""
    @Option(help: "Resource name in patch target.") var name = ""
    @Option(help: "Resource namespace in patch target.") var namespace = ""
    @Option(name: .customLong("label-selector"), help: "labelSelector in patch target.") var labelSelector = ""
    @Option(name: .customLong("annotation-selector"), help: "annotationSelector in patch target.") var annotationSelector = ""

    var argument: KustomizationFile.PatchArgument {
        var p = KustomizationFile.PatchArgument()
        p.path = path; p.patch = patch; p.group = group; p.version = version; p.kind = kind
        p.name = name; p.namespace = namespace; p.labelSelector = labelSelector; p.annotationSelector = annotationSelector
        return p
    }
}

struct AddPatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patch", abstract: "Add an entry to patches.")
    @OptionGroup var options: PatchOptions

    func run() throws {
        let p = options.argument
        try KustomizationEdit.run { try $0.addPatch(p) }
    }
}

struct AddLabel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "label", abstract: "Add commonLabels (or a labels entry): KEY:VALUE.")
    @Flag(name: [.short, .long], help: "Overwrite labels that are already set.") var force = false
    @Flag(name: .customLong("without-selector"), help: "Add a labels entry that leaves selectors alone.") var withoutSelector = false
    @Flag(name: .customLong("include-templates"), help: "Also label pod templates (needs --without-selector).") var includeTemplates = false
    @Argument(help: "Labels.") var labels: [String] = []

    func run() throws {
        let pairs = try KustomizationFile.metadataPairs(labels, kind: .label)
        if includeTemplates && !withoutSelector {
            throw CLIError("--without-selector flag must be specified for --include-templates to work")
        }
        try KustomizationEdit.run {
            try $0.addMetadata(.label, pairs, force: force, withoutSelector: withoutSelector, includeTemplates: includeTemplates)
        }
    }
}

struct AddAnnotation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "annotation", abstract: "Add commonAnnotations: KEY:VALUE.")
    @Flag(name: [.short, .long], help: "Overwrite annotations that are already set.") var force = false
    @Argument(help: "Annotations.") var annotations: [String] = []

    func run() throws {
        let pairs = try KustomizationFile.metadataPairs(annotations, kind: .annotation)
        try KustomizationEdit.run { try $0.addMetadata(.annotation, pairs, force: force) }
    }
}

/// The flags of `add configmap` and `add secret`.
struct GeneratorOptions: ParsableArguments {
    @Argument(help: "The generator's name.") var names: [String] = []
    @Option(name: .customLong("from-literal"), parsing: .unconditionalSingleValue, help: "KEY=VALUE (repeatable).") var literals: [String] = []
    @Option(name: .customLong("from-file"), help: "[KEY=]PATH, comma-separated or repeated; globs expanded.") var files: [String] = []
    @Option(name: .customLong("from-env-file"), help: "A file of KEY=VALUE lines.") var envFile = ""
    @Option(help: "create, merge or replace.") var behavior = ""
    @Option(help: "Namespace of the generated object.") var namespace = ""
    @Flag(name: .customLong("disableNameSuffixHash"), help: "No hash suffix on the name.") var disableNameSuffixHash = false

    func argument(_ kind: KustomizationFile.GeneratorArgument.Kind) throws -> KustomizationFile.GeneratorArgument {
        guard names.count == 1, let name = names.first else { throw CLIError("failed to validate flags: name must be specified once") }
        var g = KustomizationFile.GeneratorArgument(kind: kind, name: name)
        g.literals = literals
        g.files = files.flatMap { $0.split(separator: ",").map(String.init) }
        g.envFile = envFile; g.behavior = behavior; g.namespace = namespace
        g.disableNameSuffixHash = disableNameSuffixHash
        return g
    }
}

struct AddConfigMap: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "configmap", abstract: "Add a configMapGenerator entry (or sources to one).")
    @OptionGroup var options: GeneratorOptions

    func run() throws {
        let g = try options.argument(.configMap)
        try KustomizationEdit.run { try $0.addGenerator(g) }
    }
}

struct AddSecret: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "secret", abstract: "Add a secretGenerator entry (or sources to one).")
    @OptionGroup var options: GeneratorOptions
    @Option(help: "Secret type.") var type = "Opaque"

    func run() throws {
        var g = try options.argument(.secret)
        g.type = type
        try KustomizationEdit.run { try $0.addGenerator(g) }
    }
}
