import SwkYAML

/// Go text/template's lexer: the whole source as a flat list of items.
enum ItemType: Equatable {
    case text, leftDelim, rightDelim, space, identifier, field, variable
    case string, rawString, char, number, bool, nilKw, dot, pipe, leftParen, rightParen
    case assign, declare, comma, eof, error
    case kwIf, kwElse, kwEnd, kwRange, kwWith, kwDefine, kwTemplate, kwBlock, kwBreak, kwContinue
}

/// One lexed item: its kind and the bytes `pos..<end` it spans; no text of its own, so items copy
/// without reference counting. The parser reads the text of the few it keeps.
struct Item {
    var type: ItemType
    var pos: Int
    var end: Int
}

struct Lexer {
    let src: [UInt8]
    var items: [Item] = []
    /// The message of the `.error` item, which ends the list.
    var errorMessage = ""
    var pos = 0
    var start = 0
    var parenDepth = 0

    static let keywords: [(word: [UInt8], type: ItemType)] = {
        let words: [(String, ItemType)] = [
            ("if", .kwIf), ("else", .kwElse), ("end", .kwEnd), ("range", .kwRange), ("with", .kwWith),
            ("define", .kwDefine), ("template", .kwTemplate), ("block", .kwBlock), ("break", .kwBreak),
            ("continue", .kwContinue), ("nil", .nilKw), ("true", .bool), ("false", .bool),
        ]
        return words.map { (Array($0.0.utf8), $0.1) }
    }()

    /// The keyword `src[a..<b]` spells, compared on the bytes: most words are function names.
    func keyword(_ a: Int, _ b: Int) -> ItemType? {
        let n = b - a
        guard n >= 2 && n <= 8 else { return nil }
        for k in Lexer.keywords where k.word.count == n && k.word[0] == src[a] {
            if src[a..<b].elementsEqual(k.word) { return k.type }
        }
        return nil
    }

    init(_ bytes: [UInt8]) { src = bytes }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c >= 0x80
    }

    func at(_ i: Int) -> UInt8 { i < src.count ? src[i] : 0 }
    func str(_ a: Int, _ b: Int) -> String { String(decoding: src[a..<b], as: UTF8.self) }

    mutating func emit(_ t: ItemType, _ a: Int, _ b: Int) { items.append(Item(type: t, pos: a, end: b)) }
    mutating func error(_ msg: String, at p: Int) {
        errorMessage = msg
        items.append(Item(type: .error, pos: p, end: p))
    }

    /// "{{- " with a space after the dash.
    func leftTrim(_ i: Int) -> Bool { at(i + 2) == 45 && i + 3 < src.count && Lexer.isSpace(src[i + 3]) }
    /// " -}}" at i.
    func rightTrimAt(_ i: Int) -> Bool {
        i < src.count && Lexer.isSpace(src[i]) && at(i + 1) == 45 && at(i + 2) == 125 && at(i + 3) == 125
    }

    static func lex(_ bytes: [UInt8]) -> Lexer {
        var l = Lexer(bytes)
        l.items.reserveCapacity(bytes.count / 8)
        l.run()
        return l
    }

    mutating func run() {
        var trimNext = false
        while true {
            // Text up to the next "{{".
            var i = pos
            if trimNext { while i < src.count && Lexer.isSpace(src[i]) { i += 1 } }
            let textStart = i
            i = nextLeftDelim(from: i)
            var textEnd = i
            if i < src.count && leftTrim(i) {
                while textEnd > textStart && Lexer.isSpace(src[textEnd - 1]) { textEnd -= 1 }
            }
            if textEnd > textStart { emit(.text, textStart, textEnd) }
            if i >= src.count { emit(.eof, src.count, src.count); return }
            // Action.
            let delimStart = i
            var p = i + 2
            if leftTrim(i) { p += 2 }
            // Comment?
            if at(p) == 47 && at(p + 1) == 42 {
                guard let close = find([42, 47], from: p + 2) else { error("unclosed comment", at: delimStart); return }
                var q = close + 2
                var trimAfter = false
                if rightTrimAt(q) { trimAfter = true; q += 2 }
                if at(q) == 125 && at(q + 1) == 125 {
                    pos = q + 2
                    trimNext = trimAfter
                    continue
                }
                error("comment ends before closing delimiter", at: q)
                return
            }
            emit(.leftDelim, delimStart, delimStart + 2)
            pos = p
            parenDepth = 0
            guard let rt = lexInsideAction() else { return }
            trimNext = rt
        }
    }

    /// Where the next "{{" starts, or the end.
    func nextLeftDelim(from start: Int) -> Int {
        src.withUnsafeBufferPointer { buf in
            var i = start
            while let at = buf.firstIndex(of: 123, from: i) {
                if at + 1 < buf.count && buf[at + 1] == 123 { return at }
                i = at + 1
            }
            return buf.count
        }
    }

    func find(_ needle: [UInt8], from: Int) -> Int? {
        var i = from
        while i + needle.count <= src.count {
            if src[i] == needle[0] && src[i + 1] == needle[1] { return i }
            i += 1
        }
        return nil
    }

    /// Lexes until "}}"; returns whether it had a right trim marker, nil on error.
    mutating func lexInsideAction() -> Bool? {
        while true {
            if rightTrimAt(pos) && parenDepth == 0 {
                emit(.rightDelim, pos + 2, pos + 4)
                pos += 4
                return true
            }
            if at(pos) == 125 && at(pos + 1) == 125 {
                if parenDepth > 0 { error("unclosed left paren", at: pos); return nil }
                emit(.rightDelim, pos, pos + 2)
                pos += 2
                return false
            }
            guard pos < src.count else { error("unclosed action", at: pos); return nil }
            let c = src[pos]
            let s = pos
            switch c {
            case 32, 9, 13, 10:
                var i = pos
                while i < src.count && Lexer.isSpace(src[i]) && !rightTrimAt(i) { i += 1 }
                if i == pos { i += 1 } // a lone space before -}} is consumed by rightTrimAt above
                emit(.space, s, i); pos = i
            case 61: emit(.assign, s, s + 1); pos += 1
            case 58:
                guard at(pos + 1) == 61 else { error("expected :=", at: pos); return nil }
                emit(.declare, s, s + 2); pos += 2
            case 124: emit(.pipe, s, s + 1); pos += 1
            case 34:
                var i = pos + 1
                while true {
                    guard i < src.count, src[i] != 10 else { error("unterminated quoted string", at: i); return nil }
                    if src[i] == 92 { i += 2; continue }
                    if src[i] == 34 { break }
                    i += 1
                }
                emit(.string, s, i + 1); pos = i + 1
            case 96:
                var i = pos + 1
                while i < src.count && src[i] != 96 { i += 1 }
                guard i < src.count else { error("unterminated raw quoted string", at: i); return nil }
                emit(.rawString, s, i + 1); pos = i + 1
            case 39:
                var i = pos + 1
                while true {
                    guard i < src.count, src[i] != 10 else { error("unterminated character constant", at: i); return nil }
                    if src[i] == 92 { i += 2; continue }
                    if src[i] == 39 { break }
                    i += 1
                }
                emit(.char, s, i + 1); pos = i + 1
            case 36:
                var i = pos + 1
                while i < src.count && Lexer.isAlnum(src[i]) { i += 1 }
                emit(.variable, s, i); pos = i
            case 46:
                if pos + 1 < src.count && src[pos + 1] >= 48 && src[pos + 1] <= 57 {
                    guard lexNumber() else { return nil }
                } else {
                    var i = pos + 1
                    while i < src.count && Lexer.isAlnum(src[i]) { i += 1 }
                    if i == pos + 1 { emit(.dot, s, i) } else { emit(.field, s, i) }
                    pos = i
                }
            case 43, 45, 48...57:
                guard lexNumber() else { return nil }
            case 40: emit(.leftParen, s, s + 1); pos += 1; parenDepth += 1
            case 41:
                parenDepth -= 1
                if parenDepth < 0 { error("unexpected right paren", at: pos); return nil }
                emit(.rightParen, s, s + 1); pos += 1
            case 44: emit(.comma, s, s + 1); pos += 1
            default:
                if Lexer.isAlnum(c) {
                    var i = pos
                    while i < src.count && Lexer.isAlnum(src[i]) { i += 1 }
                    emit(keyword(s, i) ?? .identifier, s, i)
                    pos = i
                    // Go requires a delimiter after a word.
                    let n = at(pos)
                    if !(Lexer.isSpace(n) || n == 46 || n == 44 || n == 124 || n == 58 || n == 41 || n == 40 || n == 125 || n == 61 || pos >= src.count) {
                        error("bad character \(GoFormat.charU(n))", at: pos); return nil
                    }
                } else {
                    let scalar = String(decoding: src[pos..<min(src.count, pos + 4)], as: UTF8.self).unicodeScalars.first ?? "?"
                    error("unrecognized character in action: \(GoFormat.charU(scalar))", at: pos)
                    return nil
                }
            }
        }
    }

    mutating func lexNumber() -> Bool {
        let s = pos
        var i = pos
        if src[i] == 43 || src[i] == 45 { i += 1 }
        var digits: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 || $0 == 95 }
        if at(i) == 48, let x = Optional(at(i + 1)), x == 120 || x == 88 || x == 111 || x == 79 || x == 98 || x == 66 {
            i += 2
            if x == 120 || x == 88 { digits = { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) || $0 == 95 } }
        }
        while i < src.count && digits(src[i]) { i += 1 }
        if at(i) == 46 { i += 1; while i < src.count && digits(src[i]) { i += 1 } }
        if at(i) == 101 || at(i) == 69 || at(i) == 112 || at(i) == 80 {
            i += 1
            if at(i) == 43 || at(i) == 45 { i += 1 }
            while i < src.count && src[i] >= 48 && src[i] <= 57 || at(i) == 95 { i += 1 }
        }
        if at(i) == 105 { i += 1 }
        if i < src.count && Lexer.isAlnum(src[i]) {
            var j = i
            while j < src.count && Lexer.isAlnum(src[j]) { j += 1 }
            error("bad number syntax: \(GoFormat.quote(str(s, j)))", at: s)
            return false
        }
        emit(.number, s, i)
        pos = i
        return true
    }
}

extension GoFormat {
    static func charU(_ c: UInt8) -> String { charU(Unicode.Scalar(c)) }
    static func charU(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " '" + String(u) + "'"
    }
}
