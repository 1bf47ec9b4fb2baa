import Foundation
import SwkYAML

/// Conversions between template values and YAML trees, through Go's JSON hop.
public enum ValueBridge {
    /// A YAML tree as Helm sees it after YAML -> JSON -> interface{}: every number is a float64.
    public static func value(from node: YAMLNode) -> Value {
        switch node.kind {
        case .mapping:
            var d = [String: Value](minimumCapacity: node.entries.count)
            for e in node.entries { d[e.key] = value(from: e.value) }
            return .map(GoMap(d))
        case .sequence:
            return .list(node.items.map { value(from: $0) })
        case .scalar:
            switch node.tag {
            case .null: return .null
            case .string: return .string(node.text)
            case .bool:
                return .bool(["y", "yes", "on", "true"].contains(node.text.lowercased()))
            case .int, .float:
                let t = ScalarFormat.number(node)
                if let d = Double(t) { return .float(d) }
                switch t {
                case ".inf": return .float(.infinity)
                case "-.inf": return .float(-.infinity)
                case ".nan": return .float(.nan)
                default: return .string(node.text)
                }
            }
        }
    }

    /// A value as sigs.k8s.io/yaml.Marshal would see it (JSON first). One that JSON cannot marshal
    /// (cyclic, too deep) is null, as Helm's toYaml prints nothing for it.
    public static func node(from value: Value) -> YAMLNode {
        ValueBounds.exceeded(value) ? .null() : bridged(value)
    }

    static func bridged(_ value: Value) -> YAMLNode {
        switch value {
        case .null: return .null()
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .int64(let i), .duration(let i): return YAMLNode(kind: .scalar, text: String(i), tag: .int)
        case .float(let f):
            if !f.isFinite { return .null() }
            return YAMLNode(kind: .scalar, text: GoFormat.jsonFloat(f), tag: .float)
        case .string(let s): return .string(s)
        case .list(let l): return .sequence(l.map { bridged($0) })
        case .strings(let l): return .sequence(l.map { .string($0) })
        case .bytes(let b): return .string(Data(b).base64EncodedString())
        case .map(let m):
            return .mapping(m.dict.map { YAMLNode.Entry(key: $0.key, value: bridged($0.value)) })
        case .time(let t): return .string(GoTimeFormat.format(t, layout: "2006-01-02T15:04:05.999999999Z07:00"))
        case .object(let o):
            if let j = (o as? JSONConvertible)?.jsonValue() { return bridged(j) }
            return .mapping()
        }
    }

    /// Helm's toYaml: the document without its final newline.
    public static func toYAML(_ value: Value) -> String {
        if ValueBounds.exceeded(value) { return "" }
        var s = YAMLEmitter.emit(node(from: value))
        if s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}

/// Objects that marshal to JSON as some plain value (.Chart, .Capabilities...).
public protocol JSONConvertible {
    /// The value toJson and toYaml write for the object.
    func jsonValue() -> Value
}
