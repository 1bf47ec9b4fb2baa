import SwkYAML

/// `replacements:` as kustomize 5.5.0 applies them: one source resource (exact selector on any of
/// its ids), its value at a field path, written into every selected target's field paths.
struct ReplacementTransformer: Transformer {
    let replacements: [Replacement]

    func transform(_ resources: ResourceMap) throws {
        for r in replacements {
            do {
                try apply(r, to: resources)
            } catch var e as KustomizeError where e.file.isEmpty {
                e.file = r.file
                e.mark = r.mark
                throw e
            }
        }
    }

    private func apply(_ r: Replacement, to resources: ResourceMap) throws {
        let sources = resources.resources.filter { res in res.anyId { Self.id($0, isSelectedBy: r.source.selector) } }
        guard let source = sources.first else { throw KustomizeError("replacements: nothing selected by \(Self.describe(r.source.selector))") }
        if sources.count > 1 { throw KustomizeError("replacements: multiple matches for selector \(Self.describe(r.source.selector))") }
        guard let found = FieldPath(r.source.fieldPath).lookup(in: source.node), !Self.isNilOrEmpty(found) else {
            throw KustomizeError("replacements: fieldPath `\(r.source.fieldPath)` is missing for replacement source \(Self.describe(r.source.selector))")
        }
        let value = try refined(found, options: r.source.options)
        for target in r.targets {
            guard let select = target.select else { continue }
            let metadata = try MetadataSelectors(select)
            for res in resources.resources where metadata.matches(res) {
                // Any id may select a target; any id matching a reject drops it.
                let ids = res.allIds
                let rejected = target.reject.contains { reject in !Self.isEmpty(reject) && ids.contains { Self.id($0, isSelectedBy: reject) } }
                if !rejected && ids.contains(where: { Self.id($0, isSelectedBy: select) }) { try copy(value, into: res, target: target) }
            }
        }
    }

    /// The part of a delimited source string that `options.index` names.
    private func refined(_ node: YAMLNode, options: Replacement.Options?) throws -> YAMLNode {
        guard let options, !options.delimiter.isEmpty else { return node }
        guard node.isScalar else { throw KustomizeError("replacements: delimiter option can only be used with scalar nodes") }
        let parts = node.text.components(separatedBy: options.delimiter)
        guard options.index >= 0, options.index < parts.count else {
            throw KustomizeError("replacements: options.index \(options.index) is out of bounds for value \(node.text)")
        }
        let copy = node.deepCopy()
        copy.text = parts[options.index]
        return copy
    }

    private func copy(_ value: YAMLNode, into res: Resource, target: Replacement.Target) throws {
        let create = target.options?.create ?? false
        for path in target.fieldPaths {
            let fieldPath = FieldPath(path)
            let fields = fieldPath.matches(in: res.node, create: create ? value.kind : nil)
            if fields.isEmpty {
                let what = create ? "unable to find or create field" : "unable to find field"
                throw KustomizeError("replacements: \(what) \"\(path)\" in replacement target \(res.currentId.kustomizeDescription)")
            }
            // kustomize reads annotations back as strings before it next decodes them.
            for field in fields { try set(field, to: value, options: target.options, typed: !fieldPath.isInAnnotations) }
        }
    }

    private func set(_ field: YAMLNode, to source: YAMLNode, options: Replacement.Options?, typed: Bool) throws {
        let value = source.deepCopy()
        if let options, !options.delimiter.isEmpty {
            guard field.isScalar else { throw KustomizeError("replacements: delimiter option can only be used with scalar nodes") }
            var parts = field.text.components(separatedBy: options.delimiter)
            let part = value.isScalar ? value.text : ""
            if options.index < 0 { parts.insert(part, at: 0) }
            else if options.index >= parts.count { parts.append(part) }
            else { parts[options.index] = part }
            value.text = parts.joined(separator: options.delimiter)
        }
        if field.isScalar {
            // kustomize copies only the text into a scalar: the target keeps its type (a created
            // field has none, so its text decides, at each copy).
            field.text = value.isScalar ? value.text : ""
            if field.tagFollowsText {
                field.tag = YAMLNode.plain(field.text).tag
            } else if typed && field.tag != .string {
                // The field keeps its type, and yaml.v3 cannot decode text of another type as it
                // (`replicas: 1` given "web"); an integer passes as a float.
                let resolved = YAMLNode.plain(field.text).tag
                if resolved != field.tag && !(field.tag == .float && resolved == .int) {
                    throw KustomizeError("yaml: cannot decode !!\(resolved.yamlName) `\(field.text)` as a !!\(field.tag.yamlName)")
                }
            }
        } else {
            field.replaceContents(with: value)
        }
    }

    static func isNilOrEmpty(_ node: YAMLNode) -> Bool {
        switch node.kind {
        case .scalar: return node.isNull
        case .mapping: return node.entries.isEmpty
        case .sequence: return node.items.isEmpty
        }
    }

    private static func isEmpty(_ s: PatchTarget) -> Bool {
        s.group.isEmpty && s.version.isEmpty && s.kind.isEmpty && s.name.isEmpty && s.namespace.isEmpty
    }

    /// kustomize's `ResId.IsSelectedBy`: each part the selector sets must be equal (namespaces compared
    /// as kustomize's effective namespace, so `default` matches an unset one).
    static func id(_ id: ResourceId, isSelectedBy s: PatchTarget) -> Bool {
        (s.name.isEmpty || s.name == id.name)
            && (s.namespace.isEmpty || ResourceSelector.effectiveNamespace(id) == s.namespace)
            && (s.group.isEmpty || s.group == id.gvk.group)
            && (s.version.isEmpty || s.version == id.gvk.version)
            && (s.kind.isEmpty || s.kind == id.gvk.kind)
    }

    static func describe(_ s: PatchTarget) -> String {
        let parts = [("group", s.group), ("version", s.version), ("kind", s.kind), ("name", s.name), ("namespace", s.namespace)]
        return "{" + parts.filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    }
}
