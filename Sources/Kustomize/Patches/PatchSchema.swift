import SwkYAML

/// Merge information for one field of a schema type, as kyaml reads it from OpenAPI.
struct PatchFieldInfo: Sendable, Equatable {
    /// The definition the field's value has (for a list, its elements'); nil when unknown or scalar.
    var type: String?
    var isList: Bool
    /// `x-kubernetes-list-map-keys`, else `[x-kubernetes-patch-merge-key]`, else empty.
    var mergeKeys: [String]
    /// `x-kubernetes-patch-strategy`, e.g. `merge` or `merge,retainKeys`.
    var strategy: String?

    init(type: String?, isList: Bool = false, mergeKeys: [String] = [], strategy: String? = nil) {
        self.type = type; self.isList = isList; self.mergeKeys = mergeKeys; self.strategy = strategy
    }

    var mergeKey: String? { mergeKeys.first }

    /// kyaml merges a list by element (instead of replacing it) when its strategy includes `merge`.
    var mergesElements: Bool {
        isList && (strategy ?? "").utf8.split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual("merge".utf8) }
    }
}

/// Where the strategic-merge engine finds a resource's schema and its fields' merge rules.
protocol MergeKeyLookup: Sendable {
    /// The definition of a resource kind; kustomize matches group, version and kind exactly.
    func rootType(for gvk: GVK) -> String?
    /// A field of a definition (any field of a map type); nil when the schema says nothing useful.
    func field(_ name: String, in type: String) -> PatchFieldInfo?
}

/// Merge rules read from OpenAPI v2 definitions: the built-in Kubernetes table, or a user schema.
struct PatchSchema: MergeKeyLookup {
    /// Field name standing for a type's `additionalProperties` (any other field).
    static let anyField = "*"

    private(set) var roots: [GVK: String] = [:]
    private(set) var types: [String: [String: PatchFieldInfo]] = [:]

    init() {}

    /// The Kubernetes v1.21.2 schema kustomize v5.5.0 embeds, parsed at first use.
    static let kubernetes = PatchSchema(table: kubernetesTable)

    func rootType(for gvk: GVK) -> String? { roots[gvk] }

    func field(_ name: String, in type: String) -> PatchFieldInfo? {
        guard let fields = types[type] else { return nil }
        return fields[name] ?? fields[Self.anyField]
    }

    /// Whether the schema defines a type (a user schema may refer to ones it does not define).
    func defines(_ type: String) -> Bool { types[type] != nil }

    /// This schema with `other`'s kinds and definitions added, `other` winning on clashes.
    func merging(_ other: PatchSchema) -> PatchSchema {
        var result = self
        result.roots.merge(other.roots) { $1 }
        result.types.merge(other.types) { $1 }
        return result
    }

    /// Removes the long package prefixes, as the generated table does, so both spell names alike.
    static func shortName(_ name: String) -> String {
        for prefix in ["io.k8s.api.", "io.k8s.apimachinery.pkg.apis.", "io.k8s."] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }
}

// MARK: - The generated table

extension PatchSchema {
    /// Parses the compact table format described in KubernetesMergeKeys.swift.
    init(table: String) {
        var current: String?
        for (first, parts) in Self.lines(of: table) {
            if first == UInt8(ascii: "@") {
                guard parts.count == 3 else { continue }
                roots[GVK(apiVersion: String(parts[0].dropFirst()), kind: parts[1])] = parts[2]
            } else if first == UInt8(ascii: " ") {
                guard let owner = current, parts.count >= 2 else { continue }
                types[owner, default: [:]][parts[0]] = fieldInfo(spec: parts[1], columns: parts.dropFirst(2))
            } else if let name = parts.first {
                current = name
                if types[name] == nil { types[name] = [:] }
            }
        }
    }

    /// The table's non-empty lines, each as its first byte and its space-separated words. Read as
    /// bytes: the built-in table is 58 KB, and splitting it by Characters took ~15 ms per build.
    private static func lines(of table: String) -> [(first: UInt8, words: [String])] {
        var text = table
        return text.withUTF8 { bytes in
            var lines: [(first: UInt8, words: [String])] = []
            var i = 0
            while i < bytes.count {
                let start = i
                var words: [String] = []
                var wordStart: Int?
                func endWord() {
                    if let w = wordStart { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[w..<i]), as: UTF8.self)) }
                    wordStart = nil
                }
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") {
                    if bytes[i] == UInt8(ascii: " ") { endWord() } else if wordStart == nil { wordStart = i }
                    i += 1
                }
                endWord()
                if i > start { lines.append((bytes[start], words)) }
                i += 1
            }
            return lines
        }
    }

    /// One field column set: `Type`, `{Type` (map of Type) or `[Type strategy keys`.
    private mutating func fieldInfo(spec: String, columns: ArraySlice<String>) -> PatchFieldInfo {
        func name(_ s: Substring) -> String? { s == "-" || s.isEmpty ? nil : String(s) }
        if spec.hasPrefix("[") {
            let strategy = columns.first.flatMap { name(Substring($0)) }
            let keys = columns.dropFirst().first.map { $0.split(separator: ",").map(String.init) } ?? []
            return PatchFieldInfo(type: name(spec.dropFirst()), isList: true, mergeKeys: keys, strategy: strategy)
        }
        if spec.hasPrefix("{") {
            return PatchFieldInfo(type: mapType(of: name(spec.dropFirst())))
        }
        return PatchFieldInfo(type: name(Substring(spec)))
    }

    /// A synthetic definition for "map whose values are `value`": every field has that type.
    private mutating func mapType(of value: String?) -> String? {
        guard let value else { return nil }
        let name = "{" + value
        types[name] = [Self.anyField: PatchFieldInfo(type: value)]
        return name
    }
}

// MARK: - OpenAPI v2 definitions (a user `openapi:` schema)

extension PatchSchema {
    /// Reads swagger definitions: a document with a `definitions` mapping, or that mapping itself.
    /// Inline object schemas get synthetic names (`Owner.field`, `Owner.field[]`).
    init(swaggerDefinitions document: YAMLNode) {
        let definitions = document["definitions"] ?? document
        guard definitions.isMapping else { return }
        for entry in definitions.entries where entry.value.isMapping {
            let name = Self.shortName(entry.key)
            for gvk in entry.value["x-kubernetes-group-version-kind"]?.items ?? [] {
                guard let version = gvk["version"]?.stringValue, let kind = gvk["kind"]?.stringValue else { continue }
                roots[GVK(group: gvk["group"]?.stringValue ?? "", version: version, kind: kind)] = name
            }
            addType(name, schema: entry.value)
        }
    }

    private mutating func addType(_ name: String, schema: YAMLNode) {
        var fields = types[name] ?? [:]
        for property in schema["properties"]?.entries ?? [] {
            fields[property.key] = info(of: property.value, path: name + "." + property.key)
        }
        if let values = schema["additionalProperties"], values.isMapping {
            fields[Self.anyField] = info(of: values, path: name + ".*")
        }
        types[name] = fields
    }

    /// What kyaml's `ResourceSchema.Field` yields for a property: a `$ref` is followed (dropping the
    /// property's own extensions, as kyaml does); an array keeps its patch extensions.
    private mutating func info(of schema: YAMLNode, path: String) -> PatchFieldInfo {
        if let ref = schema["$ref"]?.stringValue {
            return PatchFieldInfo(type: Self.definitionName(ref))
        }
        if schema["type"]?.stringValue == "array" {
            let strategy = schema["x-kubernetes-patch-strategy"]?.stringValue
            var keys: [String] = []
            if let listKeys = schema["x-kubernetes-list-map-keys"]?.items, strategy != nil, !listKeys.isEmpty {
                keys = listKeys.compactMap(\.stringValue)
            } else if let key = schema["x-kubernetes-patch-merge-key"]?.stringValue {
                keys = [key]
            }
            let element = schema["items"].flatMap { objectType(of: $0, path: path + "[]") }
            return PatchFieldInfo(type: element, isList: true, mergeKeys: keys, strategy: strategy)
        }
        return PatchFieldInfo(type: objectType(of: schema, path: path))
    }

    /// The definition an object schema names or, when written inline, a synthetic one.
    private mutating func objectType(of schema: YAMLNode, path: String) -> String? {
        if let ref = schema["$ref"]?.stringValue { return Self.definitionName(ref) }
        guard schema["properties"] != nil || schema["additionalProperties"]?.isMapping == true else { return nil }
        addType(path, schema: schema)
        return path
    }

    private static func definitionName(_ ref: String) -> String {
        let prefix = "#/definitions/"
        return shortName(ref.hasPrefix(prefix) ? String(ref.dropFirst(prefix.count)) : ref)
    }
}

/// A user `openapi:` schema as kustomize uses it: only its kinds have a schema (built-in kinds
/// lose theirs), but a definition it refers to without defining comes from the built-in schema.
struct UserPatchSchema: MergeKeyLookup {
    let schema: PatchSchema

    func rootType(for gvk: GVK) -> String? { schema.rootType(for: gvk) }

    func field(_ name: String, in type: String) -> PatchFieldInfo? {
        schema.defines(type) ? schema.field(name, in: type) : PatchSchema.kubernetes.field(name, in: type)
    }
}
