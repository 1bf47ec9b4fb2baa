import SwkYAML

/// Appends the content hash to generated names, once, at the top level after every
/// kustomization's transformers (so it covers the final data); name references follow later.
struct HashSuffixTransformer: Transformer {
    func transform(_ resources: ResourceMap) throws {
        let marked = resources.resources.filter(\.needsHashSuffix)
        guard !marked.isEmpty else { return }
        // Hashing reads each node alone (JSON and SHA-256 of large data): done on the machine's cores.
        let hashes = concurrentMap(marked.map(\.node), threshold: 64) { NameHash.suffix(for: $0) }
        var next = 0
        try resources.update(marked) { r in
            defer { next += 1 }
            guard let hash = hashes[next], let metadata = r.node["metadata"] else { return true }
            r.rememberId()
            metadata["name"] = .string("\(r.name)-\(hash)")
            return true
        }
    }
}

