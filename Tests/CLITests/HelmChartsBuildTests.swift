import Foundation
import Testing

/// `build --enable-helm` renders `helmCharts:` in-process; checked against what kubectl's kustomize
/// printed with Helm's engine for the shared corpus (skipped when the corpus is absent).
@Suite struct HelmChartsBuildTests {
    static let corpus = CLITests.packageRoot.appendingPathComponent("../shared/conformance/kustomize-helm/cases").standardized

    @Test(arguments: ["values-inline-override", "base-overlay-diamond", "include-crds-subchart", "real-podinfo-overlay"])
    func matchesKustomizeWithHelm(_ name: String) throws {
        let dir = Self.corpus.appendingPathComponent(name)
        guard let expected = try? String(contentsOf: dir.appendingPathComponent("expected.yaml"), encoding: .utf8),
              let cmd = try? String(contentsOf: dir.appendingPathComponent("cmd"), encoding: .utf8) else {
            print("kustomize-helm corpus not found: check skipped")
            return
        }
        let r = try CLITests.swk(["build"] + cmd.split(whereSeparator: \.isWhitespace).map(String.init), in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == expected)
    }

    @Test func chartsNeedEnableHelm() throws {
        let dir = Self.corpus.appendingPathComponent("values-inline-override/input")
        guard FileManager.default.fileExists(atPath: dir.path) else { return }
        let r = try CLITests.swk(["build", dir.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("--enable-helm"))
    }
}
