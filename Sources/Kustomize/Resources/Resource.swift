import SwkYAML

/// One Kubernetes object with the build history kustomize keeps for it
/// (typed fields rather than kustomize's internal annotations).
public final class Resource {
    /// The object; a patch may replace it whole, through `ResourceMap.update`.
    public private(set) var node: YAMLNode
    /// The file it was read from, for error messages.
    public let file: String
    /// Identity as first read, before any transformer ran.
    public private(set) var originalId: ResourceId
    /// Identities it had before each rename or namespace change, oldest first.
    public private(set) var previousIds: [ResourceId] = []
    /// Name prefixes and suffixes applied, innermost first (used to disambiguate references).
    public var prefixes: [String] = []
    /// Name suffixes applied, innermost first.
    public var suffixes: [String] = []

    /// A resource read from `file`; its original id is taken from `node` now.
    public init(node: YAMLNode, file: String) {
        self.node = node
        self.file = file
        let metadata = node["metadata"]
        self.originalId = ResourceId(
            gvk: GVK(apiVersion: node["apiVersion"]?.stringValue ?? "", kind: node["kind"]?.stringValue ?? ""),
            name: metadata?["name"]?.stringValue ?? "", namespace: metadata?["namespace"]?.stringValue ?? "")
    }

    /// Group, version and kind from `apiVersion` and `kind`.
    public var gvk: GVK { GVK(apiVersion: node["apiVersion"]?.stringValue ?? "", kind: kind) }
    /// `kind`, or "" when missing.
    public var kind: String { node["kind"]?.stringValue ?? "" }
    /// `metadata.name`, or "".
    public var name: String { node["metadata"]?["name"]?.stringValue ?? "" }
    /// `metadata.namespace`, or "".
    public var namespace: String { node["metadata"]?["namespace"]?.stringValue ?? "" }
    /// The id it has now, after the transformers so far.
    public var currentId: ResourceId { ResourceId(gvk: gvk, name: name, namespace: namespace) }

    /// Whether a transformer may have renamed, moved or re-kinded it (else its id never changed).
    private(set) var hasHistory = false

    /// Every identity the resource has had, current last.
    public var allIds: [ResourceId] { [originalId] + previousIds + [currentId] }

    /// Records the current identity before a transformer renames or moves the resource.
    func rememberId() {
        hasHistory = true
        let id = currentId
        if previousIds.last != id && !(previousIds.isEmpty && originalId == id) { previousIds.append(id) }
    }

    func replaceNode(_ newNode: YAMLNode) { node = newNode }

    /// `metadata.annotations`, if any.
    public var annotations: YAMLNode? { node["metadata"]?["annotations"] }
    /// `metadata.labels`, if any.
    public var labels: YAMLNode? { node["metadata"]?["labels"] }

    /// A deep copy with the same history.
    public func copy() -> Resource {
        let r = Resource(node: node.deepCopy(), file: file)
        r.originalId = originalId
        r.previousIds = previousIds
        r.hasHistory = hasHistory
        r.prefixes = prefixes
        r.suffixes = suffixes
        return r
    }
}

extension Resource {
    /// kustomize holds annotations as a string map, rewritten whenever it reads or patches a
    /// resource: `true` comes out quoted, and an empty or null map is dropped.
    static func normalizeAnnotations(_ root: YAMLNode) {
        guard let metadata = root["metadata"], let annotations = metadata["annotations"] else { return }
        guard annotations.isMapping, !annotations.entries.isEmpty else {
            if annotations.isNull || annotations.isMapping { metadata["annotations"] = nil }
            return
        }
        for e in annotations.entries where e.value.isScalar { e.value.tag = .string }
    }
}
