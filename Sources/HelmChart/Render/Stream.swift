import Foundation
import GoTemplate
import SwkYAML

/// How `helm template` joins rendered files into one YAML stream.
public enum Stream {
    static let installOrder = [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
        "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
        "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
        "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    ]
    static let hookEvents: Set<String> = [
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test", "test-success",
    ]

    struct Doc { var path: String; var text: String; var kind: String }

    /// One rendered document: where it came from ("chart/templates/x.yaml") and its YAML text.
    public struct Manifest: Sendable {
        /// The template that produced it, from the chart name ("chart/templates/x.yaml").
        public var path: String
        /// The document's YAML text.
        public var content: String
        /// Its `kind`, empty when it has none.
        public var kind: String
        /// Whether it carries a `helm.sh/hook` annotation (Helm prints hooks after the other documents).
        public var isHook: Bool
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 12 || c == 13 }

    /// Splits at `(?:^|\s*\n)---\s*`.
    static func split(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { b in
            var docs: [String] = []
            var start = 0
            var i = 0
            while i < b.count {
                // A separator starts at i when "---" is at the start of text or after a newline.
                if b[i] == 45, i + 2 < b.count, b[i + 1] == 45, b[i + 2] == 45, i == 0 || (i - 1 >= start && b[i - 1] == 10) {
                    var cut = i
                    if i > 0 {
                        cut = max(i - 1, start) // the newline
                        while cut > start && isSpace(b[cut - 1]) { cut -= 1 }
                    }
                    docs.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<cut]), as: UTF8.self))
                    var j = i + 3
                    while j < b.count && isSpace(b[j]) { j += 1 }
                    start = j
                    i = j
                    continue
                }
                // A separator only starts a line: go to the next one.
                guard let newline = b.firstIndex(of: 10, from: i) else { break }
                i = newline + 1
            }
            docs.append(String(decoding: UnsafeBufferPointer(rebasing: b[start...]), as: UTF8.self))
            return docs
        }
    }

    static let headPaths = [["kind"], ["metadata", "annotations", "helm.sh/hook"]]

    static func parseHead(_ doc: String, path: String) throws -> YAMLNode? {
        do {
            return try YAMLParser.parseDocuments(doc, file: path, schema: .yaml11).first
        } catch {
            throw ChartError("YAML parse error on \(path): " + HelmFunctions.yamlErrorText(error))
        }
    }

    static let installRank = Dictionary(uniqueKeysWithValues: installOrder.enumerated().map { ($1, $0) })

    static func kindRank(_ k: String) -> (Int, String) {
        if let i = installRank[k] { return (i, "") }
        return (installOrder.count, k)
    }

    /// What `helm template` adds to or drops from the stream.
    public struct Options: Sendable {
        /// crds/ files (full path, text), printed first (--include-crds).
        public var crds: [(path: String, text: String)] = []
        /// Leave out hooks annotated as tests (`--skip-tests`).
        public var skipTests = false
        /// Leave out every hook (`--no-hooks`).
        public var noHooks = false
        /// Helm's defaults: no CRDs, tests and hooks kept.
        public init() {}
    }

    /// Puts one document among the manifests or the hooks (or drops it, a hook of no known event).
    static func place(_ piece: Piece, path: String, options: Options, manifests: inout [Doc], hooks: inout [Doc]) throws {
        let doc = piece.doc
        let head = try piece.head.get()
        let kind = head[0] ?? ""
        let hook = head[1]
        let d = Doc(path: path, text: doc, kind: kind)
        if let h = hook {
            let events = h.split(separator: ",").map { FastString.trimSpace($0) }
            if events.contains(where: { hookEvents.contains($0) }) && !(options.skipTests && isTestHook(events)) {
                hooks.append(d)
            }
            return
        }
        manifests.append(d)
    }

    static func isTestHook(_ events: [String]) -> Bool { events.contains("test") || events.contains("test-success") }

    static func assemble(_ rendered: [String: String], options: Options = Options()) throws -> String {
        format(try manifests(rendered, options: options))
    }

    /// `helm template`'s text: CRDs and manifests trimmed as one block, then each hook.
    public static func format(_ docs: [Manifest]) -> String {
        var out = ""
        out.reserveCapacity(docs.reduce(1) { $0 + $1.path.utf8.count + $1.content.utf8.count + 16 })
        write(docs) { out += String(decoding: $0, as: UTF8.self) }
        return out
    }

    /// `format`'s bytes handed to `sink` in pieces of about a megabyte: a large stream is never
    /// held whole (13 MB of fresh memory cost its page faults and a copy).
    public static func write(_ docs: [Manifest], to sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        var w = ChunkWriter()
        func add(_ d: Manifest, _ w: inout ChunkWriter) throws {
            try w.append("---\n# Source: ", sink); try w.append(d.path, sink); try w.append("\n", sink)
            try w.append(d.content, sink); try w.append("\n", sink)
        }
        // strings.TrimSpace of the manifests: each starts with "---", so only their end has any,
        // held back until something follows it.
        w.holdsTrailingSpace = true
        for d in docs where !d.isHook { try add(d, &w) }
        w.holdsTrailingSpace = false
        w.held.removeAll()
        try w.append("\n", sink)
        for d in docs where d.isHook { try add(d, &w) }
        try w.flush(sink)
    }

    /// A megabyte buffer in front of a sink; optionally keeps a run of trailing ASCII white space
    /// out of it until more text comes.
    struct ChunkWriter {
        var buffer: [UInt8] = []
        var held: [UInt8] = []
        var holdsTrailingSpace = false

        static func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }

        mutating func append(_ text: String, _ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            var text = text
            try text.withUTF8 { bytes in
                guard holdsTrailingSpace else { return try put(bytes, sink) }
                guard let last = bytes.lastIndex(where: { !Self.isSpace($0) }) else {
                    held.append(contentsOf: bytes)
                    return
                }
                if !held.isEmpty { try held.withUnsafeBufferPointer { try put($0, sink) }; held.removeAll(keepingCapacity: true) }
                try put(UnsafeBufferPointer(rebasing: bytes[...last]), sink)
                held.append(contentsOf: bytes[(last + 1)...])
            }
        }

        mutating func put(_ bytes: UnsafeBufferPointer<UInt8>, _ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            if buffer.count + bytes.count > 1 << 20 { try flush(sink) }
            if bytes.count >= 1 << 20 { return try sink(bytes) }
            if buffer.capacity == 0 { buffer.reserveCapacity(1 << 20) }
            buffer.append(contentsOf: bytes)
        }

        mutating func flush(_ sink: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
            if buffer.isEmpty { return }
            try buffer.withUnsafeBufferPointer { try sink($0) }
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// One document of a rendered file with its `kind` and hook annotation (nil when absent), or
    /// the error reading them gave, reported when the stream reaches the document (Helm's order).
    struct Piece { var doc: String; var head: Result<[String?], Error> }

    /// The `kind` and hook annotation of a document: a quick scan of plain block YAML, the parser
    /// for anything else (which also gives Helm's error). Done on the thread that rendered it.
    static func head(of doc: String, path: String) -> Result<[String?], Error> {
        if let quick = YAMLQuickScan.scan(doc, paths: headPaths) { return .success(quick) }
        return Result {
            guard let n = try parseHead(doc, path: path), !n.isNull else { return [nil, nil] }
            guard n.isMapping else {
                let what: String
                switch ValueBridge.value(from: n) {
                case .list: what = "array"
                case .bool: what = "bool"
                case .float: what = "number"
                default: what = "string"
                }
                throw ChartError("YAML parse error on \(path): error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(what) into Go value of type util.SimpleHead")
            }
            return [n["kind"]?.stringValue, n["metadata"]?["annotations"]?["helm.sh/hook"]?.stringValue]
        }
    }

    /// A rendered file split into documents and scanned, which the renderer does on the thread
    /// that rendered it.
    public struct ScannedFile: @unchecked Sendable {
        var pieces: [Piece]
    }

    /// The non-empty documents of a rendered file (none for NOTES.txt, partials and blank output).
    static func documents(path: String, text: String) -> [String] {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if base == "NOTES.txt" || base.hasPrefix("_") || text.utf8.allSatisfy(isSpace) { return [] }
        return split(text).compactMap { raw in
            let doc = raw.utf8.first.map(isSpace) == true ? String(decoding: raw.utf8.drop(while: isSpace), as: UTF8.self) : raw
            return doc.isEmpty ? nil : doc
        }
    }

    /// `documents` with each one scanned.
    static func scan(path: String, text: String) -> ScannedFile {
        ScannedFile(pieces: documents(path: path, text: text).map { Piece(doc: $0, head: head(of: $0, path: path)) })
    }

    /// The documents in Helm's order: CRDs (when asked), manifests by install order, then hooks.
    public static func manifests(_ rendered: [String: String], options: Options = Options()) throws -> [Manifest] {
        var docs: [(path: String, doc: String)] = []
        for path in rendered.keys { for d in documents(path: path, text: rendered[path] ?? "") { docs.append((path, d)) } }
        // Each document is checked on its own: large outputs (CRD bundles) are scanned on all cores.
        let bytes = docs.reduce(0) { $0 + $1.doc.utf8.count }
        let heads = concurrentMap(docs, threshold: bytes < 256 * 1024 ? Int.max : 2) { head(of: $0.doc, path: $0.path) }
        var files: [String: ScannedFile] = [:]
        for ((path, doc), head) in zip(docs, heads) { files[path, default: ScannedFile(pieces: [])].pieces.append(Piece(doc: doc, head: head)) }
        return try manifests(scanned: files, options: options)
    }

    /// The same for files already scanned.
    static func manifests(scanned: [String: ScannedFile], options: Options) throws -> [Manifest] {
        var manifests: [Doc] = []
        var hooks: [Doc] = []
        for path in scanned.keys.sorted(by: goLess) {
            for piece in scanned[path]?.pieces ?? [] { try place(piece, path: path, options: options, manifests: &manifests, hooks: &hooks) }
        }
        // Each kind is ranked once, not in every comparison; the documents are sorted as indices
        // and copied once, into the result.
        func order(_ docs: [Doc]) -> [Int] {
            let ranks = docs.map { kindRank($0.kind) }
            return docs.indices.sorted { a, b in
                if ranks[a].0 != ranks[b].0 { return ranks[a].0 < ranks[b].0 }
                if ranks[a].1 != ranks[b].1 { return goLess(ranks[a].1, ranks[b].1) }
                return a < b
            }
        }
        var out: [Manifest] = []
        out.reserveCapacity(options.crds.count + manifests.count + (options.noHooks ? 0 : hooks.count))
        for c in options.crds { out.append(Manifest(path: c.path, content: c.text, kind: "CustomResourceDefinition", isHook: false)) }
        for i in order(manifests) {
            let d = manifests[i]
            out.append(Manifest(path: d.path, content: d.text, kind: d.kind, isHook: false))
        }
        if !options.noHooks {
            for i in order(hooks) {
                let d = hooks[i]
                out.append(Manifest(path: d.path, content: d.text, kind: d.kind, isHook: true))
            }
        }
        return out
    }
}
