import SwkYAML

/// A `configurations:` file: extra field specs for the transformers (kustomize's TransformerConfig
/// format: `namePrefix`, `nameSuffix`, `namespace`, `commonLabels`, `templateLabels`,
/// `labels`, `commonAnnotations`, `images`, `replicas`, `varReference` lists and `nameReference` entries).
/// Read as kustomize reads it: unknown fields are ignored.
enum ConfigurationFile {
    static func parse(_ bytes: [UInt8], file: String) throws -> TransformerConfig {
        var copy = bytes
        let documents: [YAMLNode]
        do { documents = try YAMLParser.parseDocuments(bytes: &copy, file: file, schema: .yaml11) } catch let e as YAMLError {
            throw KustomizeError(e)
        }
        var config = TransformerConfig.empty
        config.extended = true
        for root in documents where !root.isNull {
            guard root.isMapping else { throw KustomizeError("a configurations file must be a map", file: file, mark: root.mark) }
            for e in root.entries {
                switch e.key {
                case "namePrefix": config.namePrefix += try specs(e.value, file)
                case "nameSuffix": config.nameSuffix += try specs(e.value, file)
                case "namespace": config.namespace += try specs(e.value, file)
                // Custom commonLabels paths are the selector-like ones `includeSelectors` reaches.
                case "commonLabels": config.selectorLabels += try specs(e.value, file)
                case "templateLabels": config.templateLabels += try specs(e.value, file)
                case "labels": config.labels += try specs(e.value, file)
                case "commonAnnotations": config.commonAnnotations += try specs(e.value, file)
                case "images": config.images += try specs(e.value, file)
                case "replicas": config.replicas += try specs(e.value, file)
                case "varReference": config.varReferences += try specs(e.value, file)
                case "nameReference": config.nameReferences += try list(e.value, file).map { try nameReference($0, file) }
                default: break
                }
            }
        }
        return config
    }

    private static func list(_ v: YAMLNode, _ file: String) throws -> [YAMLNode] {
        if v.isNull { return [] }
        guard v.isSequence else { throw KustomizeError("expected a list", file: file, mark: v.mark) }
        return v.items
    }

    private static func text(_ v: YAMLNode?, _ file: String) throws -> String {
        guard let v, !v.isNull else { return "" }
        guard v.isScalar else { throw KustomizeError("expected a string", file: file, mark: v.mark) }
        return v.text
    }

    static func specs(_ v: YAMLNode, _ file: String) throws -> [FieldSpec] {
        try list(v, file).map { try spec($0, file) }
    }

    private static func spec(_ v: YAMLNode, _ file: String) throws -> FieldSpec {
        guard v.isMapping else { throw KustomizeError("a field spec must be a map", file: file, mark: v.mark) }
        let path = try text(v["path"], file)
        if path.isEmpty { throw KustomizeError("a field spec needs a path", file: file, mark: v.mark) }
        let create = v["create"].map { $0.tag == .bool && ["true", "True", "TRUE", "yes", "Yes", "on", "On", "y", "Y"].contains($0.text) } ?? false
        return FieldSpec(group: try text(v["group"], file), version: try text(v["version"], file), kind: try text(v["kind"], file),
                         path: path, create: create)
    }

    private static func nameReference(_ v: YAMLNode, _ file: String) throws -> NameReference {
        guard v.isMapping else { throw KustomizeError("a nameReference entry must be a map", file: file, mark: v.mark) }
        let referral = GVK(group: try text(v["group"], file), version: try text(v["version"], file), kind: try text(v["kind"], file))
        return NameReference(referral: referral, referrers: try specs(v["fieldSpecs"] ?? .null(), file))
    }
}

extension TransformerConfig {
    /// No field specs at all: what a configurations file adds to.
    static let empty = TransformerConfig(
        namePrefix: [], nameSuffix: [], prefixSuffixSkip: [], metadataLabels: [], selectorLabels: [], templateLabels: [],
        commonAnnotations: [], namespace: [], replicas: [], nameReferences: [], containerLists: [], customVarReferences: [])
}
