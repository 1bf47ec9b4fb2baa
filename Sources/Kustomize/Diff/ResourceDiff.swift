import SwkYAML

/// Compares two manifest sets resource by resource: matched by group, kind, namespace and name
/// (so an apiVersion bump shows as a change), each compared as kustomize would print it.
public enum ResourceDiff {
    /// One resource that differs between the two sets.
    public struct Change: Sendable {
        /// Only in the second set, only in the first, or in both but different.
        public enum Kind: String, Sendable { case added, removed, changed }
        /// What happened to the resource.
        public var kind: Kind
        /// The resource's id as printed in the report.
        public var resource: String
        /// Unified-diff hunks for a changed resource; the whole object for an added or removed one.
        public var lines: [String]
    }

    /// The changes from `a` to `b`, with `context` lines around each hunk.
    public static func compare(_ a: [YAMLNode], _ b: [YAMLNode], context: Int = 3) -> [Change] {
        let left = index(a), right = index(b)
        var out: [Change] = []
        for (key, node) in left.order.compactMap({ k in left.nodes[k].map { (k, $0) } }) {
            guard let other = right.nodes[key] else {
                out.append(Change(kind: .removed, resource: label(node), lines: lines(node).map { "-" + $0 }))
                continue
            }
            let hunks = LineDiff.unified(lines(node), lines(other), context: context)
            if !hunks.isEmpty { out.append(Change(kind: .changed, resource: label(other), lines: hunks)) }
        }
        for key in right.order where left.nodes[key] == nil {
            if let node = right.nodes[key] {
                out.append(Change(kind: .added, resource: label(node), lines: lines(node).map { "+" + $0 }))
            }
        }
        return out
    }

    static func index(_ nodes: [YAMLNode]) -> (order: [String], nodes: [String: YAMLNode]) {
        var order: [String] = [], map: [String: YAMLNode] = [:]
        for n in nodes {
            var k = key(n)
            var i = 2
            while map[k] != nil { k = key(n) + "#\(i)"; i += 1 }
            order.append(k); map[k] = n
        }
        return (order, map)
    }

    static func key(_ n: YAMLNode) -> String {
        let apiVersion = n["apiVersion"]?.stringValue ?? ""
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        return [group, n["kind"]?.stringValue ?? "", n["metadata"]?["namespace"]?.stringValue ?? "",
                n["metadata"]?["name"]?.stringValue ?? ""].joined(separator: "|")
    }

    static func label(_ n: YAMLNode) -> String {
        let ns = n["metadata"]?["namespace"]?.stringValue ?? ""
        let name = n["metadata"]?["name"]?.stringValue ?? ""
        return "\(n["apiVersion"]?.stringValue ?? "") \(n["kind"]?.stringValue ?? "") \(ns.isEmpty ? name : ns + "/" + name)"
    }

    static func lines(_ n: YAMLNode) -> [String] {
        var text = YAMLEmitter.emit(n)
        if text.hasSuffix("\n") { text.removeLast() }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
