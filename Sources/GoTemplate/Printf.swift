import Foundation

/// fmt.Sprintf for template values.
enum Printf {
    struct Spec {
        var minus = false, plus = false, sharp = false, zero = false, space = false
        var width: Int? = nil
        var prec: Int? = nil
    }

    static func sprintf(_ format: String, _ args: [Value]) -> String {
        plainSprintf(format, args) ?? generalSprintf(format, args)
    }

    /// Any format, scalar by scalar.
    static func generalSprintf(_ format: String, _ args: [Value]) -> String {
        let f = Array(format.unicodeScalars)
        var out = ""
        var argi = 0
        var i = 0
        while i < f.count {
            let c = f[i]
            if c != "%" { out.unicodeScalars.append(c); i += 1; continue }
            i += 1
            var spec = Spec()
            flags: while i < f.count {
                switch f[i] {
                case "-": spec.minus = true; spec.zero = false
                case "+": spec.plus = true
                case "#": spec.sharp = true
                case "0": spec.zero = !spec.minus
                case " ": spec.space = true
                default: break flags
                }
                i += 1
            }
            if i < f.count && f[i] == "*" {
                i += 1
                if argi < args.count, let n = intArg(args[argi]), !tooLarge(n) { spec.width = n; if n < 0 { spec.minus = true; spec.width = -n } }
                else { out += "%!(BADWIDTH)" }
                argi += 1
            } else {
                var w = 0, has = false
                while i < f.count, let d = f[i].properties.numericType != nil ? Int(String(f[i])) : nil {
                    // Go gives up on a crazy long number: no width, and the rest of the format is consumed.
                    if tooLarge(w) { has = false; i = f.count; break }
                    w = w &* 10 &+ d; has = true; i += 1
                }
                if has { spec.width = w }
            }
            if i < f.count && f[i] == "." {
                i += 1
                if i < f.count && f[i] == "*" {
                    i += 1
                    if argi < args.count, let n = intArg(args[argi]), n >= 0, !tooLarge(n) { spec.prec = n }
                    else { out += "%!(BADPREC)" }
                    argi += 1
                } else {
                    var p = 0
                    while i < f.count, let d = Int(String(f[i])), f[i].isASCII {
                        if tooLarge(p) { i = f.count; break }
                        p = p &* 10 &+ d; i += 1
                    }
                    spec.prec = p
                }
            }
            guard i < f.count else { out += "%!(NOVERB)"; break }
            let verb = f[i]
            i += 1
            if verb == "%" { out += "%"; continue }
            guard argi < args.count else { out += "%!\(verb)(MISSING)"; continue }
            let arg = args[argi]
            argi += 1
            out += formatOne(arg, verb: verb, spec: spec)
        }
        if argi < args.count {
            out += "%!(EXTRA "
            out += args[argi...].map { a -> String in
                if case .null = a { return "<nil>" }
                return a.goTypeName + "=" + GoFormat.v(a)
            }.joined(separator: ", ")
            out += ")"
        }
        return out
    }

    /// The common formats (`%s-%s`, `%d`, `%v`: no flags, widths or precisions, one argument per
    /// verb) on the bytes, literal runs copied whole; nil for anything else.
    static func plainSprintf(_ format: String, _ args: [Value]) -> String? {
        var format = format
        return format.withUTF8 { f -> String? in
            var out = ""
            var argi = 0
            var literalStart = 0
            var i = 0
            while i < f.count {
                guard f[i] == 37 else { i += 1; continue }
                guard i + 1 < f.count else { return nil }
                let verb = f[i + 1]
                guard verb == 115 || verb == 100 || verb == 118 || verb == 37 else { return nil }
                if i > literalStart { out += String(decoding: UnsafeBufferPointer(rebasing: f[literalStart..<i]), as: UTF8.self) }
                if verb == 37 {
                    out += "%"
                } else {
                    guard argi < args.count else { return nil }
                    out += formatOne(args[argi], verb: Unicode.Scalar(verb), spec: Spec())
                    argi += 1
                }
                i += 2
                literalStart = i
            }
            guard argi == args.count else { return nil }
            if f.count > literalStart { out += String(decoding: UnsafeBufferPointer(rebasing: f[literalStart...]), as: UTF8.self) }
            return out
        }
    }

    static func intArg(_ v: Value) -> Int? {
        switch v {
        case .int(let i): return i
        case .int64(let i): return Int(i)
        default: return nil
        }
    }

    static func bad(_ verb: Unicode.Scalar, _ v: Value) -> String {
        if case .null = v { return "%!\(verb)(<nil>)" }
        return "%!\(verb)(\(v.goTypeName)=\(GoFormat.v(v)))"
    }

    /// Go's fmt refuses widths and precisions beyond a million.
    static func tooLarge(_ n: Int) -> Bool { n > 1_000_000 || n < -1_000_000 }

    static func pad(_ s: String, _ spec: Spec, numeric: Bool = false) -> String {
        guard let w = spec.width else { return s }
        let n = s.unicodeScalars.count
        if n >= w { return s }
        let fill = w - n
        if spec.minus { return s + String(repeating: " ", count: fill) }
        if spec.zero && numeric {
            var body = s
            var sign = ""
            if let f = body.first, f == "-" || f == "+" || f == " " { sign = String(f); body.removeFirst() }
            return sign + String(repeating: "0", count: fill) + body
        }
        if spec.zero && !numeric { return String(repeating: "0", count: fill) + s }
        return String(repeating: " ", count: fill) + s
    }

    static func formatOne(_ arg: Value, verb: Unicode.Scalar, spec: Spec) -> String {
        if verb == "T" { return pad(arg.goTypeName, spec) }
        if verb == "v" {
            if case .float(let d) = arg { return pad(signed(GoFormat.formatFloat(d), d < 0, spec), spec, numeric: true) }
            if case .int(let i) = arg { return pad(signed(String(i), i < 0, spec), spec, numeric: true) }
            if case .string(let s) = arg, spec.sharp { return pad(GoFormat.quote(s), spec) }
            return pad(GoFormat.v(arg, plus: spec.plus), spec)
        }
        switch arg {
        case .list(let items):
            if verb == "s" || verb == "d" || verb == "q" || verb == "f" || verb == "x" {
                var sub = spec; sub.width = nil
                return pad("[" + items.map { formatOne($0, verb: verb, spec: sub) }.joined(separator: " ") + "]", spec)
            }
        case .strings(let items):
            if verb == "s" || verb == "q" || verb == "x" {
                var sub = spec; sub.width = nil
                return pad("[" + items.map { formatOne(.string($0), verb: verb, spec: sub) }.joined(separator: " ") + "]", spec)
            }
        case .map(let m):
            var sub = spec; sub.width = nil
            return pad("map[" + m.sortedKeys.map { k in formatOne(.string(k), verb: verb, spec: sub) + ":" + formatOne(m.dict[k] ?? .null, verb: verb, spec: sub) }.joined(separator: " ") + "]", spec)
        default: break
        }
        switch verb {
        case "s":
            switch arg {
            case .string(let s): return pad(truncate(s, spec.prec), spec)
            case .bytes(let b): return pad(truncate(String(decoding: b, as: UTF8.self), spec.prec), spec)
            case .object, .time, .duration: return pad(GoFormat.v(arg), spec)
            default: return bad(verb, arg)
            }
        case "q":
            switch arg {
            case .string(let s): return pad(spec.sharp && !s.contains("`") ? "`" + s + "`" : GoFormat.quote(s), spec)
            case .int(let i):
                if let u = Unicode.Scalar(UInt32(truncatingIfNeeded: i)) { return pad("'" + String(GoFormat.quote(String(u)).dropFirst().dropLast()) + "'", spec) }
                return bad(verb, arg)
            default: return bad(verb, arg)
            }
        case "d":
            switch arg {
            case .int(let i): return pad(signed(String(i), i < 0, spec), spec, numeric: true)
            case .int64(let i): return pad(signed(String(i), i < 0, spec), spec, numeric: true)
            case .duration(let i): return pad(signed(String(i), i < 0, spec), spec, numeric: true)
            default: return bad(verb, arg)
            }
        case "t":
            if case .bool(let b) = arg { return pad(b ? "true" : "false", spec) }
            return bad(verb, arg)
        case "x", "X", "o", "b", "O":
            let upper = verb == "X"
            let radix = (verb == "x" || verb == "X") ? 16 : (verb == "b" ? 2 : 8)
            switch arg {
            case .int(let i): return pad(signed(prefix(spec, verb) + String(String(i.magnitude, radix: radix, uppercase: upper)), i < 0, spec), spec, numeric: true)
            case .int64(let i): return pad(signed(prefix(spec, verb) + String(i.magnitude, radix: radix, uppercase: upper), i < 0, spec), spec, numeric: true)
            case .string(let s) where radix == 16:
                return pad(s.utf8.map { String(format: upper ? "%02X" : "%02x", $0) }.joined(), spec)
            case .bytes(let b) where radix == 16:
                return pad(b.map { String(format: upper ? "%02X" : "%02x", $0) }.joined(), spec)
            default: return bad(verb, arg)
            }
        case "c":
            if let i = intArg(arg), let u = Unicode.Scalar(UInt32(truncatingIfNeeded: i)) { return pad(String(u), spec) }
            return bad(verb, arg)
        case "U":
            if let i = intArg(arg) { return pad(String(format: "U+%04X", i), spec) }
            return bad(verb, arg)
        case "e", "E", "f", "F", "g", "G":
            guard case .float(let d) = arg else { return bad(verb, arg) }
            if let s = GoFormat.special(d) { return pad(d.isInfinite && d > 0 && spec.plus ? "+Inf" : (s == "+Inf" ? "+Inf" : s), spec) }
            var body: String
            if spec.prec == nil && (verb == "g" || verb == "G") {
                body = GoFormat.formatFloat(d)
                if verb == "G" { body = body.uppercased() }
            } else if spec.prec == nil && (verb == "e" || verb == "E") {
                body = String(format: "%.6" + String(verb), d)
            } else {
                let p = spec.prec ?? 6
                let cv = verb == "F" ? "f" : String(verb)
                body = String(format: "%" + (spec.sharp ? "#" : "") + ".\(p)" + cv, d)
            }
            return pad(signed(body, d < 0 || body.hasPrefix("-"), spec), spec, numeric: true)
        default:
            return bad(verb, arg)
        }
    }

    static func prefix(_ spec: Spec, _ verb: Unicode.Scalar) -> String {
        guard spec.sharp else { return "" }
        switch verb { case "x": return "0x"; case "X": return "0X"; case "o": return "0"; case "b": return "0b"; default: return "" }
    }

    static func signed(_ s: String, _ negative: Bool, _ spec: Spec) -> String {
        var body = s
        if negative {
            if !body.hasPrefix("-") { body = "-" + body }
            return body
        }
        if spec.plus { return "+" + body }
        if spec.space { return " " + body }
        return body
    }

    static func truncate(_ s: String, _ prec: Int?) -> String {
        guard let p = prec else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.prefix(p)))
    }
}
