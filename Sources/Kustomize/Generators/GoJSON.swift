import SwkYAML

/// JSON bytes as Go's `encoding/json.Marshal` writes them for decoded YAML: object keys sorted by
/// byte, no spaces, and Go's escaping (`<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes; `\b` and
/// `\f` short since Go 1.22). The name hash is computed over these bytes, so every byte counts.
enum GoJSON {
    indirect enum Value {
        case string(String)
        case object([(key: String, value: Value)])
        case array([Value])
        /// Number, boolean or null text, written as is.
        case literal(String)
    }

    static func encode(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        write(value, into: &out)
        return out
    }

    /// A YAML value as kustomize's JSON hop sees it.
    static func value(_ node: YAMLNode) -> Value {
        switch node.kind {
        case .mapping: return .object(node.entries.map { ($0.key, value($0.value)) })
        case .sequence: return .array(node.items.map(value))
        case .scalar:
            switch node.tag {
            case .string: return .string(node.text)
            case .null: return .literal("null")
            case .bool: return .literal(node.text.lowercased() == "true" ? "true" : "false")
            case .int, .float: return .literal(ScalarFormat.number(node))
            }
        }
    }

    private static func write(_ value: Value, into out: inout [UInt8]) {
        switch value {
        case .string(let s): writeString(s, into: &out)
        case .literal(let text): out += text.utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let sorted = members.map { (Array($0.key.utf8), $0.value) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
            for (i, (key, member)) in sorted.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(String(decoding: key, as: UTF8.self), into: &out)
                out.append(UInt8(ascii: ":"))
                write(member, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let hex = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Byte by byte: a Swift String is valid UTF-8, and the only multi-byte characters Go
        // escapes are U+2028 and U+2029 (E2 80 A8 and E2 80 A9).
        var text = s
        text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                case 0x08: out += #"\b"#.utf8
                case 0x0C: out += #"\f"#.utf8
                case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): unicodeEscape(UInt32(byte), into: &out)
                case 0xE2 where i + 1 < bytes.count && bytes[i] == 0x80 && (bytes[i + 1] == 0xA8 || bytes[i + 1] == 0xA9):
                    unicodeEscape(0x2000 | UInt32(bytes[i + 1] - 0x80), into: &out)
                    i += 2
                default:
                    if byte < 0x20 { unicodeEscape(UInt32(byte), into: &out) } else { out.append(byte) }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ v: UInt32, into out: inout [UInt8]) {
        out += #"\u"#.utf8
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
