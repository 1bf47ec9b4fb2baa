import Testing
@testable import Kustomize

/// The deprecated `vars`, compared with `kubectl kustomize` (skipped when kubectl is absent).
@Suite struct VarTests {
    static let resources = #"""
apiVersion: v1
kind: Service
metadata:
  name: svc
  annotations: {a: "$(V)"}
  labels: {l: "$(V)"}
spec:
  ports: [{port: "$(P)", targetPort: "$(V)"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, annotations: {a: "$(V)"}}
spec:
  template:
    metadata: {annotations: {t: "$(V)"}, labels: {t: "$(V)"}}
    spec:
      containers:
      - name: c
        image: "img:$(V)"
        args: ["$(V)", "x-$(V)", "$(P)", "$$(V)", "$(NOPE)"]
        command: ["$(V)"]
        env: [{name: E, value: "$(V)"}, {name: F, value: "$(P)"}]
        volumeMounts: [{name: v, mountPath: "/m/$(V)"}]
        workingDir: "$(V)"
      volumes:
      - name: v
        nfs: {server: "$(V)", path: "/$(V)"}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv}
spec:
  nfs: {server: "$(V)", path: "/$(V)"}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: i}
spec:
  rules: [{host: "$(V)"}]
  tls: [{hosts: ["$(V)"], secretName: "$(V)"}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers: [{name: c, args: ["$(V)"], env: [{name: E, value: "$(V)"}]}]
"""#

    @Test func expandsInTheDefaultFieldsWithTypesAndEscapes() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        resources: [r.yaml]
        namePrefix: p-
        vars:
        - name: V
          objref: {kind: Service, name: svc, apiVersion: v1}
        - name: P
          objref: {kind: Service, name: svc, apiVersion: v1}
          fieldref: {fieldpath: metadata.labels.l}
        """])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }

    @Test func anObjrefWithoutItsVersionMatchesNothing() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        resources: [r.yaml]
        vars:
        - name: V
          objref: {kind: Service, name: svc}
        """])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { error in
            (error as? KustomizeError)?.message.contains("cannot be mapped") == true
        }
    }
}
