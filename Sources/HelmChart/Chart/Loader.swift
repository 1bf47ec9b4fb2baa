import Foundation
import GoTemplate
import SwkYAML

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
    public static func load(_ path: String) throws -> Chart {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ChartError("path \(GoFormat.quote(path)) not found")
        }
        if isDir.boolValue { return try fromFiles(ChartDirectory.read(path)) }
        guard let data = FileManager.default.contents(atPath: path) else { throw ChartError("open \(path): permission denied") }
        return try fromFiles(ChartArchive.files(Array(data)))
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Files with chart-relative paths ("Chart.yaml", "templates/x.yaml", "charts/sub/values.yaml").
    public static func fromFiles(_ files: [(path: String, data: [UInt8])]) throws -> Chart {
        var metaMap: GoMap?
        var requirements: GoMap?
        var values = GoMap()
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
                guard case .map(let m) = try Values.parse(text(f.data), file: "values.yaml") else { continue }
                values = m
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
        guard let raw = metaMap else { throw ChartError("Chart.yaml file is missing") }
        if let r = requirements, raw.dict["dependencies"] == nil, let d = r.dict["dependencies"] {
            raw.dict["dependencies"] = d
        }
        let meta = ChartMetadata(raw: raw)
        try validate(meta)
        let chart = Chart(metadata: meta, values: values, schema: schema, templates: templates, files: other)
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
                    sub = try fromFiles(inner)
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
    static func read(_ dir: String) throws -> [(path: String, data: [UInt8])] {
        let root = absolute(dir)
        var ignore = HelmIgnore("")
        if let d = readFile(root + "/.helmignore") {
            ignore = HelmIgnore(ChartLoader.text(d))
        }
        ignore.addDefaults()
        let realRoot = realPath(root) ?? root
        var found: [String] = []
        try walk(root: root, realRoot: realRoot, rel: "", ignore: ignore, into: &found)
        // Most of a small chart's load is system calls per file: both cores read.
        let contents = concurrentMap(found, threshold: 32) { readFile(root + "/" + $0) }
        var out: [(path: String, data: [UInt8])] = []
        out.reserveCapacity(found.count)
        for (r, data) in zip(found, contents) {
            guard var bytes = data else { throw ChartError("error reading \(r): permission denied") }
            if bytes.starts(with: ChartLoader.bom) { bytes.removeFirst(3) }
            out.append((r, bytes))
        }
        return out
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

    /// The chart-relative paths of the regular files under `rel`, in Helm's order.
    static func walk(root: String, realRoot: String, rel: String, ignore: HelmIgnore, into out: inout [String]) throws {
        let dirPath = rel.isEmpty ? root : root + "/" + rel
        for entry in try list(dirPath) {
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
            if isDir {
                try walk(root: root, realRoot: realRoot, rel: r, ignore: ignore, into: &out)
                continue
            }
            guard mode == S_IFREG else {
                throw ChartError("cannot load irregular file \(full) as it has file mode type bits set")
            }
            out.append(r)
        }
    }
}
