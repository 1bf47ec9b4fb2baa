/// Resources in input order with an index by current id, so lookups and
/// duplicate checks stay O(1) per resource (kustomize's linear scans are O(n²)).
///
/// Whatever can change a resource's name, namespace or kind (prefixes, namespaces, patches)
/// edits it through `update`, which keeps the index right; debug builds check it after every step.
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

    /// Resources whose current or any earlier id is `id` (how a target-less patch finds its resource).
    public func resources(matchingAnyId id: ResourceId) -> [Resource] {
        let current = index[id].map { resources[$0] }
        var out = current.map { [$0] } ?? []
        for r in resources where r.hasHistory && r !== current && r.allIds.dropLast().contains(id) { out.append(r) }
        return out
    }

    /// Edits every resource (or those given), then rebuilds the index; `edit` returns false to drop a
    /// resource (a patch that deletes it). Two resources ending with one id is an error.
    public func update(_ only: [Resource]? = nil, _ edit: (Resource) throws -> Bool) throws {
        var dropped: Set<ObjectIdentifier> = []
        for r in only ?? resources where try !edit(r) {
            dropped.insert(ObjectIdentifier(r))
        }
        if !dropped.isEmpty { resources.removeAll { dropped.contains(ObjectIdentifier($0)) } }
        try rebuildIndex()
    }

    private func rebuildIndex() throws {
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

    /// Puts the same resources in a new order (the output sort).
    func reorder(_ ordered: [Resource]) {
        precondition(ordered.count == resources.count, "reorder must keep every resource")
        resources = ordered
        for (i, r) in resources.enumerated() { index[r.currentId] = i }
    }

    /// Whether the index maps exactly the current ids to their positions (checked in debug builds).
    func indexIsConsistent() -> Bool {
        index.count == resources.count && resources.enumerated().allSatisfy { index[$0.element.currentId] == $0.offset }
    }
}
