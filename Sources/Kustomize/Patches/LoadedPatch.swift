import Foundation
import SwkYAML

/// A patch read from its file or its inline text and classified as kustomize does: YAML objects
/// are strategic-merge patches, a list of operations is a JSON 6902 patch.
struct LoadedPatch {
    enum Body {
        case strategicMerge([YAMLNode])
        case json6902(JSONPatch)
    }

    let body: Body
    /// Where the patch text lives: its own file, or the kustomization for an inline patch.
    let file: String
    /// Lines of the patch text start after this line of `file` (0 for a patch file).
    let lineOffset: Int
    /// Appended to messages about a patch file: where the kustomization lists it.
    let listedAt: String

    /// An error at a position inside the patch text.
    func error(_ message: String, at mark: SourceMark) -> KustomizeError {
        let line = mark.line > 0 ? mark.line + lineOffset : 0
        return KustomizeError(message + listedAt, file: file, mark: SourceMark(line: line, column: line > 0 ? mark.column : 0))
    }

    static func load(_ entry: PatchEntry, in folder: FileLoader.Folder, loader: FileLoader) throws -> LoadedPatch {
        let file: String, lineOffset: Int, listedAt: String, cacheKey: String
        let readText: () throws -> String
        switch entry.body {
        case .file(let path):
            let (resolved, canonical) = try loader.allowedFile(path, in: folder, what: "patch")
            file = resolved
            lineOffset = 0
            listedAt = " (patch listed in \(folder.file):\(path.mark.line))"
            cacheKey = canonical
            readText = {
                guard let text = String(validating: try FilePaths.readBytes(canonical), as: UTF8.self) else {
                    throw KustomizeError("patch file is not valid UTF-8", file: resolved)
                }
                return text
            }
        case .inline(let patch):
            file = folder.file
            lineOffset = max(patch.mark.line - 1, 0)
            listedAt = ""
            cacheKey = "\u{0}" + patch.value
            readText = { patch.value }
        }
        let shell = LoadedPatch(body: .strategicMerge([]), file: file, lineOffset: lineOffset, listedAt: listedAt)
        let parsed: ParsedFiles.ParsedPatch
        if let known = loader.parsed.patch(cacheKey) {
            parsed = known
        } else {
            parsed = try parse(try readText(), file: file, shell: shell)
            loader.parsed.remember(parsed, at: cacheKey)
        }
        let documents: [YAMLNode]
        switch parsed {
        case .operations(let operations):
            return LoadedPatch(body: .json6902(operations), file: file, lineOffset: lineOffset, listedAt: listedAt)
        case .documents(let parsedDocuments):
            documents = parsedDocuments
        }
        guard !documents.isEmpty else {
            throw shell.error("the \(entry.label) is empty", at: entry.mark)
        }
        if let odd = documents.first(where: { !$0.isMapping }) {
            throw shell.error("unable to parse the \(entry.label) as a strategic-merge or JSON 6902 patch", at: odd.mark)
        }
        if entry.field == .patchesJson6902 {
            throw shell.error("patchesJson6902 expects a list of JSON 6902 operations", at: documents[0].mark)
        }
        if entry.field == .patches && documents.count > 1 {
            if entry.target != nil {
                throw KustomizeError("Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field",
                                     file: folder.file, mark: entry.mark)
            }
            // kustomize 5.5 dereferences the deleted resource when another document follows.
            if let delete = documents.dropLast().first(where: { $0["$patch"]?.stringValue == "delete" }) {
                throw shell.error("kustomize v5.5.0 crashes (nil pointer) on a `$patch: delete` document followed by another"
                                  + " in one `patches` entry; give each document its own entry", at: delete.mark)
            }
        }
        return LoadedPatch(body: .strategicMerge(documents), file: file, lineOffset: lineOffset, listedAt: listedAt)
    }

    /// A patch text as documents, or as JSON 6902 operations when it is one YAML list.
    private static func parse(_ text: String, file: String, shell: LoadedPatch) throws -> ParsedFiles.ParsedPatch {
        let documents: [YAMLNode]
        do {
            do {
                documents = try YAMLParser.parseDocuments(text, file: file, schema: .kyaml, nestedKeysMustBeStrings: true).filter { !$0.isNull }
            } catch let e as YAMLError where e.isNonStringKey {
                // JSON 6902 operations reach the resource through JSON, where every key is a string.
                let operations = try YAMLParser.parseDocuments(text, file: file, schema: .kyaml).filter { !$0.isNull }
                guard operations.count == 1, operations[0].isSequence else { throw e }
                documents = operations
            }
        } catch let e as YAMLError {
            throw shell.error("malformed patch: \(e.message)", at: e.mark)
        }
        guard documents.count == 1, documents[0].isSequence else { return .documents(documents) }
        // kustomize reads operations that start with `[` as JSON, without the YAML step.
        if text.utf8.first == UInt8(ascii: "["), (try? JSONSerialization.jsonObject(with: Data(text.utf8))) == nil {
            throw shell.error("a JSON 6902 patch that starts with '[' must be JSON (kustomize does not read it as YAML)",
                              at: documents[0].mark)
        }
        // kustomize converts YAML operations to JSON with YAML 1.1 rules (`yes` is true).
        let operations = try YAMLParser.parseDocuments(text, file: file, schema: .yaml11).filter { !$0.isNull }
        do {
            return .operations(try JSONPatch.parse(operations[0]))
        } catch let e as KustomizeError {
            throw shell.error(e.message, at: e.mark)
        }
    }

    /// The id a target-less strategic-merge patch names.
    static func id(of document: YAMLNode) -> ResourceId {
        let metadata = document["metadata"]
        return ResourceId(gvk: GVK(apiVersion: document["apiVersion"]?.stringValue ?? "", kind: document["kind"]?.stringValue ?? ""),
                          name: metadata?["name"]?.stringValue ?? "", namespace: metadata?["namespace"]?.stringValue ?? "")
    }
}
