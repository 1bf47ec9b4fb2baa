/// A position in a source file (1-based line and column).
public struct SourceMark: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line; 0 when unknown.
    public var line: Int
    /// 1-based column; 0 when unknown.
    public var column: Int
    /// A mark at `line` and `column`.
    public init(line: Int, column: Int) { self.line = line; self.column = column }
    /// The mark of a node made in code rather than read from a file.
    public static let unknown = SourceMark(line: 0, column: 0)
    /// `line:column`, as error messages show it.
    public var description: String { "\(line):\(column)" }
}

/// The resolved type of a scalar, as a YAML reader would take it.
public enum ScalarTag: UInt8, Sendable {
    /// A string, an integer, a float, a boolean or null.
    case string, int, float, bool, null

    /// The YAML core tag's short name (`str` for `!!str`), as YAML readers name it in errors.
    public var yamlName: String {
        switch self {
        case .string: return "str"
        case .int: return "int"
        case .float: return "float"
        case .bool: return "bool"
        case .null: return "null"
        }
    }
}

/// How a scalar was written in its source.
public enum ScalarStyle: UInt8, Sendable {
    /// Plain, `'single'`, `"double"`, `|` literal or `>` folded.
    case plain, singleQuoted, doubleQuoted, literal, folded
}

/// One YAML node. A class, so transformers can edit a resource tree in place.
///
/// Its fields skip Swift's run-time exclusivity checks: they are read and written millions of
/// times in a large build (the checks cost about 6% of its CPU), and a node is changed only by
/// the thread that builds its resource.
public final class YAMLNode {
    /// Which of the three YAML node shapes this is.
    public enum Kind: UInt8, Sendable { case scalar, mapping, sequence }

    /// One key and its value in a mapping.
    public struct Entry {
        /// The key, always a string (keys are read as scalars).
        public var key: String
        /// The value node.
        public var value: YAMLNode
        /// An entry of `key` and `value`.
        public init(key: String, value: YAMLNode) { self.key = key; self.value = value }
    }

    /// Scalar text exactly as written (after unescaping).
    @exclusivity(unchecked) public var text: String
    /// Mapping entries in source order.
    @exclusivity(unchecked) public var entries: [Entry]
    /// Sequence items.
    @exclusivity(unchecked) public var items: [YAMLNode]
    /// Kind, tag, style and mark in one word, so a node fits a 64-byte heap block (a large build
    /// holds millions): bits 0–1 kind, 2–4 tag, 5–7 style, 8–30 column, 31 `tagFollowsText`,
    /// 32–63 line.
    @exclusivity(unchecked) private var packed: UInt64

    /// Scalar, mapping or sequence.
    public var kind: Kind {
        @inline(__always) get { Kind(rawValue: UInt8(truncatingIfNeeded: packed & 0x3)) ?? .scalar }
        @inline(__always) set { packed = packed & ~0x3 | UInt64(newValue.rawValue) }
    }
    /// How the scalar resolves (string, int, float, bool, null).
    public var tag: ScalarTag {
        @inline(__always) get { ScalarTag(rawValue: UInt8(truncatingIfNeeded: packed >> 2 & 0x7)) ?? .string }
        @inline(__always) set { packed = packed & ~(0x7 << 2) | UInt64(newValue.rawValue) << 2 }
    }
    /// The quoting or block style the scalar was written in; the emitter keeps it where YAML allows.
    public var style: ScalarStyle {
        @inline(__always) get { ScalarStyle(rawValue: UInt8(truncatingIfNeeded: packed >> 5 & 0x7)) ?? .plain }
        @inline(__always) set { packed = packed & ~(0x7 << 5) | UInt64(newValue.rawValue) << 5 }
    }
    /// Where the node starts in its source, for error messages (columns past 8,388,607 read as that).
    public var mark: SourceMark {
        get { SourceMark(line: Int(packed >> 32), column: Int(packed >> 8 & 0x7F_FFFF)) }
        set { packed = packed & (0xFF | 1 << 31) | Self.packedMark(newValue) }
    }

    /// A scalar kyaml made without a tag (a field a replacement created): its type is whatever its
    /// current text reads as, so text copied in later retypes it. A node read from YAML, or
    /// rebuilt by a JSON patch, has a fixed tag.
    public var tagFollowsText: Bool {
        @inline(__always) get { packed & 1 << 31 != 0 }
        @inline(__always) set { packed = newValue ? packed | 1 << 31 : packed & ~(1 << 31) }
    }

    private static func packedMark(_ mark: SourceMark) -> UInt64 {
        UInt64(UInt32(clamping: mark.line)) << 32 | UInt64(min(max(mark.column, 0), 0x7F_FFFF)) << 8
    }

    /// A node of `kind`; the arguments that do not apply to the kind are ignored.
    public init(kind: Kind, text: String = "", tag: ScalarTag = .string, style: ScalarStyle = .plain,
                entries: [Entry] = [], items: [YAMLNode] = [], mark: SourceMark = .unknown) {
        self.text = text
        self.entries = entries
        self.items = items
        self.packed = UInt64(kind.rawValue) | UInt64(tag.rawValue) << 2 | UInt64(style.rawValue) << 5 | Self.packedMark(mark)
    }

    /// A string scalar (emitted quoted when it would otherwise read as another type).
    public static func string(_ s: String) -> YAMLNode { YAMLNode(kind: .scalar, text: s, tag: .string) }
    /// A scalar typed as if written plain in a resource (`123` becomes an int), as kyaml's untagged nodes are.
    public static func plain(_ s: String) -> YAMLNode {
        YAMLNode(kind: .scalar, text: s, tag: Resolver.resolve(s, schema: .kyaml))
    }
    /// An integer scalar.
    public static func int(_ i: Int) -> YAMLNode { YAMLNode(kind: .scalar, text: String(i), tag: .int) }
    /// A boolean scalar, `true` or `false`.
    public static func bool(_ b: Bool) -> YAMLNode { YAMLNode(kind: .scalar, text: b ? "true" : "false", tag: .bool) }
    /// A null scalar.
    public static func null() -> YAMLNode { YAMLNode(kind: .scalar, text: "null", tag: .null) }
    /// A mapping of `entries`, in that order.
    public static func mapping(_ entries: [Entry] = []) -> YAMLNode { YAMLNode(kind: .mapping, entries: entries) }
    /// A sequence of `items`.
    public static func sequence(_ items: [YAMLNode] = []) -> YAMLNode { YAMLNode(kind: .sequence, items: items) }

    /// Whether this is a scalar (null included).
    public var isScalar: Bool { kind == .scalar }
    /// Whether this is a mapping.
    public var isMapping: Bool { kind == .mapping }
    /// Whether this is a sequence.
    public var isSequence: Bool { kind == .sequence }
    /// Whether this is a null scalar (`null`, `~` or nothing).
    public var isNull: Bool { kind == .scalar && tag == .null }

    /// The string value of a scalar that is not null.
    public var stringValue: String? { kind == .scalar && tag != .null ? text : nil }

    /// The value of `key` in a mapping (nil for other kinds); setting nil removes the entry, setting a new key appends it.
    public subscript(key: String) -> YAMLNode? {
        get {
            guard kind == .mapping else { return nil }
            // By index: iterating the entries would copy (retain and release) each one.
            // Lengths first: most keys passed over differ in length, which is cheaper to see.
            let length = key.utf8.count
            return entries.withUnsafeBufferPointer { buffer in
                for i in buffer.indices where buffer[i].key.utf8.count == length && buffer[i].key == key { return buffer[i].value }
                return nil
            }
        }
        set {
            guard kind == .mapping else { return }
            let length = key.utf8.count
            if let i = entries.firstIndex(where: { $0.key.utf8.count == length && $0.key == key }) {
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

    /// An independent copy of the whole tree (nodes are classes, so plain copies share).
    public func deepCopy() -> YAMLNode {
        switch kind {
        case .scalar:
            let copy = YAMLNode(kind: .scalar, text: text, tag: tag, style: style, mark: mark)
            copy.packed = packed
            return copy
        case .mapping:
            return YAMLNode(kind: .mapping, entries: entries.map { Entry(key: $0.key, value: $0.value.deepCopy()) }, mark: mark)
        case .sequence:
            return YAMLNode(kind: .sequence, items: items.map { $0.deepCopy() }, mark: mark)
        }
    }

    /// Which nodes `partSharedNodes` gives a copy of their own.
    public enum SharedNodes { case scalars, mapsAndLists }

    /// Copies each node of the given sort that appears a second time below this one, so later
    /// in-place edits touch one place only (a map or list copied so is not walked again).
    public func partSharedNodes(_ sort: SharedNodes) {
        var seen = Set<ObjectIdentifier>(minimumCapacity: 256)
        func own(_ child: YAMLNode) -> YAMLNode {
            if child.isScalar == (sort == .scalars), !seen.insert(ObjectIdentifier(child)).inserted { return child.deepCopy() }
            if !child.isScalar { visit(child) }
            return child
        }
        // Written back only when copied: most nodes appear once.
        func visit(_ node: YAMLNode) {
            for i in node.entries.indices {
                let child = node.entries[i].value, kept = own(child)
                if kept !== child { node.entries[i].value = kept }
            }
            for i in node.items.indices {
                let child = node.items[i], kept = own(child)
                if kept !== child { node.items[i] = kept }
            }
        }
        visit(self)
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
