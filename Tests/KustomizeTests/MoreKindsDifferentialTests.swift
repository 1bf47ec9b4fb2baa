import Testing
@testable import Kustomize

/// A second fixture with more kinds (CronJob, NetworkPolicy, CRD, webhook, Ingress, custom resources),
/// compared with `kubectl kustomize`.
@Suite struct MoreKindsDifferentialTests {
    static let resources = #"""
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: c
            image: busybox
            env:
            - name: X
              valueFrom:
                secretKeyRef: {name: sec, key: k}
          restartPolicy: OnFailure
---
apiVersion: batch/v1
kind: Job
metadata:
  name: job
spec:
  template:
    spec:
      containers:
      - {name: c, image: "busybox:1.0"}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: np
spec:
  podSelector:
    matchLabels: {app: x}
  ingress:
  - from:
    - podSelector:
        matchLabels: {app: y}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pdb
spec:
  selector:
    matchLabels: {app: x}
---
apiVersion: v1
kind: Secret
metadata:
  name: sec
type: Opaque
data:
  k: dmFs
---
apiVersion: example.com/v1
kind: MyApp
metadata:
  name: custom
spec:
  deep:
    containers:
    - name: a
      image: nginx:1.0
  replicas: 3
---
apiVersion: v1
kind: Pod
metadata:
  name: pod
  labels:
    n: 1
spec:
  serviceAccountName: sa
  containers:
  - name: p
    image: nginx
    volumeMounts: []
  volumes:
  - name: s
    secret: {secretName: sec}
  - name: p
    projected:
      sources:
      - secret: {name: sec}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: myapps.example.com
spec:
  conversion:
    webhook:
      clientConfig:
        service: {name: svc, namespace: old}
  group: example.com
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ing
  annotations:
    nginx.ingress.kubernetes.io/auth-secret: sec
spec:
  tls:
  - secretName: sec
  rules:
  - http:
      paths:
      - backend:
          service: {name: svc, port: {number: 80}}
---
apiVersion: v1
kind: Service
metadata:
  name: svc
spec:
  ports: [{port: 80}]
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: vwc
webhooks:
- name: a.b.c
  clientConfig:
    service: {name: svc, namespace: default}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ds
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: c, image: nginx}]
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: sa
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: numbers
data: {}
binaryData: {}
---
apiVersion: v1
kind: Pod
metadata:
  name: pod2
  labels: {n: 1, b: true}
  annotations: {n: 1, b: true, f: 1.5, z: null}
spec:
  template:
    metadata:
      annotations: {n: 1}
"""#

    func compare(_ kustomization: String) throws {
        let tree = try TreeFixture(["base/r.yaml": Self.resources, "base/kustomization.yaml": "resources: [r.yaml]\n",
                                    "overlay/kustomization.yaml": kustomization])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("overlay")
    }

    @Test func plain() throws { try compare("resources: [../base]\n") }

    @Test func numericNamespaceInReferencesLosesQuotes() throws {
        try compare("resources: [../base]\nnamespace: \"123\"\nnamePrefix: p-\n")
    }

    @Test func commonLabelsWinOverLabels() throws {
        try compare("resources: [../base]\ncommonLabels: {a: \"1\"}\nlabels:\n- pairs: {a: \"2\", b: x}\n  includeSelectors: true\n")
    }

    @Test func customFieldSpecsAndImagesInCustomResources() throws {
        try compare("""
        resources: [../base]
        labels:
        - pairs: {t: a}
          includeTemplates: true
          fields:
          - path: spec/deep/labels
            kind: MyApp
            create: true
        images:
        - name: nginx
          newName: reg:5000/nginx
          newTag: "9"
        """)
    }

    static let sortMix = #"""
apiVersion: v1
kind: Pod
metadata: {name: b}
---
apiVersion: v1
kind: Pod
metadata: {name: a, namespace: z}
---
apiVersion: v1
kind: Pod
metadata: {name: a}
---
apiVersion: example.com/v1
kind: Namespace
metadata: {name: n2}
---
apiVersion: v1
kind: Namespace
metadata: {name: n1}
---
apiVersion: batch/v1
kind: Job
metadata: {name: j}
---
apiVersion: example.com/v1
kind: Zebra
metadata: {name: z}
---
apiVersion: example.com/v2
kind: Apple
metadata: {name: a}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: v}
---
apiVersion: v1
kind: Secret
metadata: {name: s, namespace: default}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d, namespace: b}
---
apiVersion: extensions/v1beta1
kind: Deployment
metadata: {name: d}
---
apiVersion: v1
kind: List
items: []
"""#

    /// A subject's namespace picks its ServiceAccount by original namespace when some reachable
    /// resource was first read there, else by current namespace: one the account only passed
    /// through (here `mid`) matches neither, and such a subject keeps its name and namespace.
    @Test func subjectNamespacesMatchOriginalOrCurrentNamespaces() throws {
        let binding = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}
            subjects:
            - {kind: ServiceAccount, name: sa, namespace: orig}
            - {kind: ServiceAccount, name: sa, namespace: mid}
            - {kind: ServiceAccount, name: sa, namespace: top}
            - {kind: ServiceAccount, name: sa, namespace: elsewhere}
            - {kind: ServiceAccount, name: sa}
            """
        for plugin in ["", "transformers:\n- ns.yaml\n"] {
            let tree = try TreeFixture([
                "base/sa.yaml": "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: sa, namespace: orig}\n",
                "base/kustomization.yaml": "resources: [sa.yaml]\nnamespace: mid\nnamePrefix: p-\n",
                "overlay/rb.yaml": binding,
                "overlay/ns.yaml": """
                    apiVersion: builtin
                    kind: NamespaceTransformer
                    metadata: {name: ns, namespace: late}
                    unsetOnly: true
                    setRoleBindingSubjects: allServiceAccounts
                    """,
                "overlay/kustomization.yaml": "resources: [../base, rb.yaml]\nnamespace: top\n" + plugin,
            ])
            defer { tree.remove() }
            try tree.expectSameAsKubectl("overlay")
        }
    }

    @Test func legacyOrderAcrossGroupsNamespacesAndCustomKinds() throws {
        let tree = try TreeFixture(["r.yaml": Self.sortMix, "kustomization.yaml": "resources: [r.yaml]\n"])
        defer { tree.remove() }
        try tree.expectSameAsKubectl()
    }
}
