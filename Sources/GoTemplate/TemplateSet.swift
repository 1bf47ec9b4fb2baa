import SwkYAML

/// A set of named templates sharing one function table (Go's template namespace).
public final class TemplateSet {
    /// The functions templates may call: the builtins plus those given at creation.
    public var funcs: [String: Function]
    /// Every template parsed or defined so far, by name.
    public private(set) var trees: [String: Tree] = [:]
    /// Limits that keep a runaway template from hanging or exhausting memory.
    public var limits = Limits()

    /// Bounds on one execution (one template file with everything it includes). Hitting one stops
    /// the render with a `LimitError` naming the field, e.g. `exceeded the maxSteps limit (50000000 steps)`.
    /// The defaults sit far above what real charts use and keep a runaway template under about a
    /// second and a few hundred MB.
    public struct Limits: Sendable {
        /// Bytes of rendered output, include and tpl results counted apart. Default 64 MiB.
        public var maxOutputBytes = 64 << 20
        /// Units of work: one per node walked and per loop iteration, one per list element and per
        /// 16 bytes of string a function returns. Default 50 million (well under 2 s).
        public var maxSteps = 50_000_000
        /// Nesting of `template`, `include` and `tpl` calls. Default 2000.
        public var maxTemplateDepth = 2_000
        /// Longest string a function may build (`repeat`, `indent`, `printf` widths, `cat`, ...). Default 16 MiB.
        public var maxStringBytes = 16 << 20
        /// Longest list a function may build (`until`, `untilStep`, `seq`, `concat`, ...). Default 1 million.
        public var maxListLength = 1_000_000
        /// Steps of the regex engine (ICU, which backtracks) all `regex…` calls may take together: the
        /// RE2 guarantee Go gives, as a bound. Default 20 million (about half a second).
        public var maxRegexSteps = BoundedRegex.defaultMaxSteps
        /// The defaults above.
        public init() {}
    }

    /// A set with Go's builtins (`and`, `len`, `printf`, ...) and `funcs`, which win on a clash.
    public init(funcs: [String: Function] = [:]) {
        var all = Builtins.table
        for (k, v) in funcs { all[k] = v }
        self.funcs = all
    }

    /// Parses `text` as the template `name`, adding it and everything it defines; returns its own tree,
    /// which an empty text does not install over an existing template of that name (Go's associate).
    @discardableResult
    public func parse(name: String, text: String) throws -> Tree {
        let (main, defs) = try Parser.parse(name: name, text: text, hasFunction: { [funcs] in funcs[$0] != nil })
        var local: [String: Tree] = [:]
        var order: [String] = []
        for d in [main] + defs {
            if let existing = local[d.name] {
                if existing.isEmpty { local[d.name] = d; continue }
                if !d.isEmpty {
                    throw ParseError(parseName: name, line: 1, message: "template: multiple definition of template \(GoFormat.quote(d.name))")
                }
                continue
            }
            local[d.name] = d
            order.append(d.name)
        }
        for n in order {
            guard let t = local[n] else { continue }
            if let old = trees[n], t.isEmpty, !old.root.isEmpty { continue }
            trees[n] = t
        }
        return main
    }

    /// The template named `name`, if parsed or defined.
    public func lookup(_ name: String) -> Tree? { trees[name] }

    /// A copy with the same functions, templates and limits; parsing into it leaves this set alone (Helm's tpl).
    public func clone() -> TemplateSet {
        let c = TemplateSet(funcs: [:])
        c.funcs = funcs
        c.trees = trees
        c.limits = limits
        return c
    }

    /// Executes a tree parsed into this set (Helm's tpl runs the text it parsed, even when empty).
    public func execute(tree: Tree, data: Value, userInfo: [String: Any] = [:]) throws -> String {
        let ex = Executor(set: self)
        ex.userInfo = userInfo
        return try ex.render(tree: tree, data: data)
    }

    /// Executes the named template with `data` as dot and `$`.
    public func execute(name: String, data: Value, userInfo: [String: Any] = [:]) throws -> String {
        let ex = Executor(set: self)
        ex.userInfo = userInfo
        return try ex.render(name: name, data: data)
    }
}
