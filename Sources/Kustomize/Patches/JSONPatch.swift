import SwkYAML

/// A JSON 6902 patch, applied with the semantics kustomize 5.5.0 gets from evanphx/json-patch v4.12
/// over a resource's JSON form, quirks included:
/// - `add` on an existing key replaces it; `add` at index == count appends, `-` appends,
///   negative indices count from the end (`-1` on add appends);
/// - `replace` of a missing object key adds it; `replace ""` swaps the whole document for an
///   object or array value and ignores any other value;
/// - `copy` from a missing object key copies null; a missing `value` is null;
/// - `test` treats a missing key like null and compares JSON values (`1` ≠ `"1"`, `1.0` = `1`);
/// - a missing `op` (or one that is not a string) reads as `unknown`.
/// Error texts are the library's, prefixed with the operation's index (from 0) and op.
struct JSONPatch {
    struct Operation {
        /// `unknown` when absent or not a string, as the library reads it.
        var op: String
        /// "" when absent or unreadable; `pathProblem` then says which.
        var path: String
        var from: String?
        /// nil when the operation has no `value`; a null node for `value: null`.
        var value: YAMLNode?
        var mark: SourceMark
        var pathProblem: FieldProblem?
        var fromProblem: FieldProblem?

        init(op: String, path: String, from: String? = nil, value: YAMLNode? = nil, mark: SourceMark = .unknown,
             pathProblem: FieldProblem? = nil, fromProblem: FieldProblem? = nil) {
            self.op = op; self.path = path; self.from = from; self.value = value; self.mark = mark
            self.pathProblem = pathProblem; self.fromProblem = fromProblem
        }

        /// `replace /spec/x`, for error prefixes.
        var summary: String {
            if pathProblem != nil { return op }
            return path.isEmpty ? "\(op) \"\"" : "\(op) \(path)"
        }
    }

    /// Why `path` or `from` can't be read; Go reports these only when the operation runs.
    enum FieldProblem: Sendable, Equatable {
        case missing
        /// Not a string: the JSON type it has (`number`, `bool`, `array`, `object`).
        case notString(String)

        func message(missing: String) -> String {
            switch self {
            case .missing: return "\(missing): missing value"
            case .notString(let type): return "json: cannot unmarshal \(type) into Go value of type string"
            }
        }
    }

    var operations: [Operation]

    /// Parses the operation list (a YAML or JSON sequence of maps, as read by our YAML parser;
    /// kustomize reads YAML operations with YAML 1.1 rules, so parse with `.yaml11`).
    static func parse(_ node: YAMLNode) throws -> JSONPatch {
        if node.isNull { return JSONPatch(operations: []) } // Go decodes null as an empty patch
        guard node.isSequence else {
            throw KustomizeError("json: cannot unmarshal \(jsonType(node)) into Go value of type jsonpatch.Patch", mark: node.mark)
        }
        var operations: [Operation] = []
        for item in node.items {
            if item.isNull {
                operations.append(Operation(op: "unknown", path: "", mark: item.mark, pathProblem: .missing, fromProblem: .missing))
                continue
            }
            guard item.isMapping else {
                throw KustomizeError("json: cannot unmarshal \(jsonType(item)) into Go value of type jsonpatch.Operation", mark: item.mark)
            }
            let (path, pathProblem) = stringField(item["path"])
            let (from, fromProblem) = stringField(item["from"])
            let op = item["op"].flatMap { $0.isScalar && $0.tag == .string ? $0.text : nil } ?? "unknown"
            operations.append(Operation(op: op, path: path ?? "", from: from, value: item["value"], mark: item.mark,
                                        pathProblem: pathProblem, fromProblem: fromProblem))
        }
        return JSONPatch(operations: operations)
    }

    /// Applies all operations in order to a copy of a resource's root and returns the new root.
    /// The input and the patch's values are left untouched.
    func apply(to root: YAMLNode) throws -> YAMLNode { try edit(root.deepCopy()) }

    /// Applies all operations in order to `root` itself and returns the new root (another node
    /// when an operation replaces the whole document). A failed operation may leave `root` half
    /// edited: the build fails with it. The patch's values are left untouched.
    func edit(_ root: YAMLNode) throws -> YAMLNode {
        var document = JSONDocument(root: root)
        var rootReplacedBy: Operation?
        for (index, operation) in operations.enumerated() {
            let before = document.root
            do {
                try document.perform(operation)
            } catch {
                throw KustomizeError("operation \(index) (\(operation.summary)): \(error.message)", mark: operation.mark)
            }
            if document.root !== before { rootReplacedBy = operation }
        }
        guard document.root.isMapping else {
            // kustomize reads the patched JSON back into an object.
            throw KustomizeError("json: cannot unmarshal array into Go value of type map[string]interface {}",
                                 mark: rootReplacedBy?.mark ?? .unknown)
        }
        JSONRoundTrip.numbersThroughFloat64(document.root)
        return document.root
    }

    private static func stringField(_ node: YAMLNode?) -> (String?, FieldProblem?) {
        guard let node, !node.isNull else { return (nil, .missing) }
        guard node.isScalar, node.tag == .string else { return (nil, .notString(jsonType(node))) }
        return (node.text, nil)
    }

    /// The JSON type name Go's decoder uses in its messages.
    static func jsonType(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping: return "object"
        case .sequence: return "array"
        case .scalar:
            switch node.tag {
            case .string: return "string"
            case .int, .float: return "number"
            case .bool: return "bool"
            case .null: return "null"
            }
        }
    }
}

/// A library-level failure; its text is the library's.
struct PatchFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The document being patched. Nulls read as absent values, as they do in the library
/// (it holds JSON null as a nil node): one can't be walked through, and `test` takes a
/// missing key for null.
private struct JSONDocument {
    var root: YAMLNode

    /// A container (object or array) and the last token of a path into it.
    struct Slot {
        let container: YAMLNode
        let key: String
    }

    mutating func perform(_ op: JSONPatch.Operation) throws(PatchFailure) {
        switch op.op {
        case "add": try add(op)
        case "remove": try remove(op)
        case "replace": try replace(op)
        case "move": try move(op)
        case "copy": try copy(op)
        case "test": try test(op)
        default: throw PatchFailure("Unexpected kind: \(op.op)")
        }
    }

    // MARK: Operations

    func add(_ op: JSONPatch.Operation) throws(PatchFailure) {
        guard op.pathProblem == nil else { throw PatchFailure("add operation failed to decode path: missing value") }
        guard let slot = locate(op.path) else {
            throw PatchFailure("add operation does not apply: doc is missing path: \"\(op.path)\": missing value")
        }
        do {
            try Self.insert(Self.copyOfValue(op), at: slot)
        } catch {
            throw PatchFailure("error in add for path: '\(op.path)': \(error.message)")
        }
    }

    func remove(_ op: JSONPatch.Operation) throws(PatchFailure) {
        guard op.pathProblem == nil else { throw PatchFailure("remove operation failed to decode path: missing value") }
        guard let slot = locate(op.path) else {
            throw PatchFailure("remove operation does not apply: doc is missing path: \"\(op.path)\": missing value")
        }
        do {
            try Self.delete(slot)
        } catch {
            throw PatchFailure("error in remove for path: '\(op.path)': \(error.message)")
        }
    }

    mutating func replace(_ op: JSONPatch.Operation) throws(PatchFailure) {
        if let problem = op.pathProblem {
            throw PatchFailure("replace operation failed to decode path: " + problem.message(missing: "operation missing path field"))
        }
        if op.path.isEmpty {
            // The library swaps in an object or array; for any other value its error is nil, so nothing happens.
            if let value = op.value, value.isMapping || value.isSequence { root = value.deepCopy() }
            return
        }
        guard let slot = locate(op.path) else {
            throw PatchFailure("replace operation does not apply: doc is missing path: \(op.path): missing value")
        }
        do {
            _ = try Self.get(slot)
        } catch {
            throw PatchFailure("replace operation does not apply: doc is missing key: \(op.path): missing value")
        }
        Self.set(Self.copyOfValue(op), at: slot)
    }

    func move(_ op: JSONPatch.Operation) throws(PatchFailure) {
        if let problem = op.fromProblem {
            throw PatchFailure("move operation failed to decode from: " + problem.message(missing: "operation, missing from field"))
        }
        let from = op.from ?? ""
        guard let source = locate(from) else {
            throw PatchFailure("move operation does not apply: doc is missing from path: \(from): missing value")
        }
        let value: YAMLNode?
        do {
            value = try Self.get(source)
            try Self.delete(source)
        } catch {
            throw PatchFailure("error in move for path: '\(source.key)': \(error.message)")
        }
        if let problem = op.pathProblem {
            throw PatchFailure("move operation failed to decode path: " + problem.message(missing: "operation missing path field"))
        }
        guard let destination = locate(op.path) else {
            throw PatchFailure("move operation does not apply: doc is missing destination path: \(op.path): missing value")
        }
        do {
            // The node left the tree, so it can move as it is.
            try Self.insert(value ?? .null(), at: destination)
        } catch {
            throw PatchFailure("error in move for path: '\(op.path)': \(error.message)")
        }
    }

    func copy(_ op: JSONPatch.Operation) throws(PatchFailure) {
        if let problem = op.fromProblem {
            throw PatchFailure("copy operation failed to decode from: " + problem.message(missing: "operation, missing from field"))
        }
        let from = op.from ?? ""
        guard let source = locate(from) else {
            throw PatchFailure("copy operation does not apply: doc is missing from path: \(from): missing value")
        }
        let value: YAMLNode?
        do {
            value = try Self.get(source)
        } catch {
            throw PatchFailure("error in copy for from: '\(from)': \(error.message)")
        }
        guard op.pathProblem == nil else { throw PatchFailure("copy operation failed to decode path: missing value") }
        guard let destination = locate(op.path) else {
            throw PatchFailure("copy operation does not apply: doc is missing destination path: \(op.path): missing value")
        }
        do {
            try Self.insert(value?.deepCopy() ?? .null(), at: destination)
        } catch {
            throw PatchFailure("error while adding value during copy: \(error.message)")
        }
    }

    func test(_ op: JSONPatch.Operation) throws(PatchFailure) {
        if let problem = op.pathProblem {
            throw PatchFailure("test operation failed to decode path: " + problem.message(missing: "operation missing path field"))
        }
        let failed = PatchFailure("testing value \(op.path) failed: test failed")
        if op.path.isEmpty {
            guard let expected = op.value, JSONValue.equal(root, expected) else { throw failed }
            return
        }
        guard let slot = locate(op.path) else {
            throw PatchFailure("test operation does not apply: is missing path: \(op.path): missing value")
        }
        let actual: YAMLNode?
        do {
            actual = try Self.get(slot)
        } catch {
            throw PatchFailure("error in test for path: '\(op.path)': \(error.message)")
        }
        guard let actual else {
            // A missing or null value passes against null or no value at all.
            if let expected = op.value, !expected.isNull { throw failed }
            return
        }
        guard let expected = op.value, JSONValue.equal(actual, expected) else { throw failed }
    }

    // MARK: Pointers and containers

    /// The container a path points into; nil when a step is missing, null, a scalar or a bad index.
    func locate(_ path: String) -> Slot? {
        guard let tokens = JSONPointer.tokens(path), let key = tokens.last else { return nil }
        var node = root
        for token in tokens.dropLast() {
            guard let next = try? Self.get(Slot(container: node, key: token)), next.isMapping || next.isSequence else {
                return nil
            }
            node = next
        }
        return Slot(container: node, key: key)
    }

    static func copyOfValue(_ op: JSONPatch.Operation) -> YAMLNode {
        op.value?.deepCopy() ?? .null()
    }

    /// The value at a slot; nil for a missing object key or a null.
    static func get(_ slot: Slot) throws(PatchFailure) -> YAMLNode? {
        let node: YAMLNode?
        switch slot.container.kind {
        case .mapping: node = slot.container[slot.key]
        case .sequence: node = slot.container.items[try existingIndex(slot.key, count: slot.container.items.count)]
        case .scalar: node = nil
        }
        guard let node, !node.isNull else { return nil }
        return node
    }

    /// `add`: sets an object key, or inserts into an array (at `-`, or an index up to the count).
    static func insert(_ value: YAMLNode, at slot: Slot) throws(PatchFailure) {
        let c = slot.container
        guard c.isSequence else {
            c[slot.key] = value
            return
        }
        if slot.key == "-" {
            c.items.append(value)
            return
        }
        var index: Int
        do {
            index = try GoAtoi.parse(slot.key)
        } catch {
            throw PatchFailure("value was not a proper array index: '\(slot.key)': \(error.message)")
        }
        let size = c.items.count + 1
        guard index < size, index >= -size else { throw invalidIndex(index) }
        if index < 0 { index += size }
        c.items.insert(value, at: index)
    }

    /// `replace` after `get` has vetted the slot.
    static func set(_ value: YAMLNode, at slot: Slot) {
        let c = slot.container
        guard c.isSequence else {
            c[slot.key] = value
            return
        }
        guard let index = try? existingIndex(slot.key, count: c.items.count) else { return }
        c.items[index] = value
    }

    static func delete(_ slot: Slot) throws(PatchFailure) {
        let c = slot.container
        guard c.isSequence else {
            guard c[slot.key] != nil else {
                throw PatchFailure("Unable to remove nonexistent key: \(slot.key): missing value")
            }
            c[slot.key] = nil
            return
        }
        c.items.remove(at: try existingIndex(slot.key, count: c.items.count))
    }

    /// An index of an existing element; negative ones count from the end.
    static func existingIndex(_ key: String, count: Int) throws(PatchFailure) -> Int {
        let index: Int
        do {
            index = try GoAtoi.parse(key)
        } catch {
            throw PatchFailure(error.message)
        }
        guard index < count, index >= -count else { throw invalidIndex(index) }
        return index < 0 ? index + count : index
    }

    static func invalidIndex(_ index: Int) -> PatchFailure {
        PatchFailure("Unable to access invalid index: \(index): invalid index referenced")
    }
}

/// Equality of JSON values, as the library compares the document's JSON with the operation's.
enum JSONValue {
    static func equal(_ a: YAMLNode, _ b: YAMLNode) -> Bool {
        switch (a.kind, b.kind) {
        case (.scalar, .scalar):
            return Scalar(a) == Scalar(b)
        case (.sequence, .sequence):
            return a.items.count == b.items.count && zip(a.items, b.items).allSatisfy { equal($0, $1) }
        case (.mapping, .mapping):
            guard a.entries.count == b.entries.count else { return false }
            return a.entries.allSatisfy { e in b[e.key].map { equal(e.value, $0) } ?? false }
        default:
            return false
        }
    }

    /// A scalar as its JSON encoding: numbers by value (`1.0` and `1e0` are `1`), strings by text.
    enum Scalar: Equatable {
        case null, bool(Bool), number(String), string(String)

        init(_ node: YAMLNode) {
            switch node.tag {
            case .null: self = .null
            case .string: self = .string(node.text)
            case .bool: self = .bool(JSONValue.trueWords.contains(node.text))
            case .int: self = .number(ScalarFormat.number(node))
            case .float:
                // Go encodes a float64 with its shortest digits, so 1e3 and 1000.0 are both 1000.
                if let v = JSONValue.double(node), v.isFinite { self = .number(GoFloat.formatJSON(v)) }
                else { self = .number(ScalarFormat.number(node)) }
            }
        }
    }

    /// Both readers' words for true (a YAML 1.1 patch may say `yes`).
    static let trueWords: Set<String> = ["true", "True", "TRUE", "y", "Y", "yes", "Yes", "YES", "on", "On", "ON"]

    static func double(_ node: YAMLNode) -> Double? {
        switch node.tag {
        case .int: return Double(ScalarFormat.number(node))
        case .float: return Double(node.text.filter { $0 != "_" })
        default: return nil
        }
    }
}

/// What kustomize's JSON hop does to a patched resource beyond the patch itself.
enum JSONRoundTrip {
    /// Every number comes back as a float64 written the way yaml.v3 writes one
    /// (so integers past 2^53 lose precision, and 1000000 reads back as 1e+06).
    static func numbersThroughFloat64(_ node: YAMLNode) {
        switch node.kind {
        case .mapping: for e in node.entries { numbersThroughFloat64(e.value) }
        case .sequence: for item in node.items { numbersThroughFloat64(item) }
        case .scalar:
            if node.tagFollowsText { node.text = node.textAfterJSONHop }
            node.tagFollowsText = false
            guard node.tag == .int || node.tag == .float else { return }
            // A short decimal integer comes back from float64 as written: only its style changes.
            if node.tag == .int, isShortDecimal(node.text) {
                node.style = .plain
                return
            }
            guard let v = JSONValue.double(node), v.isFinite else { return }
            let text = GoFloat.formatG(v)
            node.text = text
            node.tag = YAMLNode.plain(text).tag
            node.style = .plain
        }
    }

    /// kustomize reads a patched resource's annotations back through a map of Go values, so each
    /// typed value becomes the text Go writes for it: every number a float64 (`1000000` is
    /// "1e+06", `1.50` is "1.5"), a boolean `true` or `false`, and a null of any spelling "null".
    static func annotationValues(_ root: YAMLNode) {
        for e in root["metadata"]?["annotations"]?.entries ?? [] where e.value.isScalar {
            let value = e.value
            switch value.tag {
            case .string: continue
            case .null: value.text = "null"
            case .bool: value.text = JSONValue.trueWords.contains(value.text) ? "true" : "false"
            case .int, .float:
                guard let v = JSONValue.double(value), v.isFinite else { continue }
                value.text = GoFloat.formatG(v)
            }
            value.tag = .string
            value.style = .plain
        }
    }

    /// `0`, or one to six digits without a leading zero, optionally after a minus sign (not `-0`).
    private static func isShortDecimal(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        guard let first = utf8.first, (1...6).contains(utf8.count), utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        return first != UInt8(ascii: "0") || (utf8.count == 1 && text.utf8.count == 1)
    }
}
