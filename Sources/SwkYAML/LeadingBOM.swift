/// goyaml.v2's `is_bom` looks at the first bytes of the whole scalar rather than at the current
/// character, so a string that starts with U+FEFF is written double-quoted with *every* character
/// escaped (`"\uFEFF\x61\x20..."`), on one line. libyaml checks the current character, so such
/// strings are emitted as placeholders and replaced with goyaml.v2's text afterwards.
final class LeadingBOM {
    // Random, so no real document holds it; made only when a BOM string turns up.
    private lazy var token = "swkbom" + String(UInt64.random(in: .min ... .max), radix: 36)
    private var pending: [(placeholder: [UInt8], text: [UInt8])] = []

    static func applies(to s: String) -> Bool { s.unicodeScalars.first == "\u{FEFF}" }

    /// A plain-scalar stand-in for `s`, as long as `s` when that is longer (the emitter writes
    /// keys over 128 bytes in the explicit `? key` form).
    func placeholder(for s: String) -> String {
        var p = "\(token)x\(pending.count)x"
        let length = s.utf8.count
        if length > p.utf8.count { p += String(repeating: "x", count: length - p.utf8.count) }
        pending.append((Array(p.utf8), Array(Self.quoted(s).utf8)))
        return p
    }

    /// The output with every placeholder replaced, in emission order.
    func substitute(_ bytes: [UInt8]) -> [UInt8] {
        guard !pending.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        for (placeholder, text) in pending {
            guard let at = Self.find(placeholder, in: bytes, from: i) else { continue }
            out += bytes[i..<at]
            out += text
            i = at + placeholder.count
        }
        out += bytes[i...]
        return out
    }

    private static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// goyaml.v2's escapes for a double-quoted scalar, applied to every character.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            if let short = shortEscapes[scalar.value] {
                out += "\\" + short
            } else {
                let v = scalar.value
                let (prefix, width) = v <= 0xFF ? ("x", 2) : v <= 0xFFFF ? ("u", 4) : ("U", 8)
                let hex = String(v, radix: 16, uppercase: true)
                out += "\\" + prefix + String(repeating: "0", count: max(0, width - hex.count)) + hex
            }
        }
        return out + "\""
    }

    private static let shortEscapes: [UInt32: String] = [
        0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r", 0x1B: "e",
        0x22: "\"", 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P",
    ]
}
