import Foundation

/// gobwas/glob with '/' as separator: * and ? stay within a segment, ** crosses them.
enum Glob {
    static func match(_ pattern: String, _ s: String) -> Bool {
        let p = Array(pattern.unicodeScalars), t = Array(s.unicodeScalars)
        return m(p, 0, t, 0)
    }

    static func m(_ p: [Unicode.Scalar], _ pi: Int, _ t: [Unicode.Scalar], _ ti: Int) -> Bool {
        if pi == p.count { return ti == t.count }
        switch p[pi] {
        case "*":
            if pi + 1 < p.count && p[pi + 1] == "*" {
                for k in ti...t.count where m(p, pi + 2, t, k) { return true }
                return false
            }
            var k = ti
            while true {
                if m(p, pi + 1, t, k) { return true }
                if k >= t.count || t[k] == "/" { return false }
                k += 1
            }
        case "?":
            return ti < t.count && t[ti] != "/" && m(p, pi + 1, t, ti + 1)
        case "[":
            guard ti < t.count, let close = p[(pi + 1)...].firstIndex(of: "]") else { return false }
            var set = Array(p[(pi + 1)..<close])
            var neg = false
            if let f = set.first, f == "!" || f == "^" { neg = true; set.removeFirst() }
            var ok = false
            var i = 0
            while i < set.count {
                if i + 2 < set.count && set[i + 1] == "-" {
                    if set[i] <= t[ti] && t[ti] <= set[i + 2] { ok = true }
                    i += 3
                } else { if set[i] == t[ti] { ok = true }; i += 1 }
            }
            return ok != neg && m(p, close + 1, t, ti + 1)
        case "{":
            guard let close = p[(pi + 1)...].firstIndex(of: "}") else { return false }
            let alts = String(String.UnicodeScalarView(p[(pi + 1)..<close])).split(separator: ",", omittingEmptySubsequences: false)
            let rest = Array(p[(close + 1)...])
            for a in alts where m(Array(a.unicodeScalars) + rest, 0, t, ti) { return true }
            return false
        case "\\":
            guard pi + 1 < p.count, ti < t.count, t[ti] == p[pi + 1] else { return false }
            return m(p, pi + 2, t, ti + 1)
        default:
            return ti < t.count && t[ti] == p[pi] && m(p, pi + 1, t, ti + 1)
        }
    }
}
