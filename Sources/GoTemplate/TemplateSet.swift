import SwkYAML
import Synchronization

/// A set of named templates sharing one function table (Go's template namespace). Executions read
/// its tables on every call, and nothing holds an access to them across another: no run-time
/// exclusivity checks.
public final class TemplateSet {
    /// The functions templates may call: the builtins plus those given at creation.
    public var funcs: [String: Function] {
        get { overrides.isEmpty ? table : table.merging(overrides) { $1 } }
        set { table = newValue; overrides = [:]; slots = Self.slots(of: newValue) }
    }
    @exclusivity(unchecked) private var table: [String: Function]
    /// Functions `replacingFunctions` put over names `table` has: kept apart, so that a per-thread
    /// copy does not copy the whole table.
    @exclusivity(unchecked) private var overrides: [String: Function] = [:]
    /// `table` by `FunctionNames` number: a parsed call finds its function without hashing the name.
    @exclusivity(unchecked) private var slots: [Function?]
    /// Every template parsed or defined so far, by name.
    @exclusivity(unchecked) public private(set) var trees: [String: Tree] = [:]
    /// Limits that keep a runaway template from hanging or exhausting memory.
    @exclusivity(unchecked) public var limits = Limits()

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
        table = all
        slots = Self.slots(of: all)
    }

    /// The function numbered `id` in `FunctionNames`, nil when this set has none of that name.
    @inline(__always) func function(_ id: Int) -> Function? { id < slots.count ? slots[id] : nil }

    static func slots(of table: [String: Function]) -> [Function?] {
        var slots: [Function?] = []
        for (name, fn) in table { put(fn, named: name, into: &slots) }
        return slots
    }

    /// `fn` at its name's number, the array grown to reach it.
    private static func put(_ fn: Function, named name: String, into slots: inout [Function?]) {
        let id = FunctionNames.id(name)
        if id >= slots.count { slots.append(contentsOf: repeatElement(nil, count: id - slots.count + 1)) }
        slots[id] = fn
    }

    /// Parses `text` as the template `name`, adding it and everything it defines; returns its own tree,
    /// which an empty text does not install over an existing template of that name (Go's associate).
    @discardableResult
    public func parse(name: String, text: String) throws -> Tree {
        let file = try parseAlone(name: name, text: text)
        install(file)
        return file.main
    }

    /// One text parsed against this set's functions without installing anything: files parsed
    /// side by side, then installed in order, define what parsing them one by one would.
    public struct ParsedText: @unchecked Sendable {
        /// The text's own tree.
        public let main: Tree
        /// Its own tree, then each template it defines, first definitions first.
        let definitions: [Tree]
    }

    /// Parses `text` as `name` (safe to call from several threads at once).
    public func parseAlone(name: String, text: String) throws -> ParsedText {
        let (main, defs) = try Parser.parse(name: name, text: text, hasFunction: { [table] in table[$0] != nil })
        var local: [String: Int] = [:]
        var definitions: [Tree] = []
        for d in [main] + defs {
            if let i = local[d.name] {
                if definitions[i].isEmpty { definitions[i] = d; continue }
                if !d.isEmpty {
                    throw ParseError(parseName: name, line: 1, message: "template: multiple definition of template \(GoFormat.quote(d.name))")
                }
                continue
            }
            local[d.name] = definitions.count
            definitions.append(d)
        }
        return ParsedText(main: main, definitions: definitions)
    }

    /// Adds a parsed text's templates; an empty one does not replace a template with a body.
    public func install(_ file: ParsedText) {
        for t in file.definitions {
            if let old = trees[t.name], t.isEmpty, !old.root.isEmpty { continue }
            trees[t.name] = t
        }
    }

    /// The template named `name`, if parsed or defined.
    public func lookup(_ name: String) -> Tree? { trees[name] }

    /// A copy with the same functions, templates and limits; parsing into it leaves this set alone (Helm's tpl).
    public func clone() -> TemplateSet {
        TemplateSet(copying: self)
    }

    private init(copying other: TemplateSet) {
        table = other.table
        overrides = other.overrides
        slots = other.slots
        trees = other.trees
        limits = other.limits
    }

    /// A copy sharing this set's templates and limits with some functions replaced (per-thread state).
    public func replacingFunctions(_ replacements: [String: Function]) -> TemplateSet {
        let c = clone()
        for (name, fn) in replacements {
            if table[name] == nil { c.table[name] = fn } else { c.overrides[name] = fn }
            Self.put(fn, named: name, into: &c.slots)
        }
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

/// Process-wide numbers for function names, given as the parser first meets each: a call node
/// keeps its name's number, and every template set keeps its functions in an array by number.
enum FunctionNames {
    private static let numbers = Mutex<[String: Int]>([:])

    static func id(_ name: String) -> Int {
        numbers.withLock { numbers in
            if let n = numbers[name] { return n }
            numbers[name] = numbers.count
            return numbers.count - 1
        }
    }
}
