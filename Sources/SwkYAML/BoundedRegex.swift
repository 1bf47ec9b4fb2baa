import _FoundationICU

/// A regular expression in ICU syntax whose matching work is bounded.
///
/// ICU (the engine behind NSRegularExpression) backtracks, so a pattern like `(a+)+$` takes
/// exponential time on `aaaa…ab`; Go's RE2 does not. ICU calls back every 10,000 steps of its match
/// engine, and the caller's budget is charged at each callback: a match that runs out of it stops with
/// `WorkLimitExceeded`. The count is of engine steps, not time, so the outcome is the same on every machine.
/// Matching goes through ICU's C API, as Foundation's regex does, so results equal NSRegularExpression's.
/// It lives here, beside `GoQuote`, because the template engine and kustomize both use it.
/// One instance is not for use from several threads at once (ICU keeps the match state in it).
public final class BoundedRegex {
    /// Steps of ICU's match engine between two charges of the budget.
    public static let stepsPerCallback = 10_000
    /// The default budget: about half a second of backtracking.
    public static let defaultMaxSteps = 20_000_000

    /// The ICU pattern this was compiled from.
    public let pattern: String
    /// Capture groups in the pattern (group 0, the whole match, not counted).
    public let groupCount: Int
    private let regex: OpaquePointer

    /// The pattern is not valid ICU syntax.
    public struct SyntaxError: Error {
        /// The pattern given.
        public let pattern: String
    }

    /// A match stopped because the budget ran out.
    public struct WorkLimitExceeded: Error {
        /// The engine steps the budget allowed.
        public let steps: Int
    }

    /// The steps left to spend; matches charge it and fail once it would go below zero.
    public final class Budget {
        /// The steps it started with.
        public let limit: Int
        /// Steps still allowed.
        public private(set) var remaining: Int
        /// A budget of `steps` engine steps.
        public init(steps: Int = BoundedRegex.defaultMaxSteps) { limit = steps; remaining = steps }
        fileprivate func charge() -> Bool {
            remaining -= BoundedRegex.stepsPerCallback
            return remaining >= 0
        }
    }

    /// One match: UTF-16 offset ranges into the text; index 0 is the whole match, then each group (nil when it did not take part).
    public struct Match {
        /// The ranges, whole match first.
        public let ranges: [Range<Int>?]
        /// The whole match.
        public var range: Range<Int> { ranges[0] ?? 0..<0 }
    }

    /// Compiles `pattern` with ICU's default flags.
    public init(_ pattern: String) throws(SyntaxError) {
        let units = Array(pattern.utf16)
        var status = U_ZERO_ERROR
        var parseError = UParseError()
        guard units.count < Int(Int32.max),
              let re = swift_uregex_open(units, Int32(units.count), 0, &parseError, &status), status.rawValue <= 0 else {
            throw SyntaxError(pattern: pattern)
        }
        regex = re
        self.pattern = pattern
        groupCount = Int(swift_uregex_groupCount(re, &status))
    }

    deinit { swift_uregex_close(regex) }

    /// The number of the group named `name`, if the pattern has one.
    public func groupNumber(named name: String) -> Int? {
        let units = Array(name.utf16)
        var status = U_ZERO_ERROR
        let n = swift_uregex_groupNumberFromName(regex, units, Int32(units.count), &status)
        return status.rawValue <= 0 && n >= 0 ? Int(n) : nil
    }

    /// Successive matches in `text` (UTF-16 code units), at most `limit` of them (all when negative),
    /// charging `budget` as the engine works.
    public func matches(in text: [UInt16], limit: Int = -1, budget: Budget) throws(WorkLimitExceeded) -> [Match] {
        var out: [Match] = []
        if limit == 0 { return out }
        var status = U_ZERO_ERROR
        let context = Unmanaged.passUnretained(budget).toOpaque()
        swift_uregex_setMatchCallback(regex, { context, _ in
            guard let context else { return 1 }
            return Unmanaged<Budget>.fromOpaque(context).takeUnretainedValue().charge() ? 1 : 0
        }, context, &status)
        // ICU refuses a null text pointer: an empty text still gets a buffer.
        let units = text.isEmpty ? [0] : text, length = Int32(clamping: text.count)
        defer {
            // Leave no pointer to the caller's text or budget behind.
            var s = U_ZERO_ERROR
            units.withUnsafeBufferPointer { swift_uregex_setText(regex, $0.baseAddress, 0, &s) }
            swift_uregex_setMatchCallback(regex, nil, nil, &s)
        }
        units.withUnsafeBufferPointer { buffer in
            swift_uregex_setText(regex, buffer.baseAddress, length, &status)
            // As Foundation: stop at the first failure (ICU's own backtrack-stack limit among them).
            while status.rawValue <= 0, swift_uregex_findNext(regex, &status) != 0, status.rawValue <= 0 {
                var ranges: [Range<Int>?] = []
                ranges.reserveCapacity(groupCount + 1)
                for g in 0...groupCount {
                    var s = U_ZERO_ERROR
                    let start = swift_uregex_start64(regex, Int32(g), &s), end = swift_uregex_end64(regex, Int32(g), &s)
                    ranges.append(s.rawValue <= 0 && start >= 0 && end >= start ? Int(start)..<Int(end) : nil)
                }
                out.append(Match(ranges: ranges))
                if limit > 0 && out.count >= limit { break }
            }
        }
        if status == U_REGEX_STOPPED_BY_CALLER { throw WorkLimitExceeded(steps: budget.limit) }
        return out
    }

    /// The first match in `text`, if any.
    public func firstMatch(in text: String, budget: Budget) throws(WorkLimitExceeded) -> Match? {
        try matches(in: Array(text.utf16), limit: 1, budget: budget).first
    }
}
