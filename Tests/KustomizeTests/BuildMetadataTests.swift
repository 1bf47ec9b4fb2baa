import Testing
@testable import Kustomize

/// `buildMetadata` (transformer and origin annotations) and `crds:`, compared with `kubectl kustomize`.
@Suite struct BuildMetadataTests {
    static let resources = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      template:
        spec:
          containers: [{name: web, image: nginx}]
    ---
    apiVersion: v1
    kind: Namespace
    metadata: {name: space}
    """

    @Test func everyBuiltinFieldIsRecordedOncePerConfiguredTransformer() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        buildMetadata: [transformerAnnotations]
        resources: [r.yaml]
        namePrefix: p-
        namespace: ns
        labels:
        - pairs: {team: a}
        images:
        - {name: nginx, newTag: "1"}
        - {name: redis, newTag: "2"}
        replicas:
        - {name: web, count: 2}
        patches:
        - patch: '[{"op": "add", "path": "/spec/paused", "value": true}]'
          target: {kind: Deployment}
        configMapGenerator:
        - {name: cfg, literals: [a=b]}
        """])
        defer { tree.remove() }
        let out = try tree.build("app")
        // One images entry is one ImageTagTransformer; `labels` brings the (empty) commonLabels one too.
        #expect(out.components(separatedBy: "kind: ImageTagTransformer").count == 1 + 3 * 2)
        #expect(out.components(separatedBy: "kind: LabelTransformer").count == 1 + 3 * 2)
        #expect(!out.contains("config.kubernetes.io/origin"))
        try tree.expectSameAsKubectl("app")
    }

    @Test func overlayRecordsItsBasesTransformersAndPluginConfigs() throws {
        let tree = try TreeFixture([
            "base/r.yaml": Self.resources,
            "base/kustomization.yaml": """
            resources: [r.yaml]
            nameSuffix: -b
            transformers: [plugin.yaml]
            generators:
            - |-
              apiVersion: builtin
              kind: ConfigMapGenerator
              metadata: {name: gen, namespace: gns}
              literals: [k=v]
            """,
            "base/plugin.yaml": """
            apiVersion: builtin
            kind: AnnotationsTransformer
            metadata: {name: notes, namespace: somewhere}
            annotations: {note: x}
            fieldSpecs: [{path: metadata/annotations, create: true}]
            """,
            "overlay/kustomization.yaml": """
            buildMetadata: [originAnnotations, transformerAnnotations]
            resources: [../base]
            commonAnnotations: {owner: me}
            transformers:
            - |-
              apiVersion: builtin
              kind: PrefixTransformer
              metadata: {name: inline}
              prefix: o-
              fieldSpecs: [{path: metadata/name}]
            """,
        ])
        defer { tree.remove() }
        let out = try tree.build("overlay")
        #expect(out.contains("configuredIn: ../base/plugin.yaml"))
        #expect(out.contains("path: ../base/r.yaml"))
        try tree.expectSameAsKubectl("overlay")
    }

    /// kustomize hands the top kustomization's buildMetadata down: a base's own list is ignored,
    /// and annotations an input file carries are stripped.
    @Test func onlyTheTopKustomizationsBuildMetadataCounts() throws {
        let tree = try TreeFixture([
            "base/r.yaml": Self.resources + """

            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: c
              annotations: {config.kubernetes.io/origin: "path: elsewhere\\n", keep: "1"}
            """,
            "base/kustomization.yaml": "resources: [r.yaml]\nnamePrefix: b-\nbuildMetadata: [originAnnotations, managedByLabel, transformerAnnotations]\n",
            "overlay/kustomization.yaml": "resources: [../base]\nnamespace: x\n",
        ])
        defer { tree.remove() }
        let out = try tree.build("overlay")
        #expect(!out.contains("config.kubernetes.io/origin") && !out.contains("managed-by") && !out.contains("transformations"))
        try tree.expectSameAsKubectl("overlay")
        try tree.expectSameAsKubectl("base")
    }

    @Test func crdDefinitionsAddNameReferencesAndFieldSpecs() throws {
        let tree = try TreeFixture([
            "app/crd.json": """
            {
              "example.com/v1.Widget": {"Schema": {"properties": {
                "apiVersion": {"type": "string"}, "kind": {"type": "string"},
                "metadata": {"$ref": "meta/v1.ObjectMeta"},
                "spec": {"$ref": "example.com/v1.WidgetSpec"}}}},
              "example.com/v1.WidgetSpec": {"Schema": {"properties": {
                "config": {"x-kubernetes-object-ref-api-version": "v1", "x-kubernetes-object-ref-kind": "ConfigMap",
                           "x-kubernetes-object-ref-name-key": "configName"},
                "selector": {"x-kubernetes-label-selector": ""},
                "notes": {"x-kubernetes-annotation": ""},
                "self": {"x-kubernetes-identity": ""},
                "again": {"$ref": "example.com/v1.WidgetSpec"}}}}
            }
            """,
            "app/w.yaml": """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec:
              config: {configName: settings}
              selector: {}
              notes: {}
              self: w
            """,
            "app/kustomization.yaml": """
            crds: [crd.json]
            resources: [w.yaml]
            namePrefix: p-
            nameSuffix: -s
            labels: [{pairs: {app: w}, includeSelectors: true}]
            commonAnnotations: {owner: me}
            configMapGenerator: [{name: settings, literals: [a=b]}]
            """,
        ])
        defer { tree.remove() }
        let out = try tree.build("app")
        #expect(out.contains("configName: p-settings-s-"))
        #expect(out.contains("self: p-w\n"))
        // The self-referencing type stops our walk; kubectl recurses without end, so no comparison here.
    }

    @Test func crdReferencesAcrossAnOverlay() throws {
        let tree = try TreeFixture([
            "base/crd.yaml": """
            example.com/v1.Widget:
              Schema:
                properties:
                  apiVersion: {type: string}
                  kind: {type: string}
                  metadata: {$ref: meta/v1.ObjectMeta}
                  spec:
                    properties: {}
                    $ref: example.com/v1.WidgetSpec
            example.com/v1.WidgetSpec:
              Schema:
                properties:
                  secretRef: {x-kubernetes-object-ref-api-version: v1, x-kubernetes-object-ref-kind: Secret}
            """,
            "base/r.yaml": """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec:
              secretRef: {name: creds}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: creds}
            """,
            "base/kustomization.yaml": "crds: [crd.yaml]\nresources: [r.yaml]\n",
            "overlay/kustomization.yaml": "resources: [../base]\nnamePrefix: o-\n",
        ])
        defer { tree.remove() }
        #expect(try tree.build("overlay").contains("name: o-creds"))
        try tree.expectSameAsKubectl("overlay")
    }
    /// kustomize records origins and transformations in the annotations themselves: a JSON patch
    /// that replaces the annotations map drops them, and the next transformer's note starts over.
    @Test func aPatchThatReplacesTheAnnotationsRestartsTheRecord() throws {
        for metadata in ["[originAnnotations]", "[transformerAnnotations]", "[originAnnotations, transformerAnnotations]"] {
            let tree = try TreeFixture([
                "base/r.yaml": Self.resources,
                "base/kustomization.yaml": "resources: [r.yaml]\nnamePrefix: b-\n",
                "overlay/kustomization.yaml": """
                resources: [../base]
                patches:
                - target: {kind: Deployment}
                  patch: '[{"op": "add", "path": "/metadata/annotations", "value": {"patched": "yes"}}]'
                - target: {kind: Deployment}
                  patch: '[{"op": "add", "path": "/metadata/annotations/second", "value": "yes"}]'
                namespace: x
                buildMetadata: \(metadata)
                """,
            ])
            defer { tree.remove() }
            let out = try tree.build("overlay")
            // The Deployment's record starts at the overlay's first patch, the Namespace's in the base.
            if metadata.contains("originAnnotations") {
                #expect(out.contains("config.kubernetes.io/origin: |\n      configuredIn: kustomization.yaml\n      configuredBy:\n        apiVersion: builtin\n        kind: PatchTransformer\n"))
            }
            if metadata.contains("transformerAnnotations") {
                let deployment = try #require(out.components(separatedBy: "---\n").first { $0.contains("kind: Deployment") })
                #expect(!deployment.contains("PrefixTransformer") && deployment.contains("NamespaceTransformer"))
                let namespace = try #require(out.components(separatedBy: "---\n").first { $0.contains("kind: Namespace") })
                #expect(namespace.contains("PrefixTransformer"))
            }
            try tree.expectSameAsKubectl("overlay")
        }
    }

    /// kustomize records each transformer by setting every resource's annotations back from a
    /// string map, whenever `buildMetadata` lists anything (`managedByLabel`, or a value kustomize
    /// ignores), so once one has run a later JSON patch keeps `1000000` as written; without a
    /// transformer before it, or without buildMetadata, the patch reads it as a number.
    @Test func recordingATransformerTurnsAnnotationValuesIntoStrings() throws {
        for (baseTransforms, metadata) in [(true, "[originAnnotations]"), (true, "[transformerAnnotations]"), (true, "[managedByLabel]"), (true, "[unknownOption]"),
                                           (false, "[originAnnotations]"), (true, "[]")] {
            let tree = try TreeFixture([
                "base/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  annotations: {n: 1000000}\n",
                "base/kustomization.yaml": "resources: [sa.yaml]\n" + (baseTransforms ? "labels: [{pairs: {a: b}}]\n" : ""),
                "overlay/kustomization.yaml": """
                resources: [../base]
                patches:
                - target: {kind: ServiceAccount}
                  patch: '[{"op": "add", "path": "/metadata/annotations/added", "value": "x"}]'
                buildMetadata: \(metadata)
                """,
            ])
            defer { tree.remove() }
            let out = try tree.build("overlay")
            let recorded = baseTransforms && metadata != "[]"
            #expect(out.contains(recorded ? "\"n\": \"1000000\"" : "\"n\": \"1e+06\""), "\(metadata) \(baseTransforms)")
            try tree.expectSameAsKubectl("overlay")
        }
    }
}
