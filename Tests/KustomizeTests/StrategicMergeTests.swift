import Testing
import SwkYAML
@testable import Kustomize

/// Strategic-merge patches; every expected text is `kubectl kustomize` (v5.5.0) output for the same
/// resource and patch.
@Suite struct StrategicMergeTests {
    /// Applies `patch` to `target` and prints the result ("" when the patch deletes the resource).
    func merge(_ target: String, _ patch: String, schema: MergeKeyLookup = PatchSchema.kubernetes) throws -> String {
        let resource = try YAMLParser.parseDocuments(target, file: "t.yaml", schema: .kyaml)[0]
        let patchNode = try YAMLParser.parseDocuments(patch, file: "p.yaml", schema: .kyaml)[0]
        let gvk = GVK(apiVersion: resource["apiVersion"]?.stringValue ?? "", kind: resource["kind"]?.stringValue ?? "")
        guard let result = try StrategicMerge.apply(patchNode, to: resource, gvk: gvk, schema: schema) else { return "" }
        return YAMLEmitter.emit(result)
    }

    static let pod = """
    apiVersion: v1
    kind: Pod
    metadata:
      name: p
      finalizers: [a, b]
    spec:
      containers:
      - name: a
        image: a
        args: [x, y]
      - name: b
        image: b
    """

    // MARK: Lists

    @Test func containersMergeByNameWithPatchElementsFirst() throws {
        let target = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - name: a
                image: a
                ports:
                - containerPort: 80
                env:
                - name: X
                  value: "1"
              - name: b
                image: b
        """
        // ports merge on (containerPort, protocol): kyaml's key handling drops the UDP entry.
        let patch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - name: c
                image: c
              - name: a
                image: a2
                ports:
                - containerPort: 90
                - containerPort: 80
                  protocol: UDP
                env:
                - name: Y
                  value: "2"
                - name: X
                  value: "3"
        """
        #expect(try merge(target, patch) == """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - image: c
                name: c
              - env:
                - name: "Y"
                  value: "2"
                - name: X
                  value: "3"
                image: a2
                name: a
                ports:
                - containerPort: 90
                - containerPort: 80
              - image: b
                name: b

        """)
    }

    @Test func finalizersMergeByValueAndArgsAreReplaced() throws {
        let patch = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          finalizers: [c, a]
        spec:
          containers:
          - name: a
            args: [z]
        """
        #expect(try merge(Self.pod, patch) == """
        apiVersion: v1
        kind: Pod
        metadata:
          finalizers:
          - c
          - a
          - b
          name: p
        spec:
          containers:
          - args:
            - z
            image: a
            name: a
          - image: b
            name: b

        """)
    }

    @Test func customResourceListsAreReplacedNotInferred() throws {
        let target = """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          name: f
          finalizers: [a, b]
        spec:
          items:
          - name: a
            x: 1
          list2: [a, b]
        """
        let patch = """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          name: f
          finalizers: [c]
        spec:
          items:
          - name: b
          - name: a
            y: 2
          list2: [c]
        """
        #expect(try merge(target, patch) == """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          finalizers:
          - c
          name: f
        spec:
          items:
          - name: b
          - name: a
            "y": 2
          list2:
          - c

        """)
    }

    @Test func kindAtVersionMissingFromSchemaHasNoMergeKeys() throws {
        let target = """
        apiVersion: apps/v1beta2
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - name: a
                image: a
        """
        let patch = """
        apiVersion: apps/v1beta2
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - name: c
                image: c
        """
        #expect(try merge(target, patch) == """
        apiVersion: apps/v1beta2
        kind: Deployment
        metadata:
          name: d
        spec:
          template:
            spec:
              containers:
              - image: c
                name: c

        """)
    }

    @Test func embeddedResourceIsMergedWithItsKindsSchema() throws {
        let target = """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          name: f
        spec:
          template:
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: a
        """
        let patch = """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          name: f
        spec:
          template:
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                  - name: b
                    image: b
        """
        #expect(try merge(target, patch) == """
        apiVersion: x.io/v1
        kind: Foo
        metadata:
          name: f
        spec:
          template:
            apiVersion: apps/v1
            kind: Deployment
            spec:
              template:
                spec:
                  containers:
                  - image: b
                    name: b
                  - image: a
                    name: a

        """)
    }

    @Test func serviceListMapKeysMergeAsKyamlDoes() throws {
        let target = """
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
          - port: 80
            protocol: TCP
            targetPort: 8080
          - port: 443
            name: https
        """
        // A patch port without protocol does not reach the target's TCP entry.
        let patch = """
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
          - port: 80
            targetPort: 9090
          - port: 443
            targetPort: 8443
          - port: 53
            protocol: UDP
        """
        #expect(try merge(target, patch) == """
        apiVersion: v1
        kind: Service
        metadata:
          name: s
        spec:
          ports:
          - port: 53
            protocol: UDP
          - port: 80
            protocol: TCP
            targetPort: 8080
          - name: https
            port: 443
            targetPort: 8443

        """)
    }

    @Test func patchElementWithoutMergeKeyEmptiesTheList() throws {
        let patch = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - image: nokey
        """
        #expect(try merge(Self.pod, patch) == """
        apiVersion: v1
        kind: Pod
        metadata:
          finalizers:
          - a
          - b
          name: p
        spec:
          containers: []

        """)
    }

    // MARK: Directives

    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: d
      finalizers: [f1, f2]
    spec:
      strategy:
        type: RollingUpdate
        rollingUpdate:
          maxSurge: 1
      template:
        spec:
          securityContext:
            runAsUser: 1
            fsGroup: 2
          volumes:
          - name: v1
            emptyDir: {}
          - name: v2
            configMap:
              name: cm
          containers:
          - name: a
            image: a
            env:
            - name: E1
              value: "1"
          - name: b
            image: b
    """

    @Test func mapReplaceElementDeleteAndIgnoredRetainKeys() throws {
        // `$patch: replace` on a list element is a no-op in kyaml; retainKeys strategies are ignored.
        let patch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
        spec:
          strategy:
            type: Recreate
          template:
            spec:
              securityContext:
                $patch: replace
                runAsGroup: 3
              volumes:
              - name: v2
                $patch: delete
              - name: v1
                secret:
                  secretName: s
              containers:
              - name: a
                $patch: replace
                image: a2
        """
        #expect(try merge(Self.deployment, patch) == """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          finalizers:
          - f1
          - f2
          name: d
        spec:
          strategy:
            rollingUpdate:
              maxSurge: 1
            type: Recreate
          template:
            spec:
              containers:
              - env:
                - name: E1
                  value: "1"
                image: a
                name: a
              - image: b
                name: b
              securityContext:
                runAsGroup: 3
              volumes:
              - emptyDir: {}
                name: v1
                secret:
                  secretName: s

        """)
    }

    @Test func listDirectivesAndPassedThroughDollarKeys() throws {
        let patch = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: d
          finalizers:
          - $patch: replace
          - f3
          $deleteFromPrimitiveList/finalizers: [f1]
        spec:
          template:
            spec:
              $setElementOrder/containers:
              - name: b
              - name: a
              $retainKeys: [containers]
              volumes:
              - $patch: replace
              - name: v3
                emptyDir: {}
              containers:
              - name: a
                env:
                - $patch: delete
        """
        #expect(try merge(Self.deployment, patch) == """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          $deleteFromPrimitiveList/finalizers:
          - f1
          finalizers:
          - f3
          name: d
        spec:
          strategy:
            rollingUpdate:
              maxSurge: 1
            type: RollingUpdate
          template:
            spec:
              $retainKeys:
              - containers
              $setElementOrder/containers:
              - name: b
              - name: a
              containers:
              - image: a
                name: a
              - image: b
                name: b
              securityContext:
                fsGroup: 2
                runAsUser: 1
              volumes:
              - emptyDir: {}
                name: v3

        """)
    }

    static let configMap = """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: c
      labels:
        keep: x
    data:
      a: "1"
      e1:
      e2: null
      e3: ~
    """

    @Test func topLevelDeleteRemovesTheResource() throws {
        #expect(try merge(Self.configMap, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n$patch: delete\n") == "")
    }

    @Test func topLevelReplaceLeavesTheResourceAsItWas() throws {
        let patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n$patch: replace\ndata:\n  z: \"9\"\n"
        #expect(try merge(Self.configMap, patch) == """
        apiVersion: v1
        data:
          a: "1"
          e1: null
          e2: null
          e3: null
        kind: ConfigMap
        metadata:
          labels:
            keep: x
          name: c

        """)
    }

    @Test func unknownDirectiveIsAnError() {
        let patch = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    $patch: foo\n"
        #expect(throws: KustomizeError.self) { try merge(Self.configMap, patch) }
    }

    // MARK: Nulls, empty values, kinds

    @Test func nullsDeleteKeysAndSpelledOutTargetNullsStay() throws {
        let patch = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: c
          labels:
            keep: null
            new: null
            m: "1"
        data:
          a: null
          n:
            x: null
            y: 1
            z: {}
          l: [1, null, {k: null}]
          em: {}
          el: []
        """
        #expect(try merge(Self.configMap, patch) == """
        apiVersion: v1
        data:
          e2: null
          e3: null
          el: []
          em: {}
          l:
          - 1
          - null
          - k: null
          "n":
            "y": 1
            z: {}
        kind: ConfigMap
        metadata:
          labels:
            m: "1"
          name: c

        """)
    }

    @Test func valueOfAnotherKindIsAnError() {
        let scalarForMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: x\n"
        let mapForScalar = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a:\n    b: 1\n"
        let listForMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata: [1]\n"
        for patch in [scalarForMap, mapForScalar, listForMap] {
            #expect(throws: KustomizeError.self) { try merge(Self.configMap, patch) }
        }
    }

    @Test func patchIsLeftUntouched() throws {
        let patchText = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          $patch: merge
        spec:
          containers:
          - name: b
            $patch: delete
          - name: c
            image: c
        """
        let patch = try YAMLParser.parseDocuments(patchText, file: "p.yaml", schema: .kyaml)[0]
        let before = YAMLEmitter.emit(patch)
        for _ in 0..<2 {
            let target = try YAMLParser.parseDocuments(Self.pod, file: "t.yaml", schema: .kyaml)[0]
            let result = try StrategicMerge.apply(patch, to: target, gvk: GVK(group: "", version: "v1", kind: "Pod"),
                                                  schema: PatchSchema.kubernetes)
            #expect(result.map(YAMLEmitter.emit)?.contains("name: b") == false)
        }
        #expect(YAMLEmitter.emit(patch) == before)
    }

    // MARK: Schema

    @Test func builtInSchemaHasKubernetesMergeKeys() throws {
        let schema = PatchSchema.kubernetes
        #expect(schema.rootType(for: GVK(group: "apps", version: "v1", kind: "Deployment")) == "apps.v1.Deployment")
        #expect(schema.rootType(for: GVK(group: "apps", version: "v1beta2", kind: "Deployment")) == nil)
        let containers = try #require(schema.field("containers", in: "core.v1.PodSpec"))
        #expect(containers.isList && containers.mergeKey == "name" && containers.mergesElements)
        #expect(containers.type == "core.v1.Container")
        #expect(schema.field("ports", in: "core.v1.Container")?.mergeKeys == ["containerPort", "protocol"])
        #expect(schema.field("volumes", in: "core.v1.PodSpec")?.strategy == "merge,retainKeys")
        let finalizers = try #require(schema.field("finalizers", in: "meta.v1.ObjectMeta"))
        #expect(finalizers.mergesElements && finalizers.mergeKeys.isEmpty)
        #expect(schema.field("args", in: "core.v1.Container")?.mergesElements == false)
    }

    @Test func userSchemaDefinesMergeKeysOfACustomKind() throws {
        // Like a kustomization's `openapi: path:` (which replaces the built-in schema); inline item schemas count.
        let swagger = """
        {"definitions": {"com.example.v1.MyKind": {
          "x-kubernetes-group-version-kind": [{"group": "example.com", "kind": "MyKind", "version": "v1"}],
          "properties": {"spec": {"type": "object", "properties": {"items": {
            "type": "array", "x-kubernetes-patch-merge-key": "id", "x-kubernetes-patch-strategy": "merge",
            "items": {"type": "object", "properties": {
              "tags": {"type": "array", "items": {"type": "string"}, "x-kubernetes-patch-strategy": "merge"}}}}}}}}}}
        """
        let schema = PatchSchema(swaggerDefinitions: try YAMLParser.parseDocuments(swagger, file: "s.json", schema: .kyaml)[0])
        let target = """
        apiVersion: example.com/v1
        kind: MyKind
        metadata:
          name: m
          finalizers: [a]
        spec:
          items:
          - id: x
            tags: [t1]
            v: 1
          - id: y
        """
        let patch = """
        apiVersion: example.com/v1
        kind: MyKind
        metadata:
          name: m
          finalizers: [b]
        spec:
          items:
          - id: z
          - id: x
            tags: [t2]
            w: 2
        """
        #expect(try merge(target, patch, schema: schema) == """
        apiVersion: example.com/v1
        kind: MyKind
        metadata:
          finalizers:
          - b
          name: m
        spec:
          items:
          - id: z
          - id: x
            tags:
            - t2
            - t1
            v: 1
            w: 2
          - id: "y"

        """)
    }
}
