import SwkYAML

/// One `replacements:` entry: copy the value at a source resource's field into target fields.
public struct Replacement: Sendable {
    /// `delimiter`/`index` pick or set one part of a delimited string; `create` makes missing target fields.
    public struct Options: Sendable {
        /// Split the value at this delimiter; empty uses the whole value.
        public var delimiter = ""
        /// Which part of the split value to take or replace.
        public var index = 0
        /// Create a missing target field instead of skipping it.
        public var create = false
    }

    /// Where the value comes from: one resource and a field of it.
    public struct Source: Sendable {
        /// The resource, which exactly one must match.
        public var selector = PatchTarget()
        /// The field, dotted (`spec.template.spec.containers.[name=app].image`).
        public var fieldPath = "metadata.name"
        /// Which part of a delimited value to take.
        public var options: Options?
    }

    /// Where the value goes: the resources selected and not rejected, at each field path.
    public struct Target: Sendable {
        /// The resources to write to.
        public var select: PatchTarget?
        /// Resources left out even when selected.
        public var reject: [PatchTarget] = []
        /// The fields to write, dotted.
        public var fieldPaths: [String] = ["metadata.name"]
        /// Which part of a delimited target value to replace, and whether to create missing fields.
        public var options: Options?
    }

    /// The source.
    public var source = Source()
    /// The targets, applied in order.
    public var targets: [Target] = []
    /// Where the entry (or the file holding it) was written.
    public var file = ""
    /// Where the entry starts in `file`.
    public var mark: SourceMark = .unknown
}

/// A `replacements:` list item: the replacement itself, or `path:` to a file of them.
public enum ReplacementEntry: Sendable {
    /// The replacement written in the kustomization.
    case inline(Replacement)
    /// A file holding one replacement or a list of them.
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
