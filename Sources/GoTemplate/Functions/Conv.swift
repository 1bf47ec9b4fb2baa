import Foundation

/// Conversions Sprig applies to loosely typed arguments (spf13/cast, strval, reflect kinds).
public enum Conv {
    /// Sprig's strval: strings as is, everything else through fmt's %v.
    public static func strval(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return GoBytes.string(b)
        default: return GoFormat.v(v)
        }
    }

    /// reflect.Kind name as Sprig's error messages print it.
    public static func kindName(_ v: Value) -> String {
        switch v {
        case .null: return "invalid"
        default: return v.goKind
        }
    }

    static func trimZeroDecimal(_ s: String) -> String {
        var foundZero = false
        for (idx, c) in s.enumerated().reversed() {
            switch c {
            case ".": return foundZero ? String(s.prefix(idx)) : s
            case "0": foundZero = true
            default: return s
            }
        }
        return s
    }

    /// cast.ToInt64
    public static func toInt64(_ v: Value) -> Int64 {
        switch v {
        case .int(let i): return Int64(i)
        case .int64(let i), .duration(let i): return i
        case .float(let f):
            guard f.isFinite else { return f.isNaN ? Int64.min : (f > 0 ? Int64.min : Int64.min) }
            if f >= 9.223372036854775807e18 || f < -9.223372036854775808e18 { return Int64.min }
            return Int64(f)
        case .bool(let b): return b ? 1 : 0
        case .string(let s):
            let (i, _) = GoLiteral.parseInt(trimZeroDecimal(s))
            return i ?? 0
        default: return 0
        }
    }

    /// Sprig's toInt: `toInt64` truncated to Int.
    public static func toInt(_ v: Value) -> Int { Int(truncatingIfNeeded: toInt64(v)) }

    /// cast.ToFloat64
    public static func toFloat64(_ v: Value) -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .int64(let i), .duration(let i): return Double(i)
        case .float(let f): return f
        case .bool(let b): return b ? 1 : 0
        case .string(let s): return Double(s.trimmingCharacters(in: .init())) ?? 0
        default: return 0
        }
    }

    /// reflect.DeepEqual; values too deep to walk (cyclic maps) are equal only when they are the same map.
    public static func deepEqual(_ a: Value, _ b: Value) -> Bool {
        if ValueBounds.exceeded(a) || ValueBounds.exceeded(b) {
            if case .map(let x) = a, case .map(let y) = b { return x === y }
            return false
        }
        return equalWalk(a, b)
    }

    static func equalWalk(_ a: Value, _ b: Value) -> Bool {
        let deepEqual = equalWalk
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.int64(let x), .int64(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.strings(let x), .strings(let y)): return x == y
        case (.bytes(let x), .bytes(let y)): return x == y
        case (.list(let x), .list(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { deepEqual($0, $1) }
        case (.map(let x), .map(let y)):
            if x === y { return true }
            guard x.dict.count == y.dict.count else { return false }
            for (k, v) in x.dict {
                guard let w = y.dict[k], deepEqual(v, w) else { return false }
            }
            return true
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }

    /// Sprig's strslice: a list of strings from any list (nils dropped) or one value.
    public static func strslice(_ v: Value) -> [String] {
        switch v {
        case .strings(let s): return s
        case .list(let l): return l.compactMap { $0.isNull ? nil : strval($0) }
        case .bytes(let b): return b.map { String($0) }
        case .null: return []
        default: return [strval(v)]
        }
    }

    /// A Go slice passed as interface{}, or nil when the value isn't one.
    public static func slice(_ v: Value) -> [Value]? { v.listItems }
}

/// Registration helpers.
extension Dictionary where Key == String, Value == Function {
    mutating func add(_ name: String, _ params: [ParamType], variadic: ParamType? = nil, _ impl: @escaping FuncImpl) {
        self[name] = Function(params, variadic: variadic, impl)
    }
}
