/// Size checks a function makes before building a large result, so a runaway argument fails
/// with the limit's name instead of allocating (see `TemplateSet.Limits`).
enum Limited {
    /// A string of `count` × `times` bytes.
    static func string(_ ctx: CallContext, count: Int, times: Int) throws {
        let limit = ctx.templates.limits.maxStringBytes
        let (n, overflow) = max(count, 0).multipliedReportingOverflow(by: max(times, 0))
        if overflow || n > limit { throw LimitError(limit: "maxStringBytes", value: limit, unit: "bytes") }
    }

    /// `indent`/`nindent`: the padding is written once per line.
    static func indent(_ ctx: CallContext, _ width: Int, _ text: String) throws {
        var text = text
        let lines = text.withUTF8 { b in b.reduce(1) { $0 &+ ($1 == 10 ? 1 : 0) } }
        try string(ctx, count: lines, times: max(width, 0) &+ 1)
        try string(ctx, count: 1, times: text.utf8.count &+ max(width, 0))
    }

    /// A list of `count` items (negative counts descend); also charged as work.
    static func list(_ ctx: CallContext, count: Int) throws {
        let limit = ctx.templates.limits.maxListLength
        guard count.magnitude <= UInt(limit) else { throw LimitError(limit: "maxListLength", value: limit, unit: "items") }
        try ctx.charge(Int(count.magnitude))
    }

    /// `stop - start` divided by `step` without trapping; nil when it overflows.
    static func steps(from start: Int, to stop: Int, by step: Int) -> Int? {
        let (d, o) = stop.subtractingReportingOverflow(start)
        guard !o, step != 0 else { return nil }
        let (q, o2) = d.dividedReportingOverflow(by: step)
        return o2 ? nil : q
    }

    /// `start, start+step, ...` up to `stop`; stops instead of trapping where Int overflows.
    static func progression(from start: Int, to stop: Int, by step: Int, inclusive: Bool) -> [Int] {
        var out: [Int] = []
        var x = start
        while step > 0 ? (x < stop || inclusive && x == stop) : (x > stop || inclusive && x == stop) {
            out.append(x)
            let (next, overflow) = x.addingReportingOverflow(step)
            if overflow { break }
            x = next
        }
        return out
    }

    /// `s` `n` times by doubling: String(repeating:count:) appends one copy at a time, which made
    /// a 64 MiB output of `repeat 1000` calls take seconds.
    static func repeated(_ s: String, _ n: Int) -> String {
        let unit = Array(s.utf8)
        let (total, overflow) = unit.count.multipliedReportingOverflow(by: max(n, 0))
        guard !overflow, total > 0 else { return "" }
        var out = unit
        out.reserveCapacity(total)
        while out.count < total {
            let chunk = Array(out[0..<min(out.count, total - out.count)])
            out.append(contentsOf: chunk)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
