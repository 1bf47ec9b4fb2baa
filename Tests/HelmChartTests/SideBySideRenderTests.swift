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

    /// `helm template` of a chart made of `files` (chart-relative path to text), release r in n.
    func renderChart(_ files: [String: String]) throws -> String {
        let root = try writeFolder(files, prefix: "swk-side")
        defer { try? FileManager.default.removeItem(at: root) }
        return try HelmTemplate.run(chartDir: root.path, options: ReleaseOptions(name: "r", namespace: "n"))
    }

    func render(writerName: String) throws -> String {
        let files = [
            "Chart.yaml": "apiVersion: v2\nname: mut\nversion: 0.1.0\n", "values.yaml": "shared:\n  color: blue\n",
            "templates/\(writerName)": Self.writer, "templates/m-local.yaml": Self.local, "templates/a-reader.yaml": Self.reader,
        ]
        return try renderChart(files)
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
        let out = try renderChart(files)
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

    /// Four templates each adding a key, each followed by a reader: every one sees exactly the
    /// keys of the writers Helm rendered before it (more writers than passes side by side).
    func testEachChangeIsSeenInOrderOverSeveralPasses() throws {
        var files = ["Chart.yaml": "apiVersion: v2\nname: multi\nversion: 0.1.0\n", "values.yaml": "state: {}\n"]
        let seen = "data:\n  seen: {{ toJson .Values.state | quote }}\n"
        for (name, key) in [("z-w1", "a"), ("x-w2", "b"), ("v-w3", "c"), ("t-w4", "d")] {
            files["templates/\(name).yaml"] = "{{- $_ := set .Values.state \"\(key)\" (len .Values.state) }}\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n" + seen
        }
        for name in ["y-r", "w-r", "u-r", "s-r"] {
            files["templates/\(name).yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n" + seen
        }
        let out = try renderChart(files)
        XCTAssertEqual(out, #"""
        ---
        # Source: multi/templates/s-r.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: s-r
        data:
          seen: "{\"a\":0,\"b\":1,\"c\":2,\"d\":3}"

        ---
        # Source: multi/templates/t-w4.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: t-w4
        data:
          seen: "{\"a\":0,\"b\":1,\"c\":2,\"d\":3}"

        ---
        # Source: multi/templates/u-r.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: u-r
        data:
          seen: "{\"a\":0,\"b\":1,\"c\":2}"

        ---
        # Source: multi/templates/v-w3.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: v-w3
        data:
          seen: "{\"a\":0,\"b\":1,\"c\":2}"

        ---
        # Source: multi/templates/w-r.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: w-r
        data:
          seen: "{\"a\":0,\"b\":1}"

        ---
        # Source: multi/templates/x-w2.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: x-w2
        data:
          seen: "{\"a\":0,\"b\":1}"

        ---
        # Source: multi/templates/y-r.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: y-r
        data:
          seen: "{\"a\":0}"

        ---
        # Source: multi/templates/z-w1.yaml
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: z-w1
        data:
          seen: "{\"a\":0}"

        """#)
    }

    /// A template that changes `.Values.a` renders first; the others render side by side before
    /// it is found out. Those that read `a` (through `with`, an include, a walk of all values)
    /// see the change; the one reading only `.Values.b` keeps what it rendered.
    func testOnlyTheTemplatesThatReadAChangedMapSeeTheChange() throws {
        let files: [String: String] = [
            "Chart.yaml": #"""
            apiVersion: v2
            name: rt
            version: 0.1.0

            """#,
            "templates/_helpers.tpl": #"""
            {{- define "rt.x" }}{{ .Values.a.x }}{{ end }}

            """#,
            "templates/b-with.yaml": #"""
            {{- with .Values.a }}
            kind: ConfigMap
            metadata:
              name: with
            data:
              keys: {{ keys . | sortAlpha | join "," }}
              x: {{ .x }}
            {{- end }}

            """#,
            "templates/c-include.yaml": #"""
            kind: ConfigMap
            metadata:
              name: include
            data:
              x: {{ include "rt.x" . }}

            """#,
            "templates/k-parent.yaml": #"""
            kind: ConfigMap
            metadata:
              name: parent
            data:
              values: {{ toJson .Values | quote }}

            """#,
            "templates/m-other.yaml": #"""
            kind: ConfigMap
            metadata:
              name: other
            data:
              yy: {{ .Values.b.yy }}

            """#,
            "templates/z-writer.yaml": #"""
            {{- $_ := set .Values.a "x" "new" }}
            kind: ConfigMap
            metadata:
              name: writer

            """#,
            "values.yaml": #"""
            a:
              x: old
            b:
              yy: kept

            """#,
        ]
        XCTAssertEqual(try renderChart(files), #"""
        ---
        # Source: rt/templates/b-with.yaml
        kind: ConfigMap
        metadata:
          name: with
        data:
          keys: x
          x: new

        ---
        # Source: rt/templates/c-include.yaml
        kind: ConfigMap
        metadata:
          name: include
        data:
          x: new

        ---
        # Source: rt/templates/k-parent.yaml
        kind: ConfigMap
        metadata:
          name: parent
        data:
          values: "{\"a\":{\"x\":\"new\"},\"b\":{\"yy\":\"kept\"}}"

        ---
        # Source: rt/templates/m-other.yaml
        kind: ConfigMap
        metadata:
          name: other
        data:
          yy: kept

        ---
        # Source: rt/templates/z-writer.yaml
        kind: ConfigMap
        metadata:
          name: writer

        """#)
    }
}
