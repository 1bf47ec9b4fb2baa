import Testing
@testable import Kustomize

/// Patches on every workload kind, by name, regex, label and annotation selector, compared with
/// `kubectl kustomize` (skipped when kubectl is absent).
@Suite struct PatchDifferentialTests {
    static func podSpec(_ name: String, indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return """
        containers:
        - name: \(name)
          image: nginx:1.25
          ports:
          - containerPort: 80
            name: http
          env:
          - {name: MODE, value: base}
          volumeMounts:
          - {name: data, mountPath: /data}
        volumes:
        - name: data
          emptyDir: {}
        tolerations:
        - {key: a, operator: Exists}
        """.split(separator: "\n").map { pad + $0 }.joined(separator: "\n")
    }

    static func workload(_ kind: String, _ apiVersion: String, _ name: String, template: String, labels: String) -> String {
        var doc = "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: \(name)\n  labels: {\(labels)}\n"
        doc += "  annotations: {owner: team-\(name)}\n"
        switch template {
        case "pod": doc += "spec:\n" + podSpec(name, indent: 2) + "\n"
        case "cron":
            doc += "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            doc += podSpec(name, indent: 10) + "\n"
        default:
            doc += "spec:\n  template:\n    metadata:\n      labels: {app: \(name)}\n    spec:\n" + podSpec(name, indent: 6) + "\n"
        }
        return doc
    }

    static let resources = [
        workload("Deployment", "apps/v1", "web", template: "t", labels: "tier: front, app: web"),
        workload("StatefulSet", "apps/v1", "db", template: "t", labels: "tier: back"),
        workload("DaemonSet", "apps/v1", "agent", template: "t", labels: "tier: infra"),
        workload("ReplicaSet", "apps/v1", "rs", template: "t", labels: "tier: front"),
        workload("Job", "batch/v1", "migrate", template: "t", labels: "tier: back"),
        workload("CronJob", "batch/v1", "nightly", template: "cron", labels: "tier: back"),
        workload("Pod", "v1", "debug", template: "pod", labels: "tier: infra"),
        workload("ReplicationController", "v1", "legacy", template: "t", labels: "tier: front"),
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {tier: front}\nspec:\n  selector: {app: web}\n  ports:\n  - {port: 80, targetPort: 8080, protocol: TCP}\n",
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  labels: {tier: front}\nspec:\n  items:\n  - {name: a, size: 1}\n  settings: {x: 1, y: 2}\n",
    ].joined(separator: "---\n")

    func compare(_ kustomization: String, _ extra: [String: String] = [:]) throws {
        var files = ["base/all.yaml": Self.resources, "base/kustomization.yaml": "resources: [all.yaml]\n",
                     "overlay/kustomization.yaml": kustomization]
        for (k, v) in extra { files[k] = v }
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        try tree.expectSameAsKubectl("overlay")
    }

    /// One strategic-merge patch per workload kind, each found by its own id.
    /// The parts of a target a patch does not reach are still walked by kyaml: empty `key:`
    /// values go, nulls stay, list elements with a duplicate, missing or empty merge key or a null
    /// item are merged with themselves, flow lists come out as kyaml writes them.
    @Test func untouchedPartsOfTheTargetAsKyamlLeavesThem() throws {
        let odd = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: odd
          annotations:
            empty:
            nulled: null
            tilde: ~
        spec:
          replicas:
          template:
            spec:
              containers:
              - name: a
                args: [x, y, x]
                env: [{name: A, value: "1"}, {name: A, value: "2"}, {value: nameless}, {name: "", value: e}, {name: B}]
                ports:
              - name: b
                image: b
              - name: a
                image: dup
              volumes:
              - null
              - {name: v, emptyDir: {}}
              - name: v
                configMap: {name: c}
              imagePullSecrets: []
          selector: {matchLabels: {app: odd}}
        status:
          conditions: [{type: Ready, status: "True"}, {type: Ready, status: "False"}]
        """
        let patch = """
        - patch: |-
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: odd
              labels: {patched: "yes"}
        """
        try compare("resources: [../base, odd.yaml]\npatches:\n" + patch + "\n", ["overlay/odd.yaml": odd + "\n"])
    }

    @Test func strategicMergeOnEveryWorkloadKind() throws {
        let kinds = [("Deployment", "apps/v1", "web"), ("StatefulSet", "apps/v1", "db"), ("DaemonSet", "apps/v1", "agent"),
                     ("ReplicaSet", "apps/v1", "rs"), ("Job", "batch/v1", "migrate"), ("ReplicationController", "v1", "legacy")]
        var patches = ""
        for (kind, apiVersion, name) in kinds {
            patches += """
            - patch: |-
                apiVersion: \(apiVersion)
                kind: \(kind)
                metadata:
                  name: \(name)
                spec:
                  template:
                    spec:
                      containers:
                      - name: \(name)
                        resources:
                          limits: {cpu: "1"}
                        env:
                        - {name: EXTRA, value: "yes"}
                        - {name: MODE, value: patched}
                      - name: sidecar
                        image: envoy:1.0
                      volumes:
                      - name: data
                        emptyDir: null
                        persistentVolumeClaim: {claimName: data}

            """
        }
        patches += """
        - patch: |-
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                      - {name: nightly, image: busybox:2}
        - patch: |-
            apiVersion: v1
            kind: Pod
            metadata: {name: debug}
            spec:
              tolerations:
              - {key: b, operator: Exists}
              containers:
              - name: debug
                ports:
                - {containerPort: 9090, name: metrics}

        """
        try compare("resources: [../base]\npatches:\n" + patches)
    }

    @Test func targetsByNameRegexLabelAndAnnotation() throws {
        try compare("""
        resources: [../base]
        patches:
        - target: {kind: Deployment|StatefulSet, name: "w.*|db"}
          patch: |-
            - op: add
              path: /metadata/annotations/regex
              value: matched
        - target: {labelSelector: "tier in (front,back),tier!=infra"}
          patch: |-
            apiVersion: v1
            kind: Any
            metadata:
              name: any
              labels: {selected: "true"}
        - target: {annotationSelector: owner=team-agent}
          patch: |-
            - {op: replace, path: /spec/template/spec/containers/0/image, value: "agent:2"}
        - target: {group: batch, version: v1}
          patch: |-
            - {op: add, path: /metadata/labels/batch, value: "yes"}
        - target: {labelSelector: "!missing,app"}
          patch: |-
            - {op: add, path: /metadata/labels/has-app, value: "1"}
        """)
    }

    /// A dot in a target pattern matches any one character, as in the regex kustomize builds (we
    /// match such patterns without the regex engine).
    @Test func dotsInTargetPatternsMatchAnyCharacter() throws {
        try compare("""
        resources: [../base]
        patches:
        - target: {group: example.com, kind: Widget}
          patch: |-
            - {op: add, path: /metadata/labels/group, value: dotted}
        - target: {group: example.co., version: v., kind: W.dget}
          patch: |-
            - {op: add, path: /metadata/labels/any-character, value: "yes"}
        - target: {kind: Service, name: w.}
          patch: |-
            - {op: add, path: /metadata/labels/too-short, value: "no"}
        - target: {kind: Service, name: w.b}
          patch: |-
            - {op: add, path: /metadata/labels/three, value: "yes"}
        - target: {group: exampleXcom}
          patch: |-
            - {op: add, path: /metadata/labels/literal, value: "no"}
        """)
    }

    @Test func jsonPatchOperations() throws {
        try compare("""
        resources: [../base]
        patches:
        - target: {kind: Deployment, name: web}
          patch: |-
            - op: add
              path: /spec/template/spec/topologySpreadConstraints
              value:
              - maxSkew: 1
                topologyKey: topology.kubernetes.io/zone
                whenUnsatisfiable: DoNotSchedule
            - {op: add, path: /spec/template/spec/containers/0/env/-, value: {name: LAST, value: "1"}}
            - {op: add, path: /spec/template/spec/containers/0/env/0, value: {name: FIRST, value: "0"}}
            - {op: replace, path: /spec/template/spec/containers/0/ports/0/containerPort, value: 8080}
            - {op: copy, from: /metadata/labels/app, path: /metadata/labels/copied}
            - {op: move, from: /metadata/annotations/owner, path: /metadata/annotations/moved}
            - {op: test, path: /kind, value: Deployment}
            - {op: remove, path: /spec/template/spec/tolerations}
        - target: {kind: Widget}
          path: widget.json
        """, ["overlay/widget.json": #"[{"op": "add", "path": "/spec/settings/a~1b", "value": true}, {"op": "remove", "path": "/spec/items/0"}]"#])
    }

    /// kustomize's annotations map always exists while it patches (its id history lives there):
    /// adding one annotation to a resource without annotations works, and a removed map leaves none.
    @Test func jsonPatchAddsAnAnnotationToAResourceWithout() throws {
        try compare("""
        resources: [plain.yaml]
        patches:
        - target: {kind: ServiceAccount, name: bare}
          patch: '[{"op": "add", "path": "/metadata/annotations/added", "value": "yes"}]'
        - target: {kind: ServiceAccount, name: cleared}
          patch: '[{"op": "remove", "path": "/metadata/annotations"}]'
        """, ["overlay/plain.yaml": """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: bare}
            ---
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: cleared}
            """])
    }

    /// `patchesStrategicMerge` sets a patch's labels and annotations back from string maps before
    /// merging: a null no longer deletes, numbers keep their spelling, a map becomes "", and a
    /// null map leaves the patch. `patches:` merges the same patch so only with a target; found by
    /// its own id, it merges with its types.
    @Test func patchesStrategicMergeTakesLabelsAndAnnotationsAsStrings() throws {
        let target = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: sa
              labels: {keep: "1", app: web, gone: x}
              annotations: {keep: "1", app: web}
            """
        let typed = """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: sa
              labels: {app: null, x: ~, y: , num: 010, f: 1.50, b: yes}
              annotations: {app: null, x: ~, y: , n: {a: 1}, num: 010}
            """
        let nullMaps = "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  labels: null\n  annotations: {}\n"
        let byTarget = "[{path: typed.yaml, target: {kind: ServiceAccount}}, {path: nulls.yaml, target: {name: sa}}]"
        for (field, entries) in [("patchesStrategicMerge", "[typed.yaml, nulls.yaml]"), ("patches", "[{path: typed.yaml}, {path: nulls.yaml}]"),
                                 ("patches", byTarget)] {
            try compare("resources: [sa.yaml]\n\(field): \(entries)\n",
                        ["overlay/sa.yaml": target, "overlay/typed.yaml": typed, "overlay/nulls.yaml": nullMaps])
        }
    }

    /// A JSON patch sends the whole resource through float64: short integers stay as written,
    /// longer ones and other spellings come back as Go prints a float64.
    @Test func jsonPatchNumbersAsFloat64() throws {
        try compare("""
        resources: [numbers.yaml]
        patches:
        - target: {kind: ConfigMap}
          patch: '[{"op": "add", "path": "/data/added", "value": "x"}]'
        """, ["overlay/numbers.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: n}
            data: {a: "1"}
            spec:
              values: [0, -0, 7, -42, 999999, -999999, 1000000, 1234567, 007, 0x1F, 0o17, +5, 1_000, 12.50, 1e3, -0.0, 9007199254740993]
            """])
    }

    @Test func customResourcesMergeMapsAndListsAsKustomizeDoes() throws {
        try compare("""
        resources: [../base]
        patches:
        - patch: |-
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            spec:
              items:
              - {name: b, size: 2}
              settings: {y: null, z: 3}
        """)
    }

    @Test func deprecatedFieldsAndFileForms() throws {
        try compare("""
        resources: [../base]
        patchesStrategicMerge:
        - svc.yaml
        - |-
          apiVersion: apps/v1
          kind: DaemonSet
          metadata: {name: agent}
          spec:
            template:
              metadata:
                labels: {inline: "true"}
        patchesJson6902:
        - target: {group: apps, version: v1, kind: Deployment, name: web}
          path: ops.yaml
        """, [
            "overlay/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports:\n  - {port: 443, targetPort: 8443}\n",
            "overlay/ops.yaml": "- op: replace\n  path: /spec/template/spec/containers/0/image\n  value: nginx:2\n",
        ])
    }

    @Test func patchesRunBeforePrefixAndNamespace() throws {
        try compare("""
        resources: [../base]
        namePrefix: p-
        namespace: prod
        commonLabels: {env: prod}
        patches:
        - target: {name: web, kind: Service}
          patch: |-
            - {op: add, path: /spec/type, value: NodePort}
        patchesJson6902:
        - target: {kind: Service, name: p-web}
          patch: |-
            - {op: add, path: /metadata/labels/after-prefix, value: "true"}
        """)
    }

    @Test func deleteAndReplaceDirectives() throws {
        try compare("""
        resources: [../base]
        patches:
        - patch: |-
            apiVersion: v1
            kind: Pod
            metadata: {name: debug}
            $patch: delete
        - patch: |-
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                spec:
                  containers:
                  - name: web
                    $patch: delete
                  - name: other
                    image: other:1
                  volumes:
                  - $patch: replace
                  - {name: fresh, emptyDir: {}}
        """)
    }
}
