import SwkYAML

/// A value plus whether its static Go type is interface{} (map values, list elements):
/// field access on such a nil is an error, on an untyped nil it yields nothing.
struct Slot {
    var value: Value
    var iface: Bool
    static var none: Slot { Slot(value: .null, iface: false) }
}

/// The node an error is reported at (Go's state.at).
enum AtNode {
    case none
    case arg(Arg)
    case command(CommandNode)
    case template(TemplateCallNode)
    case pos(Int, String)

    var pos: Int? {
        switch self {
        case .none: return nil
        case .arg(let a): return a.pos
        case .command(let c): return c.pos
        case .template(let t): return t.pos
        case .pos(let p, _): return p
        }
    }
    var description: String {
        switch self {
        case .none: return ""
        case .arg(let a):
            if case .pipe(_, let p) = a { return p.description }
            return a.description
        case .command(let c): return c.description
        case .template(let t): return t.description
        case .pos(_, let d): return d
        }
    }
}

enum Flow { case normal, breakLoop, continueLoop }

/// Walks parsed trees, writing into one output buffer.
final class Executor: CallContext {
    let tset: TemplateSet
    var templates: TemplateSet { tset }
    // The executor runs on one thread and never hands its state out by reference, so the run-time
    // exclusivity checks on these (about 8% of a large chart's render) are left out.
    @exclusivity(unchecked) var userInfo: [String: Any] = [:]
    /// The running template's output as UTF-8: appending bytes costs a fifth of appending to a
    /// String, and a render appends once per text and action.
    @exclusivity(unchecked) var out: [UInt8] = []
    @exclusivity(unchecked) var vars: [(name: String, slot: Slot)] = []
    /// Where the running template's variables start in `vars`: a template sees only its own.
    @exclusivity(unchecked) var varsBase = 0
    @exclusivity(unchecked) var tree: Tree?
    @exclusivity(unchecked) var at: AtNode = .none
    @exclusivity(unchecked) var depth = 0
    @exclusivity(unchecked) var steps = 0
    lazy var regexBudget = BoundedRegex.Budget(steps: tset.limits.maxRegexSteps)

    init(set: TemplateSet) { self.tset = set }

    func charge(_ units: Int) throws {
        steps &+= units
        if steps > tset.limits.maxSteps { throw limit("maxSteps", tset.limits.maxSteps, "steps") }
    }

    /// A LimitError at the action being run.
    func limit(_ name: String, _ value: Int, _ unit: String) -> LimitError {
        var location: String? = nil
        if let t = tree, let p = at.pos { location = t.source.location(at: p) }
        return LimitError(limit: name, value: value, unit: unit, location: location)
    }

    /// Charges a function's result by its size and refuses strings and lists over the limits.
    func checkResult(_ v: Value) throws {
        switch v {
        case .string(let s):
            let n = s.utf8.count
            if n > tset.limits.maxStringBytes { throw limit("maxStringBytes", tset.limits.maxStringBytes, "bytes") }
            try charge(n >> 4)
        case .list(let l):
            if l.count > tset.limits.maxListLength { throw limit("maxListLength", tset.limits.maxListLength, "items") }
            try charge(l.count)
        default: break
        }
    }

    /// Runs `name` of `set` (tpl's clone) inside this execution: one work budget and depth for both.
    func renderNested(_ set: TemplateSet, name: String, data: Value) throws -> String {
        guard let t = set.lookup(name) else { throw NoTemplateError(name: name, owner: "gotpl") }
        return try renderNested(set, tree: t, data: data)
    }

    /// The same for a tree already parsed (tpl runs exactly the text it parsed).
    func renderNested(_ set: TemplateSet, tree: Tree, data: Value) throws -> String {
        if depth >= tset.limits.maxTemplateDepth { throw limit("maxTemplateDepth", tset.limits.maxTemplateDepth, "nested calls") }
        let child = Executor(set: set)
        child.userInfo = userInfo
        child.steps = steps
        child.regexBudget = regexBudget
        child.depth = depth + 1
        defer { steps = child.steps; userInfo = child.userInfo }
        return try child.render(tree: tree, data: data)
    }

    func render(name: String, data: Value) throws -> String {
        guard let t = tset.lookup(name) else { throw NoTemplateError(name: name, owner: "gotpl") }
        return try render(tree: t, data: data)
    }

    func render(tree t: Tree, data: Value) throws -> String {
        // include nests like {{template}}: the depth carries on (Go resets it; a chain of names could recurse deeply).
        if depth >= tset.limits.maxTemplateDepth { throw limit("maxTemplateDepth", tset.limits.maxTemplateDepth, "nested calls") }
        let saved = (out, tree, at, depth, varsBase, vars.count)
        defer {
            (out, tree, at, depth, varsBase) = (saved.0, saved.1, saved.2, saved.3, saved.4)
            vars.removeLast(vars.count - saved.5)
        }
        out = []
        out.reserveCapacity(256)
        varsBase = vars.count
        vars.append(("$", Slot(value: data, iface: false)))
        tree = t
        at = .none
        depth += 1
        _ = try walk(Slot(value: data, iface: false), t.root)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: errors

    func fail(_ msg: String) -> ExecError {
        let name = tree?.name ?? ""
        guard let t = tree, let p = at.pos else {
            return ExecError(location: nil, templateName: name, context: nil, cause: .message(msg))
        }
        return ExecError(location: t.source.location(at: p), templateName: name, context: at.description, cause: .message(msg))
    }

    func callFailure(_ fn: String, _ e: Error) -> ExecError {
        let name = tree?.name ?? ""
        guard let t = tree, let p = at.pos else {
            return ExecError(location: nil, templateName: name, context: nil, cause: .call(fn, e))
        }
        return ExecError(location: t.source.location(at: p), templateName: name, context: at.description, cause: .call(fn, e))
    }

    // MARK: walking

    func emit(_ s: String) throws {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
        if out.count > tset.limits.maxOutputBytes { throw limit("maxOutputBytes", tset.limits.maxOutputBytes, "bytes") }
    }

    func walk(_ dot: Slot, _ nodes: [Node]) throws -> Flow {
        for n in nodes {
            steps &+= 1
            if steps > tset.limits.maxSteps { try charge(0) }
            switch n {
            case .text(let s):
                try emit(s)
            case .action(let pipe):
                let v = try evalPipeline(dot, pipe)
                if pipe.decl.isEmpty {
                    if ValueBounds.exceeded(v) {
                        throw limit("maxValueDepth", ValueBounds.maxDepth, "levels, or over \(ValueBounds.maxNodes) nodes: a map containing itself?")
                    }
                    if case .null = v { try emit("<no value>") } else { try emit(GoFormat.v(v)) }
                }
            case .ifNode(let b):
                let mark = vars.count
                let v = try evalPipeline(dot, b.pipe)
                let flow: Flow
                if v.truth { flow = try walk(dot, b.list) }
                else if let e = b.elseList { flow = try walk(dot, e) }
                else { flow = .normal }
                vars.removeLast(vars.count - mark)
                if flow != .normal { return flow }
            case .withNode(let b):
                let mark = vars.count
                let v = try evalPipeline(dot, b.pipe)
                let flow: Flow
                if v.truth { flow = try walk(Slot(value: v, iface: false), b.list) }
                else if let e = b.elseList { flow = try walk(dot, e) }
                else { flow = .normal }
                vars.removeLast(vars.count - mark)
                if flow != .normal { return flow }
            case .rangeNode(let b):
                try walkRange(dot, b)
            case .template(let t):
                try walkTemplate(dot, t)
            case .breakNode:
                return .breakLoop
            case .continueNode:
                return .continueLoop
            }
        }
        return .normal
    }

    func walkTemplate(_ dot: Slot, _ t: TemplateCallNode) throws {
        at = .template(t)
        guard let target = tset.lookup(t.name) else { throw fail("template \(GoFormat.quote(t.name)) not defined") }
        if depth >= tset.limits.maxTemplateDepth { throw limit("maxTemplateDepth", tset.limits.maxTemplateDepth, "nested calls") }
        let newDot: Value = try t.pipe.map { try evalPipeline(dot, $0) } ?? .null
        let saved = (tree, depth, varsBase, vars.count)
        defer {
            (tree, depth, varsBase) = (saved.0, saved.1, saved.2)
            vars.removeLast(vars.count - saved.3)
        }
        varsBase = vars.count
        vars.append(("$", Slot(value: newDot, iface: false)))
        tree = target
        depth += 1
        _ = try walk(Slot(value: newDot, iface: false), target.root)
    }

    /// `range N`: 0..<N as both index and element; returns whether the body ran.
    func rangeOverInteger(_ n: Int64, variables: Int, wrap: (Int64) -> Value,
                          _ iterate: (Slot, Slot) throws -> Flow) throws -> Bool {
        if variables > 1 { throw fail("can't use \(n) to iterate over more than one variable") }
        guard n > 0 else { return false }
        for i in 0..<n {
            let s = Slot(value: wrap(i), iface: false)
            if try iterate(s, s) == .breakLoop { break }
        }
        return true
    }

    func walkRange(_ dot: Slot, _ r: BranchNode) throws {
        let mark = vars.count
        defer { vars.removeLast(vars.count - mark) }
        // Evaluate the pipeline without its declarations; they are set per iteration.
        var val: Value? = nil
        for cmd in r.pipe.cmds { val = unwrap(try evalCommand(dot, cmd, final: val)) }
        let value = val ?? .null
        let decl = r.pipe.decl
        if !r.pipe.isAssign { for d in decl { vars.append((d, .none)) } }
        let base = vars.count
        func iterate(_ index: Slot, _ elem: Slot) throws -> Flow {
            try charge(1)
            if !decl.isEmpty {
                if r.pipe.isAssign {
                    try setVar(decl[0], decl.count > 1 ? index : elem)
                    if decl.count > 1 { try setVar(decl[1], elem) }
                } else {
                    if decl.count > 1 { vars[base - 2].slot = index; vars[base - 1].slot = elem }
                    else { vars[base - 1].slot = elem }
                }
            }
            let flow = try walk(elem, r.list)
            vars.removeLast(vars.count - base)
            return flow
        }
        var ran = false
        switch value {
        case .list(let items):
            for (i, x) in items.enumerated() {
                ran = true
                if try iterate(Slot(value: .int(i), iface: false), Slot(value: x, iface: true)) == .breakLoop { break }
            }
        case .strings(let items):
            for (i, x) in items.enumerated() {
                ran = true
                if try iterate(Slot(value: .int(i), iface: false), Slot(value: .string(x), iface: false)) == .breakLoop { break }
            }
        case .bytes(let items):
            for (i, x) in items.enumerated() {
                ran = true
                if try iterate(Slot(value: .int(i), iface: false), Slot(value: .int(Int(x)), iface: false)) == .breakLoop { break }
            }
        case .map(let m):
            for k in m.sortedKeys {
                ran = true
                if try iterate(Slot(value: .string(k), iface: false), Slot(value: m.dict[k] ?? .null, iface: true)) == .breakLoop { break }
            }
        case .int(let n):
            ran = try rangeOverInteger(Int64(n), variables: decl.count, wrap: { .int(Int($0)) }, iterate)
        case .int64(let n):
            ran = try rangeOverInteger(n, variables: decl.count, wrap: { .int64($0) }, iterate)
        case .null:
            break
        default:
            throw fail("range can't iterate over \(GoFormat.v(value))")
        }
        if !ran, let e = r.elseList {
            _ = try walk(dot, e)
        }
    }

    // MARK: variables

    func varValue(_ name: String) throws -> Slot {
        for i in stride(from: vars.count - 1, through: varsBase, by: -1) where vars[i].name == name { return vars[i].slot }
        throw fail("undefined variable: \(name)")
    }

    func setVar(_ name: String, _ s: Slot) throws {
        for i in stride(from: vars.count - 1, through: varsBase, by: -1) where vars[i].name == name {
            vars[i].slot = s
            return
        }
        throw fail("undefined variable: \(name)")
    }

    // MARK: pipelines

    @inline(__always) func unwrap(_ s: Slot) -> Value { s.value }

    func evalPipeline(_ dot: Slot, _ pipe: PipeNode) throws -> Value {
        var value: Value? = nil
        for cmd in pipe.cmds {
            value = unwrap(try evalCommand(dot, cmd, final: value))
        }
        let v = value ?? .null
        for d in pipe.decl {
            let s = Slot(value: v, iface: false)
            if pipe.isAssign { try setVar(d, s) } else { vars.append((d, s)) }
        }
        return v
    }

    func notAFunction(_ args: ArraySlice<Arg>, _ final: Value?) throws {
        if args.count > 1 || final != nil {
            throw fail("can't give argument to non-function \(args[args.startIndex].description)")
        }
    }

    func evalCommand(_ dot: Slot, _ cmd: CommandNode, final: Value?) throws -> Slot {
        let first = cmd.args[0]
        switch first {
        case .field(_, let names):
            at = .arg(first)
            return try evalFieldChain(dot, dot, names[...], args: cmd.args[...], final: final)
        case .chain(_, let base, let fields):
            return try evalChain(dot, first, base, fields, args: cmd.args[...], final: final)
        case .identifier(_, let name, let id):
            return Slot(value: try evalFunction(dot, name, id: id, ident: first, cmd: cmd, args: cmd.args[...], final: final), iface: false)
        case .pipe(_, let p):
            try notAFunction(cmd.args[...], final)
            return Slot(value: try evalPipeline(dot, p), iface: false)
        case .variable(_, let names):
            return try evalVariable(dot, first, names, args: cmd.args[...], final: final)
        default:
            break
        }
        at = .arg(first)
        try notAFunction(cmd.args[...], final)
        switch first {
        case .bool(_, let b): return Slot(value: .bool(b), iface: false)
        case .dot: return dot
        case .nilLit: throw fail("nil is not a command")
        case .number(_, let n): return Slot(value: try idealConstant(n), iface: false)
        case .string(_, _, let s): return Slot(value: .string(s), iface: false)
        default: throw fail("can't evaluate command \(GoFormat.quote(first.description))")
        }
    }

    func idealConstant(_ n: NumberLit) throws -> Value {
        if case .float = n.asInterface { return n.asInterface }
        if !n.isInt { throw fail("\(n.text) overflows int") }
        return n.asInterface
    }

    func evalVariable(_ dot: Slot, _ node: Arg, _ names: [String], args: ArraySlice<Arg>, final: Value?) throws -> Slot {
        at = .arg(node)
        let v = try varValue(names[0])
        if names.count == 1 {
            try notAFunction(args, final)
            return v
        }
        return try evalFieldChain(dot, v, names[1...], args: args, final: final)
    }

    func evalChain(_ dot: Slot, _ node: Arg, _ base: Arg, _ fields: [String], args: ArraySlice<Arg>, final: Value?) throws -> Slot {
        at = .arg(node)
        if case .nilLit = base { throw fail("indirection through explicit nil in \(node.description)") }
        let pipe = try evalArgRaw(dot, base)
        at = .arg(node)
        return try evalFieldChain(dot, pipe, fields[...], args: args, final: final)
    }

    func evalFieldChain(_ dot: Slot, _ receiver: Slot, _ idents: ArraySlice<String>, args: ArraySlice<Arg>, final: Value?) throws -> Slot {
        var r = receiver
        let lastIndex = idents.endIndex - 1
        for i in idents.startIndex..<lastIndex {
            r = try evalField(dot, idents[i], args: [], final: nil, receiver: r)
        }
        return try evalField(dot, idents[lastIndex], args: args, final: final, receiver: r)
    }

    func evalField(_ dot: Slot, _ name: String, args: ArraySlice<Arg>, final: Value?, receiver: Slot) throws -> Slot {
        let hasArgs = args.count > 1 || final != nil
        switch receiver.value {
        case .null:
            if !receiver.iface { return .none }
            throw fail("nil pointer evaluating interface {}.\(name)")
        case .map(let m):
            if let method = m.methods?(name) {
                let fn = Function(method.params, variadic: method.variadic) { _, a in try method.call(a) }
                return Slot(value: try evalCall(dot, fn, name: name, callAt: at, args: args.dropFirst(), final: final), iface: false)
            }
            if hasArgs { throw fail("\(name) is not a method but has arguments") }
            return Slot(value: m.dict[name] ?? .null, iface: true)
        case .object(let o):
            if let method = o.method(name) {
                let fn = Function(method.params, variadic: method.variadic) { _, a in try method.call(a) }
                let cmdAt = at
                return Slot(value: try evalCall(dot, fn, name: name, callAt: cmdAt, args: args.dropFirst(), final: final), iface: false)
            }
            if let f = o.field(name) {
                if hasArgs { throw fail("\(name) has arguments but cannot be invoked as function") }
                return Slot(value: f, iface: false)
            }
            throw fail("can't evaluate field \(name) in type \(o.goTypeName)")
        case .strings(let l) where name == "Has":
            // Helm's VersionSet.Has.
            let fn = Function([.string]) { _, a in .bool(l.contains(Conv.strval(a[0]))) }
            return Slot(value: try evalCall(dot, fn, name: name, callAt: at, args: args.dropFirst(), final: final), iface: false)
        default:
            throw fail("can't evaluate field \(name) in type \(receiver.iface ? "interface {}" : receiver.value.goTypeName)")
        }
    }

    // MARK: calls

    func evalFunction(_ dot: Slot, _ name: String, id: Int, ident: Arg, cmd: CommandNode?, args: ArraySlice<Arg>, final: Value?) throws -> Value {
        at = .arg(ident)
        guard let fn = tset.function(id) else { throw fail("\(GoFormat.quote(name)) is not a defined function") }
        let rest = args.dropFirst()
        if name == "and" || name == "or" {
            if rest.isEmpty && final == nil { throw fail("wrong number of args for \(name): want at least 1 got 0") }
            var v: Value = .null
            for a in rest {
                v = try evalArgRaw(dot, a).value
                if v.truth == (name == "or") { return v }
            }
            if let f = final { v = f }
            return v
        }
        let callAt: AtNode = cmd.map { .command($0) } ?? .arg(ident)
        return try evalCall(dot, fn, name: name, callAt: callAt, args: rest, final: final)
    }

    func evalCall(_ dot: Slot, _ fn: Function, name: String, callAt: AtNode, args: ArraySlice<Arg>, final: Value?) throws -> Value {
        let numIn = args.count + (final == nil ? 0 : 1)
        if fn.variadic != nil {
            if numIn < fn.params.count {
                throw fail("wrong number of args for \(name): want at least \(fn.params.count) got \(args.count)")
            }
        } else if numIn != fn.params.count {
            throw fail("wrong number of args for \(name): want \(fn.params.count) got \(numIn)")
        }
        var argv: [Value] = []
        argv.reserveCapacity(numIn)
        for (i, a) in args.enumerated() {
            let t = i < fn.params.count ? fn.params[i] : (fn.variadic ?? .any)
            argv.append(try evalArg(dot, a, t))
        }
        if let f = final {
            let t: ParamType
            if let v = fn.variadic, numIn > fn.params.count { t = v } else { t = fn.params.last ?? .any }
            argv.append(try validate(Slot(value: f, iface: false), t))
        }
        do {
            let result = try fn.impl(self, argv)
            try checkResult(result)
            return result
        } catch var e as LimitError {
            if e.location == nil, let t = tree, let p = callAt.pos { e.location = t.source.location(at: p) }
            throw e
        } catch {
            at = callAt
            throw callFailure(name, error)
        }
    }

    /// evalArg with Go's reflect.Value parameter type: no conversion.
    func evalArgRaw(_ dot: Slot, _ a: Arg) throws -> Slot {
        at = .arg(a)
        switch a {
        case .dot: return dot
        case .nilLit: return .none
        case .field(_, let names): return try evalFieldChain(dot, dot, names[...], args: [], final: nil)
        case .variable(_, let names): return try evalVariable(dot, a, names, args: [], final: nil)
        case .pipe(_, let p): return Slot(value: try evalPipeline(dot, p), iface: false)
        case .identifier(_, let name, let id):
            return Slot(value: try evalFunction(dot, name, id: id, ident: a, cmd: nil, args: [], final: nil), iface: false)
        case .chain(_, let base, let fields): return try evalChain(dot, a, base, fields, args: [], final: nil)
        case .bool(_, let b): return Slot(value: .bool(b), iface: false)
        case .number(_, let n): return Slot(value: try idealConstant(n), iface: false)
        case .string(_, _, let s): return Slot(value: .string(s), iface: false)
        }
    }

    func evalArg(_ dot: Slot, _ a: Arg, _ type: ParamType) throws -> Value {
        at = .arg(a)
        switch a {
        case .dot, .field, .variable, .pipe, .identifier, .chain:
            let s = try evalArgRaw(dot, a)
            at = .arg(a)
            return try validate(s, type)
        case .nilLit:
            if type.canBeNil { return .null }
            throw fail("cannot assign nil to \(type.goName)")
        case .bool(_, let b):
            if type == .bool || type == .any { return .bool(b) }
        case .number(_, let n):
            switch type {
            case .any: return try idealConstant(n)
            case .int: if n.isInt { return .int(Int(n.intValue)) }; throw fail("expected integer; found \(n.text)")
            case .int64: if n.isInt { return .int64(n.intValue) }; throw fail("expected integer; found \(n.text)")
            case .float: if n.isFloat { return .float(n.floatValue) }; throw fail("expected float; found \(n.text)")
            default: break
            }
        case .string(_, _, let s):
            if type == .string || type == .any { return .string(s) }
        }
        switch type {
        case .bool: throw fail("expected bool; found \(a.description)")
        case .string: throw fail("expected string; found \(a.description)")
        case .int, .int64: throw fail("expected integer; found \(a.description)")
        case .float: throw fail("expected float; found \(a.description)")
        default: throw fail("can't handle \(a.description) for arg of type \(type.goName)")
        }
    }

    func validate(_ s: Slot, _ type: ParamType) throws -> Value {
        if case .null = s.value {
            if type == .any { return .null }
            if s.iface { throw fail("wrong type for value; expected \(type.goName); got interface {}") }
            if type.canBeNil { return .null }
            throw fail("invalid value; expected \(type.goName)")
        }
        if type.accepts(s.value) { return s.value }
        throw fail("wrong type for value; expected \(type.goName); got \(s.value.goTypeName)")
    }
}
