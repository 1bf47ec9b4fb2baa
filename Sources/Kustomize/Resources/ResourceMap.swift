/// Resources in input order with an index by current id, so lookups and
/// duplicate checks stay O(1) per resource (kustomize's linear scans are O(n²)).
public final class ResourceMap {
    public private(set) var resources: [Resource] = []
    private var index: [ResourceId: Int] = [:]

    public init() {}

    public var count: Int { resources.count }

    public func append(_ r: Resource) throws {
        let id = r.currentId
        if let i = index[id] {
            let other = resources[i]
            throw KustomizeError(
                "may not add resource with an already registered id: \(id) (first defined in \(other.file))",
                file: r.file, mark: r.node.mark)
        }
        index[id] = resources.count
        resources.append(r)
    }

    public func appendAll(_ other: ResourceMap) throws {
        for r in other.resources { try append(r) }
    }

    public func resource(withId id: ResourceId) -> Resource? {
        index[id].map { resources[$0] }
    }

    /// Call after transformers change names or namespaces.
    public func reindex() throws {
        index.removeAll(keepingCapacity: true)
        for (i, r) in resources.enumerated() {
            let id = r.currentId
            if let j = index[id] {
                throw KustomizeError(
                    "resources \(resources[j].file) and \(r.file) end up with the same id \(id)",
                    file: r.file, mark: r.node.mark)
            }
            index[id] = i
        }
    }

    public func removeAll(where shouldRemove: (Resource) -> Bool) {
        resources.removeAll(where: shouldRemove)
        index.removeAll(keepingCapacity: true)
        for (i, r) in resources.enumerated() { index[r.currentId] = i }
    }

    public func replaceOrder(_ ordered: [Resource]) { resources = ordered }
}
