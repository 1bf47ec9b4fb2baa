import CLibYAML

/// A YAML syntax or structure error with its position.
public struct YAMLError: Error, CustomStringConvertible, Sendable {
    /// The file name given to the parser, as messages print it.
    public var file: String
    /// Where the error is.
    public var mark: SourceMark
    /// The whole message, as printed after the position.
    public var message: String
    /// For syntax errors, libyaml's own parts of the message.
    public var context: String?
    /// libyaml's description of the problem itself.
    public var problem: String?
    /// Whether libyaml's scanner (not its parser) found it: goyaml counts those lines differently.
    public var isScannerError = false
    /// Whether it is a nested key of another type than string (see `nestedKeysMustBeStrings`).
    public var isNonStringKey = false
    /// An error at `mark` of `file`.
    public init(file: String, mark: SourceMark, message: String, context: String? = nil, problem: String? = nil) {
        self.file = file; self.mark = mark; self.message = message; self.context = context; self.problem = problem
    }
    /// `file:line:col: message`, or `file: message` without a position.
    public var description: String {
        mark.line > 0 ? "\(file):\(mark.line):\(mark.column): \(message)" : "\(file): \(message)"
    }
}

/// Limits that keep hostile input (alias bombs, deep nesting) cheap to reject.
public struct YAMLLimits: Sendable {
    /// Deepest nesting of mappings and sequences. Default 512.
    public var maxDepth = 512
    /// Nodes in one file, aliases counted as the copies they expand to. Default 2 million
    /// (an alias bomb stops near 200 MB; the largest real CRD bundles have a few hundred thousand).
    public var maxNodes = 2_000_000
    /// The defaults above.
    public init() {}
}

/// Parses YAML (and JSON, a subset) into `YAMLNode` trees using libyaml's event API.
public enum YAMLParser {
    /// Parses every document of a stream. Empty documents come back as null scalars.
    public static func parseDocuments(_ text: String, file: String, schema: YAMLSchema = .kyaml,
                                      limits: YAMLLimits = YAMLLimits(), nestedKeysMustBeStrings: Bool = false) throws -> [YAMLNode] {
        var bytes = Array(text.utf8)
        return try parseDocuments(bytes: &bytes, file: file, schema: schema, limits: limits, nestedKeysMustBeStrings: nestedKeysMustBeStrings)
    }

    /// The same over UTF-8 bytes (inout only so that the buffer is not copied).
    /// `nestedKeysMustBeStrings`: refuse a key below a document's top level that reads as another
    /// type (`1:`, `true:`, a date), as kustomize's JSON hop does for a resource: yaml.v3 gives such
    /// a map interface keys, which Go's JSON encoder cannot write (top-level keys become strings).
    public static func parseDocuments(bytes: inout [UInt8], file: String, schema: YAMLSchema = .kyaml,
                                      limits: YAMLLimits = YAMLLimits(), nestedKeysMustBeStrings: Bool = false) throws -> [YAMLNode] {
        var builder = TreeBuilder(file: file, schema: schema, limits: limits)
        builder.nestedKeysMustBeStrings = nestedKeysMustBeStrings
        try bytes.withUnsafeBufferPointer { buf in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw YAMLError(file: file, mark: .unknown, message: "cannot initialise the YAML parser")
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buf.baseAddress, buf.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw builder.syntaxError(parser)
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                try builder.handle(&event, source: buf)
            }
        }
        return builder.documents
    }
}

private struct TreeBuilder {
    let file: String
    let schema: YAMLSchema
    let limits: YAMLLimits
    var documents: [YAMLNode] = []
    var stack: [YAMLNode] = []
    /// State of each mapping being built, innermost last.
    var openMappings: [OpenMapping] = []

    struct OpenMapping {
        /// A key read whose value has not come yet.
        var pendingKey: String?
        /// Keys that came from `<<` merges; a key written explicitly replaces them.
        var merged: Set<String> = []
        /// Key positions, kept once a mapping grows past a few keys so duplicate checks stay O(1).
        var index: [String: Int]?
    }
    var anchors: [String: YAMLNode] = [:]
    var nodeCount = 0
    var root: YAMLNode?
    var nestedKeysMustBeStrings = false
    /// The stack depth of the outermost open flow collection (`{…}`, `[…]`), nil in block context.
    var flowStartDepth: Int?

    init(file: String, schema: YAMLSchema, limits: YAMLLimits) {
        self.file = file; self.schema = schema; self.limits = limits
    }

    func mark(_ m: yaml_mark_t) -> SourceMark { SourceMark(line: Int(m.line) + 1, column: Int(m.column) + 1) }

    func syntaxError(_ parser: yaml_parser_t) -> YAMLError {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\($0): \(problem)" } ?? problem
        let m = parser.problem_mark
        var e = YAMLError(file: file, mark: SourceMark(line: Int(m.line) + 1, column: Int(m.column) + 1),
                          message: message, context: context, problem: problem)
        e.isScannerError = parser.error == YAML_SCANNER_ERROR
        return e
    }

    mutating func handle(_ event: inout yaml_event_t, source: UnsafeBufferPointer<UInt8>) throws {
        let at = mark(event.start_mark)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            root = nil
            anchors.removeAll(keepingCapacity: true)
        case YAML_DOCUMENT_END_EVENT:
            documents.append(root ?? YAMLNode.null())
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            var text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
            if s.style == YAML_FOLDED_SCALAR_STYLE && schema == .kyaml {
                let start = Int(event.start_mark.index), end = min(Int(event.end_mark.index), source.count)
                if start < end { text = FoldedScalar.kyamlValue(raw: ArraySlice(source[start..<end]), libyamlValue: text) }
            }
            let scalar = try resolvedScalar(text, style: s.style, tag: s.tag.map { String(cString: $0) }, at: at)
            if s.anchor == nil, let parent = stack.last, parent.kind == .mapping,
               openMappings[openMappings.count - 1].pendingKey == nil {
                // A mapping key: only its string is kept, so no node is made for it.
                try count(at: at)
                if nestedKeysMustBeStrings && stack.count > 1 {
                    try requireStringKey(text, tag: scalar.tag, plainUntagged: s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nil, at: at)
                }
                openMappings[openMappings.count - 1].pendingKey = keyString(tag: scalar.tag, text: scalar.text)
                return
            }
            let node = YAMLNode(kind: .scalar, text: scalar.text, tag: scalar.tag, style: scalar.style, mark: at)
            try add(node, anchor: s.anchor, at: at)
        case YAML_SEQUENCE_START_EVENT:
            if flowStartDepth == nil && event.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE { flowStartDepth = stack.count }
            let node = YAMLNode(kind: .sequence, mark: at)
            try add(node, anchor: event.data.sequence_start.anchor, at: at)
            try push(node, at: at)
        case YAML_MAPPING_START_EVENT:
            if flowStartDepth == nil && event.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE { flowStartDepth = stack.count }
            let node = YAMLNode(kind: .mapping, mark: at)
            try add(node, anchor: event.data.mapping_start.anchor, at: at)
            try push(node, at: at)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            if let top = stack.popLast(), top.kind == .mapping {
                openMappings.removeLast()
            }
            if let depth = flowStartDepth, stack.count <= depth { flowStartDepth = nil }
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw YAMLError(file: file, mark: at, message: "unknown anchor '\(name)' referenced")
            }
            // An alias inside its own anchor's value would expand forever (kubectl overflows its stack).
            if stack.contains(where: { $0 === target }) {
                throw YAMLError(file: file, mark: at, message: "anchor '\(name)' is used inside its own value")
            }
            // Aliases are expanded (as kustomize's JSON round trip does); count the copy against the budget.
            nodeCount += countNodes(target, limit: limits.maxNodes - nodeCount)
            if nodeCount >= limits.maxNodes {
                throw YAMLError(file: file, mark: at, message: "document too large after alias expansion (more than \(limits.maxNodes) nodes)")
            }
            try attach(target.deepCopy(), at: at)
        default:
            break
        }
    }

    func countNodes(_ n: YAMLNode, limit: Int) -> Int {
        var count = 1
        var work = [n]
        while let x = work.popLast() {
            if count > limit { return count }
            switch x.kind {
            case .scalar: break
            case .mapping: count += x.entries.count; work.append(contentsOf: x.entries.map(\.value))
            case .sequence: count += x.items.count; work.append(contentsOf: x.items)
            }
        }
        return count
    }

    mutating func push(_ node: YAMLNode, at: SourceMark) throws {
        guard stack.count < limits.maxDepth else {
            throw YAMLError(file: file, mark: at, message: "nesting deeper than \(limits.maxDepth) levels")
        }
        stack.append(node)
        if node.kind == .mapping { openMappings.append(OpenMapping()) }
    }

    mutating func add(_ node: YAMLNode, anchor: UnsafeMutablePointer<yaml_char_t>?, at: SourceMark) throws {
        try count(at: at)
        if let anchor { anchors[String(cString: anchor)] = node }
        try attach(node, at: at)
    }

    mutating func count(at: SourceMark) throws {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw YAMLError(file: file, mark: at, message: "document has more than \(limits.maxNodes) nodes")
        }
    }

    mutating func attach(_ node: YAMLNode, at: SourceMark) throws {
        guard let parent = stack.last else {
            root = node
            return
        }
        if parent.kind == .sequence {
            parent.items.append(node)
            return
        }
        // Mapping: alternate key and value.
        let top = openMappings.count - 1
        if let key = openMappings[top].pendingKey {
            openMappings[top].pendingKey = nil
            if key == "<<" && mergeKey(into: parent, node) { return }
            if let i = position(of: key, in: parent) {
                if schema == .yaml11 || openMappings[top].merged.remove(key) != nil {
                    parent.entries[i].value = node
                    return
                }
                throw YAMLError(file: file, mark: parent.entries[i].value.mark == .unknown ? at : node.mark,
                                message: "mapping key \"\(key)\" already defined at line \(parent.entries[i].value.mark.line)")
            }
            append(YAMLNode.Entry(key: key, value: node), to: parent)
        } else {
            guard node.kind == .scalar else {
                throw YAMLError(file: file, mark: at, message: "a mapping key must be a scalar")
            }
            openMappings[top].pendingKey = keyString(tag: node.tag, text: node.text)
        }
    }

    /// Where `key` sits in the innermost open mapping (`parent`).
    mutating func position(of key: String, in parent: YAMLNode) -> Int? {
        let top = openMappings.count - 1
        if let index = openMappings[top].index { return index[key] }
        if parent.entries.count < 16 { return parent.entries.firstIndex { $0.key == key } }
        var index: [String: Int] = [:]
        for (i, e) in parent.entries.enumerated() { index[e.key] = i }
        openMappings[top].index = index
        return index[key]
    }

    mutating func append(_ entry: YAMLNode.Entry, to parent: YAMLNode) {
        let top = openMappings.count - 1
        openMappings[top].index?[entry.key] = parent.entries.count
        parent.entries.append(entry)
    }

    /// `<<: *alias` merges the aliased mapping's keys into the one being built.
    mutating func mergeKey(into parent: YAMLNode, _ value: YAMLNode) -> Bool {
        let sources: [YAMLNode]
        switch value.kind {
        case .mapping: sources = [value]
        case .sequence where value.items.allSatisfy({ $0.kind == .mapping }): sources = value.items
        default: return false
        }
        for src in sources {
            for e in src.entries {
                if let i = position(of: e.key, in: parent) {
                    // goyaml.v2 applies a merge in place, over keys written before it; yaml.v3 keeps them.
                    if schema == .yaml11 { parent.entries[i].value = e.value }
                    continue
                }
                append(e, to: parent)
                openMappings[openMappings.count - 1].merged.insert(e.key)
            }
        }
        return true
    }

    func requireStringKey(_ text: String, tag: ScalarTag, plainUntagged: Bool, at: SourceMark) throws {
        let type = tag != .string ? "!!\(tag.yamlName)" : plainUntagged && Resolver.timestamp(text) != nil ? "!!timestamp" : nil
        guard let type else { return }
        var error = YAMLError(file: file, mark: at, message: "mapping key '\(text)' reads as \(type), not a string: kustomize cannot write a nested map with such keys (quote it)")
        error.isNonStringKey = true
        throw error
    }

    /// Keys become strings as they do on kustomize's JSON hop.
    func keyString(tag: ScalarTag, text: String) -> String {
        switch tag {
        case .int: return Resolver.parseGoInteger(text.removingUnderscores) ?? text
        case .bool: return schema == .yaml11 ? String(Resolver.yaml11BoolValue(text)) : text.lowercased()
        case .null: return "null"
        default: return text
        }
    }

    /// A scalar's tag, style and text (a kyaml timestamp is rewritten as Go prints it).
    func resolvedScalar(_ text: String, style yamlStyle: yaml_scalar_style_t, tag: String?, at: SourceMark) throws
        -> (tag: ScalarTag, style: ScalarStyle, text: String) {
        let style: ScalarStyle
        switch yamlStyle {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        if let tag, tag != "!" {
            switch tag {
            case "tag:yaml.org,2002:str": return (.string, style, text)
            case "tag:yaml.org,2002:int": return (Resolver.isGoInteger(text) ? .int : .string, style, text)
            case "tag:yaml.org,2002:float": return (Resolver.parseGoFloat(text) != nil ? .float : .string, style, text)
            case "tag:yaml.org,2002:bool": return (.bool, style, text)
            case "tag:yaml.org,2002:null": return (.null, style, text)
            default: return (style == .plain ? Resolver.resolve(text, schema: schema) : .string, style, text)
            }
        }
        guard style == .plain else { return (.string, style, text) }
        let resolved = Resolver.resolve(text, schema: schema)
        // kustomize keeps a time with a time of day inside a flow collection as written (checked
        // with kubectl); a date alone converts there too.
        if resolved == .string && schema == .kyaml, let time = Resolver.timestamp(text), flowStartDepth == nil || !time.hasTimeOfDay {
            guard let printed = time.rfc3339 else {
                throw YAMLError(file: file, mark: at, message: "timestamp '\(text)' has a zone offset of 24 hours or more, which Go's JSON encoder refuses")
            }
            return (.string, style, printed)
        }
        return (resolved, style, text)
    }
}
