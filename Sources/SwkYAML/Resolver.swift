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
        return parseTimestamp(s) != nil
    }

    /// Returns the RFC 3339 form Go's JSON encoder prints for a YAML timestamp, or nil.
    static func parseTimestamp(_ s: String) -> String? {
        // Checked before copying: every plain string of a resource comes through here.
        let count = s.utf8.count
        guard count >= 8, count <= 40, let first = s.utf8.first, first >= 48, first <= 57 else { return nil }
        let b = Array(s.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        var i = 0
        func num(_ minLen: Int, _ maxLen: Int) -> Int? {
            let start = i
            var v = 0
            while i < b.count && isDigit(b[i]) && i - start < maxLen { v = v * 10 + Int(b[i] - 48); i += 1 }
            return i - start >= minLen ? v : nil
        }
        guard let year = num(4, 4), i < b.count, b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let month = num(1, 2), i < b.count, b[i] == UInt8(ascii: "-") else { return nil }
        i += 1
        guard let day = num(1, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        func pad(_ v: Int, _ w: Int) -> String { let t = String(v); return String(repeating: "0", count: max(0, w - t.count)) + t }
        let date = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        if i == b.count { return date + "T00:00:00Z" }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hh = num(1, 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let mm = num(1, 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        guard let ss = num(1, 2), hh < 24, mm < 60, ss < 60 else { return nil }
        var frac = ""
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count && isDigit(b[i]) { i += 1 }
            guard i > start else { return nil }
            frac = String(decoding: b[start..<i], as: UTF8.self)
            while frac.hasSuffix("0") { frac.removeLast() }
            if !frac.isEmpty { frac = "." + frac }
        }
        var zone = "Z"
        if i < b.count {
            if b[i] == UInt8(ascii: "Z") && i + 1 == b.count { i += 1 }
            else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                let sign = b[i]
                i += 1
                guard let zh = num(2, 2), i < b.count, b[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let zm = num(2, 2) else { return nil }
                zone = (zh == 0 && zm == 0) ? "Z" : "\(sign == UInt8(ascii: "+") ? "+" : "-")\(pad(zh, 2)):\(pad(zm, 2))"
            } else { return nil }
        }
        guard i == b.count else { return nil }
        return "\(date)T\(pad(hh, 2)):\(pad(mm, 2)):\(pad(ss, 2))\(frac)\(zone)"
    }
}

