import SwkYAML

/// Go literal syntax: strconv.Unquote and template number constants.
enum GoLiteral {
    /// The inside of a double-quoted literal without escapes, most literals, as it is; nil for
    /// any other (`unquote` then reads it).
    static func plainUnquote(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.count >= 2, b[0] == 34, b[b.count - 1] == 34 else { return nil }
        let inside = UnsafeBufferPointer(rebasing: b[1..<(b.count - 1)])
        if inside.contains(where: { $0 == 92 || $0 == 34 || $0 == 10 }) { return nil }
        return String(decoding: inside, as: UTF8.self)
    }

    static func unquote(_ text: String) -> String? {
        var text = text
        if let plain = text.withUTF8(plainUnquote) { return plain }
        let u = Array(text.unicodeScalars)
        guard u.count >= 2, let q = u.first, u.last == q else { return nil }
        if q == "`" {
            return String(String.UnicodeScalarView(u[1..<(u.count - 1)].filter { $0 != "\r" }))
        }
        guard q == "\"" || q == "'" else { return nil }
        var out = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        func flushBytes() {
            if !bytes.isEmpty { out.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars); bytes = [] }
        }
        var i = 1
        let end = u.count - 1
        while i < end {
            let c = u[i]
            if c != "\\" { flushBytes(); out.append(c); i += 1; continue }
            i += 1
            guard i < end else { return nil }
            let e = u[i]
            i += 1
            switch e {
            case "a": flushBytes(); out.append("\u{07}")
            case "b": flushBytes(); out.append("\u{08}")
            case "f": flushBytes(); out.append("\u{0C}")
            case "n": flushBytes(); out.append("\n")
            case "r": flushBytes(); out.append("\r")
            case "t": flushBytes(); out.append("\t")
            case "v": flushBytes(); out.append("\u{0B}")
            case "\\": flushBytes(); out.append("\\")
            case "\"": flushBytes(); out.append("\"")
            case "'": flushBytes(); out.append("'")
            case "x", "u", "U":
                let n = e == "x" ? 2 : (e == "u" ? 4 : 8)
                guard i + n <= end, let v = UInt32(String(String.UnicodeScalarView(u[i..<(i + n)])), radix: 16) else { return nil }
                i += n
                if e == "x" { bytes.append(UInt8(v)) } else {
                    flushBytes()
                    guard let s = Unicode.Scalar(v) else { return nil }
                    out.append(s)
                }
            case "0"..."7":
                guard i + 2 <= end, let v = UInt32(String(String.UnicodeScalarView(u[(i - 1)..<(i + 2)])), radix: 8), v < 256 else { return nil }
                i += 2
                bytes.append(UInt8(v))
            default: return nil
            }
        }
        flushBytes()
        return String(out)
    }

    static func parseInt(_ s: String) -> (Int64?, UInt64?) {
        var t = s.removingUnderscores
        var neg = false
        if t.hasPrefix("+") { t.removeFirst() } else if t.hasPrefix("-") { neg = true; t.removeFirst() }
        var radix = 10
        let lower = t.lowercased()
        if lower.hasPrefix("0x") { radix = 16; t.removeFirst(2) }
        else if lower.hasPrefix("0o") { radix = 8; t.removeFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; t.removeFirst(2) }
        else if t.count > 1 && t.hasPrefix("0") { radix = 8; t.removeFirst() }
        guard !t.isEmpty, let mag = UInt64(t, radix: radix) else { return (nil, nil) }
        if neg {
            if mag <= UInt64(Int64.max) { return (-Int64(mag), nil) }
            if mag == UInt64(Int64.max) + 1 { return (Int64.min, nil) }
            return (nil, nil)
        }
        return (mag <= UInt64(Int64.max) ? Int64(mag) : nil, mag)
    }

    /// Digits only, no leading zero (that would be octal), short enough for Int64.
    private static func smallDecimal(_ text: String) -> Int64? {
        let digits = text.utf8
        guard (1...18).contains(digits.count), digits.count == 1 || digits.first != UInt8(ascii: "0") else { return nil }
        var v: Int64 = 0
        for d in digits {
            guard d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9") else { return nil }
            v = v * 10 + Int64(d - UInt8(ascii: "0"))
        }
        return v
    }

    /// A number literal Go's parser rejects as `integer overflow`.
    struct IntegerOverflow: Error {}

    static func number(_ text: String) throws -> NumberLit? {
        // Most literals are short decimal integers (`2`, `63`): read them without the general rules.
        if let v = smallDecimal(text) {
            return NumberLit(text: text, isInt: true, intValue: v, isFloat: true, floatValue: Double(v), asInterface: .int(Int(v)))
        }
        if text.hasPrefix("'") {
            guard let s = unquote(text), let c = s.unicodeScalars.first, s.unicodeScalars.count == 1 else { return nil }
            let v = Int64(c.value)
            return NumberLit(text: text, isInt: true, intValue: v, isFloat: true, floatValue: Double(v), asInterface: .int(Int(v)))
        }
        if text.hasSuffix("i") { return nil }
        var (iv, uv) = parseInt(text)
        let readAsInteger = iv != nil || uv != nil
        var isFloat = false
        var fv = 0.0
        if let i = iv { isFloat = true; fv = Double(i) }
        else if let u = uv { isFloat = true; fv = Double(u) }
        else {
            let clean = text.removingUnderscores
            let lower = clean.lowercased()
            // Out of float64's range is a syntax error in Go (ParseFloat's ErrRange), not ±Inf.
            if lower.contains("0x") {
                if let d = Double(clean), d.isFinite { fv = d; isFloat = true }
            } else if let d = Double(clean), d.isFinite, !lower.contains("n"), !lower.contains("i") {
                fv = d; isFloat = true
            }
            // An integral float is also an int when Int64 holds it exactly (Go's float64(int64(f)) == f);
            // 2^63, which `abs(f) < 9.3e18` let through, trapped here.
            if isFloat, let exact = Int64(exactly: fv) { iv = exact }
        }
        guard iv != nil || uv != nil || isFloat else { return nil }
        let lower = text.lowercased()
        // Go: a text read only as a float but written as an integer is an integer too large for
        // int64 and uint64 (or an invalid octal such as 09); hex needs a `p` exponent to be a float.
        if !readAsInteger && !lower.contains(where: { ".ep".contains($0) }) {
            if lower.contains("0x") { return nil }
            throw GoLiteral.IntegerOverflow()
        }
        let isHexInt = lower.contains("0x") && !lower.contains("p")
        let value: Value
        if isFloat && !isHexInt && (text.contains(".") || lower.contains("e") || lower.contains("p")) {
            value = .float(fv)
        } else if let i = iv {
            value = .int(Int(i))
        } else {
            // Only a uint64 reading: Go's idealConstant refuses it ("overflows int"), see isInt.
            value = .int(0)
        }
        return NumberLit(text: text, isInt: iv != nil, intValue: iv ?? 0, isFloat: isFloat, floatValue: fv, asInterface: value)
    }
}
