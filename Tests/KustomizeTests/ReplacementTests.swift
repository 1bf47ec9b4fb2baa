import Testing
@testable import Kustomize

/// `replacements:` compared with `kubectl kustomize` (skipped when kubectl is absent).
@Suite struct ReplacementTests {
    static let resources = """
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: settings}
    data:
      host: db.example.com
      image: "registry.example.com/app:1.2.3"
      replicas: "3"
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web}
      annotations: {url: "http://placeholder:80"}
    spec:
      replicas: 1
      template:
        spec:
          containers:
          - name: web
            image: nginx
            env:
            - {name: DB_HOST, value: unset}
          - name: side
            image: busybox
    ---
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: other, labels: {app: other}}
    spec:
      template:
        spec:
          containers:
          - {name: web, image: nginx}
    """

    func compare(_ kustomization: String, _ extra: [String: String] = [:]) throws {
        var files = ["app/r.yaml": Self.resources, "app/kustomization.yaml": "resources: [r.yaml]\n" + kustomization]
        for (k, v) in extra { files[k] = v }
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }

    @Test func selectorsDelimitersWildcardsAndCreate() throws {
        try compare("""
        namePrefix: p-
        replacements:
        - source: {kind: ConfigMap, name: settings, fieldPath: data.host}
          targets:
          - select: {kind: Deployment}
            reject: [{name: other}]
            fieldPaths:
            - spec.template.spec.containers.[name=web].env.[name=DB_HOST].value
            - metadata.annotations.[example.com/db]
            options: {create: true}
          - select: {kind: Deployment, name: web}
            fieldPaths: [metadata.annotations.url]
            options: {delimiter: "/", index: 2}
        - source: {kind: ConfigMap, name: settings, fieldPath: data.image, options: {delimiter: ":", index: 1}}
          targets:
          - select: {labelSelector: app=other}
            fieldPaths: [spec.template.spec.containers.*.image]
            options: {delimiter: ":", index: 5}
        - source: {kind: ConfigMap, name: settings, fieldPath: data.replicas}
          targets:
          - select: {kind: Deployment, name: web}
            fieldPaths: [spec.replicas, spec.template.spec.containers.1.image]
        - path: more.yaml
        """, ["app/more.yaml": """
        - source: {kind: Deployment, name: web}
          targets:
          - select: {kind: ConfigMap}
            fieldPaths: [data.owner]
            options: {create: true}
        """])
    }

    @Test func aSourceThatMatchesNothingIsAnError() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        resources: [r.yaml]
        replacements:
        - source: {kind: Secret, name: missing}
          targets:
          - select: {kind: Deployment}
        """])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { error in
            let e = error as? KustomizeError
            return e?.message.contains("nothing selected") == true && e?.mark.line == 3
        }
    }
}
