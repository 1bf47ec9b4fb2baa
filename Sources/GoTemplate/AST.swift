/// Parsed template tree, as Go's text/template/parse builds it.

/// The source a tree was parsed from, for line:column in errors.
public final class Source {
    /// The template name errors print.
    public let name: String
    /// The template text as UTF-8, which positions index.
    public let bytes: [UInt8]
    init(name: String, text: String) { self.name = name; self.bytes = Array(text.utf8) }

    func line(at pos: Int) -> Int {
        var n = 1
        for i in 0..<min(pos, bytes.count) where bytes[i] == 10 { n += 1 }
        return n
    }

    /// Go's ErrorContext location: "name:line:col" with a 0-based byte column.
    func location(at pos: Int) -> String {
        let p = min(pos, bytes.count)
        var lastNL = -1
        var line = 1
        for i in 0..<p where bytes[i] == 10 { line += 1; lastNL = i }
        let col = lastNL < 0 ? p : p - lastNL - 1
        return "\(name):\(line):\(col)"
    }
}

/// A number literal as the parser read it: its text and the int and float readings Go's parse.NumberNode keeps.
public struct NumberLit {
    var text: String
    var isInt: Bool
    var intValue: Int64
    var isFloat: Bool
    var floatValue: Double
    /// Go's idealConstant: a float only when written with . e or p (and not hex/char).
    var asInterface: Value
}

final class PipeNode {
    let pos: Int
    var isAssign = false
    var decl: [String] = []
    var cmds: [CommandNode] = []
    init(pos: Int) { self.pos = pos }

    var description: String {
        var s = ""
        if !decl.isEmpty {
            s = decl.joined(separator: ", ") + (isAssign ? " = " : " := ")
        }
        return s + cmds.map { $0.description }.joined(separator: " | ")
    }
}

final class CommandNode {
    let pos: Int
    var args: [Arg] = []
    init(pos: Int) { self.pos = pos }
    var description: String {
        args.map { a -> String in
            if case .pipe(_, let p) = a { return "(" + p.description + ")" }
            return a.description
        }.joined(separator: " ")
    }
}

indirect enum Arg {
    case field(pos: Int, names: [String])
    case variable(pos: Int, names: [String])
    /// A function name and its number in `FunctionNames`.
    case identifier(pos: Int, name: String, id: Int)
    case dot(pos: Int)
    case nilLit(pos: Int)
    case bool(pos: Int, Bool)
    case number(pos: Int, NumberLit)
    case string(pos: Int, quoted: String, value: String)
    case pipe(pos: Int, PipeNode)
    case chain(pos: Int, Arg, [String])

    var pos: Int {
        switch self {
        case .field(let p, _), .variable(let p, _), .identifier(let p, _, _), .dot(let p), .nilLit(let p),
             .bool(let p, _), .number(let p, _), .string(let p, _, _), .pipe(let p, _), .chain(let p, _, _):
            return p
        }
    }

    var description: String {
        switch self {
        case .field(_, let n): return n.map { "." + $0 }.joined()
        case .variable(_, let n): return n[0] + n.dropFirst().map { "." + $0 }.joined()
        case .identifier(_, let n, _): return n
        case .dot: return "."
        case .nilLit: return "nil"
        case .bool(_, let b): return b ? "true" : "false"
        case .number(_, let n): return n.text
        case .string(_, let q, _): return q
        case .pipe(_, let p): return p.description
        case .chain(_, let a, let f):
            let base: String
            if case .pipe = a { base = "(" + a.description + ")" } else { base = a.description }
            return base + f.map { "." + $0 }.joined()
        }
    }
}

final class BranchNode {
    let pos: Int
    let pipe: PipeNode
    var list: [Node]
    var elseList: [Node]?
    init(pos: Int, pipe: PipeNode, list: [Node], elseList: [Node]?) {
        self.pos = pos; self.pipe = pipe; self.list = list; self.elseList = elseList
    }
}

final class TemplateCallNode {
    let pos: Int
    let name: String
    let pipe: PipeNode?
    init(pos: Int, name: String, pipe: PipeNode?) { self.pos = pos; self.name = name; self.pipe = pipe }
    var description: String {
        "{{template " + GoFormat.quote(name) + (pipe.map { " " + $0.description } ?? "") + "}}"
    }
}

enum Node {
    case text(String)
    case action(PipeNode)
    case ifNode(BranchNode)
    case rangeNode(BranchNode)
    case withNode(BranchNode)
    case template(TemplateCallNode)
    case breakNode(pos: Int)
    case continueNode(pos: Int)
}

/// One named template: its body and the source it came from.
public final class Tree {
    /// The template's name (a file path or a `define` name).
    public let name: String
    let source: Source
    var root: [Node]
    /// Whether the body is only whitespace (Go lets such a define not replace another).
    var isEmpty: Bool {
        root.allSatisfy { n in
            if case .text(let t) = n { return t.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" } }
            return false
        }
    }
    init(name: String, source: Source, root: [Node]) { self.name = name; self.source = source; self.root = root }
}
