import Foundation

/// Sprig's path, URL, date and OS-free odds and ends.
enum MiscFunctions {
    typealias V = GoTemplate.Value

    /// path.Clean
    static func clean(_ p: String) -> String {
        if p.isEmpty { return "." }
        let rooted = p.hasPrefix("/")
        var out: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let l = out.last, l != ".." { out.removeLast() } else if !rooted { out.append(part) }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    static func base(_ p: String) -> String {
        if p.isEmpty { return "." }
        var t = Substring(p)
        while t.count > 1 && t.hasSuffix("/") { t = t.dropLast() }
        if t == "/" { return "/" }
        if let i = t.lastIndex(of: "/") { return String(t[t.index(after: i)...]) }
        return String(t)
    }

    static func dir(_ p: String) -> String {
        guard let i = p.lastIndex(of: "/") else { return "." }
        return clean(String(p[...i]))
    }

    static func ext(_ p: String) -> String {
        var i = p.endIndex
        while i > p.startIndex {
            i = p.index(before: i)
            if p[i] == "/" { return "" }
            if p[i] == "." { return String(p[i...]) }
        }
        return ""
    }

    static func timeArg(_ v: V) -> GoTime {
        let utc = TimeZone(identifier: "UTC") ?? TimeZone.current
        switch v {
        case .time(let t): return t
        case .int(let i): return GoTime(date: Date(timeIntervalSince1970: Double(i)), zone: TimeZone.current)
        case .int64(let i): return GoTime(date: Date(timeIntervalSince1970: Double(i)), zone: TimeZone.current)
        default: return GoTime(date: Date(), zone: utc)
        }
    }

    static func register(_ f: inout [String: Function]) {
        let s = Conv.strval
        f.add("base", [.string]) { _, a in .string(base(s(a[0]))) }
        f.add("dir", [.string]) { _, a in .string(dir(s(a[0]))) }
        f.add("ext", [.string]) { _, a in .string(ext(s(a[0]))) }
        f.add("clean", [.string]) { _, a in .string(clean(s(a[0]))) }
        f.add("isAbs", [.string]) { _, a in .bool(s(a[0]).hasPrefix("/")) }
        f.add("osBase", [.string]) { _, a in .string(base(s(a[0]))) }
        f.add("osDir", [.string]) { _, a in .string(dir(s(a[0]))) }
        f.add("osExt", [.string]) { _, a in .string(ext(s(a[0]))) }
        f.add("osClean", [.string]) { _, a in .string(clean(s(a[0]))) }
        f.add("osIsAbs", [.string]) { _, a in .bool(s(a[0]).hasPrefix("/")) }
        f.add("urlParse", [.string]) { _, a in
            let str = s(a[0])
            guard let u = URLComponents(string: str) else { throw FuncError("unable to parse url: \(str)") }
            var user = ""
            if let n = u.percentEncodedUser { user = n + (u.percentEncodedPassword.map { ":" + $0 } ?? "") }
            let host = (u.percentEncodedHost ?? "") + (u.port.map { ":\($0)" } ?? "")
            return .map(GoMap([
                "scheme": .string(u.scheme ?? ""), "host": .string(host), "hostname": .string(u.host ?? ""),
                "path": .string(u.path), "query": .string(u.percentEncodedQuery ?? ""), "opaque": .string(""),
                "fragment": .string(u.fragment ?? ""), "userinfo": .string(user),
            ]))
        }
        f.add("urlJoin", [.map]) { _, a in
            guard case .map(let m) = a[0] else { return .string("") }
            let g = { (k: String) -> String in m.dict[k].map(Conv.strval) ?? "" }
            var out = ""
            if !g("scheme").isEmpty { out += g("scheme") + ":" }
            if !g("opaque").isEmpty { out += g("opaque") } else {
                if !g("host").isEmpty || !g("userinfo").isEmpty || !g("scheme").isEmpty { out += "//" }
                if !g("userinfo").isEmpty { out += g("userinfo") + "@" }
                out += g("host")
                let p = g("path")
                if !p.isEmpty && !p.hasPrefix("/") && !g("host").isEmpty { out += "/" }
                out += p
            }
            if !g("query").isEmpty { out += "?" + g("query") }
            if !g("fragment").isEmpty { out += "#" + g("fragment") }
            return .string(out)
        }
        // Dates
        f.add("now", []) { _, _ in .time(GoTime(date: Date(), zone: TimeZone.current)) }
        for name in ["date", "htmlDate"] {
            let layoutFixed = name == "htmlDate"
            f.add(name, layoutFixed ? [.any] : [.string, .any]) { _, a in
                let t = timeArg(a[layoutFixed ? 0 : 1])
                return .string(GoTimeFormat.format(t, layout: layoutFixed ? "2006-01-02" : s(a[0])))
            }
        }
        for name in ["dateInZone", "date_in_zone", "htmlDateInZone"] {
            let html = name == "htmlDateInZone"
            f.add(name, html ? [.any, .string] : [.string, .any, .string]) { _, a in
                var t = timeArg(a[html ? 0 : 1])
                let zn = s(a[html ? 1 : 2])
                t.zone = zn == "Local" ? TimeZone.current : (TimeZone(identifier: zn) ?? TimeZone(identifier: "UTC") ?? t.zone)
                return .string(GoTimeFormat.format(t, layout: html ? "2006-01-02" : s(a[0])))
            }
        }
        f.add("unixEpoch", [.any]) { _, a in .string(String(Int64(timeArg(a[0]).date.timeIntervalSince1970.rounded(.down)))) }
        for name in ["dateModify", "date_modify", "mustDateModify"] {
            f.add(name, [.string, .any]) { _, a in
                guard let d = GoTimeFormat.parseDuration(s(a[0])) else {
                    if name == "mustDateModify" { throw FuncError("time: invalid duration \(GoFormat.quote(s(a[0])))") }
                    return a[1]
                }
                var t = timeArg(a[1])
                t.date = t.date.addingTimeInterval(Double(d) / 1e9)
                return .time(t)
            }
        }
        f.add("duration", [.any]) { _, a in
            .string(GoTimeFormat.durationString(Conv.toInt64(a[0]) &* 1_000_000_000))
        }
        f.add("durationRound", [.any]) { _, a in
            var d: Int64
            switch a[0] {
            case .string(let str): d = GoTimeFormat.parseDuration(str) ?? 0
            case .time(let t): d = Int64(Date().timeIntervalSince(t.date) * 1e9)
            default: d = Conv.toInt64(a[0])
            }
            let sec = abs(d) / 1_000_000_000
            let units: [(Int64, String)] = [(31536000, "y"), (2592000, "mo"), (86400, "d"), (3600, "h"), (60, "m"), (1, "s")]
            for (u, n) in units where sec >= u { return .string("\(sec / u)\(n)") }
            return .string("0s")
        }
        f.add("ago", [.any]) { _, a in
            let t = timeArg(a[0])
            let d = Int64(Date().timeIntervalSince(t.date).rounded()) * 1_000_000_000
            return .string(GoTimeFormat.durationString(d))
        }
        for name in ["toDate", "mustToDate"] {
            f.add(name, [.string, .string]) { _, a in
                let layout = s(a[0]), value = s(a[1])
                if let t = GoTimeFormat.parse(layout: layout, value: value, zone: TimeZone.current) { return .time(t) }
                if name == "toDate" { return .time(GoTime(date: Date(timeIntervalSince1970: -62135596800), zone: TimeZone(identifier: "UTC") ?? .current)) }
                let firstTok: String = {
                    for p in ["2006", "01", "02", "15", "Jan", "Mon", "January", "Monday"] where layout.hasPrefix(p) { return p }
                    return String(layout.prefix(1))
                }()
                throw FuncError("parsing time \(GoFormat.quote(value)) as \(GoFormat.quote(layout)): cannot parse \(GoFormat.quote(value)) as \(GoFormat.quote(firstTok))")
            }
        }
    }
}

/// Sprig's function map as Helm installs it (minus env/expandenv, which Helm removes).
public enum Sprig {
    /// A fresh table of Sprig's functions, by name.
    public static func functions() -> [String: Function] {
        var f: [String: Function] = [:]
        StringFunctions.register(&f)
        ListFunctions.register(&f)
        DictFunctions.register(&f)
        DefaultFunctions.register(&f)
        MathFunctions.register(&f)
        EncodingFunctions.register(&f)
        GoRegex.register(&f)
        SemverFunctions.register(&f)
        MiscFunctions.register(&f)
        PasswordFunctions.register(&f)
        CertificateFunctions.register(&f)
        f.add("hello", []) { _, _ in .string("Hello!") }
        // Capture the function, not `f`: a closure holding the table it sits in is a retain cycle.
        if let trimAll = f["trimAll"] { f["trimall"] = trimAll }
        if let m = f["mustDateModify"] { f["must_date_modify"] = m }
        f.add("fail", [.string]) { _, a in throw FuncError(Conv.strval(a[0])) }
        f.add("toJson", [.any]) { _, a in .string((try? GoJSON.marshal(a[0])) ?? "") }
        f.add("mustToJson", [.any]) { _, a in .string(try GoJSON.marshal(a[0])) }
        f.add("toPrettyJson", [.any]) { _, a in .string((try? GoJSON.marshal(a[0], .init(indent: "  "))) ?? "") }
        f.add("mustToPrettyJson", [.any]) { _, a in .string(try GoJSON.marshal(a[0], .init(indent: "  "))) }
        f.add("toRawJson", [.any]) { _, a in .string((try? GoJSON.marshal(a[0], .init(escapeHTML: false))) ?? "") }
        f.add("mustToRawJson", [.any]) { _, a in .string(try GoJSON.marshal(a[0], .init(escapeHTML: false))) }
        f.add("fromJson", [.string]) { _, a in (try? GoJSON.unmarshal(Conv.strval(a[0]))) ?? .map(GoMap()) }
        f.add("mustFromJson", [.string]) { _, a in
            do { return try GoJSON.unmarshal(Conv.strval(a[0])) } catch let e as GoJSON.DecodeError { throw FuncError(e.message) }
        }
        f.add("getHostByName", [.string]) { _, _ in .string("") }
        return f
    }
}
