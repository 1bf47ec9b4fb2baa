/// Sprig's defaults, type predicates and conversions.
enum DefaultFunctions {
    typealias V = GoTemplate.Value

    static func register(_ f: inout [String: Function]) {
        f.add("default", [.any], variadic: .any) { _, a in
            if a.count < 2 || a[1].isEmpty { return a[0] }
            return a[1]
        }
        f.add("empty", [.any]) { _, a in .bool(a[0].isEmpty) }
        f.add("coalesce", [], variadic: .any) { _, a in a.first(where: { !$0.isEmpty }) ?? .null }
        f.add("all", [], variadic: .any) { _, a in .bool(a.allSatisfy { !$0.isEmpty }) }
        f.add("any", [], variadic: .any) { _, a in .bool(a.contains { !$0.isEmpty }) }
        f.add("ternary", [.any, .any, .bool]) { _, a in
            if case .bool(let b) = a[2], b { return a[0] }
            return a[1]
        }
        f.add("typeOf", [.any]) { _, a in .string(a[0].goTypeName) }
        f.add("typeIs", [.string, .any]) { _, a in .bool(Conv.strval(a[0]) == a[1].goTypeName) }
        f.add("typeIsLike", [.string, .any]) { _, a in
            let t = Conv.strval(a[0]), n = a[1].goTypeName
            return .bool(t == n || "*" + t == n)
        }
        f.add("kindOf", [.any]) { _, a in .string(Conv.kindName(a[0])) }
        f.add("kindIs", [.string, .any]) { _, a in .bool(Conv.strval(a[0]) == Conv.kindName(a[1])) }
        f.add("deepEqual", [.any, .any]) { _, a in .bool(Conv.deepEqual(a[0], a[1])) }
        f.add("int", [.any]) { _, a in .int(Conv.toInt(a[0])) }
        f.add("int64", [.any]) { _, a in .int64(Conv.toInt64(a[0])) }
        f.add("float64", [.any]) { _, a in .float(Conv.toFloat64(a[0])) }
        f.add("atoi", [.string]) { _, a in
            let s = Conv.strval(a[0])
            var t = Substring(s)
            if t.hasPrefix("+") { t = t.dropFirst() }
            return .int(Int(t).flatMap { _ in Int(s.hasPrefix("+") ? String(s.dropFirst()) : s) } ?? 0)
        }
        f.add("toDecimal", [.any]) { _, a in
            .int64(Int64(Conv.strval(a[0]), radix: 8) ?? 0)
        }
    }
}

/// Sprig's integer and float math.
enum MathFunctions {
    typealias V = GoTemplate.Value

    static func register(_ f: inout [String: Function]) {
        let i = Conv.toInt64
        f.add("add1", [.any]) { _, a in .int64(i(a[0]) &+ 1) }
        f.add("add", [], variadic: .any) { _, a in .int64(a.reduce(Int64(0)) { $0 &+ i($1) }) }
        f.add("sub", [.any, .any]) { _, a in .int64(i(a[0]) &- i(a[1])) }
        f.add("mul", [.any], variadic: .any) { _, a in .int64(a.dropFirst().reduce(i(a[0])) { $0 &* i($1) }) }
        f.add("div", [.any, .any]) { _, a in
            let d = i(a[1])
            guard d != 0 else { throw FuncError("runtime error: integer divide by zero") }
            return .int64(i(a[0]).dividedReportingOverflow(by: d).partialValue)
        }
        f.add("mod", [.any, .any]) { _, a in
            let d = i(a[1])
            guard d != 0 else { throw FuncError("runtime error: integer divide by zero") }
            return .int64(i(a[0]).remainderReportingOverflow(dividingBy: d).partialValue)
        }
        for name in ["max", "biggest"] {
            f.add(name, [.any], variadic: .any) { _, a in .int64(a.map(i).max() ?? 0) }
        }
        f.add("min", [.any], variadic: .any) { _, a in .int64(a.map(i).min() ?? 0) }
        let fl = Conv.toFloat64
        f.add("add1f", [.any]) { _, a in .float(Decimalish.add(fl(a[0]), 1)) }
        f.add("addf", [], variadic: .any) { _, a in .float(a.reduce(0.0) { Decimalish.add($0, fl($1)) }) }
        f.add("subf", [.any], variadic: .any) { _, a in .float(a.dropFirst().reduce(fl(a[0])) { Decimalish.add($0, -fl($1)) }) }
        f.add("mulf", [.any], variadic: .any) { _, a in .float(a.dropFirst().reduce(fl(a[0])) { Decimalish.mul($0, fl($1)) }) }
        f.add("divf", [.any], variadic: .any) { _, a in
            var r = fl(a[0])
            for x in a.dropFirst() {
                let d = fl(x)
                guard d != 0 else { throw FuncError("decimal division by 0") }
                r = Decimalish.div(r, d)
            }
            return .float(r)
        }
        f.add("maxf", [.any], variadic: .any) { _, a in .float(a.map(fl).max() ?? 0) }
        f.add("minf", [.any], variadic: .any) { _, a in .float(a.map(fl).min() ?? 0) }
        f.add("floor", [.any]) { _, a in .float(fl(a[0]).rounded(.down)) }
        f.add("ceil", [.any]) { _, a in .float(fl(a[0]).rounded(.up)) }
        f.add("round", [.any, .int], variadic: .float) { _, a in
            let roundOn = a.count > 2 ? fl(a[2]) : 0.5
            let val = fl(a[0])
            let pow = Foundation.pow(10.0, Double(Conv.toInt(a[1])))
            let digit = pow * val
            let frac = digit - digit.rounded(.towardZero)
            let r = frac >= roundOn ? digit.rounded(.up) : digit.rounded(.down)
            return .float(r / pow)
        }
        f.add("randInt", [.int, .int]) { _, a in
            let lo = Conv.toInt(a[0]), hi = Conv.toInt(a[1])
            guard hi > lo else { throw FuncError("invalid argument to Intn") }
            return .int(Int.random(in: lo..<hi))
        }
    }
}

import Foundation

/// shopspring/decimal arithmetic as Sprig's float functions use it: exact decimal, then to float64.
enum Decimalish {
    static func dec(_ d: Double) -> Decimal { Decimal(string: GoFormat.shortestF(d)) ?? Decimal(d) }
    static func back(_ d: Decimal) -> Double { Double(NSDecimalNumber(decimal: d).stringValue) ?? 0 }
    static func add(_ a: Double, _ b: Double) -> Double { guard a.isFinite, b.isFinite else { return a + b }; return back(dec(a) + dec(b)) }
    static func mul(_ a: Double, _ b: Double) -> Double { guard a.isFinite, b.isFinite else { return a * b }; return back(dec(a) * dec(b)) }
    static func div(_ a: Double, _ b: Double) -> Double {
        guard a.isFinite, b.isFinite else { return a / b }
        var q = dec(a) / dec(b)
        var r = Decimal()
        NSDecimalRound(&r, &q, 16, .plain)
        return back(r)
    }
}
