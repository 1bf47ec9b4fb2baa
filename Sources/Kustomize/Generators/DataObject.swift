import Foundation
import SwkYAML

/// How each generated kind holds its values (kustomize's `generators` package).
struct GeneratedKind: Sendable {
    /// The field a value goes into and its text there.
    let place: @Sendable ([UInt8]) -> (field: String, text: String)
    /// Secrets always carry `data`, even empty; ConfigMaps leave it out.
    let alwaysHasData: Bool
    /// The `type` written when the generator names none; nil for kinds without one.
    let defaultType: String?

    /// Text stays text; bytes that are not UTF-8 go to binaryData, base64-encoded.
    static let configMap = GeneratedKind(place: { bytes in
        if let text = String(validating: bytes, as: UTF8.self) { return ("data", text) }
        return ("binaryData", Base64Lines.encode(bytes))
    }, alwaysHasData: false, defaultType: nil)

    static let secret = GeneratedKind(place: { ("data", Base64Lines.encode($0)) }, alwaysHasData: true, defaultType: "Opaque")
}

extension GeneratorArgs.Kind {
    var shape: GeneratedKind {
        switch self {
        case .configMap: return .configMap
        case .secret: return .secret
        }
    }
}

/// kustomize's encoding of Secret values and ConfigMap binaryData: base64 cut into 70-column lines, each ending in a newline as soon as
/// there is more than one line (so a value of 70 or more characters ends with `\n`).
enum Base64Lines {
    static let width = 70

    static func encode(_ bytes: [UInt8]) -> String {
        let flat = Data(bytes).base64EncodedString()
        guard flat.utf8.count >= width else { return flat }
        // Cut as bytes: base64 is ASCII, and Character-indexed slicing was most of the cost.
        let encoded = Array(flat.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count + encoded.count / width + 1)
        var start = 0
        while start < encoded.count {
            let end = min(start + width, encoded.count)
            out += encoded[start..<end]
            out.append(UInt8(ascii: "\n"))
            start = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Builds the object a generator entry describes, before it meets the resources already built.
enum DataObject {
    static func make(_ g: GeneratorArgs, values: [KeyValue], file: String) throws -> YAMLNode {
        guard !g.name.isEmpty else {
            // kustomize words it this way for Secrets too.
            throw KustomizeError("a configmap must have a name", file: file, mark: g.mark)
        }
        let shape = g.kind.shape
        let metadata = YAMLNode.mapping([.init(key: "name", value: .string(g.name))])
        if !g.namespace.isEmpty { metadata["namespace"] = .string(g.namespace) }
        if let labels = g.options?.labels, !labels.isEmpty { metadata["labels"] = stringMap(labels) }
        if let annotations = g.options?.annotations, !annotations.isEmpty { metadata["annotations"] = stringMap(annotations) }

        let node = YAMLNode.mapping([
            .init(key: "apiVersion", value: .string("v1")),
            .init(key: "kind", value: .string(g.kind.rawValue)),
            .init(key: "metadata", value: metadata),
        ])
        if let defaultType = shape.defaultType { node["type"] = .string(g.type.isEmpty ? defaultType : g.type) }
        if shape.alwaysHasData { node["data"] = .mapping() }
        // Keys compare as bytes, as Go strings do (Swift's == would equate canonically equal forms).
        var seen: Set<[UInt8]> = []
        for kv in values {
            guard seen.insert(Array(kv.key.utf8)).inserted else {
                throw KustomizeError("configmap \(g.name) illegally repeats the key `\(kv.key)`", file: file, mark: kv.mark)
            }
            let (field, text) = shape.place(kv.value)
            node.mappingCreating(field).entries.append(.init(key: kv.key, value: .string(text)))
        }
        if g.options?.immutable == true { node["immutable"] = .bool(true) }
        return node
    }

    static func stringMap(_ pairs: [(key: String, value: String)]) -> YAMLNode {
        .mapping(pairs.map { .init(key: $0.key, value: .string($0.value)) })
    }
}
