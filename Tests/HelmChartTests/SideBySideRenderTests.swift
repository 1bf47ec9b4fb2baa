import Foundation
import XCTest
@testable import HelmChart

/// Templates render side by side unless one changes what others read: a template that sets
/// `$.Values` or `$` is seen by the templates Helm renders after it, and not by those before.
/// Expected texts as Helm v4 printed them for these charts (oracle.py).
final class SideBySideRenderTests: XCTestCase {
    static let writer = """
            {{- $_ := set .Values.shared "color" "red" }}
            {{- $_ := set $ "fromZ" "yes" }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: writer
            data:
              color: {{ .Values.shared.color }}

            """
    static let local = """
            {{- $d := dict "a" 1 }}
            {{- $_ := set $d "b" 2 }}
            {{- $m := merge (dict) .Values.shared }}
            {{- $_ := set $m "local" "only" }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: m
            data:
              keys: {{ keys $d | sortAlpha | join "," }}
              merged: {{ toJson $m | quote }}

            """
    static let reader = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              color: {{ .Values.shared.color }}
              fromZ: {{ .fromZ | default "no" | quote }}
              template: {{ .Template.Name }}

            """

    func render(writerName: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-side-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = [
            "Chart.yaml": "apiVersion: v2\nname: mut\nversion: 0.1.0\n", "values.yaml": "shared:\n  color: blue\n",
            "templates/\(writerName)": Self.writer, "templates/m-local.yaml": Self.local, "templates/a-reader.yaml": Self.reader,
        ]
        for (path, text) in files {
            let p = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: p.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: p, atomically: false, encoding: .utf8)
        }
        return try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"))
    }

    /// z-writer.yaml renders first (Helm goes in reverse lexical order): both others see its changes.
    func testAChangeIsSeenByTheTemplatesAfterIt() throws {
        XCTAssertEqual(try render(writerName: "z-writer.yaml"), #"""
        ---
        # Source: mut/templates/a-reader.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        data:
          color: red
          fromZ: "yes"
          template: mut/templates/a-reader.yaml

        ---
        # Source: mut/templates/m-local.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: m
        data:
          keys: a,b
          merged: "{\"color\":\"red\",\"local\":\"only\"}"

        ---
        # Source: mut/templates/z-writer.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: writer
        data:
          color: red

        """#)
    }

    /// 0-writer.yaml renders last: the others rendered before it and see the chart's values.
    func testAChangeIsNotSeenByTheTemplatesBeforeIt() throws {
        XCTAssertEqual(try render(writerName: "0-writer.yaml"), #"""
        ---
        # Source: mut/templates/0-writer.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: writer
        data:
          color: red

        ---
        # Source: mut/templates/a-reader.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: a
        data:
          color: blue
          fromZ: "no"
          template: mut/templates/a-reader.yaml

        ---
        # Source: mut/templates/m-local.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: m
        data:
          keys: a,b
          merged: "{\"color\":\"blue\",\"local\":\"only\"}"

        """#)
    }

    /// A merge into values that already hold everything merged changes nothing and renders side
    /// by side; one that adds a key changes the values for the templates after it.
    func testAMergeThatChangesNothingIsNoChange() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-merge-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files: [String: String] = [
            "Chart.yaml": #"""
            apiVersion: v2
            name: mrg
            version: 0.1.0

            """#,
            "values.yaml": #"""
            image:
              registry: example.com
              tag: "1.0"
            global:
              image:
                registry: registry.k8s.io
            defaults:
              pullPolicy: Always

            """#,
            "templates/y-noop.yaml": #"""
            {{- $image := merge .Values.image .Values.global.image }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: noop
            data:
              image: {{ toJson $image | quote }}

            """#,
            "templates/m-adds.yaml": #"""
            {{- $image := merge .Values.image .Values.defaults }}
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: adds
            data:
              image: {{ toJson $image | quote }}

            """#,
            "templates/a-reader.yaml": #"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: reader
            data:
              image: {{ toJson .Values.image | quote }}

            """#,
            "templates/z-reader.yaml": #"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: first
            data:
              image: {{ toJson .Values.image | quote }}

            """#,
        ]
        for (path, text) in files {
            let p = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: p.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: p, atomically: false, encoding: .utf8)
        }
        let out = try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"))
        XCTAssertEqual(out, #"""
        ---
        # Source: mrg/templates/a-reader.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: reader
        data:
          image: "{\"pullPolicy\":\"Always\",\"registry\":\"example.com\",\"tag\":\"1.0\"}"

        ---
        # Source: mrg/templates/m-adds.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: adds
        data:
          image: "{\"pullPolicy\":\"Always\",\"registry\":\"example.com\",\"tag\":\"1.0\"}"

        ---
        # Source: mrg/templates/y-noop.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: noop
        data:
          image: "{\"registry\":\"example.com\",\"tag\":\"1.0\"}"

        ---
        # Source: mrg/templates/z-reader.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: first
        data:
          image: "{\"registry\":\"example.com\",\"tag\":\"1.0\"}"

        """#)
    }
}
