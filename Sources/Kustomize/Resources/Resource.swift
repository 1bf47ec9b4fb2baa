import SwkYAML

/// One Kubernetes object with the build history kustomize keeps for it
/// (typed fields rather than kustomize's internal annotations). Its hottest fields skip run-time
/// exclusivity checks, as YAMLNode's do.
public final class Resource {
    /// The object; a patch may replace it whole, through `ResourceMap.update`.
    @exclusivity(unchecked) public private(set) var node: YAMLNode
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
    /// Set by a generator unless `disableNameSuffixHash`: the top-level build appends a hash of
    /// the content to the name.
    public internal(set) var needsHashSuffix = false
    /// A labels or annotations transformer put one value node in several fields (see
    /// `MapFieldTransformer`), which a JSON patch's round trip would part again.
    var sharesScalars = false

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
    public var gvk: GVK { resourceType.gvk }
    /// `kind`, or "" when missing.
    public var kind: String { node["kind"]?.stringValue ?? "" }
    /// `metadata.name`, or "".
    public var name: String { node["metadata"]?["name"]?.stringValue ?? "" }
    /// `metadata.namespace`, or "".
    public var namespace: String { node["metadata"]?["namespace"]?.stringValue ?? "" }
    /// The id it has now, after the transformers so far.
    public var currentId: ResourceId {
        let type = resourceType
        let metadata = node["metadata"]
        return ResourceId(gvk: type.gvk, name: metadata?["name"]?.stringValue ?? "",
                          namespace: metadata?["namespace"]?.stringValue ?? "", clusterScoped: type.clusterScoped)
    }

    /// The last type seen, so ids are not split and scope-checked again on every look (they are
    /// looked up many times per transformer); checked against the node each time.
    /// An object, so that checking it costs one retain rather than one per string it holds.
    @exclusivity(unchecked) private var typeCache: TypeCache?

    private final class TypeCache {
        let apiVersion: String, kind: String, type: ResourceType
        init(apiVersion: String, kind: String, type: ResourceType) { self.apiVersion = apiVersion; self.kind = kind; self.type = type }
    }

    /// Group, version, kind and scope.
    var resourceType: ResourceType {
        let apiVersion = node["apiVersion"]?.stringValue ?? "", kind = self.kind
        if let cached = typeCache, cached.apiVersion == apiVersion, cached.kind == kind { return cached.type }
        let gvk = GVK(apiVersion: apiVersion, kind: kind)
        let type = ResourceType(gvk: gvk, clusterScoped: gvk.isClusterScoped)
        typeCache = TypeCache(apiVersion: apiVersion, kind: kind, type: type)
        return type
    }

    /// Where the resource came from, for `buildMetadata: [originAnnotations]` and error messages.
    var origin: Origin?
    /// The transformers that ran over it, in order, for `buildMetadata: [transformerAnnotations]`.
    var transformations: [Origin] = []

    /// Carries kustomize's internal annotations while building (chart output): its annotations map
    /// exists, empty or not, until the output drops an empty one.
    var hasInternalAnnotations = false

    /// Whether a transformer may have renamed, moved or re-kinded it (else its id never changed).
    @exclusivity(unchecked) private(set) var hasHistory = false

    /// Every identity the resource has had, current last.
    public var allIds: [ResourceId] { [originalId] + previousIds + [currentId] }

    /// Whether any id it has had (original, earlier, current) passes `test`, without building the list.
    func anyId(_ test: (ResourceId) throws -> Bool) rethrows -> Bool {
        try test(originalId) || previousIds.contains(where: test) || test(currentId)
    }

    /// Whether any name it has had passes `test` (the current name read without a whole id).
    func anyName(_ test: (String) throws -> Bool) rethrows -> Bool {
        try test(originalId.name) || previousIds.contains { try test($0.name) } || test(name)
    }

    /// Records the current identity before a transformer renames or moves the resource.
    /// Returns that identity.
    @discardableResult
    func rememberId() -> ResourceId {
        hasHistory = true
        let id = currentId
        if previousIds.last != id && !(previousIds.isEmpty && originalId == id) { previousIds.append(id) }
        return id
    }

    func replaceNode(_ newNode: YAMLNode) { node = newNode }

    /// `metadata.annotations`, if any.
    public var annotations: YAMLNode? { node["metadata"]?["annotations"] }
    /// `metadata.labels`, if any.
    public var labels: YAMLNode? { node["metadata"]?["labels"] }

    /// Gives every scalar that appears in several fields a node of its own, as kustomize's JSON
    /// round trip of a patched resource does.
    func unshareScalars() {
        guard sharesScalars else { return }
        sharesScalars = false
        node.partSharedNodes(.scalars)
    }

    /// A deep copy with the same history.
    public func copy() -> Resource {
        let r = Resource(node: node.deepCopy(), file: file)
        r.originalId = originalId
        r.previousIds = previousIds
        r.hasHistory = hasHistory
        r.prefixes = prefixes
        r.suffixes = suffixes
        r.needsHashSuffix = needsHashSuffix
        r.origin = origin
        r.transformations = transformations
        return r
    }
}

extension Resource {
    /// kustomize's own mark for "append the content hash", honoured on any resource that carries
    /// it and never printed.
    static let needsHashSuffixAnnotation = "internal.config.kubernetes.io/needsHashSuffix"

    /// Moves the annotation, if present, into `needsHashSuffix`.
    func takeHashSuffixAnnotation() {
        guard let metadata = node["metadata"], let annotations = metadata["annotations"],
              let value = annotations[Self.needsHashSuffixAnnotation] else { return }
        needsHashSuffix = value.stringValue == "enabled"
        annotations[Self.needsHashSuffixAnnotation] = nil
        if annotations.entries.isEmpty { metadata["annotations"] = nil }
    }

    /// Drops an empty or null `metadata.annotations`, as kustomize does whenever it reads or
    /// patches a resource. The values keep their YAML types until the build's end
    /// (`annotationValuesAsStrings`): a JSON patch's round trip still sees `5`, `true` and `~` as a
    /// number, a boolean and a null (`JSONRoundTrip.annotationValues`).
    /// `keepEmpty` leaves an empty map for a resource kustomize keeps internal annotations on
    /// (chart output), so a JSON patch can add to it; the build drops it before printing.
    static func dropEmptyAnnotations(_ root: YAMLNode, keepEmpty: Bool = false) {
        guard let metadata = root["metadata"], let annotations = metadata["annotations"] else { return }
        guard annotations.isMapping, !annotations.entries.isEmpty else {
            if annotations.isNull || (annotations.isMapping && !keepEmpty) { metadata["annotations"] = nil }
            return
        }
    }

    /// The build's last rewrite of annotations (kustomize reads them as strings and sets them
    /// back on every resource that has any): each scalar value becomes a string, so a number a
    /// replacement or patch put there prints quoted and an empty value prints as "". A map or list
    /// has no string value there: it becomes "".
    static func annotationValuesAsStrings(_ root: YAMLNode) {
        guard let annotations = root["metadata"]?["annotations"] else { return }
        for e in annotations.entries {
            if e.value.isScalar { e.value.tag = .string; e.value.tagFollowsText = false } else { annotations[e.key] = .string("") }
        }
    }
}

/// A resource's group, version, kind and whether that kind is cluster-scoped.
struct ResourceType {
    let gvk: GVK
    let clusterScoped: Bool
}

/// A resource's origin as kustomize records it: the file it was read from, or the file that
/// configured the generator (or, in a transformation, the transformer) that made it.
struct Origin {
    /// Canonical path of the resource file, or of the kustomization or plugin config.
    var file: String
    /// The plugin: its kind and, for a plugin config, its metadata name and namespace.
    var configuredBy: Plugin?

    struct Plugin {
        var kind: String
        var name = ""
        var namespace = ""
    }

    init(file: String, configuredBy: Plugin? = nil) {
        self.file = file
        self.configuredBy = configuredBy
    }

    /// The `config.kubernetes.io/origin` text, with paths relative to `root`.
    func annotation(relativeTo root: String) -> String {
        let path = Self.scalar(FilePaths.relative(file, from: root))
        guard let plugin = configuredBy else { return "path: \(path)\n" }
        return "configuredIn: \(path)\nconfiguredBy:\n" + plugin.fields.map { "  \($0)\n" }.joined()
    }

    /// One item of the `alpha.config.kubernetes.io/transformations` list.
    func transformationItem(relativeTo root: String) -> String {
        let path = Self.scalar(FilePaths.relative(file, from: root))
        return "- configuredIn: \(path)\n  configuredBy:\n" + (configuredBy?.fields ?? []).map { "    \($0)\n" }.joined()
    }

    /// A string as YAML writes it in a block mapping (quoted where plain would misread).
    fileprivate static func scalar(_ text: String) -> String {
        var out = YAMLEmitter.emit(.string(text))
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}

extension Origin.Plugin {
    /// The `configuredBy` lines, in kustomize's field order; empty name and namespace are left out.
    var fields: [String] {
        var lines = ["apiVersion: builtin", "kind: \(Origin.scalar(kind))"]
        if !name.isEmpty { lines.append("name: \(Origin.scalar(name))") }
        if !namespace.isEmpty { lines.append("namespace: \(Origin.scalar(namespace))") }
        return lines
    }
}
