import Foundation
import GoTemplate
import HelmChart
import Kustomize
import XCTest

/// Uses only what another package sees after `import Kustomize` / `import HelmChart` (no @testable):
/// the surface the README documents.
final class PublicAPITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func temp(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swk-api-\(UUID().uuidString)")
        for (path, text) in files {
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    func testBuildAFolder() throws {
        let dir = try temp(["kustomization.yaml": "namePrefix: p-\nresources: [cm.yaml]\n",
                            "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {k: v}\n"])
        var options = BuildOptions()
        options.loadRestrictor = .rootOnly
        let diagnostics = BuildDiagnostics()
        let resources = try Builder.build(dir, options: options, diagnostics: diagnostics)
        XCTAssertEqual(resources.map(\.name), ["p-c"])
        XCTAssertEqual(resources.first?.currentId.gvk, GVK(version: "v1", kind: "ConfigMap"))
        XCTAssertEqual(String(decoding: Builder.render(resources), as: UTF8.self),
                       "apiVersion: v1\ndata:\n  k: v\nkind: ConfigMap\nmetadata:\n  name: p-c\n")
        XCTAssertEqual(diagnostics.warnings, [])
    }

    func testErrorsCarryFileLineAndColumn() throws {
        let dir = try temp(["kustomization.yaml": "resources:\n- missing.yaml\n"])
        XCTAssertThrowsError(try Builder.build(dir)) { error in
            guard let e = error as? KustomizeError else { return XCTFail("not a KustomizeError: \(error)") }
            XCTAssertTrue(e.file.hasSuffix("kustomization.yaml"))
            XCTAssertEqual(e.mark.line, 2)
            XCTAssertEqual(e.mark.column, 3)
            XCTAssertTrue(e.message.contains("missing.yaml"))
        }
    }

    func testRenderAChart() throws {
        let chart = Self.root.appendingPathComponent("examples/chart").path
        let stream = try HelmTemplate.run(chartDir: chart, options: ReleaseOptions(name: "demo", namespace: "web"))
        XCTAssertTrue(stream.hasPrefix("---\n# Source: "))
        let loaded = try ChartLoader.load(chart)
        let files = try HelmTemplate.render(chart: loaded, userValues: GoMap(), options: ReleaseOptions(name: "demo"))
        XCTAssertFalse(files.isEmpty)
        let manifests = try HelmTemplate.manifests(chartDir: chart, options: ReleaseOptions(name: "demo"))
        XCTAssertFalse(manifests.isEmpty)
        XCTAssertThrowsError(try HelmTemplate.run(chartDir: chart + "/nope", options: ReleaseOptions())) { e in
            XCTAssertTrue(e is ChartError, "\(e)")
        }
    }
}
