import Foundation
import GoTemplate
import SwkYAML

/// .helmignore as Helm's pkg/ignore applies it: the first rule that decides wins.
struct HelmIgnore {
    struct Rule {
        let pattern: String
        let negate: Bool
        let mustDir: Bool
        let onPath: Bool
        /// The pattern's scalars, split once rather than per path matched.
        let scalars: [Unicode.Scalar]
        /// How the pattern is compared, worked out once per rule.
        private let shape: Shape

        init(pattern: String, negate: Bool, mustDir: Bool, onPath: Bool) {
            (self.pattern, self.negate, self.mustDir, self.onPath) = (pattern, negate, mustDir, onPath)
            scalars = Array(pattern.unicodeScalars)
            shape = Shape(scalars)
        }

        /// The common shapes, a plain name (`.DS_Store`) and `*` before plain text (`*.swp`), are
        /// compared directly; the rest go through `PathMatch`.
        private enum Shape {
            case plain, starThenPlain, glob

            init(_ p: [Unicode.Scalar]) {
                func isMeta(_ c: Unicode.Scalar) -> Bool { c == "*" || c == "?" || c == "[" || c == "\\" }
                if !p.contains(where: isMeta) { self = .plain }
                else if p.first == "*", !p.dropFirst().contains(where: isMeta) { self = .starThenPlain }
                else { self = .glob }
            }
        }

        /// Whether the pattern matches `name`.
        func matches(_ name: [Unicode.Scalar]) -> Bool {
            switch shape {
            case .plain: return name == scalars
            case .starThenPlain:
                let tail = scalars.dropFirst()
                return name.count >= tail.count && name.suffix(tail.count).elementsEqual(tail)
                    && !name.dropLast(tail.count).contains("/")
            case .glob: return PathMatch.m(scalars, 0, name, 0)
            }
        }
    }
    var rules: [Rule] = []

    init(_ text: String) {
        // By bytes: a Character split would keep "\r\n" lines together.
        for raw in FastString.split(text, separator: "\n") { add(String(raw)) }
    }

    /// Hidden files under templates/ never load.
    mutating func addDefaults() { add("templates/.?*") }

    mutating func add(_ raw: String) {
        // Most lines start and end with a visible ASCII character: nothing to trim.
        let visible: ClosedRange<UInt8> = 33...126
        var line = raw.utf8.first.map(visible.contains) == true && raw.utf8.last.map(visible.contains) == true
            ? raw : FastString.trimSpace(raw)
        if line.isEmpty || line.hasPrefix("#") || line.containsBytes("**") { return }
        var neg = false
        if line.hasPrefix("!") { neg = true; line.removeFirst() }
        var dir = false
        if line.hasSuffix("/") { dir = true; line.removeLast() }
        var onPath = line.contains("/")
        if line.hasPrefix("/") { line.removeFirst(); onPath = true }
        rules.append(Rule(pattern: line, negate: neg, mustDir: dir, onPath: onPath))
    }

    /// `rel` is chart-relative; a matching folder is skipped with everything in it.
    func ignores(_ rel: String, isDir: Bool) -> Bool {
        if rel.isEmpty || rel == "." { return false }
        let path = Array(rel.unicodeScalars)
        let base = path.lastIndex(of: "/").map { Array(path[($0 + 1)...]) } ?? path
        for r in rules {
            let hit = r.matches(r.onPath ? path : base)
            if r.negate {
                // Helm's quirk: a negated rule ignores whatever it does not match.
                if r.mustDir && !isDir { return true }
                if !hit { return true }
                continue
            }
            if r.mustDir && !isDir { continue }
            if hit { return true }
        }
        return false
    }
}

/// Go's path/filepath.Match: * and ? stay within a segment, [..] classes, \ escapes.
enum PathMatch {
    static func match(_ pattern: String, _ s: String) -> Bool {
        m(Array(pattern.unicodeScalars), 0, Array(s.unicodeScalars), 0)
    }

    static func m(_ p: [Unicode.Scalar], _ pi: Int, _ t: [Unicode.Scalar], _ ti: Int) -> Bool {
        if pi == p.count { return ti == t.count }
        switch p[pi] {
        case "*":
            var k = ti
            while true {
                if m(p, pi + 1, t, k) { return true }
                if k >= t.count || t[k] == "/" { return false }
                k += 1
            }
        case "?":
            return ti < t.count && t[ti] != "/" && m(p, pi + 1, t, ti + 1)
        case "[":
            guard ti < t.count, t[ti] != "/" else { return false }
            var i = pi + 1
            var neg = false
            if i < p.count && p[i] == "^" { neg = true; i += 1 }
            var ok = false
            var first = true
            while i < p.count && (p[i] != "]" || first) {
                first = false
                var lo = p[i]
                if lo == "\\" && i + 1 < p.count { i += 1; lo = p[i] }
                var hi = lo
                if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                    hi = p[i + 2]
                    if hi == "\\" && i + 3 < p.count { hi = p[i + 3]; i += 1 }
                    i += 2
                }
                if lo <= t[ti] && t[ti] <= hi { ok = true }
                i += 1
            }
            guard i < p.count else { return false }
            return ok != neg && m(p, i + 1, t, ti + 1)
        case "\\":
            guard pi + 1 < p.count, ti < t.count, t[ti] == p[pi + 1] else { return false }
            return m(p, pi + 2, t, ti + 1)
        default:
            return ti < t.count && t[ti] == p[pi] && m(p, pi + 1, t, ti + 1)
        }
    }
}
