import Foundation
import GoTemplate

/// Helm's --set family parser (pkg/strvals): `a.b=c,list[0].x=y,k={a,b}`, `\` escapes anything.
enum SetParser {
    enum Mode { case typed, string, json, file, literal }

    struct Failure: Error { let message: String }
    /// The input ran out (Go's io.EOF): the end of a well-formed expression.
    struct End: Error {}

    static let maxIndex = 65536
    static let maxNesting = 30

    static func parse(_ s: String, into dest: GoMap, mode: Mode) throws {
        let p = Parser(Array(s.unicodeScalars), mode: mode)
        while true {
            do { try p.key(dest, level: 0) } catch is End { return }
        }
    }

    static func parseLiteral(_ s: String, into dest: GoMap) throws { try parse(s, into: dest, mode: .literal) }

    /// Helm's typedVal: bools, null, int64 without a leading zero; everything else a string.
    static func typed(_ s: String) -> Value {
        switch s.lowercased() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "0": return .int64(0)
        default:
            if let f = s.utf8.first, f != UInt8(ascii: "0"), let i = Int64(s) { return .int64(i) }
            return .string(s)
        }
    }

    final class Parser {
        var chars: [Unicode.Scalar]
        var pos = 0
        let mode: Mode
        init(_ c: [Unicode.Scalar], mode: Mode) { chars = c; self.mode = mode }

        var literal: Bool { mode == .literal }

        /// Reads up to a stop character (consumed, returned); nil stop means the input ended.
        func until(_ stop: Set<Unicode.Scalar>) -> (String, Unicode.Scalar?) {
            var out = String.UnicodeScalarView()
            while pos < chars.count {
                let c = chars[pos]; pos += 1
                if stop.contains(c) { return (String(out), c) }
                if c == "\\" && !literal {
                    guard pos < chars.count else { return (String(out), nil) }
                    out.append(chars[pos]); pos += 1
                    continue
                }
                out.append(c)
            }
            return (String(out), nil)
        }

        func read(_ raw: String) throws -> Value {
            switch mode {
            case .typed: return SetParser.typed(raw)
            case .string, .literal: return .string(raw)
            case .file:
                guard let d = FileManager.default.contents(atPath: raw) else {
                    throw Failure(message: "open \(raw): no such file or directory")
                }
                return .string(String(decoding: d, as: UTF8.self))
            case .json: return .string(raw)
            }
        }

        func key(_ data: GoMap, level: Int) throws {
            let stop: Set<Unicode.Scalar> = literal ? ["=", "[", "."] : ["=", "[", ",", "."]
            let (k, last) = until(stop)
            guard let last else {
                if k.isEmpty { throw End() }
                throw Failure(message: "key \(GoFormat.quote(k)) has no value")
            }
            switch last {
            case "[":
                let i = try index()
                var list: [Value] = []
                if let existing = data.dict[k] {
                    guard case .list(let l) = existing else {
                        throw Failure(message: "unable to parse key: interface conversion: interface {} is \(existing.goTypeName), not []interface {}")
                    }
                    list = l
                }
                do {
                    list = try item(list, i, level: level)
                } catch {
                    if !k.isEmpty { data.dict[k] = .list(list) }
                    throw error
                }
                if !k.isEmpty { data.dict[k] = .list(list) }
            case "=":
                try assign(k, data)
            case ",":
                if !k.isEmpty { data.dict[k] = .string("") }
                throw Failure(message: "key \(GoFormat.quote(k)) has no value (cannot end with ,)")
            default: // "."
                let lv = level + 1
                if lv > maxNesting {
                    throw Failure(message: "value name nested level is greater than maximum supported nested level of \(maxNesting)")
                }
                var inner = GoMap()
                if let existing = data.dict[k] {
                    guard case .map(let m) = existing else {
                        throw Failure(message: "unable to parse key: interface conversion: interface {} is \(existing.goTypeName), not map[string]interface {}")
                    }
                    inner = m
                }
                var err: Error?
                do { try key(inner, level: lv) } catch { err = error }
                if err == nil && inner.dict.isEmpty { throw Failure(message: "key map \(GoFormat.quote(k)) has no value") }
                if !inner.dict.isEmpty && !k.isEmpty { data.dict[k] = .map(inner) }
                if let err { throw err }
            }
        }

        /// After `key=`: a JSON value, a literal, a {a,b} list or a scalar.
        func assign(_ k: String, _ data: GoMap) throws {
            func put(_ v: Value) { if !k.isEmpty { data.dict[k] = v } }
            switch mode {
            case .literal:
                let (v, _) = until([])
                put(.string(v))
            case .json:
                if try emptyValue() { put(.null); return }
                put(try jsonValue())
                _ = try emptyValue()
            default:
                if let l = try valueList() { put(.list(l)); return }
                if pos >= chars.count { put(.string("")); throw End() }
                let (raw, _) = until([","])
                put(try read(raw))
            }
        }

        func index() throws -> Int {
            let (v, last) = until(["]"])
            guard last != nil else { throw End() }
            guard let i = Int(v) else {
                throw Failure(message: "error parsing index: strconv.Atoi: parsing \(GoFormat.quote(v)): invalid syntax")
            }
            return i
        }

        func setIndex(_ list: [Value], _ i: Int, _ v: Value) throws -> [Value] {
            if i < 0 { throw Failure(message: "negative \(i) index not allowed") }
            if i > maxIndex { throw Failure(message: "index of \(i) is greater than maximum supported index of \(maxIndex)") }
            var l = list
            while l.count <= i { l.append(.null) }
            l[i] = v
            return l
        }

        func item(_ list: [Value], _ i: Int, level: Int) throws -> [Value] {
            if i < 0 { throw Failure(message: "negative \(i) index not allowed") }
            let (k, last) = until(["[", ".", "="])
            if !k.isEmpty { throw Failure(message: "unexpected data at end of array index: \(GoFormat.quote(k))") }
            guard let last else { throw End() }
            switch last {
            case "=":
                switch mode {
                case .literal:
                    let (v, _) = until([])
                    return try setIndex(list, i, .string(v))
                case .json:
                    if try emptyValue() { return try setIndex(list, i, .null) }
                    let l = try setIndex(list, i, try jsonValue())
                    _ = try emptyValue()
                    return l
                default:
                    if let vl = try valueList() { return try setIndex(list, i, .list(vl)) }
                    if pos >= chars.count { return try setIndex(list, i, .string("")) }
                    let (raw, _) = until([","])
                    return try setIndex(list, i, try read(raw))
                }
            case "[":
                let next = try index()
                var cur: [Value] = []
                if i < list.count, !list[i].isNull {
                    guard case .list(let l) = list[i] else {
                        throw Failure(message: "unable to parse key: interface conversion: interface {} is \(list[i].goTypeName), not []interface {}")
                    }
                    cur = l
                }
                return try setIndex(list, i, .list(try item(cur, next, level: level)))
            default: // "."
                var inner = GoMap()
                if i < list.count, case .map(let m) = list[i] { inner = m }
                try key(inner, level: level)
                return try setIndex(list, i, .map(inner))
            }
        }

        /// Skips spaces; true at the end of input or a comma (consumed).
        func emptyValue() throws -> Bool {
            while pos < chars.count {
                let c = chars[pos]
                if c == "," { pos += 1; return true }
                if !c.properties.isWhitespace { return false }
                pos += 1
            }
            return true
        }

        /// One JSON value from here (Go's json.Decoder reads one and stops).
        func jsonValue() throws -> Value {
            let rest = String(String.UnicodeScalarView(chars[pos...]))
            let (v, used) = try GoJSON.decodePrefix(rest)
            pos += String(decoding: Array(rest.utf8.prefix(used)), as: UTF8.self).unicodeScalars.count
            return v
        }

        /// `{a,b,c}`, or nil when the value is not a list.
        func valueList() throws -> [Value]? {
            guard pos < chars.count else { return nil }
            guard chars[pos] == "{" else { return nil }
            pos += 1
            var list: [Value] = []
            while true {
                let (raw, last) = until([",", "}"])
                guard let last else { throw Failure(message: "list must terminate with '}'") }
                if last == "}" {
                    if pos < chars.count && chars[pos] == "," { pos += 1 }
                    list.append(try read(raw))
                    return list
                }
                list.append(try read(raw))
            }
        }
    }
}
