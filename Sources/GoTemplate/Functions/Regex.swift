import SwkYAML

/// Go RE2 regular expressions on top of ICU (`BoundedRegex`), with its work bounded.
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
            } else if c == "(" {
                depth += 1
                // `(?:`, `(?i)`, `(?P<name>`: the `?` opens flags, it repeats nothing.
                if i + 1 < u.count && u[i + 1] == "?" { i += 1 }
            }
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

    static func compile(_ p: String) throws -> BoundedRegex {
        if let e = syntaxError(p) { throw FuncError(e) }
        // ICU refuses an empty pattern; RE2 matches the empty string everywhere.
        do { return try BoundedRegex(p.isEmpty ? "(?:)" : translate(p)) }
        catch { throw FuncError("error parsing regexp: invalid or unsupported Perl syntax: `\(p)`") }
    }

    /// Up to `n` matches (all when negative), charged to the execution's regex budget. As Go, an empty
    /// match right where the previous match ended is not one (ICU reports it): `x*` on `axxb` finds
    /// "", "xx", "". Such matches never come two in a row, so 2n from ICU give n.
    static func matches(_ ctx: CallContext, _ re: BoundedRegex, _ s: [UInt16], _ n: Int = -1) throws -> [BoundedRegex.Match] {
        let found: [BoundedRegex.Match]
        do { found = try re.matches(in: s, limit: n < 0 ? -1 : n.multipliedReportingOverflow(by: 2).partialValue, budget: ctx.regexBudget) }
        catch { throw LimitError(limit: "maxRegexSteps", value: error.steps, unit: "regex steps") }
        var out: [BoundedRegex.Match] = []
        var previousEnd = -1
        for m in found {
            if !(m.range.isEmpty && m.range.lowerBound == previousEnd) { out.append(m) }
            previousEnd = m.range.upperBound
            if n >= 0 && out.count >= n { break }
        }
        return out
    }

    static func text(_ s: [UInt16], _ r: Range<Int>) -> String { String(decoding: s[r], as: UTF16.self) }

    /// regexp.Expand: $1, ${1}, $name, ${name}, $$.
    static func expand(_ template: String, _ m: BoundedRegex.Match, _ s: [UInt16], _ re: BoundedRegex) -> String {
        var out = ""
        let u = Array(template.unicodeScalars)
        var i = 0
        func group(_ name: String) -> String {
            guard let n = Int(name) ?? re.groupNumber(named: name), n < m.ranges.count, let r = m.ranges[n] else { return "" }
            return text(s, r)
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

    static func replace(_ ctx: CallContext, _ re: BoundedRegex, _ str: String, _ repl: String, literal: Bool) throws -> String {
        let s = Array(str.utf16)
        var out = ""
        var last = 0
        for m in try matches(ctx, re, s) {
            out += text(s, last..<m.range.lowerBound)
            out += literal ? repl : expand(repl, m, s, re)
            last = m.range.upperBound
        }
        out += text(s, last..<s.count)
        return out
    }

    static func register(_ f: inout [String: Function]) {
        typealias V = GoTemplate.Value
        let s = Conv.strval
        // The non-must forms turn a bad pattern into a default result; a work limit still stops the render.
        f.add("regexMatch", [.string, .string]) { c, a in
            guard let re = try? compile(s(a[0])) else { return .bool(false) }
            return .bool(!(try matches(c, re, Array(s(a[1]).utf16), 1)).isEmpty)
        }
        f.add("mustRegexMatch", [.string, .string]) { c, a in .bool(!(try matches(c, try compile(s(a[0])), Array(s(a[1]).utf16), 1)).isEmpty) }
        func findAll(_ c: CallContext, _ re: BoundedRegex, _ a: [V]) throws -> V {
            let str = Array(s(a[1]).utf16)
            let n = Conv.toInt(a[2])
            return .strings(try matches(c, re, str, n < 0 ? -1 : n).map { text(str, $0.range) })
        }
        f.add("regexFindAll", [.string, .string, .int]) { c, a in
            guard let re = try? compile(s(a[0])) else { return .strings([]) }
            return try findAll(c, re, a)
        }
        f.add("mustRegexFindAll", [.string, .string, .int]) { c, a in try findAll(c, try compile(s(a[0])), a) }
        func find(_ c: CallContext, _ re: BoundedRegex, _ a: [V]) throws -> V {
            let str = Array(s(a[1]).utf16)
            let found = try matches(c, re, str, 1)
            guard let m = found.first else { return .string("") }
            return .string(text(str, m.range))
        }
        f.add("regexFind", [.string, .string]) { c, a in
            guard let re = try? compile(s(a[0])) else { return .string("") }
            return try find(c, re, a)
        }
        f.add("mustRegexFind", [.string, .string]) { c, a in try find(c, try compile(s(a[0])), a) }
        for (name, literal) in [("regexReplaceAll", false), ("regexReplaceAllLiteral", true)] {
            f.add(name, [.string, .string, .string]) { c, a in
                guard let re = try? compile(s(a[0])) else { return .string(s(a[1])) }
                return .string(try replace(c, re, s(a[1]), s(a[2]), literal: literal))
            }
            f.add("must" + name.prefix(1).uppercased() + name.dropFirst(), [.string, .string, .string]) { c, a in
                .string(try replace(c, try compile(s(a[0])), s(a[1]), s(a[2]), literal: literal))
            }
        }
        // Go's Split: the pieces between the first n matches; a match ending at 0 cuts nothing, and
        // a match at the very end leaves no empty last piece.
        func split(_ c: CallContext, _ re: BoundedRegex, _ a: [V]) throws -> V {
            let str = Array(s(a[1]).utf16)
            let n = Conv.toInt(a[2])
            if n == 0 { return .strings([]) }
            if !s(a[0]).isEmpty && str.isEmpty { return .strings([""]) }
            var out: [String] = []
            var begin = 0, end = 0
            for m in try matches(c, re, str, n) {
                if n > 0 && out.count == n - 1 { break }
                end = m.range.lowerBound
                if m.range.upperBound != 0 { out.append(text(str, begin..<end)) }
                begin = m.range.upperBound
            }
            if end != str.count { out.append(text(str, begin..<str.count)) }
            return .strings(out)
        }
        f.add("regexSplit", [.string, .string, .int]) { c, a in
            guard let re = try? compile(s(a[0])) else { return .strings([]) }
            return try split(c, re, a)
        }
        f.add("mustRegexSplit", [.string, .string, .int]) { c, a in try split(c, try compile(s(a[0])), a) }
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
