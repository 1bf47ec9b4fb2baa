import SwkYAML

/// Where a field lives in the kinds a spec selects (empty group/version/kind select all),
/// e.g. `spec/template/metadata/labels` of Deployments.
public struct FieldSpec: Sendable {
    /// The kinds the spec applies to; empty parts match any.
    public var gvk: GVK {
        get { storage.gvk }
        set { unique().gvk = newValue }
    }
    /// The field's path, one key per segment.
    public var path: [String] {
        get { storage.path }
        set { unique().path = newValue }
    }
    /// Whether a missing field is created (otherwise only existing fields change).
    public var create: Bool {
        get { storage.create }
        set { unique().create = newValue }
    }
    /// Skips cluster-scoped kinds (they have no metadata/namespace).
    public var namespacedOnly: Bool {
        get { storage.namespacedOnly }
        set { unique().namespacedOnly = newValue }
    }
    /// Path segments written with `[]`: lists, which are never created.
    var listSegments: Set<String> { storage.listSegments }

    /// The fields, in one object shared by copies until one is changed: transformers go over many
    /// specs per resource, and copying the fields themselves retains each string and array.
    private var storage: Storage

    private final class Storage: @unchecked Sendable {
        var gvk: GVK, path: [String], create: Bool, namespacedOnly: Bool
        let listSegments: Set<String>
        init(gvk: GVK, path: [String], create: Bool, namespacedOnly: Bool, listSegments: Set<String>) {
            self.gvk = gvk; self.path = path; self.create = create; self.namespacedOnly = namespacedOnly
            self.listSegments = listSegments
        }
        func copy() -> Storage {
            Storage(gvk: gvk, path: path, create: create, namespacedOnly: namespacedOnly, listSegments: listSegments)
        }
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// A spec for `path` (`/`-separated, `[]` marking lists) in the kinds given.
    public init(group: String = "", version: String = "", kind: String = "", path: String, create: Bool = false,
                namespacedOnly: Bool = false) {
        var segments: [String] = [], lists: Set<String> = []
        for part in FieldSpec.split(path) {
            if part.hasSuffix("[]") {
                let key = String(part.dropLast(2))
                segments.append(key)
                lists.insert(key)
            } else {
                segments.append(part)
            }
        }
        storage = Storage(gvk: GVK(group: group, version: version, kind: kind), path: segments, create: create,
                          namespacedOnly: namespacedOnly, listSegments: lists)
    }

    /// Splits on `/`, honouring `\/` inside a segment. Works on bytes: the built-in tables build
    /// hundreds of specs at start-up.
    static func split(_ path: String) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        var escaped = false
        for byte in path.utf8 {
            if escaped { current.append(byte); escaped = false; continue }
            switch byte {
            case UInt8(ascii: "\\"): escaped = true
            case UInt8(ascii: "/"):
                if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
            default: current.append(byte)
            }
        }
        if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
        return parts
    }

    /// What makes two specs the same one when configurations merge.
    var identity: String { "\(gvk)|\(path.joined(separator: "/"))|\(listSegments.sorted())" }

    /// Whether the spec selects `resource` by its kind (and scope, for `namespacedOnly`).
    public func applies(to resource: Resource) -> Bool { applies(to: resource.resourceType) }

    /// `applies(to:)` for a type read once per resource (transformers check many specs each).
    func applies(to type: ResourceType) -> Bool {
        type.gvk.isSelected(by: gvk) && !(namespacedOnly && type.clusterScoped)
    }

    /// Visits the node(s) at this spec's path. Lists along the way are entered element by element
    /// without using up a path segment. Missing fields are skipped, or created as the `leaf`
    /// kind when `create` is set. A null leaf counts as missing.
    public func visit(_ root: YAMLNode, leaf: YAMLNode.Kind, _ body: (YAMLNode, _ parent: YAMLNode, _ key: String) throws -> Void) rethrows {
        try walk(root, path[...], leaf: leaf, body)
    }

    private func walk(_ node: YAMLNode, _ rest: ArraySlice<String>, leaf: YAMLNode.Kind,
                      _ body: (YAMLNode, YAMLNode, String) throws -> Void) rethrows {
        guard let key = rest.first else { return }
        if node.isSequence {
            for item in node.items { try walk(item, rest, leaf: leaf, body) }
            return
        }
        guard node.isMapping else { return }
        let remaining = rest.dropFirst()
        var child = node[key]
        if child == nil || child!.isNull {
            guard create, !listSegments.contains(key) else { return }
            let made = remaining.isEmpty
                ? YAMLNode(kind: leaf == .scalar ? .scalar : leaf, text: "", tag: .string)
                : YAMLNode.mapping()
            if leaf == .scalar && remaining.isEmpty { made.tag = .null }
            node[key] = made
            child = made
        }
        guard let next = child else { return }
        if remaining.isEmpty {
            if next.isSequence && leaf != .sequence {
                for item in next.items { try body(item, next, key) }
            } else {
                try body(next, node, key)
            }
        } else {
            try walk(next, remaining, leaf: leaf, body)
        }
    }
}
