import Testing
@testable import Kustomize

/// `configurations:` files extend the transformers' field specs; compared with `kubectl kustomize`.
@Suite struct ConfigurationTests {
    static let resources = """
    apiVersion: example.com/v1
    kind: Certificate
    metadata: {name: cert}
    spec:
      secretName: tls
      issuer: {namespace: x}
      image: registry.example.com/tool:1.0
      template: {metadata: {labels: {a: b}}}
    ---
    apiVersion: v1
    kind: Secret
    metadata: {name: tls}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: plain}
    """

    func compare(_ kustomization: String, config: String) throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/config.yaml": config,
                                    "app/kustomization.yaml": "resources: [r.yaml]\nconfigurations: [config.yaml]\n" + kustomization])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }

    @Test func customNameReferenceNamespaceImagesAndLabels() throws {
        try compare("""
        namePrefix: p-
        namespace: prod
        labels:
        - pairs: {team: a}
        images:
        - {name: registry.example.com/tool, newTag: "2.0"}
        """, config: """
        nameReference:
        - kind: Secret
          version: v1
          fieldSpecs:
          - {kind: Certificate, path: spec/secretName}
        namespace:
        - {kind: Certificate, path: spec/issuer/namespace}
        images:
        - {kind: Certificate, path: spec/image}
        labels:
        - {kind: Certificate, path: spec/template/metadata/labels, create: true}
        """)
    }

    /// A prefix spec for one kind at `metadata/name` replaces the built-in one for every kind.
    @Test func narrowerPrefixSpecReplacesTheBuiltInOne() throws {
        try compare("namePrefix: p-\n", config: "namePrefix:\n- {kind: Certificate, path: metadata/name}\n")
        try compare("namePrefix: p-\n", config: "namePrefix:\n- {kind: Certificate, path: spec/secretName}\n")
    }

    /// `openapi: path:` gives a custom kind merge keys and takes them from built-in kinds.
    @Test func openAPISchemaReplacesTheBuiltInOne() throws {
        let schema = ##"{"definitions": {"com.example.Widget": {"type": "object", "properties": {"spec": {"$ref": "#/definitions/com.example.WidgetSpec"}}, "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "Widget", "version": "v1"}]}, "com.example.WidgetSpec": {"type": "object", "properties": {"parts": {"type": "array", "items": {"type": "object"}, "x-kubernetes-patch-merge-key": "name", "x-kubernetes-patch-strategy": "merge"}}}}}"##
        let tree = try TreeFixture([
            "app/r.yaml": """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec:
              parts: [{name: a, size: 1}]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              template:
                spec:
                  containers: [{name: a, image: x}]
            """,
            "app/schema.json": schema,
            "app/kustomization.yaml": """
            resources: [r.yaml]
            openapi: {path: schema.json}
            patches:
            - patch: |-
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: w}
                spec:
                  parts: [{name: b, size: 2}]
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers: [{name: b, image: y}]
            """,
        ])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }
}
