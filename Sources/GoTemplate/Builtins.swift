import Foundation

/// Go text/template's predefined functions.
enum Builtins {
    enum BasicKind { case bool, int, uint, float, string, invalid, other }

    static func kind(_ v: Value) -> BasicKind {
        switch v {
        case .bool: return .bool
        case .int, .int64, .duration: return .int
        case .float: return .float
        case .string: return .string
        case .null: return .invalid
        default: return .other
        }
    }

    static func intOf(_ v: Value) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .int64(let i), .duration(let i): return i
        default: return 0
        }
    }

    static func incompatible(_ a: Value, _ b: Value) -> FuncError {
        FuncError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
    }

    static func eq(_ a: Value, _ rest: [Value]) throws -> Bool {
        guard !rest.isEmpty else { throw FuncError("missing argument for comparison") }
        let k1 = kind(a)
        for b in rest {
            let k2 = kind(b)
            var truth = false
            if k1 != k2 {
                if k1 != .invalid && k2 != .invalid { throw incompatible(a, b) }
            } else {
                switch (a, b) {
                case (.bool(let x), .bool(let y)): truth = x == y
                case (.float(let x), .float(let y)): truth = x == y
                case (.string(let x), .string(let y)): truth = x == y
                case (.null, .null): truth = true
                default:
                    if k1 == .int { truth = intOf(a) == intOf(b) }
                    else {
                        // Non-basic kinds: only identical types compare; maps and slices can't.
                        if a.goTypeName != b.goTypeName {
                            throw FuncError("incompatible types for comparison: \(a.goTypeName) and \(b.goTypeName)")
                        }
                        switch a {
                        case .list, .strings, .map, .bytes:
                            throw FuncError("non-comparable type \(GoFormat.v(a)): \(a.goTypeName)")
                        case .object(let x):
                            if case .object(let y) = b { truth = x === y }
                        default: truth = false
                        }
                    }
                }
            }
            if truth { return true }
        }
        return false
    }

    static func lt(_ a: Value, _ b: Value) throws -> Bool {
        let k1 = kind(a), k2 = kind(b)
        if k1 == .invalid || k1 == .other || k2 == .invalid || k2 == .other || k1 == .bool || k2 == .bool {
            throw FuncError("invalid type for comparison")
        }
        if k1 != k2 { throw incompatible(a, b) }
        switch (a, b) {
        case (.float(let x), .float(let y)): return x < y
        case (.string(let x), .string(let y)): return goLess(x, y)
        default: return intOf(a) < intOf(b)
        }
    }

    static func length(_ v: Value) throws -> Int {
        switch v {
        case .null: throw FuncError("len of nil pointer")
        case .string(let s): return GoBytes.count(s)
        case .list(let l): return l.count
        case .strings(let l): return l.count
        case .bytes(let b): return b.count
        case .map(let m): return m.dict.count
        default: throw FuncError("len of type \(v.goTypeName)")
        }
    }

    static func indexArg(_ v: Value, cap: Int) throws -> Int {
        let x: Int64
        switch v {
        case .int(let i): x = Int64(i)
        case .int64(let i): x = i
        case .null: throw FuncError("cannot index slice/array with nil")
        default: throw FuncError("cannot index slice/array with type \(v.goTypeName)")
        }
        if x < 0 || x >= Int64(cap) { throw FuncError("index out of range: \(x)") }
        return Int(x)
    }

    static func index(_ item: Value, _ indexes: [Value]) throws -> Value {
        var cur = item
        if case .null = cur { throw FuncError("index of untyped nil") }
        for ix in indexes {
            switch cur {
            case .list(let l): cur = l[try indexArg(ix, cap: l.count)]
            case .strings(let l): cur = .string(l[try indexArg(ix, cap: l.count)])
            case .bytes(let b): cur = .int(Int(b[try indexArg(ix, cap: b.count)]))
            case .string(let s):
                let u = Array(s.utf8)
                cur = .int(Int(u[try indexArg(ix, cap: u.count)]))
            case .map(let m):
                guard case .string(let k) = ix else {
                    if case .null = ix { throw FuncError("value is nil; should be of type string") }
                    throw FuncError("value has type \(ix.goTypeName); should be string")
                }
                cur = m.dict[k] ?? .null
            case .null: throw FuncError("index of untyped nil")
            default: throw FuncError("can't index item of type \(cur.goTypeName)")
            }
        }
        return cur
    }

    static func htmlEscape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func jsEscape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\"": out += "\\\""
            case "<": out += "\\u003C"
            case ">": out += "\\u003E"
            case "&": out += "\\u0026"
            case "=": out += "\\u003D"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    static func queryEscape(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            case UInt8(ascii: " "): out += "+"
            default: out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// html/js/urlquery: fmt.Sprint of the args, except one string argument is used as is.
    static func evalArgs(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        return GoFormat.sprint(args)
    }

    nonisolated(unsafe) static let table: [String: Function] = [
        "and": Function([.any], variadic: .any) { _, a in a.last ?? .null },
        "or": Function([.any], variadic: .any) { _, a in a.last ?? .null },
        "not": Function([.any]) { _, a in .bool(!a[0].truth) },
        "eq": Function([.any], variadic: .any) { _, a in .bool(try eq(a[0], Array(a.dropFirst()))) },
        "ne": Function([.any, .any]) { _, a in .bool(!(try eq(a[0], [a[1]]))) },
        "lt": Function([.any, .any]) { _, a in .bool(try lt(a[0], a[1])) },
        "le": Function([.any, .any]) { _, a in .bool(try lt(a[0], a[1]) || eq(a[0], [a[1]])) },
        "gt": Function([.any, .any]) { _, a in .bool(!(try lt(a[0], a[1]) || eq(a[0], [a[1]]))) },
        "ge": Function([.any, .any]) { _, a in .bool(!(try lt(a[0], a[1]))) },
        "len": Function([.any]) { _, a in .int(try length(a[0])) },
        "index": Function([.any], variadic: .any) { _, a in try index(a[0], Array(a.dropFirst())) },
        "print": Function([], variadic: .any) { _, a in .string(GoFormat.sprint(a)) },
        "println": Function([], variadic: .any) { _, a in .string(GoFormat.sprintln(a)) },
        "printf": Function([.string], variadic: .any) { _, a in .string(Printf.sprintf(Args.string(a[0]), Array(a.dropFirst()))) },
        "html": Function([], variadic: .any) { _, a in .string(htmlEscape(evalArgs(a))) },
        "js": Function([], variadic: .any) { _, a in .string(jsEscape(evalArgs(a))) },
        "urlquery": Function([], variadic: .any) { _, a in .string(queryEscape(evalArgs(a))) },
        "call": Function([.any], variadic: .any) { _, a in
            throw FuncError("non-function \(GoFormat.v(a[0])) of type \(a[0].goTypeName)")
        },
    ]
}
