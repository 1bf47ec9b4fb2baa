import SwkYAML

/// One `replacements:` entry: copy the value at a source resource's field into target fields.
public struct Replacement: Sendable {
    /// `delimiter`/`index` pick or set one part of a delimited string; `create` makes missing target fields.
    public struct Options: Sendable {
        public var delimiter = ""
        public var index = 0
        public var create = false
    }

    public struct Source: Sendable {
        public var selector = PatchTarget()
        public var fieldPath = "metadata.name"
        public var options: Options?
    }

    public struct Target: Sendable {
        public var select: PatchTarget?
        public var reject: [PatchTarget] = []
        public var fieldPaths: [String] = ["metadata.name"]
        public var options: Options?
    }

    public var source = Source()
    public var targets: [Target] = []
    /// Where the entry (or the file holding it) was written.
    public var file = ""
    public var mark: SourceMark = .unknown
}

/// A `replacements:` list item: the replacement itself, or `path:` to a file of them.
public enum ReplacementEntry: Sendable {
    case inline(Replacement)
    case file(Located<String>)
}

/// Reads replacements the way kustomize does: strict about fields, lenient about empty ones.
struct ReplacementParser {
    let ctx: KustomizationParser.Context

    func entry(_ v: YAMLNode) throws -> ReplacementEntry {
        if v.isMapping, v.entries.count == 1, let path = v["path"] {
            return .file(Located(try ctx.string(path, "replacements.path"), mark: path.mark))
        }
        return .inline(try replacement(v))
    }

    func replacement(_ v: YAMLNode) throws -> Replacement {
        let f = try ctx.fields(v, ["source", "targets"], "replacements")
        var r = Replacement(file: ctx.file, mark: v.mark)
        guard let source = f["source"], !source.isNull else { throw ctx.fail(v, "replacements: a replacement needs a source") }
        let s = try ctx.fields(source, ["group", "version", "kind", "name", "namespace", "fieldPath", "options"], "replacements.source")
        r.source.selector = try selector(s)
        if let fp = s["fieldPath"], !fp.isNull { r.source.fieldPath = try ctx.string(fp, "replacements.source.fieldPath") }
        r.source.options = try s["options"].flatMap { try options($0) }
        r.targets = try ctx.list(f["targets"] ?? .null(), "replacements.targets").map { try target($0) }
        return r
    }

    private func target(_ v: YAMLNode) throws -> Replacement.Target {
        let f = try ctx.fields(v, ["select", "reject", "fieldPaths", "options"], "replacements.targets")
        var t = Replacement.Target()
        if let s = f["select"], !s.isNull { t.select = try selector(try ctx.fields(s, Self.selectorKeys, "replacements.targets.select")) }
        t.reject = try ctx.list(f["reject"] ?? .null(), "reject").map { try selector(try ctx.fields($0, Self.selectorKeys, "reject")) }
        if let paths = f["fieldPaths"], !paths.isNull { t.fieldPaths = try ctx.strings(paths, "fieldPaths") }
        t.options = try f["options"].flatMap { try options($0) }
        if t.select == nil { throw ctx.fail(v, "target must specify resources to select") }
        return t
    }

    static let selectorKeys: Set<String> = ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"]

    private func selector(_ f: [String: YAMLNode]) throws -> PatchTarget {
        func text(_ key: String) throws -> String { try f[key].map { try ctx.string($0, key) } ?? "" }
        var t = PatchTarget()
        t.group = try text("group"); t.version = try text("version"); t.kind = try text("kind")
        t.name = try text("name"); t.namespace = try text("namespace")
        t.labelSelector = try text("labelSelector"); t.annotationSelector = try text("annotationSelector")
        return t
    }

    private func options(_ v: YAMLNode) throws -> Replacement.Options? {
        if v.isNull { return nil }
        let f = try ctx.fields(v, ["delimiter", "index", "create", "encoding"], "options")
        var o = Replacement.Options()
        o.delimiter = try f["delimiter"].map { try ctx.string($0, "delimiter") } ?? ""
        o.index = try f["index"].map { try ctx.int($0, "index") } ?? 0
        o.create = try f["create"].map { try ctx.bool($0, "create") } ?? false
        return o
    }
}
