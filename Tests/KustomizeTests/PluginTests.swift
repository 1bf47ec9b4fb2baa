import Testing
@testable import Kustomize

/// `transformers:` with kustomize's builtin plugin configs (files, folders, inline), compared with
/// `kubectl kustomize`; external plugins are refused.
@Suite struct BuiltinPluginTests {
    static let resources = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      replicas: 1
      template:
        spec:
          containers: [{name: web, image: "nginx:1.25"}]
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    """

    @Test func builtinConfigsFromFilesFoldersAndInline() throws {
        let tree = try TreeFixture([
            "app/r.yaml": Self.resources,
            "app/prefixer.yaml": """
            apiVersion: builtin
            kind: PrefixSuffixTransformer
            metadata: {name: p}
            prefix: team-
            fieldSpecs:
            - {kind: Deployment, path: metadata/name}
            """,
            "app/plugins/kustomization.yaml": "resources: [labels.yaml, images.yaml]\n",
            "app/plugins/labels.yaml": """
            apiVersion: builtin
            kind: LabelTransformer
            metadata: {name: l}
            labels: {owner: team}
            fieldSpecs:
            - {path: metadata/labels, create: true}
            ---
            apiVersion: builtin
            kind: AnnotationsTransformer
            metadata: {name: a}
            annotations: {note: "yes"}
            fieldSpecs:
            - {kind: Service, path: metadata/annotations, create: true}
            """,
            "app/plugins/images.yaml": """
            apiVersion: builtin
            kind: ImageTagTransformer
            metadata: {name: i}
            imageTag: {name: nginx, newTag: "1.27"}
            fieldSpecs:
            - {path: spec/template/spec/containers/image}
            """,
            "app/kustomization.yaml": """
            resources: [r.yaml]
            transformers:
            - prefixer.yaml
            - plugins
            - |-
              apiVersion: builtin
              kind: PatchJson6902Transformer
              metadata: {name: j}
              target: {group: apps, version: v1, kind: Deployment, name: web}
              jsonOp: '[{"op": "replace", "path": "/spec/replicas", "value": 3}]'
            - |-
              apiVersion: builtin
              kind: ReplicaCountTransformer
              metadata: {name: r}
              replica: {name: web, count: 5}
              fieldSpecs:
              - {kind: Deployment, path: spec/replicas}
            """,
        ])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }

    /// The ImageTagTransformer plugin, like `images:`, rewrites every containers and initContainers
    /// list of every kind, fieldSpecs or not; its fieldSpecs add image fields.
    @Test func imageTagPluginRewritesEveryContainerList() throws {
        let workloads = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: s}
        spec:
          template:
            spec:
              containers: [{name: a, image: nginx}]
              initContainers: [{name: b, image: "nginx:1"}]
        ---
        apiVersion: x/v1
        kind: Foo
        metadata: {name: f}
        spec:
          containers: [{name: a, image: nginx}]
          image: nginx
        """
        for fieldSpecs in ["", "fieldSpecs:\n- {kind: Foo, path: spec/image}\n"] {
            let tree = try TreeFixture(["app/r.yaml": workloads, "app/tag.yaml": """
                apiVersion: builtin
                kind: ImageTagTransformer
                metadata: {name: tag}
                imageTag: {name: nginx, newTag: "9.9"}

                """ + fieldSpecs, "app/kustomization.yaml": "resources: [r.yaml]\ntransformers: [tag.yaml]\n"])
            defer { tree.remove() }
            try tree.expectSameAsKubectl("app")
            let out = try tree.build("app")
            #expect(out.components(separatedBy: "image: nginx:9.9").count == (fieldSpecs.isEmpty ? 4 : 5))
        }
    }

    /// kustomize runs every inline plugin config before those in files, whatever the list order.
    @Test func inlineConfigsRunBeforeFiles() throws {
        func prefixer(_ p: String) -> String {
            "apiVersion: builtin\nkind: PrefixSuffixTransformer\nmetadata: {name: \(p)}\nprefix: \(p)-\nfieldSpecs:\n- {path: metadata/name}\n"
        }
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/file.yaml": prefixer("file"),
                                    "app/kustomization.yaml": """
            resources: [r.yaml]
            transformers:
            - file.yaml
            - |-
            \(prefixer("inline").split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))
            """])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
        #expect(try tree.build("app").contains("name: file-inline-web"))
    }

    @Test func externalPluginsAreRefused() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        resources: [r.yaml]
        transformers:
        - |-
          apiVersion: someteam.example.com/v1
          kind: ChartInflator
          metadata: {name: x}
        """])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { ($0 as? KustomizeError)?.message.contains("--enable-alpha-plugins") == true }
    }
}
