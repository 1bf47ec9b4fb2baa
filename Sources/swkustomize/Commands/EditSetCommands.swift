import ArgumentParser
import Kustomize

struct EditSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set a field of the kustomization file.",
        subcommands: [SetNamePrefix.self, SetNameSuffix.self, SetNamespace.self, SetImage.self,
                      SetReplicas.self, SetLabel.self, SetAnnotation.self])
}

/// `set nameprefix|namesuffix|namespace VALUE` (ArgoCD passes `--` before the value).
protocol SetFieldCommand: ParsableCommand {
    static var field: String { get }
    static var what: String { get }
    var values: [String] { get }
}

extension SetFieldCommand {
    func run() throws {
        guard values.count == 1, let value = values.first else {
            throw CLIError("must specify exactly one \(Self.what) value")
        }
        try KustomizationEdit.run { try $0.setField(Self.field, value) }
    }
}

struct SetNamePrefix: SetFieldCommand {
    static let configuration = CommandConfiguration(commandName: "nameprefix", abstract: "Set namePrefix.")
    static let field = "namePrefix", what = "prefix"
    @Argument(help: "The prefix.") var values: [String] = []
}

struct SetNameSuffix: SetFieldCommand {
    static let configuration = CommandConfiguration(commandName: "namesuffix", abstract: "Set nameSuffix.")
    static let field = "nameSuffix", what = "suffix"
    @Argument(help: "The suffix.") var values: [String] = []
}

struct SetNamespace: SetFieldCommand {
    static let configuration = CommandConfiguration(commandName: "namespace", abstract: "Set namespace.")
    static let field = "namespace", what = "namespace"
    @Argument(help: "The namespace.") var values: [String] = []
}

struct SetImage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Set images: NAME[=NEWNAME][:TAG][@DIGEST]; `*` keeps the current new name, tag or digest.")
    @Argument(help: "Image overrides.") var images: [String] = []

    func run() throws {
        let args = try images.map { try ImageArgument(parsing: $0) }
        try KustomizationEdit.run { try $0.setImages(args) }
    }
}

struct SetReplicas: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replicas", abstract: "Set replica counts: NAME=COUNT.")
    @Argument(help: "Replica overrides.") var replicas: [String] = []

    func run() throws {
        let args = try replicas.map { try KustomizationFile.replicaArgument($0) }
        try KustomizationEdit.run { try $0.setReplicas(args) }
    }
}

struct SetLabel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "label", abstract: "Add or overwrite commonLabels: KEY:VALUE.")
    @Argument(help: "Labels.") var labels: [String] = []

    func run() throws {
        let pairs = try KustomizationFile.metadataPairs(labels, kind: .label)
        try KustomizationEdit.run { try $0.setMetadata(.label, pairs) }
    }
}

struct SetAnnotation: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "annotation", abstract: "Add or overwrite commonAnnotations: KEY:VALUE.")
    @Argument(help: "Annotations.") var annotations: [String] = []

    func run() throws {
        let pairs = try KustomizationFile.metadataPairs(annotations, kind: .annotation)
        if pairs.contains(where: { !MetadataKey.isValid($0.key) }) {
            throw CLIError("invalid annotation key: see the syntax and character set rules at https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/")
        }
        try KustomizationEdit.run { try $0.setMetadata(.annotation, pairs) }
    }
}

/// Kubernetes' qualified-name rule for annotation keys (`[prefix/]name`), as `set annotation` checks it.
enum MetadataKey {
    static func isValid(_ key: String) -> Bool {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let name = parts.last else { return false }
        if parts.count == 2 {
            let prefix = parts[0]
            guard !prefix.isEmpty, prefix.count <= 253, let f = prefix.first, f.isASCII && f.isLetter,
                  let l = prefix.last, l.isASCII && (l.isLetter || l.isNumber),
                  prefix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) else { return false }
        }
        guard !name.isEmpty, name.count <= 63, let f = name.first, let l = name.last,
              f.isASCII && (f.isLetter || f.isNumber), l.isASCII && (l.isLetter || l.isNumber) else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }
}
