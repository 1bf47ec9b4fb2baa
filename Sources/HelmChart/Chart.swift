import Foundation
import GoTemplate
import SwkYAML

/// A chart folder as `helm template` loads it.
public struct Chart {
    /// The chart's name from Chart.yaml.
    public var name: String
    /// Chart.yaml as a map of Go field names (Helm's chart.Metadata).
    public var metadata: Value
    /// Chart.yaml's `apiVersion` (`v1` or `v2`).
    public var apiVersion: String
    /// values.yaml, the defaults user values are coalesced onto.
    public var values: Value
    /// templates/ files, chart-relative paths ("templates/x.yaml") to text.
    public var templates: [(path: String, text: String)]
    /// Everything else .Files may read (after .helmignore).
    public var files: [String: [UInt8]]
}

/// Any failure loading or rendering a chart, with Helm's message (template errors keep
/// Helm's `template:line:col` text).
public struct ChartError: Error, CustomStringConvertible {
    /// The one-line message `helm template` prints after `Error: `.
    public let message: String
    /// An error with `m` as its message.
    public init(_ m: String) { message = m }
    /// The message.
    public var description: String { message }
}

/// Reads a chart folder (Chart.yaml, values.yaml, templates/, other files) into a `Chart`.
public enum ChartLoader {
    /// Loads the chart in `dir`; a missing or malformed chart is a `ChartError`.
    public static func load(_ dir: String) throws -> Chart {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: dir).standardizedFileURL.path
        guard let chartText = try? String(contentsOfFile: root + "/Chart.yaml", encoding: .utf8) else {
            throw ChartError("Chart.yaml file is missing")
        }
        let docs = try YAMLParser.parseDocuments(chartText, file: "Chart.yaml", schema: .yaml11)
        let meta = docs.first.map(ValueBridge.value(from:)) ?? .map(GoMap())
        let m: GoMap = { if case .map(let m) = meta { return m }; return GoMap() }()
        let str = { (k: String) -> String in
            switch m.dict[k] {
            case .string(let s)?: return s
            case nil, .null?: return ""
            case let v?: return GoFormat.v(v)
            }
        }
        let name = str("name")
        var values: Value = .map(GoMap())
        if let vt = try? String(contentsOfFile: root + "/values.yaml", encoding: .utf8) {
            values = try Values.parse(vt, file: "values.yaml")
        }
        var templates: [(String, String)] = []
        var files: [String: [UInt8]] = [:]
        let ignore = HelmIgnore((try? String(contentsOfFile: root + "/.helmignore", encoding: .utf8)) ?? "")
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        if let en = fm.enumerator(atPath: root) {
            for case let rel as String in en {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: root + "/" + rel, isDirectory: &isDir), !isDir.boolValue else { continue }
                // A symlink must not carry files from outside the chart into templates or .Files.
                let real = URL(fileURLWithPath: root + "/" + rel).resolvingSymlinksInPath().path
                guard real == realRoot || real.hasPrefix(realRoot + "/") else {
                    throw ChartError("\(root)/\(rel): symbolic link leads outside the chart folder")
                }
                if rel.hasPrefix("templates/") {
                    guard let t = try? String(contentsOfFile: root + "/" + rel, encoding: .utf8) else {
                        throw ChartError("\(root)/\(rel): not a readable UTF-8 text file")
                    }
                    templates.append((rel, t))
                    continue
                }
                if rel.hasPrefix("charts/") || rel == "Chart.yaml" || rel == "values.yaml" || rel == ".helmignore" { continue }
                if ignore.ignores(rel) { continue }
                if let d = fm.contents(atPath: root + "/" + rel) { files[rel] = Array(d) }
            }
        }
        return Chart(name: name, metadata: metadataValue(m, str), apiVersion: str("apiVersion"), values: values,
                     templates: templates, files: files)
    }

    /// Chart.yaml keys to chart.Metadata's Go field names, with Go's zero values.
    static func metadataValue(_ m: GoMap, _ str: (String) -> String) -> Value {
        func list(_ k: String) -> Value {
            if case .list(let l)? = m.dict[k] { return .list(l) }
            return .list([])
        }
        var maint: [Value] = []
        if case .list(let l)? = m.dict["maintainers"] {
            for x in l {
                guard case .map(let mm) = x else { continue }
                let s = { (k: String) -> Value in .string(mm.dict[k].map(Conv.strval) ?? "") }
                maint.append(.map(GoMap(["Name": s("name"), "Email": s("email"), "URL": s("url")])))
            }
        }
        var deps: [Value] = []
        if case .list(let l)? = m.dict["dependencies"] {
            for x in l {
                guard case .map(let dm) = x else { continue }
                let s = { (k: String) -> Value in .string(dm.dict[k].map(Conv.strval) ?? "") }
                deps.append(.map(GoMap(["Name": s("name"), "Version": s("version"), "Repository": s("repository"),
                                        "Condition": s("condition"), "Tags": dm.dict["tags"] ?? .list([]),
                                        "Enabled": .bool(false), "ImportValues": dm.dict["import-values"] ?? .list([]),
                                        "Alias": s("alias")])))
            }
        }
        var annotations: Value = .null
        if case .map(let a)? = m.dict["annotations"] {
            annotations = .map(GoMap(a.dict.mapValues { .string(Conv.strval($0)) }))
        }
        return .map(GoMap([
            "Name": .string(str("name")), "Home": .string(str("home")), "Sources": list("sources"),
            "Version": .string(str("version")), "Description": .string(str("description")),
            "Keywords": list("keywords"), "Maintainers": .list(maint), "Icon": .string(str("icon")),
            "APIVersion": .string(str("apiVersion")), "Condition": .string(str("condition")), "Tags": .string(str("tags")),
            "AppVersion": .string(str("appVersion")), "Deprecated": .bool(m.dict["deprecated"]?.truth ?? false),
            "Annotations": annotations, "KubeVersion": .string(str("kubeVersion")), "Dependencies": .list(deps),
            "Type": .string(str("type")), "IsRoot": .bool(true),
        ]))
    }
}

/// .helmignore rules: shell globs on the base name, or on the path when they contain a slash.
struct HelmIgnore {
    var rules: [(pattern: String, negate: Bool, dirOnly: Bool)] = []

    init(_ text: String) {
        for raw in text.split(separator: "\n") {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var neg = false
            if line.hasPrefix("!") { neg = true; line.removeFirst() }
            var dir = false
            if line.hasSuffix("/") { dir = true; line.removeLast() }
            if line.hasPrefix("/") { line.removeFirst() }
            rules.append((line, neg, dir))
        }
    }

    func ignores(_ rel: String) -> Bool {
        var ignored = false
        let comps = rel.split(separator: "/").map(String.init)
        for r in rules {
            var hit = false
            if r.pattern.contains("/") {
                hit = Glob.match(r.pattern, rel) || comps.indices.contains { Glob.match(r.pattern, comps[0...$0].joined(separator: "/")) && $0 < comps.count - 1 }
            } else {
                let candidates = r.dirOnly ? Array(comps.dropLast()) : comps
                hit = candidates.contains { Glob.match(r.pattern, $0) }
            }
            if hit { ignored = !r.negate }
        }
        return ignored
    }
}

/// gobwas/glob with '/' as separator: * and ? stay within a segment, ** crosses them.
enum Glob {
    static func match(_ pattern: String, _ s: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(s.unicodeScalars)
        return m(p, 0, t, 0)
    }

    static func m(_ p: [Unicode.Scalar], _ pi: Int, _ t: [Unicode.Scalar], _ ti: Int) -> Bool {
        if pi == p.count { return ti == t.count }
        switch p[pi] {
        case "*":
            if pi + 1 < p.count && p[pi + 1] == "*" {
                for k in ti...t.count where m(p, pi + 2, t, k) { return true }
                return false
            }
            var k = ti
            while true {
                if m(p, pi + 1, t, k) { return true }
                if k >= t.count || t[k] == "/" { return false }
                k += 1
            }
        case "?":
            return ti < t.count && t[ti] != "/" && m(p, pi + 1, t, ti + 1)
        case "[":
            guard ti < t.count, let close = p[(pi + 1)...].firstIndex(of: "]") else { return false }
            var set = Array(p[(pi + 1)..<close])
            var neg = false
            if let f = set.first, f == "!" || f == "^" { neg = true; set.removeFirst() }
            var ok = false
            var i = 0
            while i < set.count {
                if i + 2 < set.count && set[i + 1] == "-" {
                    if set[i] <= t[ti] && t[ti] <= set[i + 2] { ok = true }
                    i += 3
                } else { if set[i] == t[ti] { ok = true }; i += 1 }
            }
            return ok != neg && m(p, close + 1, t, ti + 1)
        case "{":
            guard let close = p[(pi + 1)...].firstIndex(of: "}") else { return false }
            let alts = String(String.UnicodeScalarView(p[(pi + 1)..<close])).split(separator: ",", omittingEmptySubsequences: false)
            let rest = Array(p[(close + 1)...])
            for a in alts where m(Array(a.unicodeScalars) + rest, 0, t, ti) { return true }
            return false
        case "\\":
            guard pi + 1 < p.count, ti < t.count, t[ti] == p[pi + 1] else { return false }
            return m(p, pi + 2, t, ti + 1)
        default:
            return ti < t.count && t[ti] == p[pi] && m(p, pi + 1, t, ti + 1)
        }
    }
}
