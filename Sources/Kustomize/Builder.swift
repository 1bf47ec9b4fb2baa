import SwkYAML

/// Builds a kustomization folder into the manifest stream `kubectl kustomize` prints.
public enum Builder {
    public static func build(_ dir: String, options: BuildOptions = BuildOptions()) throws -> [Resource] {
        let (resources, k) = try KustTarget(options: options).load(dir, ancestors: [])
        try NameReferenceTransformer().transform(resources)
        resources.removeAll { r in
            r.annotations?["config.kubernetes.io/local-config"] != nil
        }
        if options.addManagedByLabel {
            // kubectl's build of kustomize carries no version stamp, hence "(devel)".
            try MapFieldTransformer(pairs: [("app.kubernetes.io/managed-by", "kustomize-(devel)")],
                                    fieldSpecs: DefaultFieldSpecs.metadataLabels).transform(resources)
        }
        return order(resources.resources, kustomization: k, options: options)
    }

    /// `sortOptions` in the top kustomization wins over `--reorder`; the CLI default is legacy.
    static func order(_ resources: [Resource], kustomization k: Kustomization, options: BuildOptions) -> [Resource] {
        switch k.sortOrder {
        case .fifo?: return resources
        case .legacy(let first, let last)?: return ResourceSorter.legacySorted(resources, orderFirst: first, orderLast: last)
        case nil:
            return options.reorder == .none ? resources : ResourceSorter.legacySorted(resources, orderFirst: nil, orderLast: nil)
        }
    }

    /// The resources as one YAML stream, separated by `---`.
    public static func render(_ resources: [Resource]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(resources.count * 600)
        for (i, r) in resources.enumerated() {
            if i > 0 { out.append(contentsOf: "---\n".utf8) }
            YAMLEmitter.emit(r.node, into: &out)
        }
        return out
    }
}
