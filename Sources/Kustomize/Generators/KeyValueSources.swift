import SwkYAML

/// One key of a generated ConfigMap or Secret, with the kustomization line that asked for it.
struct KeyValue {
    let key: String
    /// Bytes, since a file's content need not be text.
    let value: [UInt8]
    let mark: SourceMark
}

/// `literals` entries: `key=value`, the value split at the first `=` and stripped of one pair of
/// matching surrounding quotes.
enum LiteralSource {
    static func parse(_ text: String) -> (key: String, value: String)? {
        let scalars = text.unicodeScalars
        guard let eq = scalars.firstIndex(of: "="), eq != scalars.startIndex else { return nil }
        let key = String(Substring(scalars[..<eq]))
        return (key, unquoted(Substring(scalars[scalars.index(after: eq)...])))
    }

    private static func unquoted(_ value: Substring) -> String {
        let u = value.utf8
        guard u.count >= 2, let first = u.first, first == u.last,
              first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") else { return String(value) }
        return String(decoding: u.dropFirst().dropLast(), as: UTF8.self)
    }
}

/// `files` entries: `path` (the key is the file's base name) or `key=path`.
enum FileSource {
    static func parse(_ text: String) -> Result<(key: String, path: String), KeyValueError> {
        // Split as bytes, as Go's strings.Split does (and without grapheme breaking).
        let parts = text.utf8.split(separator: UInt8(ascii: "="), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        switch parts.count {
        case 1:
            let base = text.utf8.split(separator: UInt8(ascii: "/")).last.map { String(decoding: $0, as: UTF8.self) } ?? "/"
            return .success((base, text))
        case 2 where parts[0].isEmpty:
            return .failure(.init("missing key name for file path \"\(parts[1])\" in source \"\(text)\""))
        case 2 where parts[1].isEmpty:
            return .failure(.init("missing file path for key name \"\(parts[0])\" in source \"\(text)\""))
        case 2:
            return .success((parts[0], parts[1]))
        default:
            return .failure(.init("source \"\(text)\" key name or file path contains '='"))
        }
    }
}

struct KeyValueError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// Collects a generator's keys in kustomize's order (env files, literals, files), reading every
/// file through the kustomization's loader so the load restrictor applies.
struct KeyValueLoader {
    let loader: FileLoader
    let folder: FileLoader.Folder

    func load(_ g: GeneratorArgs) throws -> [KeyValue] {
        var out: [KeyValue] = []
        for env in g.envs {
            let (_, bytes) = try read(env, what: "env file")
            do {
                out += try EnvFile.parse(bytes).map { KeyValue(key: $0.key, value: Array($0.value.utf8), mark: env.mark) }
            } catch {
                throw fail(env.mark, "env file '\(env.value)': line \(error.line) is not valid UTF-8")
            }
        }
        for literal in g.literals {
            guard let (key, value) = LiteralSource.parse(literal.value) else {
                throw fail(literal.mark, "invalid literal source \(literal.value), expected key=value")
            }
            out.append(KeyValue(key: key, value: Array(value.utf8), mark: literal.mark))
        }
        for file in g.files {
            switch FileSource.parse(file.value) {
            case .failure(let e): throw fail(file.mark, "file source: \(e.message)")
            case .success(let (key, path)):
                let (_, bytes) = try read(Located(path, mark: file.mark), what: "file source")
                out.append(KeyValue(key: key, value: bytes, mark: file.mark))
            }
        }
        return out
    }

    private func read(_ entry: Located<String>, what: String) throws -> (String, [UInt8]) {
        if entry.value.containsBytes("://") {
            throw fail(entry.mark, "\(what) '\(entry.value)': remote files are not supported yet by swkustomize")
        }
        return try loader.read(entry, in: folder, what: what)
    }

    private func fail(_ mark: SourceMark, _ message: String) -> KustomizeError {
        KustomizeError(message, file: folder.file, mark: mark)
    }
}
