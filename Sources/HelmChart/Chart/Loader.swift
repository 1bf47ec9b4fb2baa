import Foundation
import GoTemplate
import SwkYAML
import Synchronization

/// A chart that cannot be loaded or rendered, with the message `helm template` prints.
public struct ChartError: Error, CustomStringConvertible {
    /// The message, without `Error: `.
    public let message: String
    /// An error with message `m`.
    public init(_ m: String) { message = m }
    /// The message.
    public var description: String { message }
}

/// Builds a chart tree from its files, as Helm's loader.LoadFiles does.
public enum ChartLoader {
    /// A chart folder or a .tgz archive.
    public static func load(_ path: String) throws -> Chart { try load(path, beforeValues: nil) }

    /// The same; `beforeValues(chart name, templates)` is called with the chart's own templates
    /// before its values.yaml is parsed, so that their parsing can start beside it.
    static func load(_ path: String, beforeValues: TemplatesHook?) throws -> Chart {
        var st = stat()
        guard stat(path, &st) == 0 else { throw ChartError("path \(GoFormat.quote(path)) not found") }
        if st.st_mode & S_IFMT == S_IFDIR {
            let folder = try ChartDirectory.read(path)
            return try fromFiles(folder.files, deferred: folder.deferred, beforeValues: beforeValues)
        }
        guard let data = ChartDirectory.readFile(path) else { throw ChartError("open \(path): permission denied") }
        return try fromFiles(ChartArchive.files(data), deferred: nil, beforeValues: beforeValues)
    }

    /// Called with a chart's name and templates (see `load(_:beforeValues:)`).
    typealias TemplatesHook = (String, [(path: String, text: String)]) -> Void

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Files with chart-relative paths ("Chart.yaml", "templates/x.yaml", "charts/sub/values.yaml").
    public static func fromFiles(_ files: [(path: String, data: [UInt8])]) throws -> Chart {
        try fromFiles(files, deferred: nil)
    }

    /// The same, with the files of a chart folder that are read on first use.
    static func fromFiles(_ files: [(path: String, data: [UInt8])], deferred: DeferredFiles.Tree?,
                          beforeValues: TemplatesHook? = nil) throws -> Chart {
        var metaMap: GoMap?
        var requirements: GoMap?
        var values = GoMap()
        var valuesText: [UInt8]?
        var schema: [UInt8]?
        var templates: [(path: String, text: String)] = []
        var other: [(path: String, data: [UInt8])] = []
        var subFiles: [String: [(path: String, data: [UInt8])]] = [:]
        var subOrder: [String] = []
        for f in files {
            switch f.path {
            case "Chart.yaml":
                metaMap = try yamlMap(f.data, file: "Chart.yaml", what: "Chart.yaml")
            case "values.yaml":
                valuesText = f.data
            case "values.schema.json":
                schema = f.data
            case "requirements.yaml":
                requirements = try yamlMap(f.data, file: "requirements.yaml", what: "requirements.yaml")
            case "Chart.lock", "requirements.lock":
                continue
            default:
                if f.path.hasPrefix("templates/") {
                    templates.append((f.path, text(f.data)))
                } else if f.path.hasPrefix("charts/") && !f.path.hasSuffix(".prov") {
                    let rest = f.path.dropFirst("charts/".count)
                    let sub = String(rest.prefix { $0 != "/" })
                    if subFiles[sub] == nil { subOrder.append(sub) }
                    subFiles[sub, default: []].append((String(rest), f.data))
                } else {
                    other.append(f)
                }
            }
        }
        if let beforeValues, case .string(let name)? = metaMap?.dict["name"] { beforeValues(name, templates) }
        if let valuesText, case .map(let m) = try Values.parse(text(valuesText), file: "values.yaml", ofChart: true) { values = m }
        guard let raw = metaMap else { throw ChartError("Chart.yaml file is missing") }
        if let r = requirements, raw.dict["dependencies"] == nil, let d = r.dict["dependencies"] {
            raw.dict["dependencies"] = d
        }
        let meta = ChartMetadata(raw: raw)
        try validate(meta)
        let chart = Chart(metadata: meta, values: values, schema: schema, templates: templates, files: other,
                          deferredFiles: deferred?.files)
        // Go ranges over a map here; the order of subcharts is settled later by dependency processing.
        for n in subOrder.sorted(by: goLess) {
            guard let fs = subFiles[n], let first = n.first, first != "_", first != "." else { continue }
            let sub: Chart
            do {
                if n.hasSuffix(".tgz") {
                    guard let f = fs.first, f.path == n else {
                        throw ChartError("error unpacking subchart tar in \(meta.name): expected \(n), got \(fs.first?.path ?? "")")
                    }
                    sub = try fromFiles(ChartArchive.files(f.data))
                } else {
                    let inner = fs.compactMap { f -> (path: String, data: [UInt8])? in
                        guard let slash = f.path.firstIndex(of: "/") else { return nil }
                        return (String(f.path[f.path.index(after: slash)...]), f.data)
                    }
                    sub = try fromFiles(inner, deferred: deferred?.subcharts[n])
                }
            } catch let e as ChartError where !e.message.hasPrefix("error unpacking subchart tar") {
                throw ChartError("error unpacking subchart \(n) in \(meta.name): \(e.message)")
            }
            chart.addDependency(sub)
        }
        return chart
    }

    static func text(_ d: [UInt8]) -> String {
        if d.starts(with: bom) { return String(decoding: d.dropFirst(3), as: UTF8.self) }
        return String(decoding: d, as: UTF8.self)
    }

    static func yamlMap(_ data: [UInt8], file: String, what: String) throws -> GoMap {
        do {
            let docs = try YAMLParser.parseDocuments(text(data), file: file, schema: .yaml11)
            if let d = docs.first, case .map(let m) = ValueBridge.value(from: d) { return m }
            return GoMap()
        } catch let e as YAMLError {
            throw ChartError("cannot load \(what): error converting YAML to JSON: yaml: \(e.message)")
        }
    }

    /// chart.Metadata.Validate's checks that a chart on disk can fail.
    static func validate(_ m: ChartMetadata) throws {
        if m.apiVersion != "v1" && m.apiVersion != "v2" {
            throw ChartError("validation: chart.metadata.apiVersion \(GoFormat.quote(m.apiVersion)) is invalid")
        }
        if m.name.isEmpty { throw ChartError("validation: chart.metadata.name is required") }
        if m.name.contains("/") || m.name.contains("\\") || m.name == "." || m.name == ".." {
            throw ChartError("validation: chart.metadata.name \(GoFormat.quote(m.name)) is invalid")
        }
        if m.version.isEmpty { throw ChartError("validation: chart.metadata.version is required") }
        if SemVersion.parse(m.version) == nil {
            throw ChartError("validation: chart.metadata.version \(GoFormat.quote(m.version)) is invalid")
        }
        if !["", "application", "library"].contains(m.type) {
            throw ChartError("validation: chart.metadata.type must be application or library")
        }
    }
}

/// Reads a chart folder: every regular file, sorted per folder, minus .helmignore matches.
/// Plain POSIX calls: Foundation's FileManager and URL cost more than the reading on small charts.
enum ChartDirectory {
    /// The files the loader needs, and per chart the ones only .Files reads, left for first use.
    static func read(_ dir: String) throws -> (files: [(path: String, data: [UInt8])], deferred: DeferredFiles.Tree) {
        let root = absolute(dir)
        var ignore = HelmIgnore("")
        if let d = readFile(root + "/.helmignore") {
            ignore = HelmIgnore(ChartLoader.text(d))
        }
        ignore.addDefaults()
        let folder = Folder(root: root, realRoot: realPath(root) ?? root, ignore: ignore)
        var found: [String] = []
        let deferred = try folder.walkChart(rel: "", into: &found)
        return (try folder.read(found), deferred)
    }

    /// The folder as an absolute path with `.`, `..` and repeated slashes folded away (as URL's standardized path).
    static func absolute(_ dir: String) -> String {
        var full = dir
        if !dir.hasPrefix("/") {
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buf, buf.count) != nil {
                full = buf.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } + "/" + dir
            }
        }
        var parts: [Substring] = []
        for c in full.split(separator: "/") where c != "." {
            if c == ".." { if !parts.isEmpty { parts.removeLast() } } else { parts.append(c) }
        }
        return "/" + parts.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The entries of a folder (without . and ..) with the type readdir gives, in Go's byte order.
    static func list(_ path: String) throws -> [(name: String, type: UInt8)] {
        guard let d = opendir(path) else { throw ChartError("open \(path): \(String(cString: strerror(errno)))") }
        defer { closedir(d) }
        var entries: [(name: String, type: UInt8)] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { entries.append((name, e.pointee.d_type)) }
        }
        return entries.sorted { goLess($0.name, $1.name) }
    }

    /// A whole file, or nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        // One spare byte: only a file longer than fstat said (or not a regular one) makes the buffer grow.
        var out = [UInt8](repeating: 0, count: max(Int(st.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == out.count { out.append(contentsOf: repeatElement(0, count: out.count)) }
            let n = out.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { break }
            filled += n
            // A regular file read to the size fstat gave is whole: no extra read to see its end.
            if filled == Int(st.st_size) && (st.st_mode & S_IFMT) == S_IFREG { break }
        }
        out.removeSubrange(filled...)
        return out
    }

    /// A chart folder being loaded: where it is and what its .helmignore leaves out.
    struct Folder: Sendable {
        let root: String, realRoot: String, ignore: HelmIgnore

        /// The files and folders in `rel` that are not ignored, in Helm's order.
        func entries(_ rel: String) throws -> [(rel: String, isDir: Bool)] {
            var out: [(rel: String, isDir: Bool)] = []
            for entry in try list(rel.isEmpty ? root : root + "/" + rel) {
                let r = rel.isEmpty ? entry.name : rel + "/" + entry.name
                let full = root + "/" + r
                // readdir's type spares an lstat for plain files and folders.
                var mode: mode_t
                switch Int32(entry.type) {
                case Int32(DT_REG): mode = S_IFREG
                case Int32(DT_DIR): mode = S_IFDIR
                default:
                    var st = stat()
                    guard lstat(full, &st) == 0 else { continue }
                    mode = st.st_mode & S_IFMT
                }
                if mode == S_IFLNK {
                    // A symlink must not carry files from outside the chart into templates or .Files.
                    let real = realPath(full) ?? full
                    guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                        throw ChartError("\(full): symbolic link leads outside the chart folder")
                    }
                    var st = stat()
                    guard stat(full, &st) == 0 else { continue }
                    mode = st.st_mode & S_IFMT
                }
                let isDir = mode == S_IFDIR
                if ignore.ignores(r, isDir: isDir) { continue }
                guard isDir || mode == S_IFREG else {
                    throw ChartError("cannot load irregular file \(full) as it has file mode type bits set")
                }
                out.append((r, isDir))
            }
            return out
        }

        /// The paths of the regular files under `rel`, in Helm's order.
        func walk(_ rel: String, into out: inout [String]) throws {
            for e in try entries(rel) {
                if e.isDir { try walk(e.rel, into: &out) } else { out.append(e.rel) }
            }
        }

        /// The files of the chart at `rel` ("" or "charts/sub") that the loader needs: Chart.yaml,
        /// values, schema, requirements, templates/ and charts/ (subcharts, in turn). What else
        /// the chart holds is left in the tree for .Files to read on first use.
        func walkChart(rel: String, into out: inout [String]) throws -> DeferredFiles.Tree {
            var tree = DeferredFiles.Tree()
            var later: [(rel: String, isDir: Bool)] = []
            let prefix = rel.isEmpty ? "" : rel + "/"
            for e in try entries(rel) {
                switch (String(e.rel.dropFirst(prefix.count)), e.isDir) {
                case ("templates", true): try walk(e.rel, into: &out)
                case ("charts", true):
                    for sub in try entries(e.rel) {
                        if sub.isDir {
                            tree.subcharts[String(sub.rel.dropFirst(e.rel.count + 1))] = try walkChart(rel: sub.rel, into: &out)
                        } else {
                            out.append(sub.rel)
                        }
                    }
                case ("Chart.yaml", false), ("values.yaml", false), ("values.schema.json", false),
                     ("requirements.yaml", false), ("Chart.lock", false), ("requirements.lock", false):
                    out.append(e.rel)
                default: later.append(e)
                }
            }
            if !later.isEmpty { tree.files = DeferredFiles(folder: self, prefix: prefix, items: later) }
            return tree
        }

        /// The contents of `paths`, a leading BOM removed.
        func read(_ paths: [String]) throws -> [(path: String, data: [UInt8])] {
            // Most of a small chart's load is system calls per file: both cores read.
            let contents = concurrentMap(paths, threshold: 32) { readFile(root + "/" + $0) }
            var out: [(path: String, data: [UInt8])] = []
            out.reserveCapacity(paths.count)
            for (r, data) in zip(paths, contents) {
                guard var bytes = data else { throw ChartError("error reading \(r): permission denied") }
                if bytes.starts(with: ChartLoader.bom) { bytes.removeFirst(3) }
                out.append((r, bytes))
            }
            return out
        }
    }
}

/// The files of one chart in a chart folder that only .Files reads (READMEs, CI values, docs,
/// crds/): listed and read when first needed, as the rest of the folder was. Most charts never
/// read them, and reading them was most of a small chart's load.
final class DeferredFiles: @unchecked Sendable {
    /// The deferred files of a chart and of the subchart folders under its charts/.
    struct Tree {
        var files: DeferredFiles?
        var subcharts: [String: Tree] = [:]
    }

    private let folder: ChartDirectory.Folder
    private let prefix: String
    private let items: [(rel: String, isDir: Bool)]
    private let loaded = Mutex<Result<[(path: String, data: [UInt8])], ChartError>?>(nil)

    init(folder: ChartDirectory.Folder, prefix: String, items: [(rel: String, isDir: Bool)]) {
        self.folder = folder; self.prefix = prefix; self.items = items
    }

    /// The files with chart-relative paths, read on the first call; none when reading failed.
    func files() -> [(path: String, data: [UInt8])] {
        (try? result().get()) ?? []
    }

    /// Whether something asked for them yet.
    var isRead: Bool { loaded.withLock { $0 != nil } }

    /// Why reading them failed (as loading the folder whole would have), if it was tried.
    var error: ChartError? {
        loaded.withLock { state in
            if case .failure(let e)? = state { return e }
            return nil
        }
    }

    private func result() -> Result<[(path: String, data: [UInt8])], ChartError> {
        loaded.withLock { state in
            if let state { return state }
            let r: Result<[(path: String, data: [UInt8])], ChartError>
            do {
                var paths: [String] = []
                for item in items {
                    if item.isDir { try folder.walk(item.rel, into: &paths) } else { paths.append(item.rel) }
                }
                r = .success(try folder.read(paths).map { (String($0.path.dropFirst(prefix.count)), $0.data) })
            } catch let e as ChartError {
                r = .failure(e)
            } catch {
                r = .failure(ChartError("\(error)"))
            }
            state = r
            return r
        }
    }
}
