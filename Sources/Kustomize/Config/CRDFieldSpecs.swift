import SwkYAML

/// A `crds:` file: OpenAPI definitions (`{"<package>.<Kind>": {"Schema": ..., "Dependencies": [...]}}`)
/// whose `x-kubernetes-*` property extensions say which fields of a custom kind hold labels,
/// annotations, its name, or references to other objects' names.
enum CRDFieldSpecs {
    /// The extensions and what each one adds; the value must be a string, as kustomize requires.
    private static let markers: [(key: String, add: @Sendable (inout TransformerConfig, FieldSpec) -> Void)] = [
        ("x-kubernetes-label-selector", { $0.selectorLabels.append($1) }),
        ("x-kubernetes-annotation", { $0.commonAnnotations.append($1) }),
        ("x-kubernetes-identity", { $0.namePrefix.append($1) }),  // kustomize adds no suffix spec
    ]

    static func config(_ definitions: YAMLNode, file: String) throws -> TransformerConfig {
        guard definitions.isMapping else {
            throw KustomizeError("a crds file must map type names to OpenAPI definitions", file: file, mark: definitions.mark)
        }
        var config = TransformerConfig.empty
        config.extended = true
        for entry in definitions.entries {
            let properties = entry.value["Schema"]?["properties"]
            // Only definitions that look like objects (kind, apiVersion, metadata) are kinds.
            guard let properties, ["kind", "apiVersion", "metadata"].allSatisfy({ properties[$0] != nil }) else { continue }
            // The kind is the type name's last dotted part; the definitions carry no group or version.
            let kind = String(entry.key.split(separator: ".").last ?? "")
            var visiting: Set<String> = []
            walk(entry.key, kind: kind, path: [], definitions: definitions, visiting: &visiting, into: &config)
        }
        return config
    }

    private static func walk(_ typeName: String, kind: String, path: [String], definitions: YAMLNode,
                             visiting: inout Set<String>, into config: inout TransformerConfig) {
        // A `$ref` to a type the file does not define (e.g. a core type) adds nothing; a cycle stops.
        guard let properties = definitions[typeName]?["Schema"]?["properties"], properties.isMapping,
              visiting.insert(typeName).inserted else { return }
        defer { visiting.remove(typeName) }
        for property in properties.entries {
            let p = property.value, here = path + [property.key]
            func string(_ key: String) -> String? { p[key]?.isScalar == true ? p[key]?.stringValue : nil }
            func spec(_ segments: [String]) -> FieldSpec {
                var spec = FieldSpec(kind: kind, path: "")
                spec.path = segments
                return spec
            }
            for marker in markers where string(marker.key) != nil { marker.add(&config, spec(here)) }
            if let version = string("x-kubernetes-object-ref-api-version"), let refKind = string("x-kubernetes-object-ref-kind") {
                let nameKey = string("x-kubernetes-object-ref-name-key") ?? "name"
                config.nameReferences.append(NameReference(referral: GVK(version: version, kind: refKind),
                                                           referrers: [spec(here + [nameKey])]))
            }
            if let ref = string("$ref") {
                walk(ref, kind: kind, path: here, definitions: definitions, visiting: &visiting, into: &config)
            }
        }
    }
}

extension KustTarget {
    /// The `.configurations` step's `crds:` half, after the `configurations:` files.
    func loadCRDs(into resources: ResourceMap) throws {
        for entry in kustomization.crds {
            var (path, bytes) = try loader.read(entry, in: folder, what: "crds:")
            let documents: [YAMLNode]
            do { documents = try YAMLParser.parseDocuments(bytes: &bytes, file: path, schema: .kyaml) } catch let e as YAMLError {
                throw KustomizeError(e)
            }
            for document in documents where !document.isNull {
                resources.config = resources.config.merging(try CRDFieldSpecs.config(document, file: path))
            }
        }
    }
}
