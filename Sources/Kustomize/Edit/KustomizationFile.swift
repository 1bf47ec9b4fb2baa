import Foundation
import SwkYAML

/// The kustomization file of a folder, opened for `edit`: its text goes through a
/// `YAMLTextEditor`, and `save` writes it back only if it still parses.
public struct KustomizationFile {
    /// The file names kustomize accepts, in the order it looks for them.
    public static let names = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// The folder holding the file.
    public let dir: String
    /// The file's path.
    public let path: String
    /// The file's text and the edits made to it.
    public var editor: YAMLTextEditor
    /// Notes kustomize logs instead of failing (an entry already present, a pattern with no match).
    public var notes: [String] = []

    /// The kustomization file name in `dir`, as kustomize looks for it.
    public static func find(in dir: String) throws -> String {
        let found = names.filter { FileManager.default.fileExists(atPath: FilePaths.join(dir, $0)) }
        guard let name = found.first else {
            throw KustomizeError("Missing kustomization file 'kustomization.yaml'.")
        }
        guard found.count == 1 else { throw KustomizeError("Found multiple kustomization file: [\(found.joined(separator: " "))]") }
        let path = FilePaths.join(dir, name)
        if FilePaths.isDirectory(path) { throw KustomizeError("\(name) should be a file") }
        return name
    }

    /// Opens the kustomization file of `dir`; throws when there is none, several, or one that is not a mapping.
    public init(dir: String) throws {
        self.dir = dir
        let name = try Self.find(in: dir)
        path = FilePaths.join(dir, name)
        let text = String(decoding: try FilePaths.readBytes(path), as: UTF8.self)
        editor = YAMLTextEditor(text: text, file: path)
        if let root = try editor.root(), !root.isNull, root.kind != .mapping {
            throw KustomizeError("a kustomization must be a mapping", file: path)
        }
    }

    /// A file of `text` (nothing read from disk), for tests and in-memory edits.
    public init(text: String, path: String, dir: String = ".") {
        self.dir = dir
        self.path = path
        editor = YAMLTextEditor(text: text, file: path)
    }

    /// The current text, edits included.
    public var text: String { editor.text }

    /// Writes the edited text in place (keeping the file's mode), after checking it still reads as YAML.
    public func save() throws {
        do { _ = try YAMLParser.parseDocuments(editor.text, file: path, schema: .yaml11) } catch let e as YAMLError {
            throw KustomizeError("the edit would leave invalid YAML (\(e.message)); the file was not changed", file: path, mark: e.mark)
        }
        let url = URL(fileURLWithPath: path)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        try Data(editor.bytes).write(to: url, options: .atomic)
        if let mode = attributes?[.posixPermissions] {
            try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
    }

    // MARK: reading the current values

    /// The top-level key as written: kustomize matches field names case-insensitively.
    func key(_ field: String) throws -> String {
        guard let root = try editor.root(), root.kind == .mapping else { return field }
        return root.keys.first(where: { $0.text == field })?.text
            ?? root.keys.first(where: { $0.text.lowercased() == field.lowercased() })?.text ?? field
    }

    func node(_ field: String) throws -> YAMLSpan? {
        try editor.node(at: [.key(key(field))])
    }

    /// The scalar items of a top-level list.
    func strings(_ field: String) throws -> [String] {
        guard let seq = try node(field), seq.kind == .sequence else { return [] }
        return seq.items.map(\.text)
    }

    /// The string entries of a top-level map.
    func stringMap(_ field: String) throws -> [String: String]? {
        guard let map = try node(field), map.kind == .mapping else { return nil }
        var out: [String: String] = [:]
        for (k, v) in zip(map.keys, map.values) { out[k.text] = v.text }
        return out
    }

    /// Top-level list items that are maps: each item's scalar fields.
    func records(_ field: String) throws -> [[String: YAMLSpan]] {
        guard let seq = try node(field), seq.kind == .sequence else { return [] }
        return seq.items.map { item in
            var out: [String: YAMLSpan] = [:]
            for (k, v) in zip(item.keys, item.values) { out[k.text] = v }
            return out
        }
    }
}
