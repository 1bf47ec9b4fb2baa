/// Go's `strconv.Quote` (`%q`), shared by the template engine and error messages that repeat
/// Go's wording.
public enum GoQuote {
    /// `s` in double quotes with Go's escapes (`\n`, `\x7f`, `\u00a0`, ...).
    public static func quote(_ s: String) -> String {
        // Printable ASCII without quotes or backslashes, most values, goes in as it is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) {
            var out = "\""
            out.reserveCapacity(s.utf8.count + 2)
            out += s
            out += "\""
            return out
        }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{0B}": out += "\\v"
            default:
                if u.value < 0x20 || u.value == 0x7F { out += "\\x" + hex(u.value, digits: 2) }
                else if isPrintable(u) { out.unicodeScalars.append(u) }
                else if u.value < 0x10000 { out += "\\u" + hex(u.value, digits: 4) }
                else { out += "\\U" + hex(u.value, digits: 8) }
            }
        }
        return out + "\""
    }

    private static func hex(_ v: UInt32, digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: max(digits - s.count, 0)) + s
    }

    /// Go's `strconv.IsPrint`, by general category.
    static func isPrintable(_ u: Unicode.Scalar) -> Bool {
        if u.value == 0xFFFD { return true }
        switch u.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator: return false
        case .spaceSeparator: return u == " "
        default: return true
        }
    }
}
