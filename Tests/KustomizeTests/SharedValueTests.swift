import Testing
@testable import Kustomize

/// kyaml gives a label value one node per resource, shared by every field the transformer set,
/// and later writes go into that node: checked against `kubectl kustomize`, and on our own output.
@Suite struct SharedValueTests {
    static let base = [
        "base/kustomization.yaml": "resources: [app.yaml]\ncommonLabels: {tier: alpha}\n",
        "base/app.yaml": """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: web, image: nginx}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {selector: {app: web}, ports: [{port: 80}]}
        """,
    ]

    /// Builds `overlay` over the shared base; returns our output after the kubectl comparison.
    func build(_ overlay: String) throws -> String {
        var files = Self.base
        files["overlay/kustomization.yaml"] = overlay
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        try tree.expectSameAsKubectl("overlay")
        return try tree.build("overlay")
    }

    func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func aMetadataOnlyLabelReachesTheSelectorsABaseLabelShares() throws {
        let out = try build("resources: [../base]\nlabels:\n- pairs: {tier: db}\n")
        // Deployment: metadata, selector, template; Service: metadata, selector.
        #expect(count("tier: db", in: out) == 5)
        #expect(!out.contains("tier: alpha"))
    }

    @Test func aStrategicMergeLabelReachesOnlyItsResource() throws {
        let out = try build("""
        resources: [../base]
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: {tier: db}}
        """)
        #expect(count("tier: db", in: out) == 3)
        #expect(count("tier: alpha", in: out) == 2)
    }

    @Test func aJSONPatchPartsTheSharedValues() throws {
        let out = try build("""
        resources: [../base]
        patches:
        - target: {kind: Service}
          patch: |
            - {op: add, path: /metadata/annotations, value: {patched: "yes"}}
        labels:
        - pairs: {tier: db}
        """)
        // The Service's selector keeps its own copy; the Deployment's still share.
        #expect(count("tier: db", in: out) == 4)
        #expect(count("tier: alpha", in: out) == 1)
    }

    @Test func aReplacementIntoALabelReachesTheSelectors() throws {
        let out = try build("""
        resources: [../base]
        replacements:
        - source: {kind: Deployment, fieldPath: spec.template.spec.containers.0.image}
          targets: [{select: {kind: Deployment}, fieldPaths: [metadata.labels.tier]}]
        """)
        #expect(count("tier: nginx", in: out) == 3)
    }

    /// kustomize reads and sets back `metadata.annotations` as strings; other annotation maps keep types.
    @Test func metadataAnnotationsAreStringsAtTheEnd() throws {
        let out = try build("""
        resources: [../base]
        replacements:
        - source: {kind: Service, fieldPath: spec.ports.0.port}
          targets: [{select: {kind: Deployment}, fieldPaths: [metadata.annotations.port, spec.template.metadata.annotations.port], options: {create: true}}]
        """)
        #expect(out.contains("  annotations:\n    port: \"80\"\n"))
        #expect(out.contains("      annotations:\n        port: 80\n"))
    }
}
