import ArgumentParser
import Foundation
import Kustomize
import KustomizeHelm

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a kustomization target from a directory.")

    @Argument(help: "The kustomization directory.")
    var dir: String = "."

    @Option(name: [.short, .long], help: "Write to this file, or one file per resource into this existing directory.")
    var output: String?

    @Option(name: .customLong("load-restrictor"), help: "LoadRestrictionsRootOnly (default) or LoadRestrictionsNone.")
    var loadRestrictor: String = "LoadRestrictionsRootOnly"

    @Option(name: .customLong("reorder"), help: .hidden)
    var reorder: String?

    @Flag(name: .customLong("enable-managedby-label"), help: .hidden)
    var enableManagedByLabel = false

    @Option(name: .customLong("kube-version"), help: "Warn on stderr about API versions this Kubernetes release removed or deprecates.")
    var kubeVersion: String?

    @OptionGroup(title: "Helm and plugin flags (accepted as kustomize takes them)")
    var passThrough: BuildPassThroughFlags

    func run() throws {
        try BuildInvocation(dir: dir, output: output, loadRestrictor: loadRestrictor, reorder: reorder,
                            enableManagedByLabel: enableManagedByLabel, kubeVersion: kubeVersion,
                            enableHelm: passThrough.enableHelm, helmKubeVersion: passThrough.helmKubeVersion,
                            helmAPIVersions: passThrough.helmAPIVersions).run()
    }
}

/// What `build` was asked, apart from the argument parser: `swkustomize build DIR`, the form ArgoCD
/// and CI run thousands of times, skips ArgumentParser's reflection-heavy set-up (see `fastPath`).
struct BuildInvocation {
    var dir = "."
    var output: String?
    var loadRestrictor = "LoadRestrictionsRootOnly"
    var reorder: String?
    var enableManagedByLabel = false
    var kubeVersion: String?
    var enableHelm = false
    var helmKubeVersion: String?
    var helmAPIVersions: [String] = []

    /// `build` or `build DIR` with nothing else; any flag goes through the full parser.
    static func fastPath(_ args: [String]) -> BuildInvocation? {
        guard args.first == "build", args.count <= 2 else { return nil }
        guard let dir = args.dropFirst().first else { return BuildInvocation() }
        return dir.hasPrefix("-") || dir.isEmpty ? nil : BuildInvocation(dir: dir)
    }

    func run() throws {
        var options = BuildOptions()
        guard let restrictor = BuildOptions.LoadRestrictor(rawValue: loadRestrictor) else {
            throw CLIError("--load-restrictor must be LoadRestrictionsRootOnly or LoadRestrictionsNone, got \(loadRestrictor)")
        }
        options.loadRestrictor = restrictor
        if let reorder {
            guard let r = BuildOptions.Reorder(rawValue: reorder), r != .unspecified else {
                throw CLIError("--reorder must be legacy or none, got \(reorder)")
            }
            options.reorder = r
        }
        options.enableHelm = enableHelm
        if enableHelm { options.chartInflator = HelmChartInflator() }
        options.helmKubeVersion = helmKubeVersion
        options.helmAPIVersions = helmAPIVersions
        options.addManagedByLabel = enableManagedByLabel
            // getenv: ProcessInfo copies the whole environment into a dictionary first.
            || getenv("KUSTOMIZE_ENABLE_MANAGEDBY_LABEL").map { String(cString: $0) } == "on"
        let diagnostics = BuildDiagnostics()
        var apiWarnings: [String] = []
        // kustomize prints its warnings as it reads each kustomization, so they precede any error.
        defer {
            let all = diagnostics.warnings + apiWarnings
            if !all.isEmpty { FileHandle.standardError.write(Data(all.map { $0 + "\n" }.joined().utf8)) }
        }
        let minor = try kubeVersion.map { try CheckCommand.targetMinor($0) }
        let resources = try Builder.build(dir, options: options, diagnostics: diagnostics)
        if let minor {
            for f in APICheck.check(resources.map { APICheck.Object(node: $0.node, file: $0.file) }, minor: minor) {
                apiWarnings.append("# Warning: \(f)")
            }
        }
        if let output {
            try OutputWriter.write(resources, to: output)
        } else {
            // Piece by piece, without a copy: a large build's stream is never held whole.
            try Builder.render(resources) { try FileHandle.standardOutput.write(contentsOf: $0) }
        }
        // The process ends next: freeing every node of a large build one by one costs about 5%
        // of the run for nothing.
        _ = Unmanaged.passRetained(KeptUntilExit(resources))
    }
}

/// What a command leaves for the process's end to reclaim.
final class KeptUntilExit<Kept> {
    let kept: Kept
    init(_ kept: Kept) { self.kept = kept }
}

struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
