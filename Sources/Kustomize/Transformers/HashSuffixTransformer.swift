import Foundation
import SwkYAML

/// Appends the content hash to generated names, once, at the top level after every
/// kustomization's transformers (so it covers the final data); name references follow later.
struct HashSuffixTransformer: Transformer {
    func transform(_ resources: ResourceMap) throws {
        let marked = resources.resources.filter(\.needsHashSuffix)
        guard !marked.isEmpty else { return }
        // Hashing reads each node alone (JSON and SHA-256 of large data): done on the machine's cores.
        let nodes = UncheckedSendable(marked.map(\.node))
        let slots = UnsafeMutableBufferPointer<String?>.allocate(capacity: marked.count)
        slots.initialize(repeating: nil)
        defer { slots.deinitialize().deallocate() }
        let hashes = UncheckedSendable(slots)
        let slices = marked.count < 64 ? 1 : 8, per = (marked.count + slices - 1) / slices
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            for i in min(slice * per, nodes.value.count)..<min((slice + 1) * per, nodes.value.count) {
                hashes.value[i] = NameHash.suffix(for: nodes.value[i])
            }
        }
        var next = 0
        try resources.update(marked) { r in
            defer { next += 1 }
            guard let hash = slots[next], let metadata = r.node["metadata"] else { return true }
            r.rememberId()
            metadata["name"] = .string("\(r.name)-\(hash)")
            return true
        }
    }
}

