import Foundation

/// encoding/json for template values: Marshal (sorted keys, HTML escaping) and Unmarshal into interface{}.
public enum GoJSON {
    /// How `marshal` writes: json.Marshal's HTML escaping, MarshalIndent's indent.
    public struct Options {
        /// Escape `<`, `>` and `&` as `\u003c` etc. (json.Marshal does; toRawJson does not).
        public var escapeHTML = true
        /// One level of indentation (MarshalIndent); nil for compact output.
        public var indent: String? = nil
        /// Options as given; the defaults are json.Marshal's.
        public init(escapeHTML: Bool = true, indent: String? = nil) { self.escapeHTML = escapeHTML; self.indent = indent }
    }

    /// json.Marshal: maps with sorted keys, Go's number forms; throws on a value too deep or cyclic.
    public static func marshal(_ v: Value, _ opts: Options = Options()) throws -> String {
        if ValueBounds.exceeded(v) { throw FuncError("json: unsupported value: " + ValueBounds.message) }
        var out = ""
        try write(v, into: &out, opts, level: 0)
        return out
    }

    static func write(_ v: Value, into out: inout String, _ opts: Options, level: Int) throws {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .int64(let i), .duration(let i): out += String(i)
        case .float(let f):
            guard f.isFinite else { throw FuncError("json: unsupported value: \(GoFormat.formatFloat(f))") }
            out += GoFormat.jsonFloat(f)
        case .string(let s): writeString(s, into: &out, opts)
        case .bytes(let b): writeString(Data(b).base64EncodedString(), into: &out, opts)
        case .time(let t): writeString(GoTimeFormat.format(t, layout: "2006-01-02T15:04:05.999999999Z07:00"), into: &out, opts)
        case .list, .strings:
            let items = v.listItems ?? []
            if items.isEmpty { out += "[]"; return }
            out += "["
            for (i, x) in items.enumerated() {
                if i > 0 { out += "," }
                newline(&out, opts, level + 1)
                try write(x, into: &out, opts, level: level + 1)
            }
            newline(&out, opts, level)
            out += "]"
        case .map(let m):
            if m.dict.isEmpty { out += "{}"; return }
            out += "{"
            for (i, k) in m.sortedKeys.enumerated() {
                if i > 0 { out += "," }
                newline(&out, opts, level + 1)
                writeString(k, into: &out, opts)
                out += opts.indent == nil ? ":" : ": "
                try write(m.dict[k] ?? .null, into: &out, opts, level: level + 1)
            }
            newline(&out, opts, level)
            out += "}"
        case .object(let o):
            if let j = (o as? JSONConvertible)?.jsonValue() { try write(j, into: &out, opts, level: level) } else { out += "{}" }
        }
    }

    static func newline(_ out: inout String, _ opts: Options, _ level: Int) {
        guard let ind = opts.indent else { return }
        out += "\n" + String(repeating: ind, count: level)
    }

    static func writeString(_ s: String, into out: inout String, _ opts: Options) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&":
                if opts.escapeHTML { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            case "\u{2028}", "\u{2029}": out += String(format: "\\u%04x", u.value)
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        out += "\""
    }

    // MARK: decoding

    /// Malformed JSON, with encoding/json's message.
    public struct DecodeError: Error { public let message: String }

    /// json.Unmarshal into interface{}: numbers are float64.
    public static func unmarshal(_ text: String) throws -> Value {
        var p = JSONReader(bytes: Array(text.utf8))
        p.skipWS()
        let v = try p.value()
        p.skipWS()
        if p.i < p.bytes.count {
            throw DecodeError(message: "invalid character \(p.charDesc(p.bytes[p.i])) after top-level value")
        }
        return v
    }

    /// One value at the start of `text` (json.Decoder.Decode): the value and the UTF-8 bytes it took.
    public static func decodePrefix(_ text: String) throws -> (Value, Int) {
        var p = JSONReader(bytes: Array(text.utf8))
        p.skipWS()
        let v = try p.value()
        return (v, p.i)
    }

    struct JSONReader {
        let bytes: [UInt8]
        var i = 0
        var depth = 0

        mutating func skipWS() { while i < bytes.count, [32, 9, 10, 13].contains(bytes[i]) { i += 1 } }

        func charDesc(_ c: UInt8) -> String {
            if c == 39 { return "'\\''" }
            if c == 34 { return "'\"'" }
            return "'" + String(UnicodeScalar(c)) + "'"
        }

        mutating func value() throws -> Value {
            guard i < bytes.count else { throw DecodeError(message: "unexpected end of JSON input") }
            depth += 1
            defer { depth -= 1 }
            if depth > 10000 { throw DecodeError(message: "exceeded max depth") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                let m = GoMap()
                skipWS()
                if i < bytes.count && bytes[i] == UInt8(ascii: "}") { i += 1; return .map(m) }
                while true {
                    skipWS()
                    guard i < bytes.count else { throw DecodeError(message: "unexpected end of JSON input") }
                    guard bytes[i] == 34 else { throw DecodeError(message: "invalid character \(charDesc(bytes[i])) looking for beginning of object key string") }
                    let k = try string()
                    skipWS()
                    guard i < bytes.count else { throw DecodeError(message: "unexpected end of JSON input") }
                    guard bytes[i] == UInt8(ascii: ":") else { throw DecodeError(message: "invalid character \(charDesc(bytes[i])) after object key") }
                    i += 1
                    skipWS()
                    m.dict[k] = try value()
                    skipWS()
                    guard i < bytes.count else { throw DecodeError(message: "unexpected end of JSON input") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .map(m) }
                    throw DecodeError(message: "invalid character \(charDesc(bytes[i])) after object key:value pair")
                }
            case UInt8(ascii: "["):
                i += 1
                var l: [Value] = []
                skipWS()
                if i < bytes.count && bytes[i] == UInt8(ascii: "]") { i += 1; return .list(l) }
                while true {
                    skipWS()
                    l.append(try value())
                    skipWS()
                    guard i < bytes.count else { throw DecodeError(message: "unexpected end of JSON input") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .list(l) }
                    throw DecodeError(message: "invalid character \(charDesc(bytes[i])) after array element")
                }
            case 34:
                return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let s = i
                i += 1
                while i < bytes.count, let c = Optional(bytes[i]), (c >= 48 && c <= 57) || c == 46 || c == 101 || c == 69 || c == 43 || c == 45 { i += 1 }
                let t = String(decoding: bytes[s..<i], as: UTF8.self)
                guard let d = Double(t) else { throw DecodeError(message: "invalid number \(t)") }
                return .float(d)
            default:
                throw DecodeError(message: "invalid character \(charDesc(bytes[i])) looking for beginning of value")
            }
        }

        mutating func literal(_ word: String, _ v: Value) throws -> Value {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
                let c = i + 1 < bytes.count ? bytes[i + 1] : 0
                throw DecodeError(message: "invalid character \(charDesc(c)) in literal \(word) (expecting '\(String(UnicodeScalar(w[1])))')")
            }
            i += w.count
            return v
        }

        mutating func string() throws -> String {
            i += 1
            var buf: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                if c == 34 { i += 1; return String(decoding: buf, as: UTF8.self) }
                if c == 92 {
                    i += 1
                    guard i < bytes.count else { break }
                    let e = bytes[i]
                    i += 1
                    switch e {
                    case UInt8(ascii: "n"): buf.append(10)
                    case UInt8(ascii: "t"): buf.append(9)
                    case UInt8(ascii: "r"): buf.append(13)
                    case UInt8(ascii: "b"): buf.append(8)
                    case UInt8(ascii: "f"): buf.append(12)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= bytes.count, var code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
                            throw DecodeError(message: "invalid character in \\u escape")
                        }
                        i += 4
                        if code >= 0xD800 && code < 0xDC00, i + 6 <= bytes.count, bytes[i] == 92, bytes[i + 1] == UInt8(ascii: "u"),
                           let lo = UInt32(String(decoding: bytes[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16), lo >= 0xDC00 && lo < 0xE000 {
                            code = 0x10000 + ((code - 0xD800) << 10) + (lo - 0xDC00)
                            i += 6
                        }
                        let u = Unicode.Scalar(code) ?? "\u{FFFD}"
                        buf.append(contentsOf: Array(String(u).utf8))
                    default: buf.append(e)
                    }
                    continue
                }
                buf.append(c)
                i += 1
            }
            throw DecodeError(message: "unexpected end of JSON input")
        }
    }
}
