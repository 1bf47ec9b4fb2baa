/// Masterminds/semver v3 versions and constraints.
public final class SemVersion: GoObject, JSONConvertible {
    /// The numeric parts.
    public let major: UInt64, minor: UInt64, patch: UInt64
    /// Pre-release and build metadata without their `-`/`+`, and the text parsed.
    public let pre: String, metadata: String, original: String

    init(major: UInt64, minor: UInt64, patch: UInt64, pre: String, metadata: String, original: String) {
        self.major = major; self.minor = minor; self.patch = patch; self.pre = pre; self.metadata = metadata; self.original = original
    }

    /// semver.NewVersion: a leading `v` and missing minor or patch allowed; nil when not a version.
    public static func parse(_ s: String) -> SemVersion? {
        var t = Substring(s)
        if t.hasPrefix("v") { t = t.dropFirst() }
        var meta = ""
        if let p = t.firstIndex(of: "+") { meta = String(t[t.index(after: p)...]); t = t[..<p]; if meta.isEmpty { return nil } }
        var pre = ""
        if let p = t.firstIndex(of: "-") { pre = String(t[t.index(after: p)...]); t = t[..<p]; if pre.isEmpty { return nil } }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return nil }
        var nums: [UInt64] = []
        for p in parts {
            guard !p.isEmpty, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = UInt64(p) else { return nil }
            if p.count > 1 && p.hasPrefix("0") { return nil }
            nums.append(n)
        }
        let ident: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        guard pre.allSatisfy(ident), meta.allSatisfy(ident) else { return nil }
        while nums.count < 3 { nums.append(0) }
        return SemVersion(major: nums[0], minor: nums[1], patch: nums[2], pre: pre, metadata: meta, original: s)
    }

    /// The canonical form, `MAJOR.MINOR.PATCH[-PRE][+META]`.
    public var string: String {
        var s = "\(major).\(minor).\(patch)"
        if !pre.isEmpty { s += "-" + pre }
        if !metadata.isEmpty { s += "+" + metadata }
        return s
    }

    /// -1, 0 or 1 by semver precedence (build metadata ignored).
    public static func compare(_ a: SemVersion, _ b: SemVersion) -> Int {
        for (x, y) in [(a.major, b.major), (a.minor, b.minor), (a.patch, b.patch)] where x != y { return x < y ? -1 : 1 }
        if a.pre == b.pre { return 0 }
        if a.pre.isEmpty { return 1 }
        if b.pre.isEmpty { return -1 }
        let ap = a.pre.split(separator: ".", omittingEmptySubsequences: false), bp = b.pre.split(separator: ".", omittingEmptySubsequences: false)
        for i in 0..<max(ap.count, bp.count) {
            guard i < ap.count else { return -1 }
            guard i < bp.count else { return 1 }
            let x = ap[i], y = bp[i]
            if x == y { continue }
            switch (UInt64(x), UInt64(y)) {
            case (let nx?, let ny?): return nx < ny ? -1 : 1
            case (_?, nil): return -1
            case (nil, _?): return 1
            default: return x < y ? -1 : 1
            }
        }
        return 0
    }

    /// Go's %T.
    public var goTypeName: String { "*semver.Version" }
    /// The canonical form, as %v prints it.
    public func formatted() -> String { string }
    /// The canonical form, as toJson writes it.
    public func jsonValue() -> Value { .string(string) }
    /// The Version methods templates call (`Major`, `Minor`, `Patch`, `Prerelease`, ...).
    public func method(_ name: String) -> GoMethod? {
        switch name {
        case "Major": return GoMethod { _ in .int64(Int64(truncatingIfNeeded: self.major)) }
        case "Minor": return GoMethod { _ in .int64(Int64(truncatingIfNeeded: self.minor)) }
        case "Patch": return GoMethod { _ in .int64(Int64(truncatingIfNeeded: self.patch)) }
        case "Prerelease": return GoMethod { _ in .string(self.pre) }
        case "Metadata": return GoMethod { _ in .string(self.metadata) }
        case "Original": return GoMethod { _ in .string(self.original) }
        case "String": return GoMethod { _ in .string(self.string) }
        case "Compare", "LessThan", "GreaterThan", "Equal":
            return GoMethod(params: [.any]) { a in
                guard case .object(let o) = a[0], let other = o as? SemVersion else { throw FuncError("wrong type for value; expected *semver.Version") }
                let c = SemVersion.compare(self, other)
                switch name {
                case "Compare": return .int(c)
                case "LessThan": return .bool(c < 0)
                case "GreaterThan": return .bool(c > 0)
                default: return .bool(c == 0)
                }
            }
        default: return nil
        }
    }
}

enum SemverConstraint {
    struct Bound {
        var op: String
        var v: SemVersion
        var wild: Int  // 0 none, 1 minor wild (1.x), 2 patch wild (1.2.x), 3 all (*)
        var hasPre: Bool
    }

    static func parseOne(_ raw: String) throws -> [Bound] {
        var s = FastString.trimSpace(raw)
        var op = ""
        for cand in ["!=", ">=", "=>", "<=", "=<", ">", "<", "=", "~>", "~", "^"] where s.hasPrefix(cand) {
            op = cand; s = FastString.trimSpace(s.dropFirst(cand.count)); break
        }
        if op == "=>" { op = ">=" }
        if op == "=<" { op = "<=" }
        if op == "~>" { op = "~" }
        var t = s
        if t.hasPrefix("v") { t.removeFirst() }
        var core = t
        var suffix = ""
        if let i = t.firstIndex(where: { $0 == "-" || $0 == "+" }) { core = String(t[..<i]); suffix = String(t[i...]) }
        var parts = core.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var wild = 0
        if parts.isEmpty || parts == [""] { throw FuncError("improper constraint: \(raw)") }
        if let w = parts.firstIndex(where: { $0 == "x" || $0 == "X" || $0 == "*" }) {
            wild = [3, 1, 2][min(w, 2)]
            parts = Array(parts[..<w])
        } else if parts.count == 1 { wild = 1 } else if parts.count == 2 { wild = 2 }
        while parts.count < 3 { parts.append("0") }
        guard let v = SemVersion.parse(parts.joined(separator: ".") + suffix) else { throw FuncError("improper constraint: \(raw)") }
        if op == "" || op == "=" {
            if wild == 0 { return [Bound(op: "=", v: v, wild: 0, hasPre: !v.pre.isEmpty)] }
        }
        return expand(op, v, wild)
    }

    static func mk(_ op: String, _ a: UInt64, _ b: UInt64, _ c: UInt64, pre: String = "") -> Bound {
        let v = SemVersion(major: a, minor: b, patch: c, pre: pre, metadata: "", original: "")
        return Bound(op: op, v: v, wild: 0, hasPre: !pre.isEmpty)
    }

    static func expand(_ op: String, _ v: SemVersion, _ wild: Int) -> [Bound] {
        let hp = !v.pre.isEmpty
        func b(_ o: String, _ x: SemVersion) -> Bound { Bound(op: o, v: x, wild: 0, hasPre: hp) }
        let upperMinor = mk("<", v.major, v.minor + 1, 0)
        let upperMajor = mk("<", v.major + 1, 0, 0)
        switch op {
        case "", "=":
            if wild == 3 { return [mk(">=", 0, 0, 0)] }
            return [b(">=", v), wild == 1 ? upperMajor : upperMinor]
        case "!=":
            if wild == 0 { return [b("!=", v)] }
            return [Bound(op: "!range", v: v, wild: wild, hasPre: hp)]
        case ">":
            if wild == 3 { return [Bound(op: "never", v: v, wild: 0, hasPre: false)] }
            if wild == 1 { return [mk(">=", v.major + 1, 0, 0)] }
            if wild == 2 { return [mk(">=", v.major, v.minor + 1, 0)] }
            return [b(">", v)]
        case ">=": return [b(">=", v)]
        case "<": return [b("<", v)]
        case "<=":
            if wild == 1 { return [upperMajor] }
            if wild == 2 { return [upperMinor] }
            return [b("<=", v)]
        case "~":
            if wild == 1 && v.minor == 0 && v.patch == 0 { return [b(">=", v), upperMajor] }
            return [b(">=", v), upperMinor]
        case "^":
            if v.major > 0 || wild == 1 { return [b(">=", v), upperMajor] }
            if v.minor > 0 || wild == 2 { return [b(">=", v), upperMinor] }
            return [b(">=", v), mk("<", 0, 0, v.patch + 1)]
        default: return [b(">=", v)]
        }
    }

    static func check(_ b: Bound, _ v: SemVersion) -> Bool {
        if !v.pre.isEmpty && !b.hasPre { return false }
        let c = SemVersion.compare(v, b.v)
        switch b.op {
        case "=": return c == 0
        case "!=": return c != 0
        case ">": return c > 0
        case ">=": return c >= 0
        case "<": return c < 0
        case "<=": return c <= 0
        case "never": return false
        case "!range":
            if b.wild == 1 { return v.major != b.v.major }
            return !(v.major == b.v.major && v.minor == b.v.minor)
        default: return false
        }
    }

    /// Whether `version` satisfies `constraint` (|| of comma/space separated ANDs; hyphen ranges).
    static func satisfies(_ constraint: String, _ v: SemVersion) throws -> Bool {
        for group in FastString.split(constraint, separator: "||") {
            var bounds: [Bound] = []
            var g = FastString.trimSpace(group)
            if g.isEmpty { throw FuncError("improper constraint: \(constraint)") }
            // Hyphen range "a - b".
            if let r = FastString.firstRange(of: " - ", in: g) {
                let lo = try parseOne(String(g[..<r.lowerBound]))
                let hiRaw = FastString.trimSpace(g[r.upperBound...])
                let hi = try parseOne("<=" + hiRaw)
                bounds += lo.filter { $0.op.hasPrefix(">") } + hi
                g = ""
            }
            var tokens: [String] = []
            var pendingOp = ""
            for piece in g.split(whereSeparator: { $0 == "," || $0 == " " }) {
                let p = String(piece)
                if ["=", "!=", ">", "<", ">=", "<=", "~", "^", "=>", "=<", "~>"].contains(p) { pendingOp = p; continue }
                tokens.append(pendingOp + p)
                pendingOp = ""
            }
            for t in tokens { bounds += try parseOne(t) }
            if bounds.allSatisfy({ check($0, v) }) { return true }
        }
        return false
    }
}

enum SemverFunctions {
    static func register(_ f: inout [String: Function]) {
        f.add("semver", [.string]) { _, a in
            guard let v = SemVersion.parse(Conv.strval(a[0])) else { throw FuncError("invalid semantic version") }
            return .object(v)
        }
        f.add("semverCompare", [.string, .string]) { _, a in
            guard let v = SemVersion.parse(Conv.strval(a[1])) else { throw FuncError("invalid semantic version") }
            return .bool(try SemverConstraint.satisfies(Conv.strval(a[0]), v))
        }
    }
}

/// Masterminds/semver checks for callers outside the function table (Helm's IsCompatibleRange, kubeVersion).
public enum SemverRange {
    /// Whether `version` satisfies `constraint`; a malformed constraint or version is no match.
    public static func isCompatible(_ constraint: String, _ version: String) -> Bool {
        guard let v = SemVersion.parse(version) else { return false }
        return (try? SemverConstraint.satisfies(constraint, v)) ?? false
    }

    /// Like `isCompatible`, but a malformed constraint is reported.
    public static func check(_ constraint: String, _ v: SemVersion) throws -> Bool {
        try SemverConstraint.satisfies(constraint, v)
    }
}
