import ArgumentParser
import Kustomize

struct EditRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Remove items from the kustomization file.",
        subcommands: [RemoveResource.self, RemovePatch.self, RemoveLabel.self, RemoveAnnotation.self,
                      RemoveConfigMap.self, RemoveSecret.self])
}

struct RemoveResource: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "resource", abstract: "Remove resources matching the paths or globs.")
    @Argument(help: "Paths or glob patterns.") var paths: [String] = []

    func run() throws {
        guard !paths.isEmpty else { throw CLIError("must specify a resource file") }
        try KustomizationEdit.run { try $0.removeResources(paths) }
    }
}

struct RemovePatch: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "patch", abstract: "Remove the patches entries equal to the one described.")
    @OptionGroup var options: PatchOptions

    func run() throws {
        let p = options.argument
        try KustomizationEdit.run { try $0.removePatch(p) }
    }
}

struct RemoveLabel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "label", abstract: "Remove commonLabels: KEY1,KEY2.")
    @Flag(name: [.customShort("i"), .customLong("ignore-non-existence")], help: "Do not fail on labels that are not set.") var ignore = false
    @Argument(help: "Comma-separated keys.") var keys: [String] = []

    func run() throws {
        let names = try KustomizationFile.metadataNames(keys, kind: .label)
        try KustomizationEdit.run { try $0.removeMetadata(.label, names, ignoreMissing: ignore) }
    }
}

struct RemoveAnnotation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "annotation", abstract: "Remove commonAnnotations: KEY1,KEY2.")
    @Flag(name: [.customShort("i"), .customLong("ignore-non-existence")], help: "Do not fail on annotations that are not set.") var ignore = false
    @Argument(help: "Comma-separated keys.") var keys: [String] = []

    func run() throws {
        let names = try KustomizationFile.metadataNames(keys, kind: .annotation)
        try KustomizationEdit.run { try $0.removeMetadata(.annotation, names, ignoreMissing: ignore) }
    }
}

/// `remove configmap|secret NAME[,NAME] [--namespace NS]`.
protocol RemoveGeneratorCommand: ParsableCommand {
    static var kind: KustomizationFile.GeneratorArgument.Kind { get }
    var names: [String] { get }
    var namespace: String { get }
}

extension RemoveGeneratorCommand {
    func run() throws {
        let what = Self.kind.rawValue
        guard let arg = names.first else { throw CLIError("at least one \(what) name must be specified") }
        guard names.count == 1 else {
            throw CLIError("too many arguments: [\(names.joined(separator: " "))]; to provide multiple \(what)s to remove, please separate \(what) names by commas")
        }
        let list = arg.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        try KustomizationEdit.run { try $0.removeGenerators(Self.kind, names: list, namespace: namespace) }
    }
}

struct RemoveConfigMap: RemoveGeneratorCommand {
    static let configuration = CommandConfiguration(commandName: "configmap", abstract: "Remove configMapGenerator entries: NAME[,NAME].")
    static let kind = KustomizationFile.GeneratorArgument.Kind.configMap
    @Option(help: "Namespace of the generators to remove.") var namespace = ""
    @Argument(help: "Comma-separated names.") var names: [String] = []
}

struct RemoveSecret: RemoveGeneratorCommand {
    static let configuration = CommandConfiguration(commandName: "secret", abstract: "Remove secretGenerator entries: NAME[,NAME].")
    static let kind = KustomizationFile.GeneratorArgument.Kind.secret
    @Option(help: "Namespace of the generators to remove.") var namespace = ""
    @Argument(help: "Comma-separated names.") var names: [String] = []
}
