import SwkYAML

/// Byte-level string helpers: Foundation's NSString-backed versions dominate render time.
public enum FastString {
    /// strings.ReplaceAll for a non-empty `old`.
    /// Sprig's `indent` (and `nindent` with `newlineFirst`): `width` spaces before every line,
    /// built in one buffer of the exact size instead of a replace-all and two concatenations.
    public static func indented(_ s: String, width: Int, newlineFirst: Bool) -> String {
        let w = max(width, 0)
        var s = s
        return s.withUTF8 { b in
            var lines = 1
            for c in b where c == 10 { lines &+= 1 }
            let total = (newlineFirst ? 1 : 0) + lines * w + b.count
            return String(unsafeUninitializedCapacity: total) { out in
                var o = 0
                func put(_ from: Int, _ to: Int) {
                    guard to > from, let src = b.baseAddress else { return }
                    (out.baseAddress! + o).initialize(from: src + from, count: to - from)
                    o += to - from
                }
                func pad() {
                    guard w > 0 else { return }
                    (out.baseAddress! + o).initialize(repeating: 32, count: w)
                    o += w
                }
                if newlineFirst { out[o] = 10; o += 1 }
                pad()
                var start = 0
                while let newline = b.firstIndex(of: 10, from: start) {
                    put(start, newline + 1)
                    pad()
                    start = newline + 1
                }
                put(start, b.count)
                return o
            }
        }
    }

    public static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        let o = Array(old.utf8)
        guard let first = o.first else { return s }
        var out: [UInt8] = []
        var found = false
        let n = Array(new.utf8)
        let original = s
        var s = s
        return s.withUTF8 { b -> String in
            var i = 0
            var last = 0
            while i + o.count <= b.count {
                // memchr finds the next candidate: most outputs hold no match at all.
                guard let hit = b.firstIndex(of: first, from: i) else { break }
                i = hit
                guard i + o.count <= b.count else { break }
                if o.count == 1 || (1..<o.count).allSatisfy({ b[i + $0] == o[$0] }) {
                    if !found { out.reserveCapacity(b.count + b.count / 8); found = true }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[last..<i]))
                    out.append(contentsOf: n)
                    i += o.count
                    last = i
                } else {
                    i += 1
                }
            }
            guard found else { return original }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[last...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// strings.TrimSpace: Unicode white space off both ends. ASCII ends are trimmed on the UTF-8
    /// view in place (copying a large stream to an array costs more than the trim); Foundation's
    /// trimming is avoided because its first call costs more than a small chart's whole render.
    public static func trimSpace<S: StringProtocol>(_ s: S) -> String {
        func sp(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        let s = Substring(s), u = s.utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi && sp(u[lo]) { lo = u.index(after: lo) }
        while hi > lo && sp(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        if lo < hi && (u[lo] >= 0x80 || u[u.index(before: hi)] >= 0x80) {
            return StringFunctions.trimSet(String(s[lo..<hi]), StringFunctions.isGoSpace)
        }
        return String(s[lo..<hi])
    }

    /// The first place `needle` occurs in `text`, compared byte for byte (as Go's strings.Index).
    public static func firstRange<S: StringProtocol>(of needle: String, in text: S) -> Range<String.Index>? {
        let n = Array(needle.utf8), u = text.utf8
        guard let first = n.first else { return text.startIndex..<text.startIndex }
        var i = u.startIndex
        while i != u.endIndex {
            if u[i] == first {
                var j = i, k = 0
                while k < n.count, j != u.endIndex, u[j] == n[k] { j = u.index(after: j); k += 1 }
                if k == n.count { return i..<j }
            }
            i = u.index(after: i)
        }
        return nil
    }

    /// strings.Split: the pieces between each `separator`, empty ones kept.
    public static func split<S: StringProtocol>(_ text: S, separator: String) -> [S.SubSequence] {
        var pieces: [S.SubSequence] = [], start = text.startIndex
        while let r = firstRange(of: separator, in: text[start...]), !r.isEmpty {
            pieces.append(text[start..<r.lowerBound])
            start = r.upperBound
        }
        pieces.append(text[start...])
        return pieces
    }
}
