import Foundation
import SwkYAML

/// Go's fmt and strconv renderings of values.
public enum GoFormat {
    /// Shortest round-trip decimal digits of a finite double: value = 0.DIGITS × 10^dp.
    static func shortestDigits(_ d: Double) -> (digits: [UInt8], dp: Int) {
        var s = Array(abs(d).description.utf8)
        var exp = 0
        if let e = s.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            exp = Int(String(decoding: s[(e + 1)...], as: UTF8.self)) ?? 0
            s = Array(s[..<e])
        }
        var intPart = s
        var frac: [UInt8] = []
        if let dot = s.firstIndex(of: UInt8(ascii: ".")) {
            intPart = Array(s[..<dot])
            frac = Array(s[(dot + 1)...])
        }
        var digits = intPart + frac
        var dp = intPart.count + exp
        while let f = digits.first, f == UInt8(ascii: "0") { digits.removeFirst(); dp -= 1 }
        while let l = digits.last, l == UInt8(ascii: "0") { digits.removeLast() }
        if digits.isEmpty { return ([UInt8(ascii: "0")], 1) }
        return (digits, dp)
    }

    static func special(_ d: Double) -> String? {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Inf" : "+Inf" }
        return nil
    }

    /// strconv.FormatFloat(d, 'e', -1, 64)
    static func shortestE(_ d: Double, minExpDigits: Int = 2) -> String {
        if let s = special(d) { return s }
        if d == 0 { return (d.sign == .minus ? "-" : "") + "0e+00" }
        let (digits, dp) = shortestDigits(d)
        var out = d < 0 ? "-" : ""
        out.append(Character(UnicodeScalar(digits[0])))
        if digits.count > 1 {
            out.append(".")
            out.append(String(decoding: digits[1...], as: UTF8.self))
        }
        let exp = dp - 1
        out.append(exp < 0 ? "e-" : "e+")
        var es = String(abs(exp))
        while es.count < minExpDigits { es = "0" + es }
        out.append(es)
        return out
    }

    /// strconv.FormatFloat(d, 'f', -1, 64)
    public static func shortestF(_ d: Double) -> String {
        if let s = special(d) { return s }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let (digits, dp) = shortestDigits(d)
        var out = d < 0 ? "-" : ""
        let nd = digits.count
        if dp <= 0 {
            out += "0." + String(repeating: "0", count: -dp) + String(decoding: digits, as: UTF8.self)
        } else if dp >= nd {
            out += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: dp - nd)
        } else {
            out += String(decoding: digits[..<dp], as: UTF8.self) + "." + String(decoding: digits[dp...], as: UTF8.self)
        }
        return out
    }

    /// Go's %v for a float64: strconv 'g' shortest, exponent form when exp < -4 or exp >= 6.
    public static func formatFloat(_ d: Double) -> String {
        if let s = special(d) { return s }
        if d == 0 { return d.sign == .minus ? "-0" : "0" }
        let exp = shortestDigits(d).dp - 1
        if exp < -4 || exp >= 6 { return shortestE(d) }
        return shortestF(d)
    }

    /// encoding/json's float64 rendering.
    public static func jsonFloat(_ d: Double) -> String {
        let a = abs(d)
        if a != 0 && (a < 1e-6 || a >= 1e21) {
            var s = shortestE(d)
            // json trims e-07 to e-7
            if let r = s.range(of: "e-0") { s.replaceSubrange(r, with: "e-") }
            else if let r = s.range(of: "e+0") { s.replaceSubrange(r, with: "e+") }
            return s
        }
        return shortestF(d)
    }

    /// fmt's %v of one value. A cyclic or absurdly deep value prints as a note (Go would overflow
    /// its stack); the executor reports it as an error where it prints an action.
    public static func v(_ value: Value, plus: Bool = false) -> String {
        if ValueBounds.exceeded(value) { return "%!v(" + ValueBounds.message + ")" }
        return formatted(value, plus: plus)
    }

    static func formatted(_ value: Value, plus: Bool) -> String {
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let f): return formatFloat(f)
        case .string(let s): return s
        case .list(let l):
            var out = "["
            for (i, x) in l.enumerated() { if i > 0 { out += " " }; out += formatted(x, plus: plus) }
            return out + "]"
        case .strings(let l): return "[" + l.joined(separator: " ") + "]"
        case .bytes(let b): return "[" + b.map { String($0) }.joined(separator: " ") + "]"
        case .map(let m):
            var out = "map["
            var first = true
            for k in m.sortedKeys {
                if !first { out += " " }
                first = false
                out += k + ":" + formatted(m.dict[k] ?? .null, plus: plus)
            }
            return out + "]"
        case .time(let t): return GoTimeFormat.format(t, layout: "2006-01-02 15:04:05.999999999 -0700 MST")
        case .duration(let d): return GoTimeFormat.durationString(d)
        case .object(let o): return o.formatted()
        }
    }

    /// fmt.Sprint: spaces between operands when neither side is a string.
    public static func sprint(_ args: [Value]) -> String {
        var out = ""
        var prevString = true
        for (i, a) in args.enumerated() {
            let isString: Bool
            if case .string = a { isString = true } else { isString = false }
            if i > 0 && !isString && !prevString { out += " " }
            out += v(a)
            prevString = isString
        }
        return out
    }

    /// fmt.Sprintln: the values' %v forms joined by spaces, then a newline.
    public static func sprintln(_ args: [Value]) -> String {
        args.map { v($0) }.joined(separator: " ") + "\n"
    }

    /// strconv.Quote
    public static func quote(_ s: String) -> String { GoQuote.quote(s) }
}
