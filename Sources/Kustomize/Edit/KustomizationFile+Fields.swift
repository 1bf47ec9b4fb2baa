import SwkYAML

/// `edit set nameprefix|namesuffix|namespace|image|replicas`, with kustomize's semantics.
extension KustomizationFile {
    /// Sets a top-level string field (`namePrefix`, `nameSuffix`, `namespace`).
    public mutating func setField(_ field: String, _ value: String) throws {
        let k = try key(field)
        if let old = try node(field), old.kind == .scalar, old.text == value, !old.isNull { return }
        // kustomize drops empty fields (omitempty).
        if value.isEmpty { try editor.remove([.key(k)]); return }
        try editor.set([.key(k)], .string(value))
    }

    /// `edit set image`: existing entries are updated in place (`*` keeps a value), new ones
    /// appended, and `images` ends up sorted by name as kustomize writes it.
    public mutating func setImages(_ args: [ImageArgument]) throws {
        guard !args.isEmpty else { throw KustomizeError("no image specified") }
        var pending: [String: ImageArgument] = [:]
        var order: [String] = []
        for a in args {
            if pending[a.name] == nil { order.append(a.name) }
            pending[a.name] = a
        }
        // `imageTags` is the deprecated spelling; kustomize reads both into one list.
        for field in ["images", "imageTags"] {
            let k = try key(field)
            for (i, item) in try records(field).enumerated() {
                guard let name = item["name"]?.text, var arg = pending[name] else { continue }
                if arg.newName == ImageArgument.keep { arg.newName = item["newName"]?.text ?? "" }
                if arg.newTag == ImageArgument.keep { arg.newTag = item["newTag"]?.text ?? "" }
                if arg.digest == ImageArgument.keep { arg.digest = item["digest"]?.text ?? "" }
                pending[name] = arg
                let path: [YAMLTextEditor.Step] = [.key(k), .index(i)]
                try setFields(path, current: item, ["newName": arg.newName, "newTag": arg.newTag, "digest": arg.digest, "tagSuffix": ""])
                order.removeAll { $0 == name }
            }
        }
        let k = try key("images")
        for name in order {
            guard var a = pending[name] else { continue }
            if a.newName == ImageArgument.keep { a.newName = "" }
            if a.newTag == ImageArgument.keep { a.newTag = "" }
            if a.digest == ImageArgument.keep { a.digest = "" }
            try editor.append([.key(k)], Self.mapping(["name": a.name, "newName": a.newName, "newTag": a.newTag, "digest": a.digest]))
        }
        try sortByName(k)
    }

    /// `edit set replicas NAME=COUNT...`.
    public mutating func setReplicas(_ args: [(name: String, count: Int)]) throws {
        guard !args.isEmpty else { throw KustomizeError("no replicas specified") }
        var pending: [String: Int] = [:]
        var order: [String] = []
        for a in args {
            if pending[a.name] == nil { order.append(a.name) }
            pending[a.name] = a.count
        }
        let k = try key("replicas")
        for (i, item) in try records("replicas").enumerated() {
            guard let name = item["name"]?.text, let count = pending[name] else { continue }
            if item["count"]?.text != String(count) { try editor.set([.key(k), .index(i), .key("count")], .int(count)) }
            order.removeAll { $0 == name }
        }
        for name in order {
            guard let count = pending[name] else { continue }
            try editor.append([.key(k)], .mapping([YAMLNode.Entry(key: "count", value: .int(count)),
                                                  YAMLNode.Entry(key: "name", value: .string(name))]))
        }
        try sortByName(k)
    }

    /// Parses `NAME=COUNT` as kustomize does.
    public static func replicaArgument(_ arg: String) throws -> (name: String, count: Int) {
        let parts = arg.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, let n = Int(parts[1]) else {
            throw KustomizeError("invalid format of replica, use the following format: <name>=<count>")
        }
        return (String(parts[0]), n)
    }

    // MARK: helpers

    /// Brings the string fields of a list item to `wanted` (empty = absent), touching only those that differ.
    mutating func setFields(_ path: [YAMLTextEditor.Step], current: [String: YAMLSpan], _ wanted: [String: String]) throws {
        for (field, value) in wanted.sorted(by: { $0.key < $1.key }) {
            let old = current[field]
            if value.isEmpty {
                if old != nil { try editor.remove(path + [.key(field)]) }
            } else if old?.text != value || old?.kind != .scalar {
                try editor.set(path + [.key(field)], .string(value))
            }
        }
    }

    /// A map of the non-empty strings, in kustomize's key order.
    static func mapping(_ fields: [String: String]) -> YAMLNode {
        .mapping(fields.filter { !$0.value.isEmpty }.sorted { KeyOrder.less($0.key, $1.key) }
            .map { YAMLNode.Entry(key: $0.key, value: .string($0.value)) })
    }

    /// kustomize writes `images` and `replicas` sorted by name.
    mutating func sortByName(_ field: String) throws {
        guard let seq = try editor.node(at: [.key(field)]), seq.kind == .sequence else { return }
        let names = seq.items.map { $0.entry("name")?.value.text ?? "" }
        let order = names.indices.sorted { names[$0] < names[$1] || (names[$0] == names[$1] && $0 < $1) }
        try editor.reorder([.key(field)], order)
    }
}
