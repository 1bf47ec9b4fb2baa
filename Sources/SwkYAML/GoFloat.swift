/// Formats doubles the way Go prints them, so numbers match kubectl's and Helm's output.
public enum GoFloat {
    /// strconv.FormatFloat(v, 'g', -1, 64), which is also fmt's %v: shortest digits,
    /// exponent form when the decimal exponent is below -4 or at least 6.
    public static func formatG(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Inf" : "+Inf" }
        if v == 0 { return v.sign == .minus ? "-0" : "0" }
        let (negative, digits, pointPos) = shortestDigits(v)
        let exp = pointPos - 1
        let body = (exp < -4 || exp >= 6) ? exponentForm(digits, exp) : fixedForm(digits, pointPos)
        return negative ? "-" + body : body
    }

    /// Go's JSON encoding of a float64 (encoding/json floatEncoder).
    public static func formatJSON(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        if a < 1e-6 || a >= 1e21 {
            // Go writes e-7, not e-07, in JSON.
            let s = formatExp(v)
            guard let e = s.firstIndex(of: "e") else { return s }
            let sign = s[s.index(after: e)]
            var exponent = s[s.index(e, offsetBy: 2)...]
            while exponent.count > 1, exponent.first == "0" { exponent = exponent.dropFirst() }
            return s[..<e] + "e" + String(sign) + exponent
        }
        let (negative, digits, pointPos) = shortestDigits(v)
        return (negative ? "-" : "") + fixedForm(digits, pointPos)
    }

    /// %e with shortest digits: d.ddde±XX.
    public static func formatExp(_ v: Double) -> String {
        let (negative, digits, pointPos) = shortestDigits(v)
        return (negative ? "-" : "") + exponentForm(digits, pointPos - 1)
    }

    static func exponentForm(_ digits: [UInt8], _ exp: Int) -> String {
        var s = String(UnicodeScalar(digits[0]))
        if digits.count > 1 {
            s += "."
            s += String(decoding: digits[1...], as: UTF8.self)
        }
        s += exp < 0 ? "e-" : "e+"
        let e = abs(exp)
        s += e < 10 ? "0\(e)" : "\(e)"
        return s
    }

    static func fixedForm(_ digits: [UInt8], _ pointPos: Int) -> String {
        if pointPos <= 0 {
            return "0." + String(repeating: "0", count: -pointPos) + String(decoding: digits, as: UTF8.self)
        }
        if pointPos >= digits.count {
            return String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: pointPos - digits.count)
        }
        return String(decoding: digits[..<pointPos], as: UTF8.self) + "." + String(decoding: digits[pointPos...], as: UTF8.self)
    }

    /// Shortest round-trip decimal digits of |v| and the position of the decimal point
    /// (value = 0.d1d2... × 10^pointPos).
    static func shortestDigits(_ v: Double) -> (Bool, [UInt8], Int) {
        let negative = v.sign == .minus
        let text = abs(v).description // Swift prints the shortest round-trip digits
        var mantissa = Substring(text)
        var exp10 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp10 = Int(text[text.index(after: e)...]) ?? 0
        }
        var digits: [UInt8] = []
        var pointPos = 0
        var seenPoint = false
        for c in mantissa.utf8 {
            if c == UInt8(ascii: ".") { seenPoint = true; continue }
            digits.append(c)
            if !seenPoint { pointPos += 1 }
        }
        // Strip leading zeros (e.g. "0.001") and trailing zeros ("100.0").
        while let f = digits.first, f == UInt8(ascii: "0"), digits.count > 1 { digits.removeFirst(); pointPos -= 1 }
        while let l = digits.last, l == UInt8(ascii: "0"), digits.count > 1 { digits.removeLast() }
        return (negative, digits, pointPos + exp10)
    }
}
