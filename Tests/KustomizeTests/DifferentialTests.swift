import Testing
@testable import Kustomize

/// Builds small trees and compares with `kubectl kustomize` (skipped when kubectl is absent).
@Suite struct DifferentialTests {
    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels: {app: web}
    spec:
      replicas: 1
      selector:
        matchLabels: {app: web}
      template:
        metadata:
          labels: {app: web}
        spec:
          serviceAccountName: web
          containers:
          - name: web
            image: nginx:1.7.9
            envFrom:
            - configMapRef: {name: web-config}
          initContainers:
          - name: init
            image: busybox@sha256:abc
          volumes:
          - name: data
            persistentVolumeClaim: {claimName: data}
    ---
    apiVersion: v1
    kind: Service
    metadata:
      name: web
    spec:
      selector: {app: web}
      ports:
      - port: 80
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: web-config
    data:
      enabled: "yes"
      mode: "0755"
      ratio: "1.0"
      empty: ""
      motd: "a line that is long enough to be folded by the emitter once it goes past the eightieth column"
      script: |
        echo hi
        echo there
    ---
    apiVersion: v1
    kind: ServiceAccount
    metadata:
      name: web
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: web
    roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: web}
    subjects:
    - {kind: ServiceAccount, name: web}
    - {kind: ServiceAccount, name: default}
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      name: web
    rules: []
    ---
    apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
    ---
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      serviceName: web
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec:
          containers:
          - {name: db, image: mysql:8}
      volumeClaimTemplates:
      - metadata: {name: data}
        spec: {accessModes: [ReadWriteOnce]}
    ---
    apiVersion: v1
    kind: Namespace
    metadata:
      name: old
    ---
    apiVersion: autoscaling/v2
    kind: HorizontalPodAutoscaler
    metadata:
      name: web
    spec:
      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
      minReplicas: 1
      maxReplicas: 3
    """

    func compare(_ kustomization: String, _ extra: [String: String] = [:], args: [String] = [],
                 options: BuildOptions = BuildOptions()) throws {
        var files = ["base/resources.yaml": Self.deployment, "base/kustomization.yaml": "resources: [resources.yaml]\n",
                     "overlay/kustomization.yaml": kustomization]
        for (k, v) in extra { files[k] = v }
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        try tree.expectSameAsKubectl("overlay", args: args, options: options)
    }

    @Test func resourcesOnly() throws { try compare("resources: [../base]\n") }

    @Test func namePrefixAndSuffixFollowReferences() throws {
        try compare("resources: [../base]\nnamePrefix: p-\nnameSuffix: -s\n")
    }

    @Test func namespaceMovesObjectsAndDefaultSubjects() throws {
        try compare("resources: [../base]\nnamespace: prod\n")
    }

    @Test func commonLabelsReachSelectorsAndTemplates() throws {
        try compare("resources: [../base]\ncommonLabels:\n  team: retail\n  enabled: \"true\"\n")
    }

    @Test func labelsWithAndWithoutSelectors() throws {
        try compare("""
        resources: [../base]
        labels:
        - pairs: {env: prod}
        - pairs: {tier: web}
          includeTemplates: true
        - pairs: {sel: x}
          includeSelectors: true
        """)
    }

    @Test func commonAnnotations() throws {
        try compare("resources: [../base]\ncommonAnnotations:\n  note: \"on\"\n  owner: team-a\n")
    }

    @Test func imagesByTagDigestAndName() throws {
        try compare("""
        resources: [../base]
        images:
        - name: nginx
          newName: registry.example.com/nginx
          newTag: "1.25"
        - name: busybox
          newTag: "1.36"
        - name: mysql
          digest: sha256:0123456789abcdef
        """)
    }

    @Test func replicas() throws {
        try compare("resources: [../base]\nreplicas:\n- name: web\n  count: 4\n- name: db\n  count: 2\n")
    }

    @Test func sortOptionsFifoAndCustomLegacy() throws {
        try compare("resources: [../base]\nsortOptions:\n  order: fifo\n")
        try compare("""
        resources: [../base]
        sortOptions:
          order: legacy
          legacySortOptions:
            orderFirst: [StatefulSet]
            orderLast: [Namespace]
        """)
    }

    @Test func reorderNoneKeepsInputOrder() throws {
        var options = BuildOptions()
        options.reorder = .none
        try compare("resources: [../base]\nnamePrefix: x-\n", args: ["--reorder", "none"], options: options)
    }

    @Test func layeredOverlays() throws {
        try compare("resources: [../mid]\nnamePrefix: top-\nnamespace: prod\n", [
            "mid/kustomization.yaml": "resources: [../base]\nnamePrefix: mid-\ncommonLabels: {layer: mid}\n",
        ])
    }

    @Test func listKindsAreUnpacked() throws {
        try compare("resources: [list.yaml]\n", [
            "overlay/list.yaml": """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: a}
            - apiVersion: v1
              kind: ConfigMap
              metadata: {name: b}
            """,
        ])
    }

    @Test func jsonResources() throws {
        try compare("resources: [cm.json]\n", [
            "overlay/cm.json": #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "j"}, "data": {"n": "1e3", "x": "y"}}"#,
        ])
    }

    /// Cluster scope follows kustomize's 1.21.2 schema by version: a FlowSchema at v1beta1 has no
    /// namespace, at v1 (newer than that schema) it gets one.
    @Test func clusterScopeDependsOnTheAPIVersion() throws {
        try compare("resources: [../base, scope.yaml]\nnamespace: prod\n", ["overlay/scope.yaml": """
            apiVersion: flowcontrol.apiserver.k8s.io/v1beta1
            kind: FlowSchema
            metadata: {name: old}
            ---
            apiVersion: flowcontrol.apiserver.k8s.io/v1
            kind: FlowSchema
            metadata: {name: new}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            """])
    }

    /// A namespaced referrer reaches only its own namespace and cluster-scoped kinds, plus, from a
    /// RoleBinding, the namespaces its ServiceAccount subjects name: a Deployment in `west` keeps
    /// the name of a ServiceAccount in `north`, a subject in another namespace follows its rename.
    @Test func referencesReachOtherNamespacesOnlyThroughRoleBindingSubjects() throws {
        try compare("namePrefix: big-\nresources: [../app, sa.yaml]\n", [
            "app/kustomization.yaml": "namespace: west\nnamePrefix: a-\nresources: [rb.yaml]\n",
            "app/rb.yaml": """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: RoleBinding
                metadata: {name: rb}
                roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
                subjects:
                - {kind: ServiceAccount, name: runner, namespace: east}
                - {kind: ServiceAccount, name: other, namespace: north}
                - {kind: ServiceAccount, name: runner}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      serviceAccountName: other
                      volumes: [{name: v, configMap: {name: shared}}]
                """,
            "overlay/sa.yaml": """
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: runner, namespace: east}
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: other, namespace: north}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: shared, namespace: east}
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: reader, namespace: east}
                """,
        ])
    }
}
