import ArgumentParser

/// `swkustomize version`: ArgoCD reads the first semver in this output to decide which flags and
/// edit forms it may use, so the kustomize release we match comes first, our own version after it.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print the kustomize version this build matches, then swkustomize's.")

    static let kustomizeVersion = "v5.5.0"
    static let ownVersion = "0.1.0"

    @Flag(help: "Short form (kept for ArgoCD, which calls `version --short`).") var short = false
    @Option(name: [.short, .long], help: "yaml or json.") var output: String?

    func run() throws {
        if short && output != nil { throw CLIError("--short and --output are mutually exclusive") }
        let k = Self.kustomizeVersion, own = Self.ownVersion
        switch output {
        case nil:
            print(short ? "{kustomize/\(k)  swkustomize/\(own)}" : "\(k) (swkustomize \(own))")
        case "yaml"?:
            print("version: \(k)\nswkustomize: \(own)\n")
        case "json"?:
            print("{\n  \"version\": \"\(k)\",\n  \"swkustomize\": \"\(own)\"\n}")
        case let other?:
            throw CLIError("--output must be yaml or json, got \(other)")
        }
    }
}
