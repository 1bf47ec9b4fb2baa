import SwkYAML

/// `--set key.path=value` overrides as a values document: Helm types the value (true/false,
/// null, integers without a leading zero, `{a,b}` lists), and `\.` keeps a dot in a key.
enum HelmSetValues {
    static func document(_ assignments: [(key: String, value: String)]) -> YAMLNode {
        let root = YAMLNode.mapping()
        for (key, value) in assignments {
            let path = split(key)
            guard let last = path.last else { continue }
            var node = root
            for step in path.dropLast() { node = node.mappingCreating(step) }
            node[last] = typed(value)
        }
        return root
    }

    static func split(_ key: String) -> [String] {
        var parts: [String] = [], current = "", escaped = false
        for c in key {
            if escaped { current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == "." { parts.append(current); current = "" }
            else { current.append(c) }
        }
        parts.append(current)
        return parts.filter { !$0.isEmpty }
    }

    static func typed(_ v: String) -> YAMLNode {
        if v.hasPrefix("{") && v.hasSuffix("}") && v.count >= 2 {
            let inner = v.dropFirst().dropLast()
            return .sequence(inner.isEmpty ? [] : inner.split(separator: ",", omittingEmptySubsequences: false).map { typed(String($0)) })
        }
        switch v.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null()
        case "0": return .int(0)
        default: break
        }
        if let first = v.first, first != "0", let n = Int(v) { return .int(n) }
        return .string(v)
    }
}
