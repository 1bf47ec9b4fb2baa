/// A direct writer for the documents builds print most: block mappings and sequences of ASCII
/// scalars. It lays them out as libyaml's emitter does under `YAMLEmitter`'s settings (indent 2,
/// width 80, indentless sequences in mappings, the same style choice and folding), without the
/// event machinery. Anything outside that (non-ASCII or control bytes, long or multi-line keys,
/// block scalars that need an indentation or keep hint) makes it decline, and libyaml writes
/// the document. Tests compare the two on every shape they accept.
struct BlockWriter {
    private var out: [UInt8] = []
    private var column = 0
    /// libyaml's `whitespace` and `indention` flags: whether the last byte written was blank, and
    /// whether only indentation is on the line so far.
    private var whitespace = true
    private var indention = true

    private struct Declined: Error {}

    private static let width = 80
    private static let maxSimpleKey = 128

    /// The document's bytes, or nil when libyaml must write it.
    static func write(_ root: YAMLNode) -> [UInt8]? {
        guard root.kind == .mapping, !root.entries.isEmpty else { return nil }
        var writer = BlockWriter()
        writer.out.reserveCapacity(1024)
        do {
            try writer.mapping(root, indent: 0)
        } catch {
            return nil
        }
        // libyaml ends the stream on a fresh line.
        if writer.column != 0 { writer.out.append(UInt8(ascii: "\n")) }
        return writer.out
    }

    // MARK: Collections

    private mutating func mapping(_ node: YAMLNode, indent: Int) throws {
        for entry in YAMLEmitter.sortedEntries(node.entries) {
            newLine(at: indent)
            try key(entry.key)
            put(UInt8(ascii: ":"))
            whitespace = false
            indention = false
            try value(entry.value, indent: indent, inMapping: true)
        }
    }

    private mutating func sequence(_ node: YAMLNode, indent: Int) throws {
        for item in node.items {
            newLine(at: indent)
            if !whitespace { put(UInt8(ascii: " ")) }
            put(UInt8(ascii: "-"))
            whitespace = false
            try value(item, indent: indent, inMapping: false)
        }
    }

    /// A mapping value or a sequence item; `indent` is the column of the key or the `-`.
    private mutating func value(_ node: YAMLNode, indent: Int, inMapping: Bool) throws {
        switch node.kind {
        case .mapping where node.entries.isEmpty: flowEmpty("{}")
        case .sequence where node.items.isEmpty: flowEmpty("[]")
        case .mapping: try mapping(node, indent: indent + 2)
        // In a mapping, a sequence's dashes stay at the key's column (an indentless sequence).
        case .sequence: try sequence(node, indent: inMapping && !indention ? indent : indent + 2)
        case .scalar: try scalar(node, indent: indent + 2)
        }
    }

    private mutating func flowEmpty(_ text: StaticString) {
        if !whitespace { put(UInt8(ascii: " ")) }
        text.withUTF8Buffer { for byte in $0 { put(byte) } }
        whitespace = false
        indention = false
    }

    // MARK: Scalars

    private mutating func key(_ text: String) throws {
        var text = text
        let requested: Style = Resolver.needsQuotesForV2(text) ? .double : .plain
        // The bytes are read in place: a copy per key and scalar is most of a document's allocations.
        try text.withUTF8 { bytes in
            guard bytes.count <= Self.maxSimpleKey, bytes.firstIndex(of: UInt8(ascii: "\n"), from: 0) == nil else { throw Declined() }
            try write(bytes, style: requested, indent: 0, simpleKey: true)
        }
    }

    private mutating func scalar(_ node: YAMLNode, indent: Int) throws {
        var text: String
        switch node.tag {
        case .string: text = node.tagFollowsText ? node.textAfterJSONHop : node.text
        case .null: text = "null"
        case .bool: text = Resolver.yaml11BoolValue(node.text) ? "true" : "false"
        case .int, .float: text = ScalarFormat.number(node)
        }
        var requested = Style.plain
        let quoted = node.tag == .string && Resolver.needsQuotesForV2(text)
        try text.withUTF8 { bytes in
            if node.tag == .string {
                requested = bytes.firstIndex(of: UInt8(ascii: "\n"), from: 0) != nil ? .literal : quoted ? .double : .plain
            }
            try write(bytes, style: requested, indent: indent, simpleKey: false)
        }
    }

    private enum Style { case plain, single, double, literal }
    private typealias Bytes = UnsafeBufferPointer<UInt8>

    private mutating func write(_ bytes: Bytes, style requested: Style, indent: Int, simpleKey: Bool) throws {
        let analysis = try Analysis(bytes)
        var style = requested
        if simpleKey && analysis.multiline { style = .double }
        if style == .plain && (!analysis.blockPlainAllowed || (bytes.isEmpty && simpleKey)) { style = .single }
        if style == .single && !analysis.singleQuotedAllowed { style = .double }
        if style == .literal && (!analysis.blockAllowed || simpleKey) { style = .double }
        switch style {
        case .plain: plain(bytes, indent: indent, breaks: !simpleKey)
        case .single: single(bytes, indent: indent, breaks: !simpleKey)
        case .double: double(bytes, indent: indent, breaks: !simpleKey)
        case .literal: try literal(bytes, indent: indent)
        }
    }

    private mutating func plain(_ bytes: Bytes, indent: Int, breaks allowBreaks: Bool) {
        if !whitespace && !bytes.isEmpty { put(UInt8(ascii: " ")) }
        // A fold happens only at a space past the width: a scalar that ends before it goes in whole.
        if !allowBreaks || column + bytes.count <= Self.width + 1 {
            out.append(contentsOf: bytes)
            column += bytes.count
            whitespace = false
            indention = false
            return
        }
        var spaces = false
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: " ") {
                if allowBreaks && !spaces && column > Self.width && !isSpace(bytes, i + 1) {
                    fold(at: indent)
                } else {
                    put(byte)
                }
                spaces = true
            } else {
                put(byte)
                indention = false
                spaces = false
            }
        }
        whitespace = false
        indention = false
    }

    private mutating func single(_ bytes: Bytes, indent: Int, breaks allowBreaks: Bool) {
        if !whitespace { put(UInt8(ascii: " ")) }
        put(UInt8(ascii: "'"))
        var spaces = false
        for (i, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: " ") {
                if allowBreaks && !spaces && column > Self.width && i != 0 && i != bytes.count - 1 && !isSpace(bytes, i + 1) {
                    fold(at: indent)
                } else {
                    put(byte)
                }
                spaces = true
            } else {
                if byte == UInt8(ascii: "'") { put(byte) }
                put(byte)
                indention = false
                spaces = false
            }
        }
        put(UInt8(ascii: "'"))
        whitespace = false
        indention = false
    }

    private mutating func double(_ bytes: Bytes, indent: Int, breaks allowBreaks: Bool) {
        if !whitespace { put(UInt8(ascii: " ")) }
        put(UInt8(ascii: "\""))
        var spaces = false
        for (i, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\""), UInt8(ascii: "\\"):
                put(UInt8(ascii: "\\"))
                put(byte == UInt8(ascii: "\n") ? UInt8(ascii: "n") : byte)
                spaces = false
            case UInt8(ascii: " "):
                if allowBreaks && !spaces && column > Self.width && i != 0 && i != bytes.count - 1 {
                    fold(at: indent)
                    if isSpace(bytes, i + 1) { put(UInt8(ascii: "\\")) }
                } else {
                    put(byte)
                }
                spaces = true
            default:
                put(byte)
                spaces = false
            }
        }
        put(UInt8(ascii: "\""))
        whitespace = false
        indention = false
    }

    private mutating func literal(_ bytes: Bytes, indent: Int) throws {
        // An indentation hint (leading blank) or the keep chomping (`|+`, which leaves the
        // document open-ended) are libyaml's to write.
        guard let first = bytes.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\n") else { throw Declined() }
        let endsWithBreak = bytes.last == UInt8(ascii: "\n")
        if endsWithBreak && (bytes.count == 1 || bytes[bytes.count - 2] == UInt8(ascii: "\n")) { throw Declined() }
        if !whitespace { put(UInt8(ascii: " ")) }
        put(UInt8(ascii: "|"))
        if !endsWithBreak { put(UInt8(ascii: "-")) }
        lineBreak()
        indention = true
        whitespace = true
        var breaks = true
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                lineBreak()
                indention = true
                breaks = true
            } else {
                if breaks { pad(to: indent) }
                put(byte)
                indention = false
                breaks = false
            }
        }
    }

    // MARK: Layout

    /// libyaml's write_indent: a new line unless only indentation is on this one, then padding.
    private mutating func newLine(at indent: Int) {
        if !indention || column > indent || (column == indent && !whitespace) { lineBreak() }
        pad(to: indent)
    }

    private mutating func fold(at indent: Int) {
        lineBreak()
        pad(to: indent)
    }

    private mutating func pad(to indent: Int) {
        if column < indent {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent - column))
            column = indent
        }
        whitespace = true
        indention = true
    }

    private mutating func lineBreak() {
        out.append(UInt8(ascii: "\n"))
        column = 0
    }

    private mutating func put(_ byte: UInt8) {
        out.append(byte)
        column += 1
    }

    private func isSpace(_ bytes: Bytes, _ i: Int) -> Bool { i < bytes.count && bytes[i] == UInt8(ascii: " ") }

    /// libyaml's analyze_scalar, for printable ASCII and line feeds (anything else declines).
    private struct Analysis {
        var multiline = false
        var blockPlainAllowed = true
        var singleQuotedAllowed = true
        var blockAllowed = true

        init(_ s: Bytes) throws {
            guard let first = s.first else {
                blockAllowed = false
                return
            }
            // Most scalars are one word: a letter or digit first, no blanks or controls, no final
            // colon. Indicators elsewhere need a blank beside them, so every style is allowed.
            if (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first >= 0x30 && first <= 0x39,
               s[s.count - 1] != UInt8(ascii: ":"), !s.contains(where: { $0 < 0x21 || $0 > 0x7E }) {
                return
            }
            var blockIndicators = false
            var lineBreaks = false, leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
            var breakSpace = false, spaceBreak = false
            var previousSpace = false, previousBreak = false
            if s.count >= 3 && ((s[0] == 0x2D && s[1] == 0x2D && s[2] == 0x2D) || (s[0] == 0x2E && s[1] == 0x2E && s[2] == 0x2E)) {
                blockIndicators = true
            }
            func blank(_ i: Int) -> Bool { i >= s.count || s[i] == 0x20 || s[i] == 0x0A }
            var precededByWhitespace = true
            for i in s.indices {
                let c = s[i]
                guard c == 0x0A || (c >= 0x20 && c <= 0x7E) else { throw Declined() }
                let followedByWhitespace = blank(i + 1)
                if i == 0 {
                    switch c {
                    case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                         UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                         UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                         UInt8(ascii: "`"):
                        blockIndicators = true
                    case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                        if followedByWhitespace { blockIndicators = true }
                    default: break
                    }
                } else if (c == UInt8(ascii: ":") && followedByWhitespace) || (c == UInt8(ascii: "#") && precededByWhitespace) {
                    blockIndicators = true
                }
                if c == 0x20 {
                    if i == 0 { leadingSpace = true }
                    if i == s.count - 1 { trailingSpace = true }
                    if previousBreak { breakSpace = true }
                    previousSpace = true
                    previousBreak = false
                } else if c == 0x0A {
                    lineBreaks = true
                    if i == 0 { leadingBreak = true }
                    if i == s.count - 1 { trailingBreak = true }
                    if previousSpace { spaceBreak = true }
                    previousSpace = false
                    previousBreak = true
                } else {
                    previousSpace = false
                    previousBreak = false
                }
                precededByWhitespace = c == 0x20 || c == 0x0A
            }
            multiline = lineBreaks
            if leadingSpace || leadingBreak || trailingSpace || trailingBreak { blockPlainAllowed = false }
            if trailingSpace { blockAllowed = false }
            if breakSpace { blockPlainAllowed = false; singleQuotedAllowed = false }
            if spaceBreak { blockPlainAllowed = false; singleQuotedAllowed = false; blockAllowed = false }
            if lineBreaks || blockIndicators { blockPlainAllowed = false }
        }
    }
}
