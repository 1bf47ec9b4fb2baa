import Foundation

/// Sprig's string functions.
enum StringFunctions {
    static func s(_ v: GoTemplate.Value) -> String { Conv.strval(v) }

    /// unicode.ToUpper/ToLower per rune: no multi-rune expansions (ß stays ß).
    static func simpleCase(_ str: String, upper: Bool) -> String {
        var out = String.UnicodeScalarView()
        for u in str.unicodeScalars {
            let m = upper ? u.properties.uppercaseMapping : u.properties.lowercaseMapping
            let ms = m.unicodeScalars
            if ms.count == 1, let f = ms.first { out.append(f) } else { out.append(u) }
        }
        return String(out)
    }

    static func isGoSpace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    static func trimSet(_ str: String, _ pred: (Unicode.Scalar) -> Bool, left: Bool = true, right: Bool = true) -> String {
        var u = Substring(str).unicodeScalars
        if left { while let f = u.first, pred(f) { u.removeFirst() } }
        if right { while let l = u.last, pred(l) { u.removeLast() } }
        return String(u)
    }

    /// strings.Title
    static func title(_ str: String) -> String {
        var prev: Unicode.Scalar = " "
        var out = String.UnicodeScalarView()
        for u in str.unicodeScalars {
            if isSeparator(prev) { out.append(contentsOf: String(u).uppercased().unicodeScalars) } else { out.append(u) }
            prev = u
        }
        return String(out)
    }

    static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if r.properties.isAlphabetic || r.properties.numericType == .decimal { return false }
        return isGoSpace(r)
    }

    /// Splits into words the way huandu/xstrings does for case conversion.
    static func words(_ str: String) -> [String] {
        var words: [String] = []
        var cur = ""
        let scalars = Array(str.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            let isUpper = u.properties.isUppercase
            let isAlnum = u.properties.isAlphabetic || u.properties.numericType != nil
            if !isAlnum {
                if !cur.isEmpty { words.append(cur); cur = "" }
                continue
            }
            if isUpper && !cur.isEmpty {
                let prev = scalars[i - 1]
                let nextLower = i + 1 < scalars.count && scalars[i + 1].properties.isLowercase
                if prev.properties.isLowercase || prev.properties.numericType != nil || (prev.properties.isUppercase && nextLower) {
                    words.append(cur); cur = ""
                }
            }
            cur.unicodeScalars.append(u)
        }
        if !cur.isEmpty { words.append(cur) }
        return words
    }

    static func wrap(_ str: String, _ width: Int, _ newline: String) -> String {
        // goutils WordUtils.Wrap without long-word breaking.
        let w = max(width, 1)
        var out = ""
        var lines: [String] = []
        for line in str.components(separatedBy: "\n") {
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: true) {
                if current.isEmpty { current = String(word) }
                else if current.count + 1 + word.count <= w { current += " " + word }
                else { lines.append(current); current = String(word) }
            }
            lines.append(current)
        }
        out = lines.joined(separator: newline)
        return out
    }

    static func abbreviate(_ str: String, _ offset: Int, _ maxWidth: Int) throws -> String {
        let c = Array(str)
        if maxWidth < 4 { throw FuncError("minimum abbreviation width is 4") }
        if c.count <= maxWidth { return str }
        var off = min(offset, c.count)
        if c.count - off < maxWidth - 3 { off = c.count - (maxWidth - 3) }
        let abrevMarker = "..."
        if off <= 4 { return String(c[0..<(maxWidth - 3)]) + abrevMarker }
        if maxWidth < 7 { throw FuncError("minimum abbreviation width with offset is 7") }
        if off + maxWidth - 3 < c.count {
            let rest = try abbreviate(String(c[off...]), 0, maxWidth - 3)
            return abrevMarker + rest
        }
        return abrevMarker + String(c[(c.count - (maxWidth - 3))...])
    }

    // Go compares bytes (Swift's hasPrefix compares characters, and slowly).
    static func bytes(of s: String, startWith prefix: String) -> Bool { s.utf8.starts(with: prefix.utf8) }
    static func bytes(of s: String, endWith suffix: String) -> Bool {
        let n = suffix.utf8.count
        return s.utf8.count >= n && s.utf8.dropFirst(s.utf8.count - n).elementsEqual(suffix.utf8)
    }

    static func register(_ f: inout [String: Function]) {
        f.add("trim", [.string]) { _, a in .string(trimSet(s(a[0]), isGoSpace)) }
        f.add("trimAll", [.string, .string]) { _, a in let set = Set(s(a[0]).unicodeScalars); return .string(trimSet(s(a[1]), { set.contains($0) })) }
        f.add("trimPrefix", [.string, .string]) { _, a in
            let p = s(a[0]), str = s(a[1])
            guard !p.isEmpty, bytes(of: str, startWith: p) else { return .string(str) }
            return .string(String(decoding: str.utf8.dropFirst(p.utf8.count), as: UTF8.self))
        }
        f.add("trimSuffix", [.string, .string]) { _, a in
            let p = s(a[0]), str = s(a[1])
            guard !p.isEmpty, bytes(of: str, endWith: p) else { return .string(str) }
            return .string(String(decoding: str.utf8.dropLast(p.utf8.count), as: UTF8.self))
        }
        f.add("upper", [.string]) { _, a in .string(simpleCase(s(a[0]), upper: true)) }
        f.add("lower", [.string]) { _, a in .string(simpleCase(s(a[0]), upper: false)) }
        f.add("title", [.string]) { _, a in .string(title(s(a[0]))) }
        f.add("untitle", [.string]) { _, a in
            var out = ""
            var prevSpace = true
            for u in s(a[0]).unicodeScalars {
                if prevSpace && !isGoSpace(u) { out += String(u).lowercased() } else { out.unicodeScalars.append(u) }
                prevSpace = isGoSpace(u)
            }
            return .string(out)
        }
        f.add("repeat", [.int, .string]) { ctx, a in
            let n = Conv.toInt(a[0]), str = s(a[1])
            if n < 0 { throw FuncError("strings: negative Repeat count") }
            try Limited.string(ctx, count: n, times: str.utf8.count)
            return .string(Limited.repeated(str, n))
        }
        f.add("substr", [.int, .int, .string]) { _, a in
            let start = Conv.toInt(a[0]), end = Conv.toInt(a[1])
            let b = Array(s(a[2]).utf8)
            func sub(_ x: Int, _ y: Int) throws -> String {
                guard x >= 0, y <= b.count, x <= y else { throw FuncError("runtime error: slice bounds out of range [\(x):\(y)]") }
                return String(decoding: b[x..<y], as: UTF8.self)
            }
            if start < 0 { return .string(try sub(0, end)) }
            if end < 0 || end > b.count { return .string(try sub(start, b.count)) }
            return .string(try sub(start, end))
        }
        f.add("nospace", [.string]) { _, a in .string(String(String.UnicodeScalarView(s(a[0]).unicodeScalars.filter { !isGoSpace($0) }))) }
        f.add("trunc", [.int, .string]) { _, a in
            // Go slices bytes here.
            let c = Conv.toInt(a[0])
            let r = Array(s(a[1]).utf8)
            if c < 0 && r.count + c > 0 { return .string(String(decoding: r[(r.count + c)...], as: UTF8.self)) }
            if c >= 0 && r.count > c { return .string(String(decoding: r[..<c], as: UTF8.self)) }
            return .string(s(a[1]))
        }
        f.add("abbrev", [.int, .string]) { _, a in
            let w = Conv.toInt(a[0]), str = s(a[1])
            if w < 4 { return .string(str) }
            return .string((try? abbreviate(str, 0, w)) ?? str)
        }
        f.add("abbrevboth", [.int, .int, .string]) { _, a in
            let l = Conv.toInt(a[0]), r = Conv.toInt(a[1]), str = s(a[2])
            if r < 4 || (l > 0 && r < 7) { return .string(str) }
            return .string((try? abbreviate(str, l, r)) ?? str)
        }
        f.add("initials", [.string]) { _, a in
            .string(s(a[0]).split(whereSeparator: { $0.unicodeScalars.allSatisfy(isGoSpace) }).compactMap { $0.first.map(String.init) }.joined())
        }
        f.add("wrap", [.int, .string]) { _, a in .string(wrap(s(a[1]), Conv.toInt(a[0]), "\n")) }
        f.add("wrapWith", [.int, .string, .string]) { _, a in .string(wrap(s(a[2]), Conv.toInt(a[0]), s(a[1]))) }
        f.add("contains", [.string, .string]) { _, a in
            let sub = s(a[0])
            return .bool(sub.isEmpty || s(a[1]).utf8.count >= sub.utf8.count && s(a[1]).contains(sub))
        }
        f.add("hasPrefix", [.string, .string]) { _, a in .bool(bytes(of: s(a[1]), startWith: s(a[0]))) }
        f.add("hasSuffix", [.string, .string]) { _, a in .bool(bytes(of: s(a[1]), endWith: s(a[0]))) }
        f.add("quote", [], variadic: .any) { _, a in
            // One argument, nearly every call: no arrays.
            if a.count == 1 { return .string(a[0].isNull ? "" : GoFormat.quote(Conv.strval(a[0]))) }
            return .string(a.filter { !$0.isNull }.map { GoFormat.quote(Conv.strval($0)) }.joined(separator: " "))
        }
        f.add("squote", [], variadic: .any) { _, a in
            .string(a.filter { !$0.isNull }.map { "'" + Conv.strval($0) + "'" }.joined(separator: " "))
        }
        f.add("cat", [], variadic: .any) { _, a in
            .string(a.filter { !$0.isNull }.map { GoFormat.v($0) }.joined(separator: " "))
        }
        f.add("indent", [.int, .string]) { ctx, a in
            try Limited.indent(ctx, Conv.toInt(a[0]), s(a[1]))
            return .string(FastString.indented(s(a[1]), width: Conv.toInt(a[0]), newlineFirst: false))
        }
        f.add("nindent", [.int, .string]) { ctx, a in
            try Limited.indent(ctx, Conv.toInt(a[0]), s(a[1]))
            return .string(FastString.indented(s(a[1]), width: Conv.toInt(a[0]), newlineFirst: true))
        }
        f.add("replace", [.string, .string, .string]) { _, a in
            let old = s(a[0]), new = s(a[1]), src = s(a[2])
            if old.isEmpty {
                var out = new
                for u in src.unicodeScalars { out.unicodeScalars.append(u); out += new }
                return .string(out)
            }
            return .string(FastString.replaceAll(src, old, new))
        }
        f.add("plural", [.string, .string, .int]) { _, a in .string(Conv.toInt(a[2]) == 1 ? s(a[0]) : s(a[1])) }
        f.add("snakecase", [.string]) { _, a in .string(words(s(a[0])).map { $0.lowercased() }.joined(separator: "_")) }
        f.add("kebabcase", [.string]) { _, a in .string(words(s(a[0])).map { $0.lowercased() }.joined(separator: "-")) }
        f.add("camelcase", [.string]) { _, a in
            // xstrings.ToCamelCase: split on _ - and space, capitalise each part, keep the rest.
            let parts = s(a[0]).split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == " " })
            return .string(parts.map { p in p.prefix(1).uppercased() + p.dropFirst() }.joined())
        }
        f.add("swapcase", [.string]) { _, a in
            .string(String(s(a[0]).map { c -> String in
                let str = String(c)
                return str == str.uppercased() ? str.lowercased() : str.uppercased()
            }.joined()))
        }
        f.add("shuffle", [.string]) { _, a in .string(String(s(a[0]).unicodeScalars.shuffled().map(Character.init))) }
        f.add("toString", [.any]) { _, a in .string(Conv.strval(a[0])) }
        f.add("toStrings", [.any]) { _, a in .strings(Conv.strslice(a[0])) }
        f.add("split", [.string, .string]) { _, a in
            let parts = goSplit(s(a[1]), s(a[0]), -1)
            var d: [String: GoTemplate.Value] = [:]
            for (i, p) in parts.enumerated() { d["_\(i)"] = .string(p) }
            return .map(GoMap(d))
        }
        f.add("splitList", [.string, .string]) { _, a in .strings(goSplit(s(a[1]), s(a[0]), -1)) }
        f.add("splitn", [.string, .int, .string]) { _, a in
            let parts = goSplit(s(a[2]), s(a[0]), Conv.toInt(a[1]))
            var d: [String: GoTemplate.Value] = [:]
            for (i, p) in parts.enumerated() { d["_\(i)"] = .string(p) }
            return .map(GoMap(d))
        }
        f.add("join", [.string, .any]) { _, a in .string(Conv.strslice(a[1]).joined(separator: s(a[0]))) }
        f.add("sortAlpha", [.any]) { _, a in
            switch a[0] {
            case .list, .strings, .bytes: return .strings(Conv.strslice(a[0]).sorted(by: goLess))
            default: return .strings([Conv.strval(a[0])])
            }
        }
    }

    /// strings.SplitN (n < 0: all).
    static func goSplit(_ s: String, _ sep: String, _ n: Int) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            var parts = s.unicodeScalars.map { String($0) }
            if n > 0 && parts.count > n {
                let rest = parts[(n - 1)...].joined()
                parts = Array(parts[..<(n - 1)]) + [rest]
            }
            return parts
        }
        var parts: [String] = []
        var rest = Substring(s)
        while n < 0 || parts.count < n - 1, let r = rest.range(of: sep) {
            parts.append(String(rest[..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}
