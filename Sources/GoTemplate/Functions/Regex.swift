import Foundation

/// Go RE2 regular expressions on top of NSRegularExpression.
enum GoRegex {
    /// Checks the RE2 syntax errors charts hit and returns Go's message.
    static func syntaxError(_ p: String) -> String? {
        let u = Array(p.unicodeScalars)
        var depth = 0
        var i = 0
        while i < u.count {
            let c = u[i]
            if c == "\\" { i += 2; continue }
            if c == "[" {
                let start = i
                i += 1
                if i < u.count && u[i] == "^" { i += 1 }
                if i < u.count && u[i] == "]" { i += 1 }
                while i < u.count && u[i] != "]" {
                    if u[i] == "\\" { i += 1 }
                    else if u[i] == "[" && i + 1 < u.count && u[i + 1] == ":" {
                        if let e = (i + 2..<u.count).first(where: { u[$0] == "]" }) { i = e }
                    }
                    i += 1
                }
                if i >= u.count {
                    return "error parsing regexp: missing closing ]: `\(String(String.UnicodeScalarView(u[start...])))`"
                }
            } else if c == "(" { depth += 1 }
            else if c == ")" {
                depth -= 1
                if depth < 0 { return "error parsing regexp: unexpected ): `\(p)`" }
            } else if c == "*" || c == "+" || c == "?" {
                if i == 0 || u[i - 1] == "(" || u[i - 1] == "|" {
                    return "error parsing regexp: missing argument to repetition operator: `\(c)`"
                }
                if i > 0 && (u[i - 1] == "*" || u[i - 1] == "+") && c != "?" {
                    return "error parsing regexp: invalid nested repetition operator: `\(u[i - 1])\(c)`"
                }
            }
            i += 1
        }
        if depth > 0 { return "error parsing regexp: missing closing ): `\(p)`" }
        return nil
    }

    /// RE2 syntax to ICU: named groups, and `$` meaning end of text outside multi-line mode.
    static func translate(_ p: String) -> String {
        var out = ""
        let u = Array(p.unicodeScalars)
        let multiline = p.contains("(?m") || p.contains("(?sm") || p.contains("(?im")
        var i = 0
        var inClass = false
        while i < u.count {
            let c = u[i]
            if c == "\\" && i + 1 < u.count {
                out.unicodeScalars.append(c); out.unicodeScalars.append(u[i + 1]); i += 2; continue
            }
            if inClass {
                if c == "]" { inClass = false }
                out.unicodeScalars.append(c); i += 1; continue
            }
            if c == "[" { inClass = true; out.unicodeScalars.append(c); i += 1
                if i < u.count && u[i] == "^" { out += "^"; i += 1 }
                if i < u.count && u[i] == "]" { out += "\\]"; i += 1 }
                continue
            }
            if c == "(" && i + 2 < u.count && u[i + 1] == "?" && u[i + 2] == "P" && i + 3 < u.count && u[i + 3] == "<" {
                out += "(?<"; i += 4; continue
            }
            if c == "$" && !multiline { out += "(?!(?s:.))"; i += 1; continue }
            out.unicodeScalars.append(c)
            i += 1
        }
        return out
    }

    static func compile(_ p: String) throws -> NSRegularExpression {
        if let e = syntaxError(p) { throw FuncError(e) }
        do { return try NSRegularExpression(pattern: translate(p), options: []) }
        catch { throw FuncError("error parsing regexp: invalid or unsupported Perl syntax: `\(p)`") }
    }

    static func matches(_ re: NSRegularExpression, _ s: String, _ n: Int = -1) -> [NSTextCheckingResult] {
        let ns = s as NSString
        var out: [NSTextCheckingResult] = []
        re.enumerateMatches(in: s, options: [], range: NSRange(location: 0, length: ns.length)) { m, _, stop in
            if let m { out.append(m) }
            if n >= 0 && out.count >= n { stop.pointee = true }
        }
        return out
    }

    /// regexp.Expand: $1, ${1}, $name, ${name}, $$.
    static func expand(_ template: String, _ m: NSTextCheckingResult, _ s: NSString, _ re: NSRegularExpression) -> String {
        var out = ""
        let u = Array(template.unicodeScalars)
        var i = 0
        func group(_ name: String) -> String {
            if let n = Int(name) {
                guard n < m.numberOfRanges else { return "" }
                let r = m.range(at: n)
                return r.location == NSNotFound ? "" : s.substring(with: r)
            }
            let r = m.range(withName: name)
            return r.location == NSNotFound ? "" : s.substring(with: r)
        }
        func isName(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic || ("0"..."9").contains(c) }
        while i < u.count {
            let c = u[i]
            guard c == "$", i + 1 < u.count else { out.unicodeScalars.append(c); i += 1; continue }
            if u[i + 1] == "$" { out += "$"; i += 2; continue }
            if u[i + 1] == "{" {
                if let close = (i + 2..<u.count).first(where: { u[$0] == "}" }) {
                    let name = String(String.UnicodeScalarView(u[(i + 2)..<close]))
                    if !name.isEmpty && name.unicodeScalars.allSatisfy(isName) { out += group(name); i = close + 1; continue }
                }
                out += "$"; i += 1; continue
            }
            var j = i + 1
            while j < u.count && isName(u[j]) { j += 1 }
            if j == i + 1 { out += "$"; i += 1; continue }
            out += group(String(String.UnicodeScalarView(u[(i + 1)..<j])))
            i = j
        }
        return out
    }

    static func replace(_ re: NSRegularExpression, _ s: String, _ repl: String, literal: Bool) -> String {
        let ns = s as NSString
        var out = ""
        var last = 0
        for m in matches(re, s) {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            out += literal ? repl : expand(repl, m, ns, re)
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }

    static func register(_ f: inout [String: Function]) {
        typealias V = GoTemplate.Value
        let s = Conv.strval
        f.add("regexMatch", [.string, .string]) { _, a in
            guard let re = try? compile(s(a[0])) else { return .bool(false) }
            return .bool(!matches(re, s(a[1]), 1).isEmpty)
        }
        f.add("mustRegexMatch", [.string, .string]) { _, a in .bool(!matches(try compile(s(a[0])), s(a[1]), 1).isEmpty) }
        let findAll: FuncImpl = { _, a in
            let re = try compile(s(a[0]))
            let str = s(a[1]) as NSString
            let n = Conv.toInt(a[2])
            return .strings(matches(re, s(a[1]), n < 0 ? -1 : n).map { str.substring(with: $0.range) })
        }
        f.add("regexFindAll", [.string, .string, .int]) { c, a in (try? findAll(c, a)) ?? .strings([]) }
        f.add("mustRegexFindAll", [.string, .string, .int], findAll)
        let find: FuncImpl = { _, a in
            let re = try compile(s(a[0]))
            guard let m = matches(re, s(a[1]), 1).first else { return .string("") }
            return .string((s(a[1]) as NSString).substring(with: m.range))
        }
        f.add("regexFind", [.string, .string]) { c, a in (try? find(c, a)) ?? .string("") }
        f.add("mustRegexFind", [.string, .string], find)
        for (name, literal) in [("regexReplaceAll", false), ("regexReplaceAllLiteral", true)] {
            let impl: FuncImpl = { _, a in .string(replace(try compile(s(a[0])), s(a[1]), s(a[2]), literal: literal)) }
            f.add(name, [.string, .string, .string]) { c, a in (try? impl(c, a)) ?? .string(s(a[1])) }
            f.add("must" + name.prefix(1).uppercased() + name.dropFirst(), [.string, .string, .string], impl)
        }
        let split: FuncImpl = { _, a in
            let re = try compile(s(a[0]))
            let str = s(a[1])
            let n = Conv.toInt(a[2])
            if n == 0 { return .strings([]) }
            let ns = str as NSString
            var out: [String] = []
            var last = 0
            for m in matches(re, str) {
                if n > 0 && out.count == n - 1 { break }
                if m.range.length == 0 && m.range.location == 0 { continue }
                out.append(ns.substring(with: NSRange(location: last, length: m.range.location - last)))
                last = m.range.location + m.range.length
            }
            out.append(ns.substring(from: last))
            return .strings(out)
        }
        f.add("regexSplit", [.string, .string, .int]) { c, a in (try? split(c, a)) ?? .strings([]) }
        f.add("mustRegexSplit", [.string, .string, .int], split)
        f.add("regexQuoteMeta", [.string]) { _, a in
            var out = ""
            for c in s(a[0]).unicodeScalars {
                if "\\.+*?()|[]{}^$".unicodeScalars.contains(c) { out += "\\" }
                out.unicodeScalars.append(c)
            }
            return .string(out)
        }
    }
}
