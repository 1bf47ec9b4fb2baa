import SwkYAML

/// Appends the content hash to generated names, once, at the top level after every
/// kustomization's transformers (so it covers the final data); name references follow later.
struct HashSuffixTransformer: Transformer {
    func transform(_ resources: ResourceMap) throws {
        let marked = resources.resources.filter(\.needsHashSuffix)
        guard !marked.isEmpty else { return }
        try resources.update(marked) { r in
            guard let hash = NameHash.suffix(for: r.node), let metadata = r.node["metadata"] else { return true }
            r.rememberId()
            metadata["name"] = .string("\(r.name)-\(hash)")
            return true
        }
    }
}
