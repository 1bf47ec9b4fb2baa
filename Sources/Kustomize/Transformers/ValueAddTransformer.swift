import SwkYAML

/// kustomize's builtin ValueAddTransformer: writes one value into fields of the selected resources,
/// optionally as a new segment of a `/`-separated path already there (`filePathPosition`, from 1).
struct ValueAddTransformer: Transformer {
    struct Target {
        var selector: ResourceSelector?
        var fieldPath: [String]
        var filePathPosition: Int
    }

    let value: String
    let targets: [Target]

    static let namespacePath = ["metadata", "namespace"]

    func transform(_ resources: ResourceMap) throws {
        for target in targets {
            let selected = try target.selector.map { try $0.select(resources) } ?? resources.resources
            // Through the map, as the value may be a name or namespace.
            try resources.update(selected) { r in
                // A namespace goes only on namespaced kinds, as the namespace transformer does.
                if target.fieldPath == Self.namespacePath && r.gvk.isClusterScoped { return true }
                r.rememberId()
                try set(target, in: r)
                return true
            }
        }
    }

    private func set(_ target: Target, in r: Resource) throws {
        guard let leafKey = target.fieldPath.last else { return }
        var node = r.node
        for key in target.fieldPath.dropLast() {
            guard node.isMapping else { throw notAMap(key, r) }
            node = node.mappingCreating(key)
        }
        guard node.isMapping else { throw notAMap(leafKey, r) }
        let old = node[leafKey]?.stringValue ?? ""
        let new = target.filePathPosition > 0 ? Self.insert(value, into: old, at: target.filePathPosition - 1) : value
        node[leafKey] = .string(new)
    }

    private func notAMap(_ key: String, _ r: Resource) -> KustomizeError {
        KustomizeError("ValueAddTransformer: cannot set '\(key)': its parent in \(r.currentId) is not a map", file: r.file)
    }

    /// `part` as segment `position` (from 0) of a slash-separated path; a position past the end
    /// appends, and a leading `/` stays in front without counting as a segment.
    static func insert(_ part: String, into path: String, at position: Int) -> String {
        guard !part.isEmpty else { return path }
        var parts = path.isEmpty ? [] : (path == "/" ? [""] : path.split(separator: "/", omittingEmptySubsequences: false).map(String.init))
        var at = min(max(position, 0), parts.count)
        if parts.first == "", at < parts.count { at += 1 }
        parts.insert(part, at: at)
        return join(parts)
    }

    /// Joins like Go's filepath.Join: empty and `.` segments drop out and `..` climbs.
    private static func join(_ parts: [String]) -> String {
        let absolute = parts.first == ""
        var out: [String] = []
        for p in parts where !p.isEmpty && p != "." {
            if p == "..", let last = out.last, last != ".." { out.removeLast() }
            else if p == "..", absolute { continue }
            else { out.append(p) }
        }
        let body = out.joined(separator: "/")
        return absolute ? "/" + body : body
    }
}
