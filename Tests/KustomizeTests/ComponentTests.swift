import Testing
@testable import Kustomize

/// Components run on the parent's resources between its generators and its transformers;
/// compared with `kubectl kustomize` (skipped when kubectl is absent).
@Suite struct ComponentTests {
    static let base = """
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web, labels: {app: web}}
    spec:
      template:
        spec:
          containers:
          - {name: web, image: nginx:1.25}
    ---
    apiVersion: v1
    kind: Service
    metadata: {name: web}
    spec:
      selector: {app: web}
    """

    static let component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"

    func compare(_ files: [String: String], dir: String = "overlay") throws {
        var all = ["base/all.yaml": Self.base, "base/kustomization.yaml": "resources: [all.yaml]\n"]
        for (k, v) in files { all[k] = v }
        let tree = try TreeFixture(all)
        defer { tree.remove() }
        try tree.expectSameAsKubectl(dir)
    }

    @Test func componentPatchesAddsResourcesAndSeesTheParentsResources() throws {
        try compare([
            "overlay/kustomization.yaml": "resources: [../base]\nnamePrefix: prod-\ncomponents: [../monitoring, ../debug]\n",
            "monitoring/kustomization.yaml": Self.component + """
            resources: [monitor.yaml]
            commonLabels: {monitored: "true"}
            patches:
            - target: {kind: Deployment}
              patch: |-
                - {op: add, path: /metadata/annotations, value: {scrape: "true"}}
            """,
            "monitoring/monitor.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: monitor}\ndata: {port: \"9090\"}\n",
            "debug/kustomization.yaml": Self.component + """
            components: [../nested]
            patches:
            - patch: |-
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                      - {name: web, env: [{name: DEBUG, value: "1"}]}
            """,
            "nested/kustomization.yaml": Self.component + "namespace: debug\n",
        ])
    }

    @Test func aComponentBuiltOnItsOwn() throws {
        try compare(["comp/kustomization.yaml": Self.component + "resources: [../base]\nnameSuffix: -c\n"], dir: "comp")
    }
}
