import SwkYAML

/// Appends the content hash to generated names, once, at the top level after every
/// kustomization's transformers (so it covers the final data); name references follow later.
struct HashSuffixTransformer: Transformer {
    func transform(_ resources: ResourceMap) throws {
        let marked = resources.resources.filter(\.needsHashSuffix)
        guard !marked.isEmpty else { return }
        // Each resource is hashed and renamed alone (JSON and SHA-256 of large data), so on the
        // machine's cores; the map's index then moves the renamed ids.
        let before = concurrentMap(marked, threshold: 64) { r -> ResourceId? in
            guard let hash = NameHash.suffix(for: r.node), let metadata = r.node["metadata"] else { return nil }
            let id = r.rememberId()
            metadata["name"] = .string("\(id.name)-\(hash)")
            return id
        }
        try resources.renamed(zip(marked, before).compactMap { r, id in id.map { (r, $0) } })
    }
}

