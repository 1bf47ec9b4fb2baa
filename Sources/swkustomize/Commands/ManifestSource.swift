import Foundation
import HelmChart
import Kustomize
import SwkYAML

/// What `check` and `diff` compare: a kustomization or chart folder (rendered), a manifest
/// file, or `-` for a stream on stdin.
enum ManifestSource {
    static func load(_ target: String) throws -> [APICheck.Object] {
        if target == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try parse(String(decoding: data, as: UTF8.self), file: "<stdin>")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDir) else {
            throw CLIError("\(target): no such file or folder")
        }
        if !isDir.boolValue {
            let text = try String(contentsOfFile: target, encoding: .utf8)
            return try parse(text, file: target)
        }
        switch AppKind.of(target) {
        case .kustomization?:
            return try Builder.build(target).map { APICheck.Object(node: $0.node, file: $0.file) }
        case .chart?:
            return try parse(try HelmRender.run(chartDir: target, options: ReleaseOptions()), file: "")
        case nil:
            throw CLIError("\(target): no kustomization file or Chart.yaml")
        }
    }

    static func parse(_ text: String, file: String) throws -> [APICheck.Object] {
        try YAMLParser.parseDocuments(text, file: file).filter { !$0.isNull }.flatMap { doc -> [APICheck.Object] in
            // A `List` carries its objects in `items`.
            if doc["kind"]?.stringValue?.hasSuffix("List") == true, let items = doc["items"]?.items {
                return items.map { APICheck.Object(node: $0, file: file) }
            }
            return [APICheck.Object(node: doc, file: file)]
        }
    }
}
