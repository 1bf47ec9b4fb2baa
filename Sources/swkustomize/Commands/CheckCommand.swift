import ArgumentParser
import Foundation
import Kustomize

/// `swkustomize check [--kube-version X.Y] PATH|-`: reports objects whose API version the
/// target Kubernetes release removed (exit 1) or is about to remove (a warning).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Report removed and deprecated Kubernetes API versions in a render or a manifest stream.")

    @Option(name: .customLong("kube-version"), help: "Target Kubernetes version (default: the newest release the table knows).")
    var kubeVersion: String?

    @Argument(help: "A kustomization or chart folder, a manifest file, or - for stdin.")
    var target = "."

    func run() throws {
        let minor = try CheckCommand.targetMinor(kubeVersion)
        let findings = APICheck.check(try ManifestSource.load(target), minor: minor)
        for f in findings { print(f) }
        let removed = findings.filter(\.removed).count
        if findings.isEmpty { FileHandle.standardError.write(Data("no removed or deprecated APIs for Kubernetes 1.\(minor)\n".utf8)) }
        if removed > 0 { throw ExitCode(1) }
    }

    static func targetMinor(_ version: String?) throws -> Int {
        guard let version else { return APICheck.latestMinor }
        guard let m = APICheck.minor(version) else { throw CLIError("--kube-version must look like 1.29 or v1.29.0, got \(version)") }
        return m
    }
}
