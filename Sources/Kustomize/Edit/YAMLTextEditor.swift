import SwkYAML

/// Edits a YAML document by splicing its text: every change replaces only the bytes of the
/// entry it touches, so comments, key order, quoting and indentation elsewhere stay as written.
/// Each operation re-reads the text, so positions are never stale.
public struct YAMLTextEditor {
    /// One step of a path into the document: a mapping key or a sequence index.
    public enum Step: Equatable, Sendable { case key(String), index(Int) }

    /// The document's current bytes.
    public private(set) var bytes: [UInt8]
    /// The file name errors carry.
    public let file: String

    /// An editor over `text`.
    public init(text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    /// The current text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The document's root node with byte positions; nil for an empty document.
    public func root() throws -> YAMLSpan? {
        do { return try YAMLSpanParser.parse(bytes, file: file) } catch let e as YAMLError { throw KustomizeError(e) }
    }

    /// The node at `path`, if there is one.
    public func node(at path: [Step]) throws -> YAMLSpan? {
        try locate(path, in: root())
    }

    func locate(_ path: [Step], in root: YAMLSpan?) -> YAMLSpan? {
        var node = root
        for step in path {
            switch step {
            case .key(let k): node = node?.entry(k)?.value
            case .index(let i): node = node.flatMap { $0.kind == .sequence && i >= 0 && i < $0.items.count ? $0.items[i] : nil }
            }
        }
        return node
    }

    // MARK: operations

    /// Sets the value at `path` (a mapping key or a sequence index), creating missing parent mappings.
    public mutating func set(_ path: [Step], _ value: YAMLNode) throws {
        guard let last = path.last else { throw fail("cannot replace the whole document") }
        let parentPath = Array(path.dropLast())
        let root = try self.root()
        if parentPath.isEmpty && (root == nil || root?.isNull == true), case .key(let k) = last {
            return appendAtEnd(YAMLTextRender.entry(k, value, indent: 0))
        }
        guard let parent = locate(parentPath, in: root), !parent.isNull else {
            guard case .key(let k) = last else { throw fail("no list at the edited path") }
            return try set(parentPath, .mapping([YAMLNode.Entry(key: k, value: value)]))
        }
        switch last {
        case .key(let k):
            guard parent.kind == .mapping else {
                throw fail(parent.kind == .alias ? Self.aliasMessage : "expected a map where '\(k)' goes", at: parent)
            }
            if let (key, old, _) = parent.entry(k) { replaceValue(parent, key: key, old: old, with: value) }
            else { insertEntry(parent, key: k, value: value) }
        case .index(let i):
            guard parent.kind == .sequence, i >= 0, i < parent.items.count else { throw fail("no list item \(i)", at: parent) }
            replaceItem(parent.items[i], flow: parent.flow, with: value)
        }
    }

    /// Appends an item to the sequence at `path`, creating the sequence when it is missing or null.
    public mutating func append(_ path: [Step], _ value: YAMLNode) throws {
        guard let seq = try node(at: path), !seq.isNull else { return try set(path, .sequence([value])) }
        guard seq.kind == .sequence else { throw fail(seq.kind == .alias ? Self.aliasMessage : "expected a list", at: seq) }
        if seq.flow {
            if let last = seq.items.last { splice(last.end, last.end, ", " + YAMLTextRender.flow(value)) }
            else { splice(seq.start + 1, seq.end - 1, YAMLTextRender.flow(value)) }
            return
        }
        let dash = dashOffset(seq.items[0])
        let indent = dash - lineStart(dash)
        let at = lineEnd(seq.end - 1)
        insertLines(YAMLTextRender.indentLines(YAMLTextRender.block(.sequence([value]), indent: 0), by: indent, first: true), at: at)
    }

    /// Removes a mapping entry or sequence item; a collection left empty goes with its key, as
    /// kustomize's `omitempty` fields do. Returns false when nothing is at `path`.
    @discardableResult
    public mutating func remove(_ path: [Step]) throws -> Bool {
        guard let last = path.last else { return false }
        let parentPath = Array(path.dropLast())
        let root = try self.root()
        guard let parent = locate(parentPath, in: root), locate(path, in: root) != nil else { return false }
        let count = parent.kind == .mapping ? parent.keys.count : parent.items.count
        if count == 1 && !parentPath.isEmpty { return try remove(parentPath) }
        let index: Int
        switch last {
        case .key(let k): index = parent.entry(k)?.index ?? 0
        case .index(let i): index = i
        }
        let starts = parent.kind == .mapping ? parent.keys.map(\.start) : parent.items.map(\.start)
        let ends = parent.kind == .mapping ? parent.values.map(\.end) : parent.items.map(\.end)
        if parent.flow {
            if index + 1 < count { splice(starts[index], starts[index + 1], "") }
            else if index > 0 { splice(ends[index - 1], ends[index], "") }
            else { splice(starts[index], ends[index], "") }
            return true
        }
        let first = parent.kind == .mapping ? starts[index] : dashOffset(parent.items[index])
        let end = lineEnd(max(ends[index], first + 1) - 1)
        if isFirstOnLine(first) {
            splice(lineStart(first), end, "")
        } else if index + 1 < count {
            // `- name: a` losing `name`: the next entry moves up behind the dash.
            let next = parent.kind == .mapping ? starts[index + 1] : dashOffset(parent.items[index + 1])
            splice(first, next, "")
        } else {
            throw fail("cannot remove this entry without rewriting its line", at: parent)
        }
        return true
    }

    /// Puts the items of the sequence at `path` in the given order (indices into the current items);
    /// each item keeps its text and the comments written above it.
    public mutating func reorder(_ path: [Step], _ order: [Int]) throws {
        guard let seq = try node(at: path), seq.kind == .sequence, order.count == seq.items.count,
              order != Array(0..<order.count) else { return }
        let items = seq.items
        if seq.flow {
            let texts = items.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
            return splice(seq.start, seq.end, "[" + order.map { texts[$0] }.joined(separator: ", ") + "]")
        }
        var chunks: [[UInt8]] = []
        for (i, item) in items.enumerated() {
            let from = i == 0 ? commentsAbove(lineStart(dashOffset(item))) : lineEnd(items[i - 1].end - 1)
            var chunk = Array(bytes[from..<lineEnd(item.end - 1)])
            if chunk.last != UInt8(ascii: "\n") { chunk.append(UInt8(ascii: "\n")) }
            chunks.append(chunk)
        }
        let from = commentsAbove(lineStart(dashOffset(items[0]))), to = lineEnd(items[items.count - 1].end - 1)
        var joined = order.flatMap { chunks[$0] }
        if to == bytes.count && bytes.last != UInt8(ascii: "\n") { joined.removeLast() }
        bytes.replaceSubrange(from..<to, with: joined)
    }

    // MARK: splicing

    mutating func replaceValue(_ parent: YAMLSpan, key: YAMLSpan, old: YAMLSpan, with value: YAMLNode) {
        if parent.flow {
            return splice(old.start, old.end, (old.start == old.end ? " " : "") + YAMLTextRender.flow(value))
        }
        if old.kind == .scalar || old.kind == .alias, let inline = YAMLTextRender.inlineScalar(value) {
            return splice(old.start, old.end, (old.start == old.end ? " " : "") + inline)
        }
        let keyText = String(decoding: bytes[key.start..<key.end], as: UTF8.self)
        let end = contentLineEnd(max(old.end, key.end + 1) - 1)
        splice(key.start, end, keyText + YAMLTextRender.entry("k", value, indent: key.column).dropFirst(1))
    }

    mutating func insertEntry(_ parent: YAMLSpan, key: String, value: YAMLNode) {
        if parent.flow {
            let entry = YAMLTextRender.flowScalar(.string(key)) + ": " + YAMLTextRender.flow(value)
            if let last = parent.values.last { return splice(last.end, last.end, ", " + entry) }
            return splice(parent.start + 1, parent.end - 1, entry)
        }
        let indent = parent.keys.first?.column ?? 0
        let text = YAMLTextRender.indentLines(YAMLTextRender.entry(key, value, indent: 0), by: indent, first: true)
        insertLines(text, at: lineEnd(parent.end - 1))
    }

    mutating func replaceItem(_ item: YAMLSpan, flow: Bool, with value: YAMLNode) {
        if flow { return splice(item.start, item.end, YAMLTextRender.flow(value)) }
        let end = item.end > item.start ? contentLineEnd(item.end - 1) : item.end
        splice(item.start, end, YAMLTextRender.block(value, indent: item.column))
    }

    /// Adds whole lines at a line boundary.
    mutating func insertLines(_ text: String, at offset: Int) {
        if offset == bytes.count && !bytes.isEmpty && bytes.last != UInt8(ascii: "\n") {
            bytes.append(UInt8(ascii: "\n"))
            return splice(bytes.count, bytes.count, text + "\n")
        }
        splice(offset, offset, text + "\n")
    }

    mutating func appendAtEnd(_ text: String) {
        insertLines(text, at: bytes.count)
    }

    mutating func splice(_ from: Int, _ to: Int, _ text: String) {
        // New lines follow the file's line ending.
        let written = usesCRLF ? text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n") : text
        bytes.replaceSubrange(from..<max(from, to), with: Array(written.utf8))
    }

    var usesCRLF: Bool {
        guard let nl = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        return nl > 0 && bytes[nl - 1] == UInt8(ascii: "\r")
    }

    // MARK: lines

    func lineStart(_ i: Int) -> Int {
        var j = min(i, bytes.count)
        while j > 0 && bytes[j - 1] != UInt8(ascii: "\n") { j -= 1 }
        return j
    }

    /// Just past the newline ending the line that holds byte `i`.
    func lineEnd(_ i: Int) -> Int {
        var j = max(i, 0)
        while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return min(j + 1, bytes.count)
    }

    /// The newline ending the line that holds byte `i` (or the end of the text).
    func contentLineEnd(_ i: Int) -> Int {
        var j = max(i, 0)
        while j < bytes.count && bytes[j] != UInt8(ascii: "\n") { j += 1 }
        return j
    }

    /// The start of the comment lines directly above the line starting at `lineOffset`.
    func commentsAbove(_ lineOffset: Int) -> Int {
        var start = lineOffset
        while start > 0 {
            let prev = lineStart(start - 1)
            let line = bytes[prev..<(start - 1)].drop { $0 == UInt8(ascii: " ") }
            guard line.first == UInt8(ascii: "#") else { break }
            start = prev
        }
        return start
    }

    func isFirstOnLine(_ i: Int) -> Bool {
        bytes[lineStart(i)..<i].allSatisfy { $0 == UInt8(ascii: " ") }
    }

    /// The `-` in front of a block sequence item.
    func dashOffset(_ item: YAMLSpan) -> Int {
        var j = item.start - 1
        while j >= 0 && bytes[j] != UInt8(ascii: "-") { j -= 1 }
        return max(j, 0)
    }

    static let aliasMessage = "an alias (*name) cannot be edited in place; write its value out"

    func fail(_ message: String, at node: YAMLSpan? = nil) -> KustomizeError {
        guard let node else { return KustomizeError(message, file: file) }
        let ls = lineStart(node.start)
        let line = bytes[..<ls].filter { $0 == UInt8(ascii: "\n") }.count + 1
        return KustomizeError(message, file: file, mark: SourceMark(line: line, column: node.column + 1))
    }
}
