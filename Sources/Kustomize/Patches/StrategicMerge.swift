import SwkYAML

/// kustomize v5.5.0's strategic-merge patch: kyaml's merge2 walk over (target, patch), set up as
/// api/filters/patchstrategicmerge does (lists grow at the front: patch elements come first).
///
/// The rules, each checked against `kubectl kustomize`:
/// - maps merge key by key, a patch scalar or list wins, `key: null` in the patch removes the key;
///   a target `key: ~`/`null` survives, an empty `key:` is dropped (the walk visits every field);
/// - a list merges element by element only when its schema field has a `merge` strategy, keyed by
///   `x-kubernetes-list-map-keys` or the merge key (scalars by value without one); any other list,
///   including every list of a kind without schema, is replaced by the patch's list;
/// - `$patch: delete|replace|merge` apply to maps, lists (as a lone `- $patch: …` item) and list
///   elements; other `$` keys (`$retainKeys`, `$setElementOrder/…`, `$deleteFromPrimitiveList/…`)
///   are copied as ordinary fields, and the `retainKeys` strategy is ignored;
/// - a value of another kind than the target's (a scalar for a map, …) is an error.
/// kyaml's quirks are kept on purpose (an element without its merge key, duplicate keys, a
/// `$patch: replace` on a list element being a no-op, …): the helpers below mirror its steps.
enum StrategicMerge {
    /// Applies one SMP document to a resource's root mapping. Returns the new root, or nil when the
    /// patch deletes the whole resource (`$patch: delete` at top level).
    /// `patchIsCopy`: the caller made `patch` for this merge alone, so it may be used up.
    static func apply(_ patch: YAMLNode, to target: YAMLNode, gvk: GVK, schema: MergeKeyLookup,
                      patchIsCopy: Bool = false) throws -> YAMLNode? {
        // kyaml strips directives from the patch as it goes and links patch nodes into the result:
        // a private copy keeps the caller's patch reusable.
        let root = schema.rootType(for: gvk).map(Shape.object)
        guard try MergeWalk(lookup: schema).walk(target, patchIsCopy ? patch : patch.deepCopy(), root) != nil else { return nil }
        // kustomize keeps the resource node it merged into: a top-level `$patch: replace` (which
        // yields the patch instead) leaves the resource as it was. Maps and lists the merge linked
        // in twice are parted; scalars stay shared, as kyaml keeps the value node a labels
        // transformer set in several fields, and writes into it later show in all of them.
        target.partSharedNodes(.mapsAndLists)
        return target
    }
}

/// What the schema says about the node being walked.
private enum Shape {
    case object(String)
    case list(PatchFieldInfo)
}

private enum Directive {
    case merge, replace, delete

    init(_ name: String) throws {
        switch name {
        case "merge": self = .merge
        case "replace": self = .replace
        case "delete": self = .delete
        default: throw KustomizeError("unknown patch strategy '\(name)'")
        }
    }
}

private let directiveKey = "$patch"

/// One merge of a patch into a target. `dest` is the target side (it becomes the result),
/// `patch` the patch side; either may be absent.
private final class MergeWalk {
    let lookup: MergeKeyLookup
    /// Target nulls kept although the patch did not mention them (kyaml's persistent nulls).
    var keptNulls = Set<ObjectIdentifier>()

    init(lookup: MergeKeyLookup) { self.lookup = lookup }

    func walk(_ dest: YAMLNode?, _ patch: YAMLNode?, _ shape: Shape?) throws -> YAMLNode? {
        if patch == nil, let dest { return try walkTargetOnly(dest, shape) }
        // Without schema, kyaml looks one up wherever a node names its apiVersion and kind.
        let shape = shape ?? resourceShape(dest) ?? resourceShape(patch)
        let present = [dest, patch].compactMap { $0 }.filter { !$0.isNull }
        guard let kind = present.first?.kind else { return try walkMap(dest, patch, shape) }
        for node in present where node.kind != kind { throw wrongKind(node, expected: kind) }
        switch kind {
        case .mapping:
            return try walkMap(dest, patch, shape)
        case .sequence:
            if case .list(let info)? = shape, info.mergesElements { return try walkMergedList(dest, patch, info) }
            return patch ?? dest
        case .scalar:
            return patch ?? dest
        }
    }

    // MARK: Target subtrees the patch does not reach

    /// `walk(dest, nil, shape)`, which is most of every merge: kyaml still visits these fields
    /// (dropping empty `key:` values, merging list elements with themselves); this gives the same
    /// result without rebuilding what stays as it is.
    private func walkTargetOnly(_ dest: YAMLNode, _ shape: Shape?) throws -> YAMLNode? {
        let shape = shape ?? resourceShape(dest)
        switch dest.kind {
        case .scalar:
            guard dest.isNull else { return dest }
            guard !dest.text.isEmpty else { return nil }
            keptNulls.insert(ObjectIdentifier(dest))
            return dest
        case .mapping:
            var rebuilt: [YAMLNode.Entry]?
            for (i, entry) in dest.entries.enumerated() {
                // A scalar needs no schema: skip the lookup, which hashes two long names.
                let value = kept(try walkTargetOnly(entry.value, entry.value.isScalar ? nil : fieldShape(entry.key, in: shape)))
                if rebuilt == nil && value === entry.value { continue }
                if rebuilt == nil { rebuilt = Array(dest.entries[..<i]) }
                if let value { rebuilt?.append(YAMLNode.Entry(key: entry.key, value: value)) }
            }
            if let rebuilt { dest.entries = rebuilt }
            return dest
        case .sequence:
            guard case .list(let info)? = shape, info.mergesElements else { return dest }
            guard !dest.items.isEmpty, elementsAreDistinct(dest, keys: info.mergeKeys) else {
                return try walkMergedList(dest, nil, info)
            }
            // Each element merges with itself and keeps its place; kyaml puts them in a new list.
            let elementShape = info.type.map(Shape.object)
            for item in dest.items where item.isMapping { _ = try walkTargetOnly(item, elementShape) }
            return YAMLNode.sequence(dest.items)
        }
    }

    /// Whether every element is set apart by its merge key values (or, without keys, its scalar
    /// value), all present and non-empty: then merging the list with itself changes nothing.
    private func elementsAreDistinct(_ list: YAMLNode, keys: [String]) -> Bool {
        if keys.isEmpty {
            var seen = Set<String>()
            return list.items.allSatisfy { $0.isScalar && !$0.isNull && !$0.text.isEmpty && seen.insert($0.text).inserted }
        }
        var seen = Set<[String]>()
        for item in list.items {
            guard item.isMapping else { return false }
            var row: [String] = []
            for key in keys {
                guard let value = item[key], value.isScalar, !value.isNull, !value.text.isEmpty else { return false }
                row.append(value.text)
            }
            guard seen.insert(row).inserted else { return false }
        }
        return true
    }

    // MARK: Maps

    private func walkMap(_ dest: YAMLNode?, _ patch: YAMLNode?, _ shape: Shape?) throws -> YAMLNode? {
        let merged: YAMLNode
        if let dest, !dest.isNull {
            if patch?.isNull == true { return nil }
            switch try mapDirective(patch) {
            case .delete: return nil
            case .replace: merged = patch ?? dest
            case .merge: merged = dest
            }
        } else {
            // kyaml ignores a bad directive here, but still honours (and strips) a valid one.
            if (try? mapDirective(patch)) == .delete { return nil }
            guard let patch else {
                guard let dest, !dest.text.isEmpty else { return nil }
                keptNulls.insert(ObjectIdentifier(dest))
                return dest
            }
            // The patch brings this node: it is taken over and merged with itself, which applies
            // its own directives and nulls.
            merged = patch
        }
        guard merged.isMapping else { return merged }
        // Every field of either side is walked; a nil or (unkept) null result removes the field.
        let selfMerge = patch === merged
        var theirs: [String: YAMLNode] = [:]
        if let patch, !selfMerge {
            theirs = Dictionary(patch.entries.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        var entries: [YAMLNode.Entry] = []
        var seen = Set<String>()
        for entry in merged.entries {
            seen.insert(entry.key)
            let other = selfMerge ? entry.value : theirs[entry.key]
            let scalars = entry.value.isScalar && (other?.isScalar ?? true)
            var value = try walk(entry.value, other, scalars ? nil : fieldShape(entry.key, in: shape))
            if scalars, let other, value === other, !other.isNull, other !== entry.value {
                // kyaml's field setter writes a patch scalar into the target's node, so a node a
                // labels transformer shares between fields changes in all of them.
                entry.value.replaceContents(with: other)
                value = entry.value
            }
            if let value = kept(value) { entries.append(YAMLNode.Entry(key: entry.key, value: value)) }
        }
        for entry in patch?.entries ?? [] where !selfMerge && seen.insert(entry.key).inserted {
            let value = try walk(nil, entry.value, entry.value.isScalar ? nil : fieldShape(entry.key, in: shape))
            if let value = kept(value) { entries.append(YAMLNode.Entry(key: entry.key, value: value)) }
        }
        merged.entries = entries
        return merged
    }

    /// A field's merged value, or nil when the field goes.
    private func kept(_ value: YAMLNode?) -> YAMLNode? {
        guard let value, !value.isNull || keptNulls.contains(ObjectIdentifier(value)) else { return nil }
        return value
    }

    /// The `$patch` of a patch map, removed from it once read.
    private func mapDirective(_ node: YAMLNode?) throws -> Directive {
        guard let node else { return .merge }
        guard node.isMapping else {
            throw KustomizeError("no implemented strategic merge patch strategy for '\(node.kind)'")
        }
        guard let value = node[directiveKey] else { return .merge }
        let directive = try Directive(rawValue(value))
        node[directiveKey] = nil
        return directive
    }

    // MARK: Lists merged by element

    private func walkMergedList(_ dest: YAMLNode?, _ patch: YAMLNode?, _ info: PatchFieldInfo) throws -> YAMLNode? {
        let merged: YAMLNode
        if let dest, !dest.isNull {
            if patch?.isNull == true { return nil }
            switch try listDirective(patch) {
            case .delete: return nil
            case .replace: merged = patch ?? dest
            case .merge: merged = dest
            }
        } else {
            // A list the target lacks is the patch's, merged with itself (no list directive applies).
            guard let patch else { return nil }
            merged = patch
        }
        let shape = info.type.map(Shape.object)
        let sources = [patch, merged].compactMap { $0 }.filter(\.isSequence)
        if info.mergeKeys.isEmpty {
            return try mergeElements(scalarRows(sources), keys: [""], dest: merged, patch: patch, shape: shape)
        }
        return try mergeElements(keyRows(sources, keys: info.mergeKeys), keys: info.mergeKeys,
                                 dest: merged, patch: patch, shape: shape)
    }

    /// A list's directive: its first map item holding `$patch`, when that is the item's only key.
    /// Items carrying the same directive are then removed (with null and empty-map items).
    private func listDirective(_ list: YAMLNode?) throws -> Directive {
        guard let list,
              let marker = list.items.first(where: { $0.isMapping && $0[directiveKey] != nil }),
              marker.entries.count == 1, let value = marker[directiveKey] else { return .merge }
        let directive = try Directive(rawValue(value))
        try setElement(nil, keys: [directiveKey], values: [rawValue(value)], in: list)
        return directive
    }

    /// Each distinct tuple of merge-key values, patch elements first ("" for a missing or empty key).
    private func keyRows(_ lists: [YAMLNode], keys: [String]) -> [[String]] {
        var rows: [[String]] = []
        var seen = Set<[String]>()
        for list in lists {
            for item in list.items {
                let row = keys.map { key -> String in
                    guard item.isMapping, let value = item[key], !isNilOrEmpty(value) else { return "" }
                    return rawValue(value)
                }
                if seen.insert(row).inserted { rows.append(row) }
            }
        }
        return rows
    }

    /// Each distinct item value of a list merged without keys (finalizers), patch items first.
    private func scalarRows(_ lists: [YAMLNode]) -> [[String]] {
        var rows: [[String]] = []
        var seen = Set<String>()
        for list in lists {
            for item in list.items where seen.insert(rawValue(item)).inserted { rows.append([rawValue(item)]) }
        }
        return rows
    }

    /// Merges the elements named by each row into a new list; the target's elements are then
    /// set into it again (kyaml's appendListNode), which keeps merged ones where they are.
    private func mergeElements(_ rows: [[String]], keys: [String], dest: YAMLNode, patch: YAMLNode?,
                               shape: Shape?) throws -> YAMLNode? {
        let rows = keys.count > 1 ? unifyRows(rows) : rows
        let result = YAMLNode.sequence()
        var lastKeys = keys
        for row in rows {
            let (rowKeys, rowValues) = narrow(keys, row, toKeysSetIn: rows)
            lastKeys = rowKeys
            let (findKeys, findValues) = narrow(rowKeys, rowValues, toKeysSetIn: [rowValues])
            let value = try walk(element(in: dest, findKeys, findValues), element(in: patch, findKeys, findValues), shape)
            guard let value, !value.isNull, !(value.isMapping && value.entries.isEmpty) else {
                // Deleted, or matched nothing (an element without its key): drop the target's match.
                try setElement(nil, keys: rowKeys, values: rowValues, in: dest)
                continue
            }
            for (key, keyValue) in zip(rowKeys, rowValues) where value.isMapping && value[key] == nil && !keyValue.isEmpty {
                value[key] = .plain(keyValue)
            }
            try setElement(value, keys: rowKeys, values: rowValues, in: result)
        }
        guard !rows.isEmpty else { return dest }
        try setAgain(dest.items, in: result, keys: lastKeys)
        return result
    }

    /// kyaml's appendListNode: every target element is set into `list` once more by its key values.
    private func setAgain(_ elements: [YAMLNode], in list: YAMLNode, keys: [String]) throws {
        for element in elements {
            guard let first = keys.first, !first.isEmpty else {
                try setElement(element, keys: [""], values: [rawValue(element)], in: list)
                continue
            }
            var values: [String] = []
            for key in keys {
                guard let value = try field(key, of: element) else {
                    list.items.append(element)
                    continue
                }
                values.append(rawValue(value))
            }
            if keys.count > 1 { try setElement(nil, keys: keys, values: values, in: list) }
            try setElement(element, keys: keys, values: values, in: list)
        }
    }

    /// With several keys, rows that agree where both are set (and share a value) are unified.
    private func unifyRows(_ rows: [[String]]) -> [[String]] {
        var rows = rows
        for i in rows.indices {
            let first = rows[i]
            for j in rows.indices {
                if let union = unify(first, rows[j]) { rows[i] = union; rows[j] = union }
            }
        }
        return rows
    }

    private func unify(_ a: [String], _ b: [String]) -> [String]? {
        guard a.count == b.count else { return nil }
        var shared = false
        var union: [String] = []
        for (x, y) in zip(a, b) {
            if x == y {
                shared = true
                union.append(x)
            } else if !x.isEmpty && !y.isEmpty {
                return nil
            } else {
                union.append(x.isEmpty ? y : x)
            }
        }
        return shared ? union : nil
    }

    /// kyaml's validateKeys: keeps the keys some row sets (all of them when no row sets any).
    private func narrow(_ keys: [String], _ values: [String], toKeysSetIn rows: [[String]]) -> ([String], [String]) {
        // One key with its value (most lists): kept whether or not a row sets it.
        if keys.count == 1 && values.count == 1 { return (keys, values) }
        var used = Set<String>()
        for row in rows {
            for (i, value) in row.enumerated() where !value.isEmpty && i < keys.count { used.insert(keys[i]) }
        }
        guard !used.isEmpty else { return (keys, values) }
        let kept = keys.indices.filter { used.contains(keys[$0]) && $0 < values.count }
        return (kept.map { keys[$0] }, kept.map { values[$0] })
    }

    // MARK: kyaml's element matching

    /// The first element whose key fields hold exactly `values` (a scalar item equal to the value
    /// when the key is empty).
    private func element(in list: YAMLNode?, _ keys: [String], _ values: [String]) -> YAMLNode? {
        guard let list, list.isSequence else { return nil }
        let keys = keys.isEmpty ? [""] : keys
        let values = values.isEmpty ? [""] : values
        if keys[0].isEmpty { return list.items.first { rawValue($0) == values[0] } }
        guard keys.count == values.count else { return nil }
        return list.items.first { item in
            item.isMapping && zip(keys, values).allSatisfy { key, value in item[key].map { rawValue($0) == value } ?? false }
        }
    }

    /// kyaml's ElementSetter: drops null and empty-map items, replaces each item matching
    /// (keys, values) by `element` (drops it when nil), appends `element` when none matched.
    private func setElement(_ element: YAMLNode?, keys: [String], values: [String], in list: YAMLNode) throws {
        let keys = keys.isEmpty ? [""] : keys
        let byField = !keys[0].isEmpty && !(values.first ?? "").isEmpty
        var kept: [YAMLNode] = []
        var matched = false
        for item in list.items {
            if item.isNull || (item.isMapping && item.entries.isEmpty) { continue }
            if !item.isMapping && byField {
                kept.append(item)
            } else if try matches(item, keys, values) {
                matched = true
                if let element { kept.append(element) }
            } else if !values.isEmpty {
                kept.append(item)
            }
        }
        list.items = kept
        if let element, !element.isNull, !matched { list.items.append(element) }
    }

    /// ElementSetter's test; with fewer values than keys, the last compared value decides the rest.
    private func matches(_ item: YAMLNode, _ keys: [String], _ values: [String]) throws -> Bool {
        var last = false
        for (j, key) in keys.enumerated() {
            if j < values.count { last = try fieldMatches(item, key, values[j]) }
            if !last { return false }
        }
        return true
    }

    /// kyaml's FieldMatcher: an empty name compares a scalar item; an empty value only asks for the field.
    private func fieldMatches(_ item: YAMLNode, _ name: String, _ value: String) throws -> Bool {
        if item.isNull { return false }
        if name.isEmpty {
            guard item.isScalar else { throw wrongKind(item, expected: .scalar) }
            return item.text == value
        }
        guard let field = try field(name, of: item) else { return false }
        return value.isEmpty || rawValue(field) == value
    }

    private func field(_ name: String, of item: YAMLNode) throws -> YAMLNode? {
        if item.isNull { return nil }
        guard item.isMapping else { throw wrongKind(item, expected: .mapping) }
        return item[name]
    }

    // MARK: Schema and node helpers

    private func fieldShape(_ key: String, in shape: Shape?) -> Shape? {
        guard case .object(let type)? = shape, let info = lookup.field(key, in: type) else { return nil }
        return info.isList ? .list(info) : info.type.map(Shape.object)
    }

    private func resourceShape(_ node: YAMLNode?) -> Shape? {
        guard let node, node.isMapping,
              let apiVersion = node["apiVersion"], !isNilOrEmpty(apiVersion), !rawValue(apiVersion).isEmpty,
              let kind = node["kind"], !isNilOrEmpty(kind), !rawValue(kind).isEmpty,
              let root = lookup.rootType(for: GVK(apiVersion: rawValue(apiVersion), kind: rawValue(kind)))
        else { return nil }
        return .object(root)
    }

    /// A node's value as kyaml compares it: scalar text as written, "" for maps and lists.
    private func rawValue(_ node: YAMLNode) -> String { node.isScalar ? node.text : "" }

    private func isNilOrEmpty(_ node: YAMLNode) -> Bool {
        node.isNull || (node.isMapping && node.entries.isEmpty) || (node.isSequence && node.items.isEmpty)
    }

    private func wrongKind(_ node: YAMLNode, expected: YAMLNode.Kind) -> KustomizeError {
        func name(_ kind: YAMLNode.Kind) -> String {
            switch kind {
            case .mapping: return "MappingNode"
            case .sequence: return "SequenceNode"
            case .scalar: return "ScalarNode"
            }
        }
        return KustomizeError("wrong node kind: expected \(name(expected)) but got \(name(node.kind)): node contents:\n"
                              + YAMLEmitter.emit(node))
    }
}
