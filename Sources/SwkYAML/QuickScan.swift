/// A fast check of one YAML document in the plain block style templates render, reading a few
/// scalars at given key paths without building a tree.
///
/// It answers only when it can vouch that `YAMLParser` (libyaml) accepts the document and would
/// give the same scalars: ASCII block mappings and sequences, plain scalars (also over several
/// lines), one-line quoted scalars, `|`/`>` block scalars, `{}` and one-line flow sequences of
/// scalars, comments. Anything else (flow mappings, anchors, tags, multi-line quoted scalars, tabs
/// outside block scalars, odd indentation, duplicate keys) returns nil,
/// and the caller parses the document fully, which also produces the exact error.
public enum YAMLQuickScan {
    /// For each path (keys from the root mapping), the scalar's text there, or nil when it is absent,
    /// null or not a scalar (as `YAMLNode.stringValue`); nil when the document is outside the subset.
    /// A document of only comments and blank lines gives all nils.
    public static func scan(_ doc: String, paths: [[String]]) -> [String?]? {
        var d = doc
        return d.withUTF8 { buf in
            var s = Scanner(buf: buf, paths: paths)
            return s.run() ? s.found : nil
        }
    }

    /// An open map or sequence. Plain data, so that reading the innermost one copies nothing
    /// counted; what few containers need beyond it lies in the scanner's side stacks.
    struct Container {
        var indent: Int
        var isMap: Bool
        /// A dash sequence at its parent key's column (`key:\n- x`).
        var indentless: Bool
        /// The last key or dash has no value on its line yet.
        var pending: Bool
        /// Where this map's keys start in the scanner's `keys` (the duplicate check copies none).
        var keysFrom = 0
        /// Whether this map lies on the way to a wanted path (its entry in `onPath`).
        var isOnPath = false
        /// Whether this map has so many keys that they are also in `keySets`.
        var hasKeySet = false
    }

    /// A map on the way to a wanted path: its key path from the root and its key without a value yet.
    struct PathMap {
        var prefix: [String]
        var pendingKey: String?
    }

    /// A key's bytes in the document, compared and hashed by content.
    struct KeyText: Hashable {
        let buf: UnsafeBufferPointer<UInt8>
        let range: Range<Int>
        static func == (a: KeyText, b: KeyText) -> Bool {
            a.range.count == b.range.count && a.buf[a.range].elementsEqual(b.buf[b.range])
        }
        func hash(into h: inout Hasher) { h.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buf[range]))) }
    }

    struct Scanner {
        let buf: UnsafeBufferPointer<UInt8>
        let paths: [[String]]
        var found: [String?]
        var stack: [Container] = []
        /// The keys of every open map, innermost last.
        var keys: [Range<Int>] = []
        /// The open maps on the way to wanted paths, innermost last.
        var onPath: [PathMap] = []
        /// The key sets of open maps with many keys, innermost last.
        var keySets: [Set<KeyText>] = []
        var rootSeen = false

        init(buf: UnsafeBufferPointer<UInt8>, paths: [[String]]) {
            self.buf = buf; self.paths = paths
            found = Array(repeating: nil, count: paths.count)
            stack.reserveCapacity(16)
            keys.reserveCapacity(64)
        }

        static let space: UInt8 = 32, tab: UInt8 = 9, nl: UInt8 = 10, hash: UInt8 = 35, colon: UInt8 = 58
        static let dash: UInt8 = 45

        mutating func run() -> Bool {
            let n = buf.count
            // Every node takes at least a byte, so this stays under YAMLLimits' default node count.
            if n > 1_900_000 { return false }
            // Only printable ASCII, tab and newline: libyaml refuses control characters.
            var hasTab = false
            for c in buf where c < 32 || c >= 127 {
                if c == Self.tab { hasTab = true } else if c != Self.nl { return false }
            }
            var i = 0
            var blockParent = -1 // >= 0 while inside a block scalar: the indent its content must exceed
            var blockIndent = -1 // the content's indent once its first non-blank line is seen
            var leadingBlankMax = 0
            var plainParent = -1 // >= 0 after a plain scalar that more indented lines would continue
            var quoteParent = -1 // >= 0 inside a single-quoted scalar left open at a line's end
            while i < n {
                // memchr finds the line's end: most of a large document is long lines of text.
                let e = buf.firstIndex(of: Self.nl, from: i) ?? n
                let lineStart = i
                i = e + 1
                var p = lineStart
                while p < e && buf[p] == Self.space { p += 1 }
                let indent = p - lineStart
                // `---` or `...` at column 0 ends the document, even inside a scalar.
                if indent == 0 && e - p >= 3 && (buf[p] == Self.dash || buf[p] == 46) && buf[p + 1] == buf[p] && buf[p + 2] == buf[p]
                    && (e - p == 3 || buf[p + 3] == Self.space || buf[p + 3] == Self.tab) {
                    return false
                }
                if blockParent >= 0 {
                    // libyaml refuses a tab where it still reads indentation.
                    if p < e && buf[p] == Self.tab && (blockIndent < 0 || indent < blockIndent) { return false }
                    if p == e {
                        if blockIndent < 0 { leadingBlankMax = max(leadingBlankMax, indent) }
                        continue
                    }
                    if blockIndent < 0 {
                        if indent > blockParent {
                            if leadingBlankMax > indent { return false }
                            blockIndent = indent
                            continue
                        }
                    } else if indent >= blockIndent {
                        continue
                    }
                    blockParent = -1
                }
                if quoteParent >= 0 {
                    // Kept to non-blank lines indented past the container, closed on a later line.
                    guard p < e, indent > quoteParent else { return false }
                    if hasTab { for k in p..<e where buf[k] == Self.tab { return false } }
                    switch singleQuoteClose(p, e) {
                    case .fail: return false
                    case .open: break
                    case .closed: quoteParent = -1
                    }
                    continue
                }
                if p == e || buf[p] == Self.hash {
                    plainParent = -1 // a blank line or comment ends the continuation (blank lines inside are left to the parser)
                    continue
                }
                if hasTab { for k in p..<e where buf[k] == Self.tab { return false } }
                if plainParent >= 0 {
                    if indent > plainParent {
                        guard Self.plainContinuation(buf, p, e) else { return false }
                        continue
                    }
                    plainParent = -1
                }
                guard stack.count < 100 else { return false }
                switch line(indent: indent, p, e) {
                case .fail: return false
                case .ok: break
                case .plain(let parent): plainParent = parent
                case .quote(let parent): quoteParent = parent
                case .block(let parent):
                    blockParent = parent; blockIndent = -1; leadingBlankMax = 0
                }
            }
            return quoteParent < 0
        }

        /// `plain`: the line ended in a plain scalar, continued by lines indented past the given column.
        /// `quote`: a single-quoted scalar runs on past the line, inside a container at the given column.
        enum LineResult { case ok, fail, block(Int), plain(Int), quote(Int) }

        enum QuoteEnd { case fail, open, closed }

        /// Whether the line p..<e closes an open single-quoted scalar (then nothing but a comment may follow).
        func singleQuoteClose(_ p: Int, _ e: Int) -> QuoteEnd {
            var k = p
            while k < e {
                if buf[k] == 39 {
                    if k + 1 < e && buf[k + 1] == 39 { k += 2; continue }
                    return Self.restIsComment(buf, k + 1, e) ? .closed : .fail
                }
                k += 1
            }
            return .open
        }

        /// A continuation line of a plain scalar, kept to text that cannot start or end anything.
        static func plainContinuation(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
            // Past its first line a plain scalar may start a line with quotes or brackets; a comment
            // or an indicator and space would not continue it.
            if b[p] == hash { return false }
            if b[p] == dash || b[p] == UInt8(ascii: "?") || b[p] == colon, p + 1 == e || b[p + 1] == space { return false }
            for k in p..<e {
                if b[k] == colon && (k + 1 == e || b[k + 1] == space) { return false }
                if b[k] == hash && b[k - 1] == space { return false }
            }
            return true
        }

        /// One content line at column `indent`, its text in p..<e.
        mutating func line(indent: Int, _ p: Int, _ e: Int) -> LineResult {
            let isDash = buf[p] == Self.dash && (p + 1 == e || buf[p + 1] == Self.space)
            // Close what this line is outside of.
            while let t = stack.indices.last {
                if stack[t].indent > indent || (stack[t].indentless && stack[t].indent == indent && !isDash) {
                    if !close() { return .fail }
                    continue
                }
                break
            }
            if stack.isEmpty {
                // One root mapping per document.
                if rootSeen || isDash { return .fail }
                rootSeen = true
            }
            if isDash { return dashLine(indent: indent, p, e) }
            return mapLine(indent: indent, p, e)
        }

        /// Pops the innermost container; a key left without a value is a null there.
        mutating func close() -> Bool {
            guard let top = stack.popLast() else { return false }
            guard top.isMap else { return true }
            keys.removeSubrange(top.keysFrom...)
            if top.hasKeySet { keySets.removeLast() }
            if top.isOnPath, let map = onPath.popLast(), top.pending, let k = map.pendingKey { record(map.prefix, k, nil) }
            return true
        }

        mutating func dashLine(indent: Int, _ p: Int, _ e: Int) -> LineResult {
            if let t = stack.indices.last, !stack[t].isMap, stack[t].indent == indent {
                stack[t].pending = false
            } else if let t = stack.indices.last, stack[t].isMap, stack[t].indent == indent {
                guard stack[t].pending else { return .fail }
                stack[t].pending = false
                stack.append(Container(indent: indent, isMap: false, indentless: true, pending: false))
            } else if let t = stack.indices.last, stack[t].indent < indent {
                guard stack[t].pending else { return .fail }
                stack[t].pending = false
                stack.append(Container(indent: indent, isMap: false, indentless: false, pending: false))
            } else if stack.isEmpty {
                stack.append(Container(indent: indent, isMap: false, indentless: false, pending: false))
            } else {
                return .fail
            }
            // The item's content.
            var q = p + 1
            while q < e && buf[q] == Self.space { q += 1 }
            if q == e || buf[q] == Self.hash {
                stack[stack.count - 1].pending = true
                return .ok
            }
            let col = indent + (q - p)
            if buf[q] == Self.dash && (q + 1 == e || buf[q + 1] == Self.space) { return .fail }
            if let (keyEnd, valueStart) = findKey(q, e) {
                stack.append(Container(indent: col, isMap: true, indentless: false, pending: false, keysFrom: keys.count))
                return entry(q, keyEnd, valueStart, e, col)
            }
            switch value(q, e) {
            case .fail: return .fail
            case .scalar(_, _, let continues): return continues ? .plain(indent) : .ok
            case .opaque: return .ok
            case .openQuote: return .quote(indent)
            case .block: return .block(indent)
            }
        }

        mutating func mapLine(indent: Int, _ p: Int, _ e: Int) -> LineResult {
            guard let (keyEnd, valueStart) = findKey(p, e) else { return .fail }
            if let t = stack.indices.last, stack[t].isMap, stack[t].indent == indent {
                if stack[t].pending && stack[t].isOnPath, let k = onPath[onPath.count - 1].pendingKey {
                    record(onPath[onPath.count - 1].prefix, k, nil)
                }
                stack[t].pending = false
            } else if let t = stack.indices.last, stack[t].indent < indent {
                guard stack[t].pending else { return .fail }
                stack[t].pending = false
                var next: [String]? = nil
                if stack[t].isMap && stack[t].isOnPath, let k = onPath[onPath.count - 1].pendingKey {
                    let candidate = onPath[onPath.count - 1].prefix + [k]
                    if paths.contains(where: { $0.count > candidate.count && Array($0.prefix(candidate.count)) == candidate }) { next = candidate }
                }
                if let next { onPath.append(PathMap(prefix: next)) }
                stack.append(Container(indent: indent, isMap: true, indentless: false, pending: false, keysFrom: keys.count, isOnPath: next != nil))
            } else if stack.isEmpty {
                onPath.append(PathMap(prefix: []))
                stack.append(Container(indent: indent, isMap: true, indentless: false, pending: false, keysFrom: keys.count, isOnPath: true))
            } else {
                return .fail
            }
            return entry(p, keyEnd, valueStart, e, indent)
        }

        /// A `key: value` whose map is the innermost container.
        mutating func entry(_ p: Int, _ keyEnd: Int, _ valueStart: Int, _ e: Int, _ indent: Int) -> LineResult {
            guard let keyRange = keyBytes(p, keyEnd) else { return .fail }
            let key = buf[keyRange]
            let top = stack.count - 1
            if stack[top].hasKeySet {
                if keySets[keySets.count - 1].insert(KeyText(buf: buf, range: keyRange)).inserted == false { return .fail }
            } else {
                let from = stack[top].keysFrom
                for k in keys[from...] where k.count == key.count && buf[k].elementsEqual(key) {
                    return .fail
                }
                keys.append(keyRange)
                if keys.count - from > 16 {
                    keySets.append(Set(keys[from...].map { KeyText(buf: buf, range: $0) }))
                    stack[top].hasKeySet = true
                }
            }
            let prefix = stack[top].isOnPath ? onPath[onPath.count - 1].prefix : nil
            // Only a key some wanted path goes through is read as text: the others are neither
            // recorded nor lead to a wanted path.
            let keyString = prefix.map { isPathStep($0, keyRange) } == true ? String(decoding: key, as: UTF8.self) : nil
            var q = valueStart
            while q < e && buf[q] == Self.space { q += 1 }
            if q == e || buf[q] == Self.hash {
                stack[top].pending = true
                if stack[top].isOnPath { onPath[onPath.count - 1].pendingKey = keyString }
                return .ok
            }
            if stack[top].isOnPath { onPath[onPath.count - 1].pendingKey = nil }
            switch value(q, e) {
            case .fail: return .fail
            case .opaque:
                if let k = keyString, wanted(prefix, k) { return .fail }
                return .ok
            case .openQuote:
                if let k = keyString, wanted(prefix, k) { return .fail }
                return .quote(indent)
            case .block:
                if let k = keyString, wanted(prefix, k) { return .fail }
                return .block(indent)
            case .scalar(let range, let plain, let continues):
                if let k = keyString, wanted(prefix, k) {
                    // A wanted value must be whole on its line: no continuation allowed after it.
                    record(prefix, k, text(range, plain: plain))
                    return .ok
                }
                return continues ? .plain(indent) : .ok
            }
        }

        /// Whether some wanted path runs through `prefix` and then the key in `key`.
        func isPathStep(_ prefix: [String], _ key: Range<Int>) -> Bool {
            let bytes = UnsafeBufferPointer(rebasing: buf[key])
            return paths.contains { path in
                guard path.count > prefix.count, path.starts(with: prefix) else { return false }
                var step = path[prefix.count]
                return step.withUTF8 { $0.elementsEqual(bytes) }
            }
        }

        func wanted(_ prefix: [String]?, _ key: String) -> Bool {
            guard let pp = prefix else { return false }
            return paths.contains { $0.count == pp.count + 1 && $0.last == key && Array($0.prefix(pp.count)) == pp }
        }

        mutating func record(_ prefix: [String]?, _ key: String, _ text: String?) {
            guard let pp = prefix else { return }
            for (i, path) in paths.enumerated() where path.count == pp.count + 1 && path.last == key && Array(path.prefix(pp.count)) == pp {
                found[i] = text
            }
        }

        /// Where a key ends and its value begins, when the text from p is `key:` then space or end.
        func findKey(_ p: Int, _ e: Int) -> (Int, Int)? {
            let c = buf[p]
            if c == 34 || c == 39 { // quoted key
                guard let close = quotedEnd(p, e) else { return nil }
                var q = close
                while q < e && buf[q] == Self.space { q += 1 }
                guard q < e, buf[q] == Self.colon, q + 1 == e || buf[q + 1] == Self.space else { return nil }
                return (close, q + 1)
            }
            var q = p
            while q < e {
                if buf[q] == Self.colon && (q + 1 == e || buf[q + 1] == Self.space) { return (q, q + 1) }
                if buf[q] == Self.hash && q > p && buf[q - 1] == Self.space { return nil }
                q += 1
            }
            return nil
        }

        /// The key's text (quotes removed); nil for keys outside the subset.
        func keyBytes(_ p: Int, _ keyEnd: Int) -> Range<Int>? {
            let c = buf[p]
            if c == 34 || c == 39 {
                // keyEnd is just past the closing quote; escapes would need decoding.
                let inner = buf[(p + 1)..<(keyEnd - 1)]
                if inner.count >= 1000 || inner.contains(92) || (c == 39 && inner.contains(39)) { return nil }
                return (p + 1)..<(keyEnd - 1)
            }
            var end = keyEnd
            while end > p && buf[end - 1] == Self.space { end -= 1 }
            guard end > p, end - p < 1000, Self.plainStart(buf, p, end) else { return nil }
            let key = buf[p..<end]
            if end - p == 2 && buf[p] == 60 && buf[p + 1] == 60 { return nil } // `<<` merges
            // Keys that resolve to numbers, bools or null compare by value: leave them to the parser
            // (the longest bool or null word has 5 letters).
            switch c {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if end - p <= 5 && Self.startsBoolOrNull(c) && Resolver.isYAML11BoolOrNull(UnsafeBufferPointer(rebasing: key)) {
                    return nil
                }
            case UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "$"), UInt8(ascii: "("):
                break
            default:
                if Resolver.resolve(String(decoding: key, as: UTF8.self), schema: .yaml11) != .string { return nil }
            }
            return p..<end
        }

        /// The first letters of YAML 1.1's bool and null words.
        static func startsBoolOrNull(_ c: UInt8) -> Bool {
            switch c {
            case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
                 UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
                return true
            default:
                return false
            }
        }

        /// Whether a plain scalar may start at p (YAML's indicator rules).
        static func plainStart(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> Bool {
            switch b[p] {
            case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                return p + 1 < e && b[p + 1] != space
            case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
                 UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                 UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                 UInt8(ascii: "`"):
                return false
            default:
                return true
            }
        }

        /// Just past the closing quote of the one-line quoted scalar at p, escapes checked.
        func quotedEnd(_ p: Int, _ e: Int) -> Int? {
            let quote = buf[p]
            var q = p + 1
            while q < e {
                let c = buf[q]
                if quote == 39 {
                    if c == 39 {
                        if q + 1 < e && buf[q + 1] == 39 { q += 2; continue }
                        return q + 1
                    }
                } else if c == 34 {
                    return q + 1
                } else if c == 92 {
                    guard q + 1 < e else { return nil }
                    switch buf[q + 1] {
                    case UInt8(ascii: "0"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"),
                         UInt8(ascii: "v"), UInt8(ascii: "f"), UInt8(ascii: "r"), UInt8(ascii: "e"), UInt8(ascii: " "),
                         UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "N"), UInt8(ascii: "_"),
                         UInt8(ascii: "L"), UInt8(ascii: "P"):
                        q += 2
                        continue
                    default:
                        return nil // \x, \u, \U and the invalid ones: leave to the parser
                    }
                }
                q += 1
            }
            return nil
        }

        /// `opaque`: a valid scalar whose text this scan does not decode (escapes).
        /// `openQuote`: a single-quoted scalar not closed on its first line.
        /// `scalar`: text in the range, quoted or plain (a plain null reads as nil), or nil for `{}`/`[...]`;
        /// `continues` when more indented lines would carry the plain scalar on (no comment ended it).
        enum ValueResult { case fail, block, opaque, openQuote, scalar(Range<Int>?, plain: Bool, continues: Bool) }

        /// The text a `.scalar` result stands for, as `YAMLNode.stringValue` reads it.
        func text(_ range: Range<Int>?, plain: Bool) -> String? {
            guard let range else { return nil }
            let s = String(decoding: buf[range], as: UTF8.self)
            return plain && Resolver.resolve(s, schema: .yaml11) == .null ? nil : s
        }

        /// A value starting at q (not a space, not a comment) running to the end of the line.
        func value(_ q: Int, _ e: Int) -> ValueResult {
            let c = buf[q]
            switch c {
            case 34, 39:
                guard let close = quotedEnd(q, e) else { return c == 39 ? .openQuote : .fail }
                guard Self.restIsComment(buf, close, e) else { return .fail }
                let inner = (q + 1)..<(close - 1)
                if buf[inner].contains(c == 39 ? 39 : 92) { return .opaque }
                return .scalar(inner, plain: false, continues: false)
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                var k = q + 1
                if k < e && (buf[k] == UInt8(ascii: "-") || buf[k] == UInt8(ascii: "+")) { k += 1 }
                guard k == e || buf[k] == Self.space, Self.restIsComment(buf, k, e) else { return .fail }
                return .block
            case UInt8(ascii: "{"):
                guard q + 1 < e, buf[q + 1] == 125, Self.restIsComment(buf, q + 2, e) else { return .fail }
                return .scalar(nil, plain: false, continues: false)
            case UInt8(ascii: "["):
                guard let close = flowSequenceEnd(q, e), Self.restIsComment(buf, close, e) else { return .fail }
                return .scalar(nil, plain: false, continues: false)
            default:
                guard Self.plainStart(buf, q, e) else { return .fail }
                var end = e
                var k = q
                while k < e {
                    let x = buf[k]
                    if x == Self.colon && (k + 1 == e || buf[k + 1] == Self.space) { return .fail }
                    if x == Self.hash && buf[k - 1] == Self.space { end = k; break }
                    k += 1
                }
                let commented = end < e
                while end > q && buf[end - 1] == Self.space { end -= 1 }
                return .scalar(q..<end, plain: true, continues: !commented)
            }
        }

        /// Just past the `]` of a one-line flow sequence of scalars at q (`[]`, `[a, "b"]`).
        func flowSequenceEnd(_ q: Int, _ e: Int) -> Int? {
            var k = q + 1
            while k < e && buf[k] == Self.space { k += 1 }
            if k < e && buf[k] == 93 { return k + 1 }
            while k < e {
                let c = buf[k]
                if c == 34 || c == 39 {
                    guard let close = quotedEnd(k, e) else { return nil }
                    k = close
                } else {
                    guard Self.plainStart(buf, k, e) else { return nil }
                    while k < e {
                        let x = buf[k]
                        if x == 44 || x == 93 { break }
                        // Flow indicators, comments and colons inside: leave to the parser.
                        if x == 91 || x == 123 || x == 125 || x == Self.hash || x == Self.colon { return nil }
                        k += 1
                    }
                }
                while k < e && buf[k] == Self.space { k += 1 }
                guard k < e else { return nil }
                if buf[k] == 93 { return k + 1 }
                guard buf[k] == 44 else { return nil }
                k += 1
                while k < e && buf[k] == Self.space { k += 1 }
                guard k < e, buf[k] != 93, buf[k] != 44 else { return nil } // no empty or trailing entries
            }
            return nil
        }

        static func restIsComment(_ b: UnsafeBufferPointer<UInt8>, _ from: Int, _ e: Int) -> Bool {
            var k = from
            while k < e && b[k] == space { k += 1 }
            return k == e || (b[k] == hash && k > from)
        }
    }
}
