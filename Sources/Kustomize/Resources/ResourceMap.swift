/// Resources in input order with an index by current id, so lookups and
/// duplicate checks stay O(1) per resource (kustomize's linear scans are O(n²)).
///
/// Whatever can change a resource's name, namespace or kind (prefixes, namespaces, patches)
/// edits it through `update`, which keeps the index right; debug builds check it after every step.
public final class ResourceMap {
    /// The resources, in order.
    public private(set) var resources: [Resource] = []
    /// The field specs the transformers use; it grows with each kustomization's `configurations:`
    /// and those of the kustomizations below, as kustomize's accumulator does.
    public var config = TransformerConfig.defaults
    /// The `vars` of the kustomizations accumulated so far, resolved once at the top.
    public private(set) var vars: [Var] = []
    /// The resource each var was bound to when its kustomization declared it.
    private(set) var varTargets: [String: Resource] = [:]
    private var index: [ResourceId: Int] = [:]
    /// Positions by every name a resource has had; built on first use, dropped when ids change.
    private var nameIndex: [String: [Int]]?

    /// An empty map with the default transformer config.
    public init() {}

    /// The number of resources.
    public var count: Int { resources.count }

    /// Adds `r` at the end; throws when a resource of the same id is already there.
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
        // A generator checks the map for its id after each one it adds: keep the index, not rebuild it.
        if nameIndex != nil { Self.addNames(of: r, at: resources.count - 1, to: &nameIndex!) }
    }

    /// Makes room for `more` resources at once (the folders built ahead), so the index is not
    /// rehashed again and again as thousands are appended.
    func reserveCapacity(adding more: Int) {
        guard more > 0 else { return }
        resources.reserveCapacity(resources.count + more)
        index.reserveCapacity(index.count + more)
    }

    /// Adds another map's resources and configuration (a folder listed in `resources`).
    public func appendAll(_ other: ResourceMap) throws {
        for r in other.resources { try append(r) }
        config = config.merging(other.config)
        for v in other.vars { try addVar(v) }
        varTargets.merge(other.varTargets) { current, _ in current }
    }

    private func addVar(_ v: Var) throws {
        if vars.contains(where: { $0.name == v.name }) {
            throw KustomizeError("var '\(v.name)' already encountered", file: v.file, mark: v.mark)
        }
        vars.append(v)
    }

    /// Declares vars: each is bound now to the one resource accumulated so far that its objref names
    /// (exact group, version and kind; any of the resource's names), as kustomize does, so a var
    /// declared under a prefix layer keeps pointing at that layer's object. Two vars of one name are
    /// an error anywhere in a build.
    func declareVars(_ more: [Var]) throws {
        for v in more {
            try addVar(v)
            let wanted = v.objref
            let matches = resources.filter { r in
                r.anyId { id in
                    id.gvk == GVK(group: wanted.group, version: wanted.version, kind: wanted.kind) && id.name == wanted.name
                        && (wanted.namespace.isEmpty || ResourceSelector.effectiveNamespace(id) == wanted.namespace)
                }
            }
            if matches.count > 1 {
                throw KustomizeError("found \(matches.count) resId matches for var '\(v.name)' (unable to disambiguate)", file: v.file, mark: v.mark)
            }
            if let target = matches.first { varTargets[v.name] = target }
        }
    }

    /// The resource whose current id is `id`.
    public func resource(withId id: ResourceId) -> Resource? {
        index[id].map { resources[$0] }
    }

    /// Resources whose current or any earlier id is `id` (how a target-less patch finds its resource).
    public func resources(matchingAnyId id: ResourceId) -> [Resource] {
        resources(everNamed: id.name).filter { $0.anyId { $0 == id } }
    }

    /// Resources whose current or any earlier name is `name`, in map order (a patch target by name).
    func resources(everNamed name: String) -> [Resource] {
        if nameIndex == nil {
            var built: [String: [Int]] = [:]
            for (i, r) in resources.enumerated() { Self.addNames(of: r, at: i, to: &built) }
            nameIndex = built
        }
        return (nameIndex?[name] ?? []).map { resources[$0] }
    }

    /// Files position `i` under every name `r` has had. Positions go in in order, so a name this
    /// resource already added ends its list.
    private static func addNames(of r: Resource, at i: Int, to built: inout [String: [Int]]) {
        _ = r.anyName { name in
            if built[name]?.last != i { built[name, default: []].append(i) }
            return false
        }
    }

    /// Edits every resource (or those given) and brings the indexes up to date; `edit` returns false
    /// to drop a resource (a patch that deletes it). Two resources ending with one id is an error.
    public func update(_ only: [Resource]? = nil, _ edit: (Resource) throws -> Bool) throws {
        guard let only else {
            let kept = try resources.filter { try edit($0) }
            if kept.count != resources.count { resources = kept }
            nameIndex = nil
            try rebuildIndex()
            return
        }
        // Only the edited resources can change id: move just their index entries.
        var dropped: Set<ObjectIdentifier> = []
        var moved: [(resource: Resource, position: Int)] = []
        for r in only {
            let before = r.currentId
            if try !edit(r) { dropped.insert(ObjectIdentifier(r)) }
            if r.currentId != before, let position = index.removeValue(forKey: before) { moved.append((r, position)) }
        }
        if !moved.isEmpty || !dropped.isEmpty { nameIndex = nil }
        if !dropped.isEmpty {
            resources.removeAll { dropped.contains(ObjectIdentifier($0)) }
            try rebuildIndex()
            return
        }
        try reindex(moved)
    }

    /// Records that resources of this map were renamed elsewhere (by a caller that edited them
    /// on several threads): each one's id before the edit.
    func renamed(_ renames: [(resource: Resource, before: ResourceId)]) throws {
        guard !renames.isEmpty else { return }
        nameIndex = nil
        try reindex(renames.compactMap { r, before in index.removeValue(forKey: before).map { (r, $0) } })
    }

    private func reindex(_ moved: [(resource: Resource, position: Int)]) throws {
        for (r, position) in moved {
            let id = r.currentId
            if let other = index[id] { throw collision(resources[other], r, id) }
            index[id] = position
        }
    }

    private func collision(_ a: Resource, _ b: Resource, _ id: ResourceId) -> KustomizeError {
        KustomizeError("resources \(a.file) and \(b.file) end up with the same id \(id)", file: b.file, mark: b.node.mark)
    }

    private func rebuildIndex() throws {
        index.removeAll(keepingCapacity: true)
        for (i, r) in resources.enumerated() {
            let id = r.currentId
            if let j = index[id] { throw collision(resources[j], r, id) }
            index[id] = i
        }
    }

    /// Removes the resources `shouldRemove` picks, keeping the order of the rest.
    public func removeAll(where shouldRemove: (Resource) -> Bool) {
        let before = resources.count
        resources.removeAll(where: shouldRemove)
        guard resources.count != before else { return }
        nameIndex = nil
        index.removeAll(keepingCapacity: true)
        for (i, r) in resources.enumerated() { index[r.currentId] = i }
    }

    /// Puts the same resources in a new order (the output sort).
    func reorder(_ ordered: [Resource]) {
        precondition(ordered.count == resources.count, "reorder must keep every resource")
        // Ids stay as they are: move each index entry to its resource's new position instead of
        // working every id out and hashing it again.
        var newPosition: [ObjectIdentifier: Int] = [:]
        newPosition.reserveCapacity(ordered.count)
        for (i, r) in ordered.enumerated() { newPosition[ObjectIdentifier(r)] = i }
        let moved = resources.map { newPosition[ObjectIdentifier($0)]! }
        for slot in index.values.indices { index.values[slot] = moved[index.values[slot]] }
        resources = ordered
        nameIndex = nil
    }

    /// Whether the index maps exactly the current ids to their positions (checked in debug builds).
    func indexIsConsistent() -> Bool {
        index.count == resources.count && resources.enumerated().allSatisfy { index[$0.element.currentId] == $0.offset }
    }
}
