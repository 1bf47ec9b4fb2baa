import Foundation
import SwkYAML

/// `edit add|remove resource|component|patch`.
extension KustomizationFile {
    /// Adds paths to `resources` or `components`, skipping ones already listed (kustomize logs those).
    public mutating func addPaths(_ field: String, _ paths: [String]) throws {
        var present = try strings(field)
        if field == "resources" { present += try strings("bases") }
        let ownName = (path as NSString).lastPathComponent
        for p in paths where p != ownName {
            if present.contains(p) {
                notes.append("\(field == "resources" ? "resource" : "component") \(p) already in kustomization file")
                continue
            }
            try editor.append([.key(key(field))], .string(p))
            present.append(p)
        }
    }

    /// Removes the `resources` (and deprecated `bases`) entries matching any of the glob patterns.
    public mutating func removeResources(_ patterns: [String]) throws {
        for field in ["resources", "bases"] {
            let k = try key(field)
            let items = try strings(field)
            for i in items.indices.reversed() where patterns.contains(where: { PathGlob.match($0, items[i]) }) {
                try editor.remove([.key(k), .index(i)])
            }
        }
    }

    /// A `patches` entry as `edit add|remove patch` builds it from its flags.
    public struct PatchArgument: Equatable, Sendable {
        /// `--path` (a patch file) or `--patch` (inline text); one of the two.
        public var path = "", patch = ""
        /// The target's `--group`, `--version`, `--kind`, `--name`, `--namespace`.
        public var group = "", version = "", kind = "", name = "", namespace = ""
        /// The target's `--label-selector` and `--annotation-selector`.
        public var labelSelector = "", annotationSelector = ""
        /// An argument with nothing set.
        public init() {}

        var targetFields: [String: String] {
            ["group": group, "version": version, "kind": kind, "name": name, "namespace": namespace,
             "labelSelector": labelSelector, "annotationSelector": annotationSelector]
        }

        var node: YAMLNode {
            var entries: [YAMLNode.Entry] = []
            if !patch.isEmpty { entries.append(YAMLNode.Entry(key: "patch", value: .string(patch))) }
            if !path.isEmpty { entries.append(YAMLNode.Entry(key: "path", value: .string(path))) }
            let target = KustomizationFile.mapping(targetFields)
            if !target.entries.isEmpty { entries.append(YAMLNode.Entry(key: "target", value: target)) }
            return .mapping(entries)
        }

        /// kustomize's `Patch.Equals`: same path, patch text, target and (no) options.
        func matches(_ item: YAMLSpan) -> Bool {
            guard item.kind == .mapping, item.entry("options") == nil else { return false }
            guard (item.entry("path")?.value.text ?? "") == path, (item.entry("patch")?.value.text ?? "") == patch else { return false }
            let target = item.entry("target")?.value
            for (k, v) in targetFields where (target?.entry(k)?.value.text ?? "") != v { return false }
            return true
        }
    }

    /// Appends a `patches` entry, unless one with the same patch and target is there (a note then).
    public mutating func addPatch(_ p: PatchArgument) throws {
        if !p.patch.isEmpty && !p.path.isEmpty { throw KustomizeError("patch and path can't be set at the same time") }
        if p.patch.isEmpty && p.path.isEmpty { throw KustomizeError("must provide either patch or path") }
        if let seq = try node("patches"), seq.items.contains(where: p.matches) {
            notes.append("patch already in kustomization file")
            return
        }
        try editor.append([.key(key("patches"))], p.node)
    }

    /// Removes every `patches` entry equal to the one the flags describe.
    public mutating func removePatch(_ p: PatchArgument) throws {
        if !p.patch.isEmpty && !p.path.isEmpty { throw KustomizeError("patch and path can't be set at the same time") }
        guard let seq = try node("patches"), seq.kind == .sequence else {
            notes.append("patch \(p.patch) doesn't exist in kustomization file")
            return
        }
        let k = try key("patches")
        let hits = seq.items.indices.filter { p.matches(seq.items[$0]) }
        if hits.isEmpty { notes.append("patch \(p.patch) doesn't exist in kustomization file") }
        for i in hits.reversed() { try editor.remove([.key(k), .index(i)]) }
    }
}

/// Go's `filepath.Match` and `filepath.Glob` over the local disk (via fnmatch).
public enum PathGlob {
    /// Whether `name` matches the glob `pattern` (`/` matched only by itself).
    public static func match(_ pattern: String, _ name: String) -> Bool {
        fnmatch(pattern, name, FNM_PATHNAME) == 0
    }

    static func hasMeta(_ s: String) -> Bool { s.contains { "*?[\\".contains($0) } }

    /// The files matching `pattern`, relative to `dir` as written, sorted as Go sorts them.
    public static func glob(_ pattern: String, in dir: String) -> [String] {
        guard hasMeta(pattern) else {
            return FileManager.default.fileExists(atPath: FilePaths.join(dir, pattern)) ? [pattern] : []
        }
        var prefixes = [pattern.hasPrefix("/") ? "/" : ""]
        let parts = pattern.split(separator: "/").map(String.init)
        for (i, part) in parts.enumerated() {
            var next: [String] = []
            for p in prefixes {
                let join = { (e: String) in p.isEmpty ? e : (p.hasSuffix("/") ? p + e : p + "/" + e) }
                if !hasMeta(part) {
                    let candidate = join(part)
                    if i == parts.count - 1 ? FileManager.default.fileExists(atPath: FilePaths.join(dir, candidate))
                                            : FilePaths.isDirectory(FilePaths.join(dir, candidate)) { next.append(candidate) }
                    continue
                }
                let listing = (try? FileManager.default.contentsOfDirectory(atPath: FilePaths.join(dir, p.isEmpty ? "." : p))) ?? []
                for entry in listing.sorted() where match(part, entry) {
                    if i < parts.count - 1 && !FilePaths.isDirectory(FilePaths.join(dir, join(entry))) { continue }
                    next.append(join(entry))
                }
            }
            prefixes = next
        }
        return prefixes
    }
}

extension KustomizationFile {
    /// The arguments of `edit add resource|component` after glob expansion, as kustomize checks them:
    /// a pattern must match files here, or name a folder or a remote target.
    public func resolvePaths(_ patterns: [String], verify: Bool) throws -> [String] {
        var out: [String] = []
        for pattern in patterns {
            if !verify { out.append(pattern); continue }
            let files = PathGlob.glob(pattern, in: dir)
            if !files.isEmpty { out += files; continue }
            let remote = pattern.contains("://") || pattern.hasPrefix("git@") || pattern.hasPrefix("github.com/")
            guard remote else {
                throw KustomizeError("\(pattern) has no match: must build at directory: not a valid directory: evalsymlink failure on '\(pattern)'")
            }
            out.append(pattern)
        }
        return out
    }
}
