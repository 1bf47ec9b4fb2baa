import ArgumentParser

@main
struct SwKustomize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swkustomize",
        abstract: "Render Kubernetes manifests from kustomizations and Helm charts.",
        version: "0.1.0",
        subcommands: [BuildCommand.self]
    )
}
