import CLibYAML

/// Prints nodes exactly as kustomize and Helm's toYaml do: the JSON hop through sigs.k8s.io/yaml
/// into goyaml.v2's encoder (sorted keys, YAML 1.1 quoting, 80-column folding, `|` blocks).
/// libyaml's emitter produces goyaml.v2's bytes when given the same styles.
public enum YAMLEmitter {
    /// One document, ending with a newline.
    public static func emit(_ node: YAMLNode) -> String {
        var out: [UInt8] = []
        emit(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one document to `out`.
    public static func emit(_ node: YAMLNode, into out: inout [UInt8]) {
        if let bytes = BlockWriter.write(node) {
            out.append(contentsOf: bytes)
            return
        }
        emitWithLibYAML(node, into: &out)
    }

    /// `emit(_:into:)` through libyaml's emitter, which `BlockWriter` follows (and tests compare with).
    static func emitWithLibYAML(_ node: YAMLNode, into out: inout [UInt8]) {
        let sink = OutputSink()
        let bom = LeadingBOM()
        var emitter = yaml_emitter_t()
        guard yaml_emitter_initialize(&emitter) == 1 else { return }
        defer { yaml_emitter_delete(&emitter) }
        yaml_emitter_set_width(&emitter, 80)
        yaml_emitter_set_indent(&emitter, 2)
        yaml_emitter_set_unicode(&emitter, 1)
        let ctx = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(&emitter, { data, buffer, size in
            guard let data, let buffer else { return 0 }
            let sink = Unmanaged<OutputSink>.fromOpaque(data).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, ctx)

        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        yaml_emitter_emit(&emitter, &event)
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        yaml_emitter_emit(&emitter, &event)
        emitNode(node, &emitter, bom)
        yaml_document_end_event_initialize(&event, 1)
        yaml_emitter_emit(&emitter, &event)
        yaml_stream_end_event_initialize(&event)
        yaml_emitter_emit(&emitter, &event)
        yaml_emitter_flush(&emitter)

        // libyaml ends an open-ended document (after a `|+` block) with a "..." line, goyaml.v2 does
        // not. Only a line of its own: a last value ending in "..." stays (found by scripts/fuzz).
        let bytes = bom.substitute(sink.bytes)
        let n = bytes.count
        let marker = n == 4 || (n > 4 && bytes[n - 5] == UInt8(ascii: "\n"))
        let end = n >= 4 && marker && bytes.suffix(4).elementsEqual("...\n".utf8) ? n - 4 : n
        out.append(contentsOf: bytes[..<end])
    }

    private final class OutputSink { var bytes: [UInt8] = [] }

    private static func emitNode(_ node: YAMLNode, _ emitter: inout yaml_emitter_t, _ bom: LeadingBOM) {
        var event = yaml_event_t()
        switch node.kind {
        case .mapping:
            let empty = node.entries.isEmpty
            yaml_mapping_start_event_initialize(&event, nil, nil, 1, empty ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE)
            yaml_emitter_emit(&emitter, &event)
            for entry in sortedEntries(node.entries) {
                emitString(entry.key, &emitter, bom)
                emitNode(entry.value, &emitter, bom)
            }
            yaml_mapping_end_event_initialize(&event)
            yaml_emitter_emit(&emitter, &event)
        case .sequence:
            let empty = node.items.isEmpty
            yaml_sequence_start_event_initialize(&event, nil, nil, 1, empty ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE)
            yaml_emitter_emit(&emitter, &event)
            for item in node.items { emitNode(item, &emitter, bom) }
            yaml_sequence_end_event_initialize(&event)
            yaml_emitter_emit(&emitter, &event)
        case .scalar:
            switch node.tag {
            case .string: emitString(node.tagFollowsText ? node.textAfterJSONHop : node.text, &emitter, bom)
            case .null: emitPlain("null", &emitter)
            case .bool: emitPlain(Resolver.yaml11BoolValue(node.text) ? "true" : "false", &emitter)
            case .int, .float: emitPlain(ScalarFormat.number(node), &emitter)
            }
        }
    }

    static func sortedEntries(_ entries: [YAMLNode.Entry]) -> [YAMLNode.Entry] {
        if entries.count < 2 { return entries }
        // Many mappings are in order already (kustomize's own output, generated objects): then
        // the array is shared, not copied.
        var i = 1
        while i < entries.count && !KeyOrder.less(entries[i].key, entries[i - 1].key) { i += 1 }
        if i == entries.count { return entries }
        return entries.sorted { KeyOrder.less($0.key, $1.key) }
    }

    private static func emitPlain(_ s: String, _ emitter: inout yaml_emitter_t) {
        emitScalar(s, YAML_PLAIN_SCALAR_STYLE, &emitter)
    }

    /// goyaml.v2's stringv: literal for multi-line, double quotes when plain would change the type.
    private static func emitString(_ s: String, _ emitter: inout yaml_emitter_t, _ bom: LeadingBOM) {
        if LeadingBOM.applies(to: s) { return emitPlain(bom.placeholder(for: s), &emitter) }
        let style: yaml_scalar_style_t
        if s.utf8.contains(UInt8(ascii: "\n")) {
            style = YAML_LITERAL_SCALAR_STYLE
        } else if Resolver.needsQuotesForV2(s) {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
        } else {
            style = YAML_PLAIN_SCALAR_STYLE
        }
        emitScalar(s, style, &emitter)
    }

    private static func emitScalar(_ s: String, _ style: yaml_scalar_style_t, _ emitter: inout yaml_emitter_t) {
        var event = yaml_event_t()
        // libyaml copies the bytes; it asserts a non-null pointer even for an empty value.
        if s.isEmpty {
            var zero: UInt8 = 0
            _ = yaml_scalar_event_initialize(&event, nil, nil, &zero, 0, 1, 1, style)
        } else {
            var text = s
            text.withUTF8 { buf in
                _ = yaml_scalar_event_initialize(&event, nil, nil, UnsafeMutablePointer(mutating: buf.baseAddress),
                                                 Int32(buf.count), 1, 1, style)
            }
        }
        yaml_emitter_emit(&emitter, &event)
    }
}

/// Normalises numeric scalar text the way kustomize's JSON hop does.
public enum ScalarFormat {
    /// The numeric scalar's text as it comes back from kustomize's JSON round trip (Go integer forms in decimal, floats in Go's format).
    public static func number(_ node: YAMLNode) -> String {
        let raw = node.text.removingUnderscores
        if node.tag == .int, let dec = Resolver.parseGoInteger(raw) { return dec }
        switch raw {
        case ".nan", ".NaN", ".NAN": return ".nan"
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return ".inf"
        case "-.inf", "-.Inf", "-.INF": return "-.inf"
        default: break
        }
        guard let v = Double(raw) else { return node.text }
        return float(v)
    }

    /// A float64 after JSON encoding and goyaml.v2 decoding: integral values below 2^64 become ints.
    public static func float(_ v: Double) -> String {
        if v.isNaN { return ".nan" }
        if v.isInfinite { return v < 0 ? "-.inf" : ".inf" }
        if v == v.rounded(), abs(v) < 1e21 {
            // JSON carries Go's shortest digits (12345678901234567000, not ...7168), which
            // goyaml.v2 then reads back as an integer when it fits in 64 bits.
            let json = GoFloat.formatJSON(v)
            if Int64(json) != nil || UInt64(json) != nil { return json }
        }
        return GoFloat.formatG(v)
    }
}

/// goyaml.v2's key order: letters sort after non-letters, digit runs compare numerically.
public enum KeyOrder {
    /// Whether key `a` sorts before `b` in goyaml.v2's order.
    public static func less(_ a: String, _ b: String) -> Bool {
        // Equal keys compare false on both paths below (Go compares bytes, so no `==` first).
        if let ascii = asciiLess(a, b) { return ascii }
        let ar = Array(a.unicodeScalars), br = Array(b.unicodeScalars)
        var i = 0
        while i < ar.count && i < br.count {
            if ar[i] == br[i] { i += 1; continue }
            let al = isLetter(ar[i]), bl = isLetter(br[i])
            if al && bl { return ar[i].value < br[i].value }
            if al || bl { return bl }
            var an: Int64 = 0, bn: Int64 = 0
            if ar[i] == "0" || br[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(ar[j]) {
                    if ar[j] != "0" { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && isDigit(ar[ai]) { an = an &* 10 &+ Int64(ar[ai].value - 48); ai += 1 }
            var bi = i
            while bi < br.count && isDigit(br[bi]) { bn = bn &* 10 &+ Int64(br[bi].value - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return ar[i].value < br[i].value
        }
        return ar.count < br.count
    }

    /// The same rule over bytes, for ASCII keys (nearly all keys), without allocating; nil otherwise.
    private static func asciiLess(_ a: String, _ b: String) -> Bool? {
        var a = a, b = b
        return a.withUTF8 { ab in b.withUTF8 { bb in asciiLess(ab, bb) } }
    }

    private static func asciiLess(_ ar: UnsafeBufferPointer<UInt8>, _ br: UnsafeBufferPointer<UInt8>) -> Bool? {
        @inline(__always) func digit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        @inline(__always) func letter(_ c: UInt8) -> Bool { (c | 0x20) >= 97 && (c | 0x20) <= 122 }
        var i = 0
        while i < ar.count && i < br.count {
            let x = ar[i], y = br[i]
            if x >= 0x80 || y >= 0x80 { return nil }
            if x == y { i += 1; continue }
            let xl = letter(x), yl = letter(y)
            if xl && yl { return x < y }
            if xl || yl { return yl }
            var an: Int64 = 0, bn: Int64 = 0
            if x == 48 || y == 48 {
                var j = i - 1
                while j >= 0 && digit(ar[j]) {
                    if ar[j] != 48 { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i
            while ai < ar.count && digit(ar[ai]) { an = an &* 10 &+ Int64(ar[ai] - 48); ai += 1 }
            var bi = i
            while bi < br.count && digit(br[bi]) { bn = bn &* 10 &+ Int64(br[bi] - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return x < y
        }
        // A non-ASCII byte after the shared part could still matter only through length here.
        return ar.count < br.count
    }

    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 { return (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) }
        return s.properties.isAlphabetic
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 { return s.value >= 48 && s.value <= 57 }
        return s.properties.numericType == .decimal
    }
}
