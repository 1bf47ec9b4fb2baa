import Foundation
import Kustomize
import SwkYAML

/// `template --output`: the stream into a file, or one file per object into an existing
/// directory, named as `build --output` names them.
enum TemplateOutput {
    static func write(_ stream: String, to path: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            return try Data(stream.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
        let docs = try YAMLParser.parseDocuments(stream, file: "<template>").filter { $0.isMapping }
        try OutputWriter.writeDirectory(docs.map { Resource(node: $0, file: "") }, to: path)
    }
}
