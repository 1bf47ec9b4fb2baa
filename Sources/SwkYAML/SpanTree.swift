import CLibYAML

/// A YAML node with the byte range it covers in its source, for editors that splice text
/// instead of re-emitting a file (so comments, order and quoting elsewhere survive).
public final class YAMLSpan {
    /// The node's shape; an alias is kept as written, not expanded.
    public enum Kind: Sendable { case scalar, mapping, sequence, alias }

    /// Scalar, mapping, sequence or alias.
    public let kind: Kind
    /// Written in flow style (`[a, b]`, `{k: v}`).
    public let flow: Bool
    /// Byte offset of the node's first character (a quote, `[`, `{`, or the first key or item).
    public internal(set) var start: Int
    /// Byte offset just past the node's last character (not past trailing comments or blank lines).
    public internal(set) var end: Int
    /// 0-based column of `start`, counted in characters as libyaml does.
    public let column: Int
    /// Scalar text after unescaping.
    public let text: String
    /// How the scalar was quoted.
    public let style: ScalarStyle
    /// Mapping keys and values, in source order.
    public internal(set) var keys: [YAMLSpan] = []
    /// Mapping values, parallel to `keys`.
    public internal(set) var values: [YAMLSpan] = []
    /// Sequence items.
    public internal(set) var items: [YAMLSpan] = []

    init(kind: Kind, flow: Bool, start: Int, end: Int, column: Int, text: String = "", style: ScalarStyle = .plain) {
        self.kind = kind; self.flow = flow; self.start = start; self.end = end
        self.column = column; self.text = text; self.style = style
    }

    /// The value of `key` in a mapping, and the key node itself.
    public func entry(_ key: String) -> (key: YAMLSpan, value: YAMLSpan, index: Int)? {
        guard kind == .mapping else { return nil }
        if let i = keys.firstIndex(where: { $0.text == key }) { return (keys[i], values[i], i) }
        return nil
    }

    /// True for a missing value (`key:` with nothing after it) or an explicit null.
    public var isNull: Bool {
        kind == .scalar && style == .plain && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}

/// Reads a file into `YAMLSpan`s (libyaml's events carry the byte offsets).
public enum YAMLSpanParser {
    /// The root node of the first document, or nil for an empty stream.
    public static func parse(_ bytes: [UInt8], file: String) throws -> YAMLSpan? {
        let lines = LineTable(bytes)
        var stack: [YAMLSpan] = []
        var pendingKey: [Bool] = []  // per open mapping: is the next node a key?
        var root: YAMLSpan?
        var error: YAMLError?
        bytes.withUnsafeBufferPointer { buf in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else { return }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var event = yaml_event_t()
            loop: while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let m = parser.problem_mark
                    let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
                    error = YAMLError(file: file, mark: SourceMark(line: Int(m.line) + 1, column: Int(m.column) + 1), message: problem)
                    break
                }
                defer { yaml_event_delete(&event) }
                let start = lines.offset(event.start_mark), end = lines.offset(event.end_mark)
                let column = Int(event.start_mark.column)
                var node: YAMLSpan?
                switch event.type {
                case YAML_STREAM_END_EVENT, YAML_DOCUMENT_END_EVENT:
                    if root != nil { break loop }
                    if event.type == YAML_STREAM_END_EVENT { break loop }
                case YAML_SCALAR_EVENT:
                    let s = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                    node = YAMLSpan(kind: .scalar, flow: false, start: start, end: end, column: column,
                                    text: text, style: style(s.style))
                case YAML_ALIAS_EVENT:
                    node = YAMLSpan(kind: .alias, flow: false, start: start, end: end, column: column)
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let isMap = event.type == YAML_MAPPING_START_EVENT
                    let flow = isMap ? event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
                                     : event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    node = YAMLSpan(kind: isMap ? .mapping : .sequence, flow: flow, start: start, end: start, column: column)
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    guard let done = stack.popLast() else { break }
                    if done.kind == .mapping { pendingKey.removeLast() }
                    // A flow collection ends at its bracket; a block one at its last child.
                    if done.flow { done.end = end }
                    else { done.end = max(done.end, (done.values.last ?? done.items.last)?.end ?? done.start) }
                    if let parent = stack.last { parent.end = max(parent.end, done.end) }
                default:
                    break
                }
                guard let node else { continue }
                if let parent = stack.last {
                    if parent.kind == .sequence { parent.items.append(node) }
                    else if pendingKey[pendingKey.count - 1] { parent.keys.append(node); pendingKey[pendingKey.count - 1] = false }
                    else { parent.values.append(node); pendingKey[pendingKey.count - 1] = true }
                    parent.end = max(parent.end, node.end)
                } else if root == nil {
                    root = node
                }
                if node.kind == .mapping || node.kind == .sequence {
                    stack.append(node)
                    if node.kind == .mapping { pendingKey.append(true) }
                }
            }
        }
        if let error { throw error }
        return root
    }

    static func style(_ s: yaml_scalar_style_t) -> ScalarStyle {
        switch s {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}

/// Turns libyaml's (line, character column) marks into byte offsets, whatever the encoding of the text.
struct LineTable {
    let bytes: [UInt8]
    var starts: [Int] = [0]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
    }

    func offset(_ m: yaml_mark_t) -> Int {
        let line = Int(m.line)
        guard line < starts.count else { return bytes.count }
        var i = starts[line]
        var chars = Int(m.column)
        while chars > 0 && i < bytes.count && bytes[i] != UInt8(ascii: "\n") {
            i += 1
            while i < bytes.count && bytes[i] & 0xC0 == 0x80 { i += 1 }  // UTF-8 continuation bytes
            chars -= 1
        }
        return i
    }
}
