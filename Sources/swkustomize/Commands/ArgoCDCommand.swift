import ArgumentParser
import Foundation
import HelmChart
import Kustomize
import SwkYAML

/// `swkustomize argocd generate|discover|parameters`: the commands of an ArgoCD
/// config-management plugin (CMP v2 sidecar). ArgoCD runs them in the app folder.
struct ArgoCDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "argocd", abstract: "ArgoCD config-management plugin commands.",
        subcommands: [ArgoCDGenerate.self, ArgoCDDiscover.self, ArgoCDParameters.self])
}

/// Which renderer an app folder takes, as ArgoCD's own discovery decides it.
enum AppKind {
    case kustomization, chart

    static func of(_ dir: String) -> AppKind? {
        let fm = FileManager.default
        if KustomizationFile.names.contains(where: { fm.fileExists(atPath: dir + "/" + $0) }) { return .kustomization }
        if fm.fileExists(atPath: dir + "/Chart.yaml") { return .chart }
        return nil
    }
}

struct ArgoCDDiscover: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Print the file that makes the folder an app (a kustomization or Chart.yaml); print nothing otherwise.")
    @Argument(help: "The app folder.") var dir = "."

    /// ArgoCD takes exit 0 with output as a match and exit 0 without output as no match.
    func run() throws {
        let fm = FileManager.default
        for name in KustomizationFile.names + ["Chart.yaml"] where fm.fileExists(atPath: dir + "/" + name) {
            print(name)
            return
        }
    }
}

struct ArgoCDGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Render the app folder for ArgoCD: manifests on stdout, diagnostics on stderr.")
    @Argument(help: "The app folder.") var dir = "."

    func run() throws {
        let settings = try ArgoCDSettings(environment: ProcessInfo.processInfo.environment)
        let output: [UInt8]
        switch AppKind.of(dir) {
        case .kustomization?: output = try renderKustomization(settings)
        case .chart?: output = Array(try renderChart(settings).utf8)
        case nil: throw CLIError("\(dir): no kustomization file or Chart.yaml")
        }
        let objects = try checkObjects(output, allowEmpty: settings.allowEmpty)
        // Shown in ArgoCD's logs: APIs the destination cluster no longer serves or soon won't.
        if let minor = settings.kubeVersion.flatMap(APICheck.minor) {
            let findings = APICheck.check(objects.map { APICheck.Object(node: $0, file: "") }, minor: minor)
            FileHandle.standardError.write(Data(findings.map { "# Warning: \($0)\n" }.joined().utf8))
        }
        FileHandle.standardOutput.write(Data(output))
    }

    /// Overrides are applied to the kustomization file for the build and undone afterwards.
    func renderKustomization(_ s: ArgoCDSettings) throws -> [UInt8] {
        var file = try KustomizationFile(dir: dir)
        let original = file.text
        if let p = s.namePrefix { try file.setField("namePrefix", p) }
        if let p = s.nameSuffix { try file.setField("nameSuffix", p) }
        if !s.images.isEmpty { try file.setImages(s.images.map { try ImageArgument(parsing: $0) }) }
        if !s.replicas.isEmpty { try file.setReplicas(s.replicas) }
        let edited = file.text != original
        if edited { try file.save() }
        defer {
            if edited { try? Data(original.utf8).write(to: URL(fileURLWithPath: file.path), options: .atomic) }
        }
        let diagnostics = BuildDiagnostics()
        defer {
            if !diagnostics.warnings.isEmpty {
                FileHandle.standardError.write(Data(diagnostics.warnings.map { $0 + "\n" }.joined().utf8))
            }
        }
        return Builder.render(try Builder.build(dir, diagnostics: diagnostics))
    }

    func renderChart(_ s: ArgoCDSettings) throws -> String {
        var files: [String] = []
        for f in s.valuesFiles {
            if f.hasPrefix("/") || f.contains("://") { throw CLIError("values file \(f): must be a path inside the app's repository") }
            files.append(dir + "/" + f)
        }
        var setFile: String?
        if !s.helmSet.isEmpty {
            let path = NSTemporaryDirectory() + "swkustomize-set-\(UUID().uuidString).yaml"
            try Data(YAMLEmitter.emit(HelmSetValues.document(s.helmSet)).utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
            setFile = path
        }
        defer { if let setFile { try? FileManager.default.removeItem(atPath: setFile) } }
        let options = ReleaseOptions(name: s.releaseName, namespace: s.namespace, valuesFiles: files,
                                     kubeVersion: s.kubeVersion, apiVersions: s.apiVersions)
        return try HelmRender.run(chartDir: dir, options: options)
    }

    /// ArgoCD needs every document to be an object with a kind; an empty render with auto-prune
    /// would delete the app's resources, so it is an error unless asked for.
    @discardableResult
    func checkObjects(_ output: [UInt8], allowEmpty: Bool) throws -> [YAMLNode] {
        let docs = try YAMLParser.parseDocuments(String(decoding: output, as: UTF8.self), file: "<rendered>")
        let objects = docs.filter { !$0.isNull }
        for doc in objects where !doc.isMapping || doc["kind"]?.stringValue?.isEmpty != false {
            throw CLIError("rendered document at line \(doc.mark.line) has no kind")
        }
        if objects.isEmpty && !allowEmpty {
            throw CLIError("\(dir) rendered no objects; set ARGOCD_ENV_ALLOW_EMPTY=true if that is intended")
        }
        return objects
    }
}
