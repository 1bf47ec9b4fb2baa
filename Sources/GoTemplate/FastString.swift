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

    /// strings.TrimSpace for ASCII whitespace.
    public static func trimSpace(_ s: String) -> String {
        func sp(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        // Index the UTF-8 view in place: copying a large stream to an array costs more than the trim.
        let u = s.utf8
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi && sp(u[lo]) { lo = u.index(after: lo) }
        while hi > lo && sp(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        if lo == u.startIndex && hi == u.endIndex { return s }
        return String(s[lo..<hi])
    }
}
