import SwkYAML

/// Finds objects whose API version a target Kubernetes release no longer serves, or will stop
/// serving soon: beta APIs are deprecated at least three releases before removal, so an API
/// removed within the next three releases is reported as deprecated.
public enum APICheck {
    /// Releases ahead of the target within which an API's removal is reported as a deprecation.
    public static let deprecationWindow = 3
    /// The release checked when none is given: the newest the table knows.
    public static var latestMinor: Int { RemovedAPI.table.map(\.removedIn).max() ?? 32 }

    /// One object using an API version removed in, or soon after, the target release.
    public struct Finding: Sendable, CustomStringConvertible {
        /// The file the object came from.
        public var file: String
        /// Where the object starts in it.
        public var mark: SourceMark
        /// The object's `apiVersion`.
        public var apiVersion: String
        /// The object's `kind`.
        public var kind: String
        /// The object's `metadata.name`.
        public var name: String
        /// The minor release (1.x) that stops serving the API.
        public var removedIn: Int
        /// The API version to use instead; empty when there is none.
        public var replacement: String
        /// True when the target release no longer serves it; false for a deprecation.
        public var removed: Bool

        /// One line: `file:line:col: Kind name uses API, removed in 1.N; use X`.
        public var description: String {
            let place = file.isEmpty ? "" : (mark.line > 0 ? "\(file):\(mark.line):\(mark.column): " : "\(file): ")
            let what = removed ? "removed in 1.\(removedIn)" : "deprecated, removed in 1.\(removedIn)"
            let instead = replacement.isEmpty ? "no replacement" : "use \(replacement)"
            return "\(place)\(kind) \(name) uses \(apiVersion), \(what); \(instead)"
        }
    }

    /// `1.29`, `v1.29.3`, `1.29.0+k3s1` → 29 (the minor release; only 1.x exists).
    public static func minor(_ version: String) -> Int? {
        let v = version.hasPrefix("v") ? version.dropFirst() : Substring(version)
        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "1" else { return nil }
        return Int(parts[1].prefix { $0.isNumber })
    }

    /// One object to check, with where it came from.
    public struct Object {
        /// The object.
        public var node: YAMLNode
        /// Its file, for the finding's location.
        public var file: String
        /// An object read from `file`.
        public init(node: YAMLNode, file: String) { self.node = node; self.file = file }
    }

    /// The findings for `objects` against Kubernetes 1.`target`, in input order.
    public static func check(_ objects: [Object], minor target: Int) -> [Finding] {
        var out: [Finding] = []
        for o in objects {
            guard let apiVersion = o.node["apiVersion"]?.stringValue, let kind = o.node["kind"]?.stringValue else { continue }
            guard let row = RemovedAPI.table.first(where: { $0.apiVersion == apiVersion && $0.kinds.contains(kind) }) else { continue }
            let removed = target >= row.removedIn
            guard removed || target >= row.removedIn - deprecationWindow else { continue }
            let mark = o.node["apiVersion"]?.mark ?? o.node.mark
            out.append(Finding(file: o.file, mark: mark, apiVersion: apiVersion, kind: kind,
                               name: o.node["metadata"]?["name"]?.stringValue ?? "", removedIn: row.removedIn,
                               replacement: row.replacement, removed: removed))
        }
        return out
    }
}
