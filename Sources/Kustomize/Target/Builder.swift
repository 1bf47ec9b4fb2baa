import Foundation
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
        // Large builds print in slices on the machine's cores, joined in order.
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let slices = resources.count < 256 || cores < 2 ? 1 : cores * 4
        let size = (resources.count + slices - 1) / max(slices, 1)
        let parts = UncheckedSendable((0..<slices).map { _ in RenderedSlice() })
        let nodes = UncheckedSendable(resources.map(\.node))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = min(slice * size, nodes.value.count)..<min((slice + 1) * size, nodes.value.count)
            var out: [UInt8] = []
            out.reserveCapacity(range.count * 700)
            for i in range {
                if i > 0 { out.append(contentsOf: "---\n".utf8) }
                YAMLEmitter.emit(nodes.value[i], into: &out)
            }
            parts.value[slice].bytes = out
        }
        if slices == 1 { return parts.value[0].bytes }
        var out: [UInt8] = []
        out.reserveCapacity(parts.value.reduce(0) { $0 + $1.bytes.count })
        for part in parts.value { out.append(contentsOf: part.bytes) }
        return out
    }

    private final class RenderedSlice { var bytes: [UInt8] = [] }
}
