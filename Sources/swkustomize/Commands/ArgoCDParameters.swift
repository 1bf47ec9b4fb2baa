import ArgumentParser
import Foundation
import HelmChart
import Kustomize
import SwkYAML

/// `swkustomize argocd parameters`: the dynamic parameter announcement ArgoCD shows in its UI —
/// for a chart its values files and top-level values, for an overlay its images and replicas.
struct ArgoCDParameters: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parameters", abstract: "Print the app's parameters as ArgoCD's dynamic parameters JSON.")
    @Argument(help: "The app folder.") var dir = "."

    func run() throws {
        var announcements: [[String: Any]] = []
        switch AppKind.of(dir) {
        case .chart?:
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
                .filter { $0.hasPrefix("values") && ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) }.sorted()
            announcements.append(["name": "values-files", "title": "Values files", "collectionType": "array", "array": files])
            var map: [String: String] = [:]
            if let text = try? String(contentsOfFile: dir + "/values.yaml", encoding: .utf8),
               let root = try YAMLParser.parseDocuments(text, file: dir + "/values.yaml").first, root.isMapping {
                for e in root.entries where e.value.isScalar && !e.value.isNull { map[e.key] = e.value.text }
            }
            announcements.append(["name": "helm-parameters", "title": "Helm parameters", "collectionType": "map", "map": map])
        case .kustomization?:
            let file = try KustomizationFile(dir: dir)
            let k = try YAMLParser.parseDocuments(file.text, file: file.path, schema: .yaml11).first
            let images = (k?["images"]?.items ?? []).compactMap(Self.imageArgument)
            var replicas: [String: String] = [:]
            for r in k?["replicas"]?.items ?? [] {
                if let n = r["name"]?.stringValue, let c = r["count"]?.stringValue { replicas[n] = c }
            }
            announcements.append(["name": "images", "title": "Image overrides (NAME=NEWNAME:TAG)", "collectionType": "array", "array": images])
            announcements.append(["name": "replicas", "title": "Replica counts", "collectionType": "map", "map": replicas])
            announcements.append(["name": "name-prefix", "title": "Name prefix", "collectionType": "string",
                                  "string": k?["namePrefix"]?.stringValue ?? ""])
        case nil:
            throw CLIError("\(dir): no kustomization file or Chart.yaml")
        }
        let data = try JSONSerialization.data(withJSONObject: announcements, options: [.sortedKeys])
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    /// An `images` entry in `edit set image` syntax.
    static func imageArgument(_ node: YAMLNode) -> String? {
        guard let name = node["name"]?.stringValue else { return nil }
        var s = name
        if let n = node["newName"]?.stringValue, !n.isEmpty { s += "=" + n }
        if let t = node["newTag"]?.stringValue, !t.isEmpty { s += ":" + t }
        if let d = node["digest"]?.stringValue, !d.isEmpty { s += "@" + d }
        return s
    }
}
