import Crypto
import SwkYAML

/// The content hash kustomize appends to generated names (kustomize's hasher; facts.md §5.4).
enum NameHash {
    /// The fields each kind's hash covers: always present (missing ones count as ""), and present
    /// only when they hold a map.
    static let fields: [String: (always: [String], ifMap: [String])] = [
        "ConfigMap": (["data"], ["binaryData"]),
        "Secret": (["data", "type"], ["stringData"]),
    ]

    /// The hash of a ConfigMap or Secret; nil for kinds kustomize's generators never make.
    static func suffix(for node: YAMLNode) -> String? {
        guard let kind = node["kind"]?.stringValue, let covered = fields[kind] else { return nil }
        // kustomize looks the name up as one field called "metadata/name", which never exists,
        // so the name is always "" and the hash depends on the content alone.
        var members: [(key: String, value: GoJSON.Value)] = [("kind", .string(kind)), ("name", .string(""))]
        for field in covered.always {
            members.append((field, node[field].map(hashedValue) ?? .string("")))
        }
        for field in covered.ifMap {
            if let v = node[field], v.isMapping { members.append((field, GoJSON.value(v))) }
        }
        return suffix(ofJSON: GoJSON.encode(.object(members)))
    }

    /// A scalar counts by its text and a map as JSON; a list fails kustomize's decoding into a map,
    /// leaving null.
    private static func hashedValue(_ node: YAMLNode) -> GoJSON.Value {
        switch node.kind {
        case .scalar: return .string(node.isNull ? "" : node.text)
        case .mapping: return GoJSON.value(node)
        case .sequence: return .literal("null")
        }
    }

    /// The first ten hex digits of the SHA-256, with vowels and look-alike digits swapped out.
    static func suffix(ofJSON json: [UInt8]) -> String {
        let swaps: [Character: Character] = ["0": "g", "1": "h", "3": "k", "a": "m", "e": "t"]
        let hex = SHA256.hash(data: json).prefix(5).map { byte in
            String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
        return String(hex.map { swaps[$0] ?? $0 })
    }
}
