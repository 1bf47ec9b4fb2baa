import Foundation
import HelmChart
import Kustomize

/// Renders `helmCharts:` entries in-process with the HelmChart module, as `helm template` would.
public struct HelmChartInflator: ChartInflator {
    /// An inflator; it holds no state.
    public init() {}

    /// The chart of `request` rendered as `helm template` would, the documents joined by `---`.
    public func render(_ request: ChartRequest) throws -> String {
        let name: String
        if let release = request.releaseName { name = release }
        else if !request.nameTemplate.isEmpty { name = try ReleaseName.fromTemplate(request.nameTemplate) }
        else { name = "release-name" }
        let options = ReleaseOptions(name: name, namespace: request.namespace, valuesFiles: request.valuesFiles,
                                     kubeVersion: request.kubeVersion, apiVersions: request.apiVersions)
        var stream = Stream.Options()
        stream.skipTests = request.skipTests
        stream.noHooks = request.noHooks
        let chartDir = request.chartDir, includeCRDs = request.includeCRDs, st = stream
        return try LargeStack.run {
            Stream.format(try HelmTemplate.manifests(chartDir: chartDir, options: options, stream: st, includeCRDs: includeCRDs))
        }
    }
}
