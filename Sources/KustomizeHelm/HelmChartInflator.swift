import Foundation
import HelmChart
import Kustomize

/// Renders `helmCharts:` entries in-process with the HelmChart module, as `helm template` would.
public struct HelmChartInflator: ChartInflator {
    public init() {}

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
        return try Self.onLargeStack {
            Stream.format(try HelmTemplate.manifests(chartDir: chartDir, options: options, stream: st, includeCRDs: includeCRDs))
        }
    }

    /// Deep include/template recursion needs more stack than a default thread has.
    private static func onLargeStack(_ body: @escaping @Sendable () throws -> String) throws -> String {
        final class Box: @unchecked Sendable {
            var output: String?
            var error: Error?
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let thread = Thread {
            do { box.output = try body() } catch { box.error = error }
            box.done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        box.done.wait()
        if let e = box.error { throw e }
        return box.output ?? ""
    }
}
