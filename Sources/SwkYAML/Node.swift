/// A position in a source file (1-based line and column).
public struct SourceMark: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    public static let unknown = SourceMark(line: 0, column: 0)
    public var description: String { "\(line):\(column)" }
}

/// The resolved type of a scalar, as a YAML reader would take it.
public enum ScalarTag: UInt8, Sendable {
    case string, int, float, bool, null
}

/// How a scalar was written in its source.
public enum ScalarStyle: UInt8, Sendable {
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One YAML node. A class, so transformers can edit a resource tree in place.
public final class YAMLNode {
    public enum Kind: UInt8, Sendable { case scalar, mapping, sequence }

    public struct Entry {
        public var key: String
        public var value: YAMLNode
        public init(key: String, value: YAMLNode) { self.key = key; self.value = value }
    }

    public var kind: Kind
    /// Scalar text exactly as written (after unescaping).
    public var text: String
    public var tag: ScalarTag
    public var style: ScalarStyle
    /// Mapping entries in source order.
    public var entries: [Entry]
    /// Sequence items.
    public var items: [YAMLNode]
    public var mark: SourceMark

    public init(kind: Kind, text: String = "", tag: ScalarTag = .string, style: ScalarStyle = .plain,
                entries: [Entry] = [], items: [YAMLNode] = [], mark: SourceMark = .unknown) {
        self.kind = kind
        self.text = text
        self.tag = tag
        self.style = style
        self.entries = entries
        self.items = items
        self.mark = mark
    }

    public static func string(_ s: String) -> YAMLNode { YAMLNode(kind: .scalar, text: s, tag: .string) }
    /// A scalar typed as if written plain in a resource (`123` becomes an int), as kyaml's untagged nodes are.
    public static func plain(_ s: String) -> YAMLNode {
        YAMLNode(kind: .scalar, text: s, tag: Resolver.resolve(s, schema: .kyaml))
    }
    public static func int(_ i: Int) -> YAMLNode { YAMLNode(kind: .scalar, text: String(i), tag: .int) }
    public static func bool(_ b: Bool) -> YAMLNode { YAMLNode(kind: .scalar, text: b ? "true" : "false", tag: .bool) }
    public static func null() -> YAMLNode { YAMLNode(kind: .scalar, text: "null", tag: .null) }
    public static func mapping(_ entries: [Entry] = []) -> YAMLNode { YAMLNode(kind: .mapping, entries: entries) }
    public static func sequence(_ items: [YAMLNode] = []) -> YAMLNode { YAMLNode(kind: .sequence, items: items) }

    public var isScalar: Bool { kind == .scalar }
    public var isMapping: Bool { kind == .mapping }
    public var isSequence: Bool { kind == .sequence }
    public var isNull: Bool { kind == .scalar && tag == .null }

    /// The string value of a scalar that is not null.
    public var stringValue: String? { kind == .scalar && tag != .null ? text : nil }

    public subscript(key: String) -> YAMLNode? {
        get {
            guard kind == .mapping else { return nil }
            // By index: iterating the entries would copy (retain and release) each one.
            return entries.withUnsafeBufferPointer { buffer in
                for i in buffer.indices where buffer[i].key == key { return buffer[i].value }
                return nil
            }
        }
        set {
            guard kind == .mapping else { return }
            if let i = entries.firstIndex(where: { $0.key == key }) {
                if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
            } else if let v = newValue {
                entries.append(Entry(key: key, value: v))
            }
        }
    }

    /// Follows a path of mapping keys.
    public func value(at path: [String]) -> YAMLNode? {
        var node: YAMLNode? = self
        for k in path { node = node?[k] }
        return node
    }

    /// Returns the mapping at `key`, creating an empty one if absent or null.
    public func mappingCreating(_ key: String) -> YAMLNode {
        if let existing = self[key], existing.kind == .mapping { return existing }
        let m = YAMLNode.mapping()
        self[key] = m
        return m
    }

    public func deepCopy() -> YAMLNode {
        switch kind {
        case .scalar:
            return YAMLNode(kind: .scalar, text: text, tag: tag, style: style, mark: mark)
        case .mapping:
            return YAMLNode(kind: .mapping, entries: entries.map { Entry(key: $0.key, value: $0.value.deepCopy()) }, mark: mark)
        case .sequence:
            return YAMLNode(kind: .sequence, items: items.map { $0.deepCopy() }, mark: mark)
        }
    }

    /// Structural equality of values (scalars by resolved text and tag).
    public func isEqual(to other: YAMLNode) -> Bool {
        guard kind == other.kind else { return false }
        switch kind {
        case .scalar: return tag == other.tag && text == other.text
        case .sequence:
            return items.count == other.items.count && zip(items, other.items).allSatisfy { $0.isEqual(to: $1) }
        case .mapping:
            guard entries.count == other.entries.count else { return false }
            for e in entries {
                guard let o = other[e.key], e.value.isEqual(to: o) else { return false }
            }
            return true
        }
    }
}
