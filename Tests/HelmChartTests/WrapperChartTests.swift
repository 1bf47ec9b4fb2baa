import Foundation
import XCTest
@testable import GoTemplate
@testable import HelmChart

/// A wrapper chart (aliased subchart twice, a condition, a tag, import-values, globals, a user null)
/// rendered against what Helm v4.2.3 printed for it (oracle.py).
final class WrapperChartTests: XCTestCase {
    static let chart: [String: String] = [
        "Chart.yaml": """
        apiVersion: v2
        name: app
        version: 1.0.0
        dependencies:
          - name: db
            version: "1.x"
            alias: primary
          - name: db
            version: "1.x"
            alias: replica
            condition: replica.enabled
          - name: cache
            version: "0.1.0"
            tags: [extras]
            import-values:
              - child: info
                parent: cacheInfo

        """,
        "charts/cache/Chart.yaml": """
        apiVersion: v2
        name: cache
        version: 0.1.0

        """,
        "charts/cache/templates/svc.yaml": """
        apiVersion: v1
        kind: Service
        metadata:
          name: {{ .Release.Name }}-cache
        data:
          values: {{ toJson .Values | quote }}

        """,
        "charts/cache/values.yaml": """
        info: {port: 6379}

        """,
        "charts/db/Chart.yaml": """
        apiVersion: v2
        name: db
        version: 1.2.0

        """,
        "charts/db/templates/pvc.yaml": """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: {{ .Release.Name }}-{{ .Chart.Name }}
        data:
          values: {{ toJson .Values | quote }}
          root: {{ .Chart.IsRoot | quote }}
          name: {{ .Template.Name }}

        """,
        "charts/db/values.yaml": """
        size: 1Gi
        global:
          labels: {tier: db}
        keep: null

        """,
        "templates/cm.yaml": """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: {{ .Release.Name }}-app
        data:
          values: {{ toJson .Values | quote }}
          base: {{ .Template.BasePath }}
          subcharts: {{ keys .Subcharts | sortAlpha | join "," }}

        """,
        "values.yaml": """
        global:
          region: eu
          labels: {team: a}
        primary:
          size: 10Gi
        replica:
          enabled: false
        dropMe: x
        cacheInfo:
          own: yes

        """,
    ]

    static let user = """
dropMe: null
primary:
  size: 20Gi
global:
  region: us
tags:
  extras: true

"""

    static let helmOutput = """
---
# Source: app/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: rel-app
data:
  values: "{\\"cache\\":{\\"global\\":{\\"labels\\":{\\"team\\":\\"a\\"},\\"region\\":\\"us\\"},\\"info\\":{\\"port\\":6379}},\\"cacheInfo\\":{\\"own\\":true,\\"port\\":6379},\\"global\\":{\\"labels\\":{\\"team\\":\\"a\\"},\\"region\\":\\"us\\"},\\"primary\\":{\\"global\\":{\\"labels\\":{\\"team\\":\\"a\\",\\"tier\\":\\"db\\"},\\"region\\":\\"us\\"},\\"size\\":\\"20Gi\\"},\\"replica\\":{\\"enabled\\":false},\\"tags\\":{\\"extras\\":true}}"
  base: app/templates
  subcharts: cache,primary

---
# Source: app/charts/primary/templates/pvc.yaml
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: rel-primary
data:
  values: "{\\"global\\":{\\"labels\\":{\\"team\\":\\"a\\",\\"tier\\":\\"db\\"},\\"region\\":\\"us\\"},\\"size\\":\\"20Gi\\"}"
  root: "false"
  name: app/charts/primary/templates/pvc.yaml

---
# Source: app/charts/cache/templates/svc.yaml
apiVersion: v1
kind: Service
metadata:
  name: rel-cache
data:
  values: "{\\"global\\":{\\"labels\\":{\\"team\\":\\"a\\"},\\"region\\":\\"us\\"},\\"info\\":{\\"port\\":6379}}"

"""

    func writeChart(_ files: [String: String]) throws -> URL {
        var tree = ["user.yaml": Self.user]
        for (rel, text) in files { tree["app/" + rel] = text }
        return try writeFolder(tree, prefix: "swk-wrap")
    }

    func render(_ chartPath: String, _ root: URL) throws -> String {
        try HelmTemplate.run(chartDir: chartPath, options: ReleaseOptions(
            name: "rel", namespace: "ns", valuesFiles: [root.appendingPathComponent("user.yaml").path]))
    }

    func testWrapperChartMatchesHelm() throws {
        let root = try writeChart(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertEqual(try render(root.appendingPathComponent("app").path, root), Self.helmOutput)
    }

    /// A process that renders once coalesces the charts' values in place; a subchart under two
    /// aliases still gives Helm's output (its values are copied apart).
    func testValuesUsedInPlaceGiveHelmsOutput() throws {
        let root = try writeChart(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        var options = ReleaseOptions(name: "rel", namespace: "ns", valuesFiles: [root.appendingPathComponent("user.yaml").path])
        options.leavesTemplatesToExit = true
        XCTAssertEqual(try HelmTemplate.run(chartDir: root.appendingPathComponent("app").path, options: options), Self.helmOutput)
    }

    func testPackagedChartRendersLikeItsFolder() throws {
        let root = try writeChart(Self.chart)
        defer { try? FileManager.default.removeItem(at: root) }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.currentDirectoryURL = root
        tar.arguments = ["czf", "app.tgz", "app"]
        guard (try? tar.run()) != nil else { throw XCTSkip("no tar") }
        tar.waitUntilExit()
        XCTAssertEqual(try render(root.appendingPathComponent("app.tgz").path, root), Self.helmOutput)
    }

    func testDeclaredButMissingDependencyIsHelmsError() throws {
        var files = Self.chart
        for k in files.keys where k.hasPrefix("charts/cache/") { files[k] = nil }
        let root = try writeChart(files)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertThrowsError(try render(root.appendingPathComponent("app").path, root)) { e in
            XCTAssertEqual("\(e)", "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: cache")
        }
    }

    func testCorruptArchiveIsAnError() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-bad-\(UUID().uuidString).tgz")
        try Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0, 0, 0, 0, 0, 0]).write(to: root)
        defer { try? FileManager.default.removeItem(at: root) }
        XCTAssertThrowsError(try ChartLoader.load(root.path))
    }
}
