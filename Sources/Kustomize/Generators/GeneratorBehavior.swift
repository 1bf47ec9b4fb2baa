import SwkYAML

/// Puts a generated resource into the map as its `behavior` asks (kustomize's appendReplaceOrMerge):
/// a new id is added; `merge` and `replace` rewrite the resource already built under that id (by any
/// name it has had), in place, keeping its name, namespace and history.
enum GeneratorBehavior {
    static func absorb(_ generated: Resource, _ g: GeneratorArgs, into resources: ResourceMap, file: String) throws {
        let id = generated.currentId
        let matches = resources.resources(matchingAnyId: id)
        func fail(_ message: String) -> KustomizeError { KustomizeError(message, file: file, mark: g.mark) }
        guard let old = matches.first else {
            if g.behavior == .merge || g.behavior == .replace {
                throw fail("\(g.kind.field) '\(g.name)': id \(id) does not exist; cannot merge or replace")
            }
            return try resources.append(generated)
        }
        guard matches.count == 1 else {
            throw fail("found multiple objects \(matches.map { $0.currentId.description }) that could accept merge of \(id)")
        }
        guard g.behavior == .merge || g.behavior == .replace else {
            throw fail("\(g.kind.field) '\(g.name)': id \(id) exists; behavior must be merge or replace")
        }
        let node = generated.node
        let oldNode = old.node
        let metadata = node.mappingCreating("metadata")
        setStringMap(metadata, "labels", merged(oldNode["metadata"]?["labels"], metadata["labels"]))
        setStringMap(metadata, "annotations", merged(oldNode["metadata"]?["annotations"], metadata["annotations"]))
        metadata["name"] = .string(old.name)
        metadata["namespace"] = old.namespace.isEmpty ? nil : .string(old.namespace)
        if g.behavior == .merge {
            for field in ["data", "binaryData"] { setStringMap(node, field, merged(oldNode[field], node[field])) }
        }
        try resources.update([old]) { r in
            r.replaceNode(node)
            // The hash survives only if both sides asked for it.
            r.needsHashSuffix = r.needsHashSuffix && generated.needsHashSuffix
            return true
        }
    }

    /// Both maps' entries as strings, the second's winning.
    private static func merged(_ first: YAMLNode?, _ second: YAMLNode?) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        var index: [String: Int] = [:]
        for map in [first, second] {
            for e in map?.entries ?? [] {
                // kyaml's string maps hold each value's text as written (`~` stays "~").
                let text = e.value.isScalar ? e.value.text : ""
                if let i = index[e.key] { out[i].value = text } else {
                    index[e.key] = out.count
                    out.append((e.key, text))
                }
            }
        }
        return out
    }

    /// Writes the map, or removes the field when it is empty.
    private static func setStringMap(_ parent: YAMLNode, _ field: String, _ pairs: [(key: String, value: String)]) {
        parent[field] = pairs.isEmpty ? nil : DataObject.stringMap(pairs)
    }
}

extension GeneratorArgs.Kind {
    /// The kustomization field that lists generators of this kind.
    var field: String { self == .configMap ? "configMapGenerator" : "secretGenerator" }
}
