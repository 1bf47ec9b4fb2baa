import Testing
@testable import Kustomize

/// Annotation values keep their YAML types until the build's end; a JSON patch reads them back as
/// Go values. Checked against `kubectl kustomize`, and on our own output.
@Suite struct AnnotationValueTests {
    static let configMap = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      annotations:
        count: 1000000
        ratio: 1.50
        hex: 0x1F
        flag: True
        empty:
        tilde: ~
        quoted: "5"
    data: {mode: fast}
    """

    func build(_ kustomization: String) throws -> String {
        let tree = try TreeFixture(["kustomization.yaml": kustomization, "cm.yaml": Self.configMap])
        defer { tree.remove() }
        try tree.expectSameAsKubectl(".")
        return try tree.build(".")
    }

    @Test func withoutAPatchValuesPrintAsWritten() throws {
        let out = try build("resources: [cm.yaml]\n")
        for line in ["count: \"1000000\"", "ratio: \"1.50\"", "hex: \"0x1F\"", "flag: \"True\"", "empty: \"\"", "tilde: \"~\""] {
            #expect(out.contains(line), "\(line)")
        }
    }

    @Test func aJSONPatchTurnsTypedValuesIntoGoText() throws {
        let out = try build("""
        resources: [cm.yaml]
        patches:
        - target: {kind: ConfigMap}
          patch: '[{"op": "add", "path": "/metadata/annotations/added", "value": 2.50}]'
        """)
        for line in ["count: \"1e+06\"", "ratio: \"1.5\"", "hex: \"31\"", "flag: \"true\"", "empty: \"null\"",
                     "tilde: \"null\"", "quoted: \"5\"", "added: \"2.5\""] {
            #expect(out.contains(line), "\(line)")
        }
    }

    @Test func aStrategicMergeAfterTheJSONPatchKeepsItsNulls() throws {
        let out = try build("""
        resources: [cm.yaml]
        patches:
        - target: {kind: ConfigMap}
          patch: '[{"op": "add", "path": "/data/extra", "value": "1"}]'
        - patch: |
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings}
            data: {mode: slow}
        """)
        #expect(out.contains("empty: \"null\""))
        #expect(out.contains("mode: slow"))
    }

    /// A map or list has no string value as an annotation: kustomize prints "" for it, whether it
    /// was written so or a JSON patch put it there (labels keep theirs).
    @Test func aMapOrListAnnotationPrintsEmpty() throws {
        let out = try build("""
        resources: [cm.yaml]
        patches:
        - target: {kind: ConfigMap}
          patch: '[{"op": "add", "path": "/metadata/annotations/nested", "value": {"a": 1}},
                   {"op": "add", "path": "/metadata/annotations/list", "value": [1, 2]},
                   {"op": "add", "path": "/metadata/labels", "value": {"m": {"b": 1}}}]'
        """)
        #expect(out.contains("nested: \"\"") && out.contains("list: \"\""))
        #expect(out.contains("m:\n      b: 1"))
    }
}
