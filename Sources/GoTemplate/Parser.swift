/// A parse failure: Go prints it as "template: NAME:LINE: MSG".
public struct ParseError: Error, CustomStringConvertible {
    /// The name of the template being parsed.
    public let parseName: String
    /// 1-based line of the failure.
    public let line: Int
    /// Go's message after the location.
    public let message: String
    /// `template: NAME:LINE: MSG`.
    public var description: String { "template: \(parseName):\(line): \(message)" }
}

/// Go text/template's recursive-descent parser over the lexer's items.
struct Parser {
    let source: Source
    let items: [Item]
    /// The lexer's message for an `.error` item.
    let lexError: String
    let hasFunction: (String) -> Bool
    var i = 0
    var lastPos = 0
    var vars: [String] = ["$"]
    var rangeDepth = 0
    /// Where the action being parsed starts; its line is counted only for an error (counting per action is quadratic).
    var actionPos: Int? = nil
    var definitions: [Tree] = []

    init(source: Source, hasFunction: @escaping (String) -> Bool) {
        self.source = source
        let lexer = Lexer.lex(source.bytes)
        self.items = lexer.items
        self.lexError = lexer.errorMessage
        self.hasFunction = hasFunction
    }

    /// Parses a file: its main tree plus the templates it defines, in parse order.
    static func parse(name: String, text: String, hasFunction: @escaping (String) -> Bool) throws -> (Tree, [Tree]) {
        let src = Source(name: name, text: text)
        var p = Parser(source: src, hasFunction: hasFunction)
        let root = try p.parseTop()
        return (Tree(name: name, source: src, root: root), p.definitions)
    }

    // MARK: tokens

    /// The bytes an item spans, as text.
    func text(_ t: Item) -> String { text(t.pos, t.end) }
    func text(_ a: Int, _ b: Int) -> String { String(decoding: source.bytes[a..<b], as: UTF8.self) }
    /// A field's name: its text after the dot.
    func fieldName(_ t: Item) -> String { text(t.pos + 1, t.end) }
    /// The text Go keeps in an item: the message for an error.
    func val(_ t: Item) -> String { t.type == .error ? lexError : text(t) }

    /// Go's item.String(), used in "unexpected ..." errors.
    func describe(_ t: Item) -> String {
        let val = self.val(t)
        switch t.type {
        case .eof: return "EOF"
        case .error: return val
        case .kwIf, .kwElse, .kwEnd, .kwRange, .kwWith, .kwDefine, .kwTemplate, .kwBlock, .kwBreak, .kwContinue, .nilKw:
            return "<\(val)>"
        default:
            if val.unicodeScalars.count > 10 {
                return GoFormat.quote(String(String.UnicodeScalarView(val.unicodeScalars.prefix(10)))) + "..."
            }
            return GoFormat.quote(val)
        }
    }

    func lineOf(_ pos: Int) -> Int { source.line(at: pos) }

    func fail(_ msg: String) -> ParseError {
        ParseError(parseName: source.name, line: lineOf(lastPos), message: msg)
    }

    mutating func next() -> Item {
        let it = items[min(i, items.count - 1)]
        if i < items.count { i += 1 }
        lastPos = it.pos
        return it
    }
    func peek() -> Item { items[min(i, items.count - 1)] }
    mutating func backup() { i -= 1 }
    mutating func nextNonSpace() -> Item {
        var t = next()
        while t.type == .space { t = next() }
        return t
    }
    mutating func peekNonSpace() -> Item {
        let t = nextNonSpace()
        backup()
        return t
    }

    mutating func unexpected(_ t: Item, _ context: String) -> ParseError {
        if t.type == .error {
            var extra = ""
            let tl = lineOf(t.pos)
            let actionLine = actionPos.map(lineOf) ?? 0
            if actionLine != 0 && actionLine != tl {
                extra = " in action started at \(source.name):\(actionLine)"
                if lexError.hasSuffix(" action") { extra = String(extra.dropFirst(" in action".count)) }
            }
            lastPos = t.pos
            return fail(lexError + extra)
        }
        return fail("unexpected \(describe(t)) in \(context)")
    }

    mutating func expect(_ type: ItemType, _ context: String) throws -> Item {
        let t = nextNonSpace()
        if t.type != type { throw unexpected(t, context) }
        return t
    }

    // MARK: structure

    enum Stop { case end(Int), elseAt(Int) }

    mutating func parseTop() throws -> [Node] {
        var root: [Node] = []
        while peek().type != .eof {
            if peek().type == .leftDelim {
                let save = i
                _ = next()
                if nextNonSpace().type == .kwDefine {
                    try parseDefinition()
                    continue
                }
                i = save
            }
            switch try textOrAction() {
            case .node(let n): root.append(n)
            case .stop(.end): throw fail("unexpected {{end}}")
            case .stop(.elseAt): throw fail("unexpected {{else}}")
            }
        }
        if peek().type == .eof { lastPos = peek().pos }
        return root
    }

    mutating func parseDefinition() throws {
        let context = "define clause"
        let nameTok = nextNonSpace()
        guard nameTok.type == .string || nameTok.type == .rawString else { throw unexpected(nameTok, context) }
        let name = try unquote(nameTok)
        _ = try expect(.rightDelim, context)
        try parseDefinedBody(name: name, context: context)
    }

    /// The body of a `define` or `block` up to its `end`, with a fresh variable scope.
    mutating func parseDefinedBody(name: String, context: String) throws {
        let savedVars = vars
        vars = ["$"]
        let (list, stop) = try itemList()
        vars = savedVars
        guard case .end = stop else { throw fail("unexpected {{else}} in \(context)") }
        definitions.append(Tree(name: name, source: source, root: list))
    }

    enum NodeOrStop { case node(Node), stop(Stop) }

    mutating func itemList() throws -> ([Node], Stop) {
        var list: [Node] = []
        while peekNonSpace().type != .eof {
            switch try textOrAction() {
            case .node(let n): list.append(n)
            case .stop(let s): return (list, s)
            }
        }
        _ = nextNonSpace()
        throw fail("unexpected EOF")
    }

    mutating func textOrAction() throws -> NodeOrStop {
        let t = nextNonSpace()
        switch t.type {
        case .text: return .node(.text(text(t)))
        case .leftDelim:
            actionPos = t.pos
            defer { actionPos = nil }
            return try action()
        default: throw unexpected(t, "input")
        }
    }

    mutating func action() throws -> NodeOrStop {
        let t = nextNonSpace()
        switch t.type {
        case .kwBlock: return .node(try blockControl())
        case .kwBreak, .kwContinue:
            let word = text(t)
            let r = nextNonSpace()
            if r.type != .rightDelim { throw unexpected(r, "{{\(word)}}") }
            if rangeDepth == 0 { throw fail("{{\(word)}} outside {{range}}") }
            return .node(t.type == .kwBreak ? .breakNode(pos: t.pos) : .continueNode(pos: t.pos))
        case .kwElse:
            let p = peekNonSpace()
            if p.type == .kwIf || p.type == .kwWith { return .stop(.elseAt(p.pos)) }
            let r = try expect(.rightDelim, "else")
            return .stop(.elseAt(r.pos))
        case .kwEnd:
            let r = try expect(.rightDelim, "end")
            return .stop(.end(r.pos))
        case .kwIf: return .node(.ifNode(try parseControl("if")))
        case .kwRange: return .node(.rangeNode(try parseControl("range")))
        case .kwWith: return .node(.withNode(try parseControl("with")))
        case .kwTemplate:
            let context = "template clause"
            let nameTok = nextNonSpace()
            guard nameTok.type == .string || nameTok.type == .rawString else { throw unexpected(nameTok, context) }
            let name = try unquote(nameTok)
            var pipe: PipeNode? = nil
            if nextNonSpace().type != .rightDelim {
                backup()
                pipe = try pipeline(context, end: .rightDelim)
            }
            return .node(.template(TemplateCallNode(pos: nameTok.pos, name: name, pipe: pipe)))
        default:
            backup()
            return .node(.action(try pipeline("command", end: .rightDelim)))
        }
    }

    mutating func blockControl() throws -> Node {
        let context = "block clause"
        let nameTok = nextNonSpace()
        guard nameTok.type == .string || nameTok.type == .rawString else { throw unexpected(nameTok, context) }
        let name = try unquote(nameTok)
        let pipe = try pipeline(context, end: .rightDelim)
        try parseDefinedBody(name: name, context: context)
        return .template(TemplateCallNode(pos: nameTok.pos, name: name, pipe: pipe))
    }

    mutating func parseControl(_ context: String) throws -> BranchNode {
        let savedVarCount = vars.count
        defer { vars.removeLast(vars.count - savedVarCount) }
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { rangeDepth += 1 }
        let (list, stop) = try itemList()
        if context == "range" { rangeDepth -= 1 }
        var elseList: [Node]? = nil
        if case .elseAt = stop {
            if context == "if" && peek().type == .kwIf {
                _ = next()
                elseList = [.ifNode(try parseControl("if"))]
            } else if context == "with" && peek().type == .kwWith {
                _ = next()
                elseList = [.withNode(try parseControl("with"))]
            } else {
                let (el, stop2) = try itemList()
                guard case .end = stop2 else { throw fail("expected end; found {{else}}") }
                elseList = el
            }
        }
        return BranchNode(pos: pipe.pos, pipe: pipe, list: list, elseList: elseList)
    }

    // MARK: pipelines

    mutating func pipeline(_ context: String, end: ItemType) throws -> PipeNode {
        let pipe = PipeNode(pos: peekNonSpace().pos)
        decls: while peekNonSpace().type == .variable {
            let save = i
            let v = nextNonSpace()
            let nxt = peekNonSpace()
            if nxt.type == .assign || nxt.type == .declare {
                pipe.isAssign = nxt.type == .assign
                _ = nextNonSpace()
                let name = text(v)
                pipe.decl.append(name)
                vars.append(name)
                break decls
            } else if nxt.type == .comma {
                _ = nextNonSpace()
                let name = text(v)
                pipe.decl.append(name)
                vars.append(name)
                if context == "range" && pipe.decl.count < 2 {
                    switch peekNonSpace().type {
                    case .variable, .rightDelim, .rightParen: continue decls
                    default: throw fail("range can only initialize variables")
                    }
                }
                throw fail("too many declarations in \(context)")
            } else {
                i = save
                break decls
            }
        }
        // Built in a local array, stored once: appending to the node's own array checks access each time.
        var cmds: [CommandNode] = []
        cmds.reserveCapacity(2)
        while true {
            let t = nextNonSpace()
            switch t.type {
            case end:
                if cmds.isEmpty { throw fail("missing value for \(context)") }
                pipe.cmds = cmds
                for (k, c) in cmds.dropFirst().enumerated() {
                    switch c.args.first {
                    case .bool?, .dot?, .nilLit?, .number?, .string?:
                        throw fail("non executable command in pipeline stage \(k + 2)")
                    default: break
                    }
                }
                return pipe
            case .bool, .char, .dot, .field, .identifier, .number, .nilKw, .rawString, .string, .variable, .leftParen:
                backup()
                cmds.append(try command())
            default:
                throw unexpected(t, context)
            }
        }
    }

    mutating func command() throws -> CommandNode {
        let cmd = CommandNode(pos: peekNonSpace().pos)
        var args: [Arg] = []
        args.reserveCapacity(4)
        while true {
            _ = peekNonSpace()
            if let op = try operand() { args.append(op) }
            let t = next()
            switch t.type {
            case .space: continue
            case .rightDelim, .rightParen: backup()
            case .pipe: break
            default: throw unexpected(t, "operand")
            }
            break
        }
        if args.isEmpty { throw fail("empty command") }
        cmd.args = args
        return cmd
    }

    mutating func operand() throws -> Arg? {
        guard var node = try term() else { return nil }
        // A field or variable term has taken the fields after it already.
        if peek().type == .field {
            let chainPos = peek().pos
            switch node {
            case .bool, .string, .number, .nilLit, .dot:
                throw fail("unexpected . after term \(GoFormat.quote(node.description))")
            default:
                node = .chain(pos: chainPos, node, takeFields())
            }
        }
        return node
    }

    /// `first` (if any) and the names of the field items that follow, in one array of the right size.
    mutating func takeFields(after first: String? = nil) -> [String] {
        var n = 0
        while i + n < items.count && items[i + n].type == .field { n += 1 }
        var names: [String] = []
        names.reserveCapacity(n + (first == nil ? 0 : 1))
        if let first { names.append(first) }
        for _ in 0..<n {
            let t = next()
            names.append(fieldName(t))
        }
        return names
    }

    /// A field or variable term with the fields chained to it; Go places such a chain at its
    /// first chained field.
    mutating func chained(_ first: String, at pos: Int) -> (pos: Int, names: [String]) {
        let chainPos = peek().type == .field ? peek().pos : pos
        return (chainPos, takeFields(after: first))
    }

    mutating func term() throws -> Arg? {
        let t = nextNonSpace()
        switch t.type {
        case .identifier:
            let name = text(t)
            if !hasFunction(name) { throw fail("function \(GoFormat.quote(name)) not defined") }
            return .identifier(pos: t.pos, name: name, id: FunctionNames.id(name))
        case .dot: return .dot(pos: t.pos)
        case .nilKw: return .nilLit(pos: t.pos)
        case .variable:
            let name = text(t)
            if !vars.contains(name) { throw fail("undefined variable \(GoFormat.quote(name))") }
            let (pos, names) = chained(name, at: t.pos)
            return .variable(pos: pos, names: names)
        case .field:
            let (pos, names) = chained(fieldName(t), at: t.pos)
            return .field(pos: pos, names: names)
        case .bool: return .bool(pos: t.pos, t.end - t.pos == 4)
        case .char, .number: return .number(pos: t.pos, try number(t))
        case .leftParen:
            let p = try pipeline("parenthesized pipeline", end: .rightParen)
            return .pipe(pos: p.pos, p)
        case .string, .rawString:
            return .string(pos: t.pos, quoted: text(t), value: try unquote(t))
        default:
            backup()
            return nil
        }
    }

    // MARK: literals

    mutating func unquote(_ t: Item) throws -> String {
        // The common literal is read from the source's bytes, without a string of its quoted text.
        if let plain = source.bytes.withUnsafeBufferPointer({ GoLiteral.plainUnquote(UnsafeBufferPointer(rebasing: $0[t.pos..<t.end])) }) {
            return plain
        }
        guard let s = GoLiteral.unquote(text(t)) else { throw fail("invalid syntax") }
        return s
    }

    mutating func number(_ t: Item) throws -> NumberLit {
        let val = text(t)
        let parsed: NumberLit?
        do { parsed = try GoLiteral.number(val) } catch { throw fail("integer overflow: \(GoFormat.quote(val))") }
        guard let n = parsed else { throw fail("illegal number syntax: \(GoFormat.quote(val))") }
        return n
    }
}
