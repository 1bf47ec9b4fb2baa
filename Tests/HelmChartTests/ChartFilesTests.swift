import Foundation
import XCTest
import GoTemplate
@testable import HelmChart

/// A chart folder's files that only .Files reads are read when a template first reads them:
/// the output is Helm's either way, and a chart that never reads them never pays for them.
/// Expected text as Helm v4 printed it for this chart (oracle.py).
final class ChartFilesTests: XCTestCase {
    static let chart: [String: String] = [
        "Chart.yaml": "apiVersion: v2\nname: lz\nversion: 0.1.0\n",
        "values.yaml": "x: 1\n",
        "NOTES.md": "top note\n",
        "docs/deep/a.yaml": "deep: true\n",
        "docs/b.txt": "b text\n",
        "crds/x.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: xs.example.com\n",
        "templates/cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: files
            data:
              note: {{ .Files.Get "NOTES.md" | quote }}
              missing: {{ .Files.Get "charts/sub/README.md" | quote }}
            {{ (.Files.Glob "docs/**").AsConfig | indent 2 }}
              lines: {{ .Files.Lines "docs/b.txt" | len }}
              crd: {{ .Files.Get "crds/x.yaml" | quote }}

            """,
        "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.2.0\n",
        "charts/sub/conf/app.properties": "k=v\n",
        "charts/sub/README.md": "sub readme\n",
        "charts/sub/templates/cm.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: sub-files
            data:
              props: {{ .Files.Get "conf/app.properties" | quote }}
              readme: {{ .Files.Get "README.md" | quote }}
              count: {{ len .Files }}

            """,
    ]

    static let helmOutput = """
        ---
        # Source: lz/charts/sub/templates/cm.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: sub-files
        data:
          props: "k=v\\n"
          readme: "sub readme\\n"
          count: 2

        ---
        # Source: lz/templates/cm.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: files
        data:
          note: "top note\\n"
          missing: ""
          a.yaml: |
            deep: true
          b.txt: |
            b text
          lines: 1
          crd: "apiVersion: apiextensions.k8s.io/v1\\nkind: CustomResourceDefinition\\nmetadata:\\n  name: xs.example.com\\n"

        """

    func writeChart(_ files: [String: String]) throws -> URL { try writeFolder(files, prefix: "swk-files") }

    func testFilesInFoldersAndSubchartFoldersReadAsHelmReadsThem() throws {
        let root = try writeChart(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertEqual(try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n")), Self.helmOutput)
        let withCRDs = try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"), includeCRDs: true)
        XCTAssertTrue(withCRDs.hasPrefix("---\n# Source: lz/crds/x.yaml\napiVersion: apiextensions.k8s.io/v1\n"))
    }

    func testFilesNoTemplateReadsAreNeverRead() throws {
        var files = Self.chart
        files["templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n"
        files["charts/sub/templates/cm.yaml"] = nil
        let root = try writeChart(files)
        defer { try? FileManager.default.removeItem(at: root) }
        let chart = try ChartLoader.load(root.path)
        let rendered = try HelmTemplate.render(chart: chart, userValues: GoMap(), options: ReleaseOptions(name: "r", namespace: "n"))
        XCTAssertEqual(rendered["lz/templates/cm.yaml"], files["templates/cm.yaml"])
        XCTAssertEqual(chart.deferredFiles?.isRead, false)
        XCTAssertEqual(chart.dependencies.first?.deferredFiles?.isRead, false)
        // Asked for, they are all there, with chart-relative paths.
        XCTAssertEqual(chart.files.map(\.path).sorted(), ["NOTES.md", "crds/x.yaml", "docs/b.txt", "docs/deep/a.yaml"])
        XCTAssertEqual(chart.dependencies.first?.files.map(\.path).sorted(), ["README.md", "conf/app.properties"])
    }

    func testFilesASymlinkLeadingOutsideFailsTheRenderThatReadsFiles() throws {
        let root = try writeChart(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathExtension("outside")
        try "secret".write(to: outside, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("docs/leak.txt").path, withDestinationPath: outside.path)
        XCTAssertThrowsError(try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"))) { error in
            XCTAssertTrue("\(error)".hasSuffix("docs/leak.txt: symbolic link leads outside the chart folder"), "\(error)")
        }
        // A chart that never reads its files renders.
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: plain\n".write(
            to: root.appendingPathComponent("templates/cm.yaml"), atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(at: root.appendingPathComponent("charts"))
        XCTAssertNoThrow(try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n")))
    }

    /// A Go string holds a binary file's bytes as they are: `.Files.Get | b64enc` encodes those
    /// bytes (kube-prometheus-stack ships its CRDs so), not their UTF-8 repair, a `b64dec`
    /// gives them back, and `len` counts them.
    func testFilesABinaryFileKeepsItsBytesThroughB64enc() throws {
        let root = try writeChart([
            "Chart.yaml": "apiVersion: v2\nname: bin\nversion: 0.1.0\n",
            "templates/cm.yaml": """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: bin
                binaryData:
                  blob: {{ .Files.Get "files/blob.bz2" | b64enc }}
                  again: {{ .Files.Get "files/blob.bz2" | b64enc | b64dec | b64enc }}
                  length: {{ .Files.Get "files/blob.bz2" | len | quote }}

                """,
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let blob: [UInt8] = [0x42, 0x5A, 0x68, 0x39, 0xFF, 0x00, 0x80, 0xC3, 0x28, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0xC0, 0x41]
        try FileManager.default.createDirectory(at: root.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Data(blob).write(to: root.appendingPathComponent("files/blob.bz2"))
        let out = try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"))
        let encoded = Data(blob).base64EncodedString()
        XCTAssertTrue(out.contains("  blob: \(encoded)\n  again: \(encoded)\n  length: \"\(blob.count)\"\n"), out)
        XCTAssertEqual(GoBytes.bytes(GoBytes.string(blob)), blob)
    }
}
