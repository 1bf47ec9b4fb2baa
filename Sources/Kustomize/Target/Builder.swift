import SwkYAML

/// Builds a kustomization folder into the manifest stream `kubectl kustomize` prints.
public enum Builder {
    /// Builds the kustomization in `dir` (a folder holding kustomization.yaml, .yml or Kustomization)
    /// and returns the resources in output order. Errors are `KustomizeError`s naming the file and,
    /// where known, the line and column; kustomize's warnings go to `diagnostics`.
    public static func build(_ dir: String, options: BuildOptions = BuildOptions(),
                             diagnostics: BuildDiagnostics = BuildDiagnostics()) throws -> [Resource] {
        let loader = FileLoader(restrictor: options.loadRestrictor)
        let top = try KustTarget.open(dir, parents: [], loader: loader, options: options, diagnostics: diagnostics)
        let resources = ResourceMap()
        try top.accumulate(into: resources)
        loader.releaseCachesInBackground()
        top.buildMetadata.annotate(resources, relativeTo: top.folder.root)
        for step in BuildStep.allCases {
            try run(step, on: resources, top: top)
            assert(resources.indexIsConsistent(), "resource index out of date after \(step)")
        }
        return resources.resources
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
        render(resources) { out.append(contentsOf: $0) }
        return out
    }

    /// The same stream handed to `write` in pieces of a few hundred documents, so a large build's
    /// output is never held whole (the CLI writes each piece to standard output).
    public static func render(_ resources: [Resource], into write: ([UInt8]) throws -> Void) rethrows {
        let batch = 512
        for start in stride(from: 0, to: resources.count, by: batch) {
            // Large builds print their documents on the machine's cores.
            let nodes = resources[start..<min(start + batch, resources.count)].map(\.node)
            let documents = concurrentMap(nodes, threshold: 256) { node in
                var out: [UInt8] = []
                YAMLEmitter.emit(node, into: &out)
                return out
            }
            var piece: [UInt8] = []
            piece.reserveCapacity(documents.reduce(0) { $0 + $1.count + 4 })
            for (i, document) in documents.enumerated() {
                if start + i > 0 { piece.append(contentsOf: "---\n".utf8) }
                piece.append(contentsOf: document)
            }
            try write(piece)
        }
    }
}
