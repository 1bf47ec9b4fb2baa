import Foundation

/// Go's time layouts ("2006-01-02 15:04:05") for formatting and parsing.
public enum GoTimeFormat {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    enum Tok {
        case lit(String)
        case year4, year2, monthNum, monthNum2, monthShort, monthLong, day, day2, dayPad, yday3
        case weekShort, weekLong, hour24, hour12, hour12_2, min, min2, sec, sec2
        case pm, PM, zoneName, numTZ, numTZColon, numTZShort, isoTZ, isoTZColon, frac(Int, Bool)
    }

    static func tokenize(_ layout: String) -> [Tok] {
        let s = Array(layout.unicodeScalars)
        var out: [Tok] = []
        var lit = ""
        var i = 0
        func has(_ p: String) -> Bool {
            let u = Array(p.unicodeScalars)
            return i + u.count <= s.count && Array(s[i..<(i + u.count)]) == u
        }
        let table: [(String, Tok)] = [
            ("January", .monthLong), ("Jan", .monthShort), ("Monday", .weekLong), ("Mon", .weekShort),
            ("MST", .zoneName), ("2006", .year4), ("-07:00", .numTZColon), ("-0700", .numTZ), ("-07", .numTZShort),
            ("Z07:00", .isoTZColon), ("Z0700", .isoTZ), ("002", .yday3), ("01", .monthNum2), ("02", .day2), ("_2", .dayPad),
            ("06", .year2), ("15", .hour24), ("03", .hour12_2), ("04", .min2), ("05", .sec2), ("PM", .PM), ("pm", .pm),
            ("1", .monthNum), ("2", .day), ("3", .hour12), ("4", .min), ("5", .sec),
        ]
        outer: while i < s.count {
            if (s[i] == "." || s[i] == ",") && i + 1 < s.count && (s[i + 1] == "0" || s[i + 1] == "9") {
                let ch = s[i + 1]
                var j = i + 1
                while j < s.count && s[j] == ch { j += 1 }
                if !(j < s.count && s[j].properties.numericType != nil) {
                    if !lit.isEmpty { out.append(.lit(lit)); lit = "" }
                    out.append(.frac(j - i - 1, ch == "9"))
                    i = j
                    continue
                }
            }
            for (p, t) in table where has(p) {
                if !lit.isEmpty { out.append(.lit(lit)); lit = "" }
                out.append(t)
                i += p.unicodeScalars.count
                continue outer
            }
            lit.unicodeScalars.append(s[i])
            i += 1
        }
        if !lit.isEmpty { out.append(.lit(lit)) }
        return out
    }

    static func pad(_ v: Int, _ w: Int) -> String {
        let s = String(v)
        return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
    }

    /// Go's Time.Format with a reference-time `layout` ("2006-01-02 15:04:05").
    public static func format(_ t: GoTime, layout: String) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = t.zone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday], from: t.date)
        let year = c.year ?? 0, month = c.month ?? 1, day = c.day ?? 1
        let hour = c.hour ?? 0, minute = c.minute ?? 0, second = c.second ?? 0
        let nanos = Int((t.date.timeIntervalSince1970 - floor(t.date.timeIntervalSince1970)) * 1e9 + 0.5) % 1_000_000_000
        let offset = t.zone.secondsFromGMT(for: t.date)
        var out = ""
        for tok in tokenize(layout) {
            switch tok {
            case .lit(let s): out += s
            case .year4: out += pad(year, 4)
            case .year2: out += pad(year % 100, 2)
            case .monthNum: out += String(month)
            case .monthNum2: out += pad(month, 2)
            case .monthShort: out += String(months[month - 1].prefix(3))
            case .monthLong: out += months[month - 1]
            case .day: out += String(day)
            case .day2: out += pad(day, 2)
            case .dayPad: out += day < 10 ? " \(day)" : String(day)
            case .yday3: out += pad(cal.ordinality(of: .day, in: .year, for: t.date) ?? 1, 3)
            case .weekShort: out += String(days[(c.weekday ?? 1) - 1].prefix(3))
            case .weekLong: out += days[(c.weekday ?? 1) - 1]
            case .hour24: out += pad(hour, 2)
            case .hour12: out += String(hour % 12 == 0 ? 12 : hour % 12)
            case .hour12_2: out += pad(hour % 12 == 0 ? 12 : hour % 12, 2)
            case .min: out += String(minute)
            case .min2: out += pad(minute, 2)
            case .sec: out += String(second)
            case .sec2: out += pad(second, 2)
            case .pm: out += hour >= 12 ? "pm" : "am"
            case .PM: out += hour >= 12 ? "PM" : "AM"
            case .zoneName:
                if t.zone.identifier == "UTC" || t.zone.identifier == "GMT" { out += "UTC" }
                else if let a = t.zone.abbreviation(for: t.date), !a.hasPrefix("GMT") { out += a }
                else { out += zoneNum(offset, colon: false, short: true, z: false) }
            case .numTZ: out += zoneNum(offset, colon: false, short: false, z: false)
            case .numTZColon: out += zoneNum(offset, colon: true, short: false, z: false)
            case .numTZShort: out += zoneNum(offset, colon: false, short: true, z: false)
            case .isoTZ: out += zoneNum(offset, colon: false, short: false, z: true)
            case .isoTZColon: out += zoneNum(offset, colon: true, short: false, z: true)
            case .frac(let n, let trim):
                var digits = pad(nanos, 9)
                digits = String(digits.prefix(n))
                if trim {
                    while digits.hasSuffix("0") { digits.removeLast() }
                    if !digits.isEmpty { out += "." + digits }
                } else {
                    out += "." + digits
                }
            }
        }
        return out
    }

    static func zoneNum(_ offset: Int, colon: Bool, short: Bool, z: Bool) -> String {
        if z && offset == 0 { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let h = a / 3600, m = (a % 3600) / 60
        if short { return sign + pad(h, 2) }
        return sign + pad(h, 2) + (colon ? ":" : "") + pad(m, 2)
    }

    /// time.ParseInLocation for the layouts charts use; nil when the value doesn't fit.
    public static func parse(layout: String, value: String, zone: TimeZone) -> GoTime? {
        let v = Array(value.unicodeScalars)
        var i = 0
        var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0
        var pmFlag: Bool? = nil
        var offset: Int? = nil
        func num(_ minLen: Int, _ maxLen: Int) -> Int? {
            var n = 0, k = 0
            while i < v.count && k < maxLen, let d = Int(String(v[i])), v[i].isASCII { n = n * 10 + d; i += 1; k += 1 }
            return k >= minLen ? n : nil
        }
        func word(_ options: [String]) -> Int? {
            for (idx, o) in options.enumerated() {
                let u = Array(o.unicodeScalars)
                if i + u.count <= v.count && String(String.UnicodeScalarView(v[i..<(i + u.count)])).lowercased() == o.lowercased() {
                    i += u.count
                    return idx
                }
            }
            return nil
        }
        func tz(_ colon: Bool, _ z: Bool) -> Bool {
            if z && i < v.count && v[i] == "Z" { i += 1; offset = 0; return true }
            guard i < v.count, v[i] == "+" || v[i] == "-" else { return false }
            let neg = v[i] == "-"
            i += 1
            guard let h = num(2, 2) else { return false }
            if colon { guard i < v.count, v[i] == ":" else { return false }; i += 1 }
            guard let m = num(2, 2) else { return false }
            offset = (neg ? -1 : 1) * (h * 3600 + m * 60)
            return true
        }
        for tok in tokenize(layout) {
            switch tok {
            case .lit(let s):
                let u = Array(s.unicodeScalars)
                guard i + u.count <= v.count, Array(v[i..<(i + u.count)]) == u else { return nil }
                i += u.count
            case .year4: guard let n = num(4, 4) else { return nil }; year = n
            case .year2: guard let n = num(2, 2) else { return nil }; year = n >= 69 ? 1900 + n : 2000 + n
            case .monthNum: guard let n = num(1, 2) else { return nil }; month = n
            case .monthNum2: guard let n = num(2, 2) else { return nil }; month = n
            case .monthShort: guard let n = word(months.map { String($0.prefix(3)) }) else { return nil }; month = n + 1
            case .monthLong: guard let n = word(months) else { return nil }; month = n + 1
            case .day, .dayPad:
                if i < v.count && v[i] == " " { i += 1 }
                guard let n = num(1, 2) else { return nil }; day = n
            case .day2: guard let n = num(2, 2) else { return nil }; day = n
            case .yday3: guard num(3, 3) != nil else { return nil }
            case .weekShort: guard word(days.map { String($0.prefix(3)) }) != nil else { return nil }
            case .weekLong: guard word(days) != nil else { return nil }
            case .hour24: guard let n = num(2, 2) else { return nil }; hour = n
            case .hour12, .hour12_2: guard let n = num(1, 2) else { return nil }; hour = n
            case .min: guard let n = num(1, 2) else { return nil }; minute = n
            case .min2: guard let n = num(2, 2) else { return nil }; minute = n
            case .sec: guard let n = num(1, 2) else { return nil }; second = n
            case .sec2: guard let n = num(2, 2) else { return nil }; second = n
            case .pm, .PM: guard let n = word(["AM", "PM"]) else { return nil }; pmFlag = n == 1
            case .zoneName:
                if word(["UTC", "GMT"]) != nil { offset = 0 } else {
                    var k = 0
                    while i < v.count && v[i].properties.isUppercase { i += 1; k += 1 }
                    if k < 3 { return nil }
                }
            case .numTZ: guard tz(false, false) else { return nil }
            case .numTZColon: guard tz(true, false) else { return nil }
            case .numTZShort:
                guard i < v.count, v[i] == "+" || v[i] == "-" else { return nil }
                let neg = v[i] == "-"; i += 1
                guard let h = num(2, 2) else { return nil }
                offset = (neg ? -1 : 1) * h * 3600
            case .isoTZ: guard tz(false, true) else { return nil }
            case .isoTZColon: guard tz(true, true) else { return nil }
            case .frac:
                if i < v.count && (v[i] == "." || v[i] == ",") {
                    i += 1
                    var digits = ""
                    while i < v.count, v[i].isASCII, v[i].properties.numericType != nil { digits.unicodeScalars.append(v[i]); i += 1 }
                    nanos = Int((digits + "000000000").prefix(9)) ?? 0
                }
            }
            // Go accepts fractional seconds after a seconds field even when the layout has none.
            if case .sec2 = tok, i < v.count, v[i] == ".", i + 1 < v.count, v[i + 1].properties.numericType != nil {
                i += 1
                var digits = ""
                while i < v.count, v[i].isASCII, v[i].properties.numericType != nil { digits.unicodeScalars.append(v[i]); i += 1 }
                nanos = Int((digits + "000000000").prefix(9)) ?? 0
            }
        }
        guard i == v.count else { return nil }
        if let p = pmFlag { if p && hour < 12 { hour += 12 } else if !p && hour == 12 { hour = 0 } }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60 else { return nil }
        var cal = Calendar(identifier: .gregorian)
        let z = offset.flatMap { TimeZone(secondsFromGMT: $0) } ?? zone
        cal.timeZone = z
        var dc = DateComponents()
        dc.year = year; dc.month = month; dc.day = day; dc.hour = hour; dc.minute = minute; dc.second = second
        guard let d = cal.date(from: dc) else { return nil }
        let outZone = offset == 0 ? (TimeZone(identifier: "UTC") ?? z) : z
        return GoTime(date: d.addingTimeInterval(Double(nanos) / 1e9), zone: outZone)
    }

    /// time.Duration.String()
    public static func durationString(_ d: Int64) -> String {
        if d == 0 { return "0s" }
        let neg = d < 0
        let u = d.magnitude
        var out: String
        if u < 1_000_000_000 {
            if u < 1_000 { out = "\(u)ns" }
            else if u < 1_000_000 { out = fracString(u, 1_000) + "µs" }
            else { out = fracString(u, 1_000_000) + "ms" }
        } else {
            let totalSec = u / 1_000_000_000
            let nano = u % 1_000_000_000
            let h = totalSec / 3600, m = (totalSec % 3600) / 60, s = totalSec % 60
            var secStr = String(s)
            if nano > 0 {
                var f = String(nano)
                f = String(repeating: "0", count: 9 - f.count) + f
                while f.hasSuffix("0") { f.removeLast() }
                secStr += "." + f
            }
            out = ""
            if h > 0 { out += "\(h)h" }
            if h > 0 || m > 0 { out += "\(m)m" }
            out += secStr + "s"
        }
        return neg ? "-" + out : out
    }

    static func fracString(_ v: UInt64, _ unit: UInt64) -> String {
        let whole = v / unit
        var frac = String(v % unit)
        let width = String(unit).count - 1
        frac = String(repeating: "0", count: width - frac.count) + frac
        while frac.hasSuffix("0") { frac.removeLast() }
        return frac.isEmpty ? String(whole) : "\(whole).\(frac)"
    }

    /// time.ParseDuration
    public static func parseDuration(_ s: String) -> Int64? {
        var t = Substring(s)
        var neg = false
        if t.hasPrefix("-") { neg = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        if t == "0" { return 0 }
        guard !t.isEmpty else { return nil }
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        var total = 0.0
        while !t.isEmpty {
            var numStr = ""
            while let c = t.first, c.isNumber || c == "." { numStr.append(c); t = t.dropFirst() }
            guard let n = Double(numStr) else { return nil }
            var matched = false
            for (u, mult) in units.sorted(by: { $0.0.count > $1.0.count }) where t.hasPrefix(u) {
                total += n * mult
                t = t.dropFirst(u.count)
                matched = true
                break
            }
            if !matched { return nil }
        }
        let r = Int64(exactly: total.rounded()) ?? Int64.max
        return neg ? -r : r
    }
}
