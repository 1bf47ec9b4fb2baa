/// Which YAML reader's rules decide the type of a plain scalar.
public enum YAMLSchema: Sendable {
    /// yaml.v3 as kustomize's kyaml reads resources: only true/false are booleans.
    case kyaml
    /// goyaml.v2 (sigs.k8s.io/yaml), YAML 1.1: yes/no/on/off/y/n are booleans too.
    case yaml11
}

enum Resolver {
    private static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]
    private static let coreBools: Set<String> = ["true", "True", "TRUE", "false", "False", "FALSE"]
    private static let yaml11Bools: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE",
        "n", "N", "no", "No", "NO", "off", "Off", "OFF", "false", "False", "FALSE",
    ]
    private static let specialFloats: Set<String> = [
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ]
    /// The words YAML 1.1 reads as bool or null, as bytes by length (a key check on the bytes).
    private static let yaml11BoolOrNullWords: [[[UInt8]]] = {
        var byLength = [[[UInt8]]](repeating: [], count: 6)
        for w in nulls.union(yaml11Bools) where w.utf8.count < 6 { byLength[w.utf8.count].append(Array(w.utf8)) }
        return byLength
    }()

    /// Whether a plain scalar of these bytes resolves to a bool or null under YAML 1.1, without
    /// making a string of it (`resolve` gives the same answer).
    static func isYAML11BoolOrNull(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count < 6 else { return false }
        return yaml11BoolOrNullWords[b.count].contains { $0.elementsEqual(b) }
    }

    private static let yaml11TrueWords: Set<String> = ["y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "true", "True", "TRUE"]

    /// The tag a plain scalar resolves to.
    static func resolve(_ s: String, schema: YAMLSchema) -> ScalarTag {
        guard let first = s.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if specialFloats.contains(s) { return .float }
            if first == UInt8(ascii: ".") { return parseGoFloat(s) != nil ? .float : .string }
            if looksLikeTimestamp(s) { return .string } // timestamps become strings on the JSON hop
            let plain = s.removingUnderscores
            if isGoInteger(plain) { return .int }
            if isYAMLFloat(plain) { return .float }
            return .string
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            // No null or bool word is longer than five letters.
            guard s.utf8.count <= 5 else { return .string }
            if nulls.contains(s) { return .null }
            if schema == .yaml11 && yaml11Bools.contains(s) { return .bool }
            return .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            guard s.utf8.count <= 5 else { return .string }
            switch schema {
            case .kyaml: return coreBools.contains(s) ? .bool : .string
            case .yaml11: return yaml11Bools.contains(s) ? .bool : .string
            }
        default:
            return .string
        }
    }

    /// Would goyaml.v2 read this string as something other than a string when written plain?
    /// (Its encoder then double-quotes it.)
    static func needsQuotesForV2(_ s: String) -> Bool {
        guard let first = s.utf8.first else { return true }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if specialFloats.contains(s) { return true }
            if first == UInt8(ascii: ".") { return parseGoFloat(s) != nil }
            if looksLikeTimestamp(s) { return true }
            let plain = s.removingUnderscores
            if isGoInteger(plain) || isYAMLFloat(plain) { return true }
            return isBase60Float(s)
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            // The longest of these words is five letters ("false"): most keys and values are longer.
            return s.utf8.count <= 5 && (nulls.contains(s) || yaml11Bools.contains(s))
        default:
            return false
        }
    }

    static func yaml11BoolValue(_ s: String) -> Bool { yaml11TrueWords.contains(s) }

    /// Go's strconv.ParseInt/ParseUint with base 0 (sign, 0x, 0o, 0b, leading-0 octal), 64-bit.
    static func isGoInteger(_ s: String) -> Bool { parseGoInteger(s) != nil }

    /// Parses like strconv.ParseInt(s, 0, 64), falling back to ParseUint. Returns the decimal text.
    static func parseGoInteger(_ s: String) -> String? {
        var bytes = Array(s.utf8)
        var negative = false
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
            negative = f == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard !bytes.isEmpty else { return nil }
        var base: UInt64 = 10
        var digits = bytes[...]
        if bytes.count >= 2 && bytes[0] == UInt8(ascii: "0") {
            switch bytes[1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): base = 16; digits = bytes[2...]
            case UInt8(ascii: "o"), UInt8(ascii: "O"): base = 8; digits = bytes[2...]
            case UInt8(ascii: "b"), UInt8(ascii: "B"): base = 2; digits = bytes[2...]
            default: base = 8; digits = bytes[1...]
            }
        }
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for c in digits {
            let d: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard d < base else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            value = a
        }
        if negative {
            guard value <= UInt64(Int64.max) + 1 else { return nil }
            return value == 0 ? "0" : "-" + String(value)
        }
        return String(value)
    }

    /// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
    static func isYAMLFloat(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            if i == start { return false }
        } else {
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            if i == start { return false }
            if i < b.count && b[i] == UInt8(ascii: ".") {
                i += 1
                while i < b.count && isDigit(b[i]) { i += 1 }
            }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            if i == start { return false }
        }
        return i == b.count
    }

    static func parseGoFloat(_ s: String) -> Double? {
        guard isYAMLFloat(s) else { return nil }
        return Double(s)
    }

    /// `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`
    static func isBase60Float(_ s: String) -> Bool {
        let b = Array(s.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
        guard i < b.count && isDigit(b[i]) else { return false }
        i += 1
        while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        var groups = 0
        while i < b.count && b[i] == UInt8(ascii: ":") {
            i += 1
            var n = 0
            while i < b.count && isDigit(b[i]) && n < 2 { i += 1; n += 1 }
            guard n >= 1 else { return false }
            if n == 2 && b[i - 2] > UInt8(ascii: "5") { return false }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count && (isDigit(b[i]) || b[i] == UInt8(ascii: "_")) { i += 1 }
        }
        return i == b.count
    }

    /// YAML timestamps start with `YYYY-` and parse as a date (optionally with time).
    static func looksLikeTimestamp(_ s: String) -> Bool {
        return timestamp(s) != nil
    }

    /// A plain scalar that yaml.v3 decodes as a time.
    struct Timestamp {
        /// The RFC 3339 text Go's JSON encoder prints for it; nil when it refuses the time (a zone
        /// offset of 24 hours or more).
        let rfc3339: String?
        /// Whether it has a time of day, not a date alone.
        let hasTimeOfDay: Bool
    }

    /// The time a plain scalar reads as, or nil when it is a string. yaml.v3 tries four
    /// `time.Parse` layouts: `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), the same with a
    /// space and no zone, and `2006-1-2`; Go checks every field's range, the day against the month.
    static func timestamp(_ s: String) -> Timestamp? {
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        // Go's quick check (four digits and a dash) before any copy: every plain string of a
        // resource comes through here.
        let count = s.utf8.count
        guard count >= 8, count <= 64, s.utf8.prefix(4).allSatisfy(isDigit), s.utf8.dropFirst(4).first == UInt8(ascii: "-") else { return nil }
        let b = Array(s.utf8)
        var i = 0
        /// Go's getnum: one digit, or two when a second follows.
        func number(maxDigits: Int, exact: Bool = false) -> Int? {
            let start = i
            var v = 0
            while i < b.count && isDigit(b[i]) && i - start < maxDigits { v = v * 10 + Int(b[i] - 48); i += 1 }
            return i - start >= (exact ? maxDigits : 1) ? v : nil
        }
        func skip(_ c: Character) -> Bool {
            guard i < b.count, b[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(maxDigits: 4, exact: true), skip("-"),
              let month = number(maxDigits: 2), skip("-"), let day = number(maxDigits: 2),
              (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        func pad(_ v: Int, _ w: Int) -> String { let t = String(v); return String(repeating: "0", count: max(0, w - t.count)) + t }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if i == b.count { return Timestamp(rfc3339: date + "T00:00:00Z", hasTimeOfDay: false) }
        let zoned = b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t")
        guard zoned || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        // A space in a Go layout matches a run of spaces.
        while !zoned && i < b.count && b[i] == UInt8(ascii: " ") { i += 1 }
        guard let hour = number(maxDigits: 2), skip(":"), let minute = number(maxDigits: 2), skip(":"),
              let second = number(maxDigits: 2), hour < 24, minute < 60, second < 60 else { return nil }
        var fraction = ""
        if i + 1 < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ","), isDigit(b[i + 1]) {
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            // Go keeps nanoseconds: digits past the ninth are dropped, trailing zeros not printed.
            var digits = b[start..<min(i, start + 9)]
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            if !digits.isEmpty { fraction = "." + String(decoding: digits, as: UTF8.self) }
        }
        var offsetMinutes = 0
        if zoned && !skip("Z") {
            guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
            let negative = b[i] == UInt8(ascii: "-")
            i += 1
            guard let zoneHour = number(maxDigits: 2, exact: true), skip(":"),
                  let zoneMinute = number(maxDigits: 2, exact: true), zoneHour <= 24, zoneMinute <= 60 else { return nil }
            offsetMinutes = (zoneHour * 60 + zoneMinute) * (negative ? -1 : 1)
        }
        guard i == b.count else { return nil }
        guard abs(offsetMinutes) < 24 * 60 else { return Timestamp(rfc3339: nil, hasTimeOfDay: true) }
        let zone = offsetMinutes == 0 ? "Z"
            : "\(offsetMinutes < 0 ? "-" : "+")\(pad(abs(offsetMinutes) / 60, 2)):\(pad(abs(offsetMinutes) % 60, 2))"
        return Timestamp(rfc3339: "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))\(fraction)\(zone)", hasTimeOfDay: true)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension YAMLNode {
    /// A string scalar's text after kustomize's JSON hop: an untagged one (a field a replacement
    /// created) that reads as a time comes back in Go's RFC 3339 form, as a plain one read from a
    /// file already does.
    public var textAfterJSONHop: String {
        guard tagFollowsText, tag == .string, let printed = Resolver.timestamp(text)?.rfc3339 else { return text }
        return printed
    }
}
