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

    /// A field a replacement creates has no tag, so each later copy retypes it by its text
    /// ("8080" prints as a number, "0123" as octal 83), through a strategic merge but not through a
    /// JSON patch, which fixes the type it has then.
    @Test func aCreatedFieldTakesTheTypeOfEachCopy() throws {
        let settings = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: values}
        data: {word: "!bang", port: "8080", octal: "0123"}
        """
        func replace(_ key: String, _ paths: String, create: Bool) -> String {
            """
            - source: {kind: ConfigMap, name: values, fieldPath: data.\(key)}
              targets:
              - select: {kind: Deployment, name: web}
                fieldPaths: [\(paths)]
                options: {create: \(create)}
            """
        }
        let base = "resources: [../app]\nreplacements:\n" + replace("word", "spec.port, spec.code, spec.fixed", create: true) + "\n"
        let overlay = """
        resources: [../base]
        patches:
        - patch: |
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {paused: false}
        - target: {kind: Deployment, name: other}
          patch: '[{"op": "add", "path": "/spec/paused", "value": true}]'
        replacements:

        """ + replace("port", "spec.port", create: false) + "\n" + replace("octal", "spec.code, spec.fixed", create: false) + "\n"
        for jsonPatchedInBetween in [false, true] {
            let patched = jsonPatchedInBetween ? overlay.replacingOccurrences(of: "name: other}", with: "name: web}") : overlay
            let tree = try TreeFixture(["app/r.yaml": Self.resources + "\n---\n" + settings,
                                        "app/kustomization.yaml": "resources: [r.yaml]\n",
                                        "base/kustomization.yaml": base, "overlay/kustomization.yaml": patched])
            defer { tree.remove() }
            try tree.expectSameAsKubectl("overlay")
            let out = try tree.build("overlay")
            #expect(out.contains(jsonPatchedInBetween ? "port: \"8080\"" : "port: 8080\n"))
            #expect(out.contains(jsonPatchedInBetween ? "code: \"0123\"" : "code: 83\n"))
        }
    }

    /// With `create`, an index just past a list's end appends an element (a missing list is
    /// made for it); a farther index is an error, as in kyaml.
    @Test func createAppendsAtTheIndexPastTheEnd() throws {
        let paths = ["spec.template.spec.containers.2.image", "spec.template.spec.initContainers.0.image",
                     "spec.template.spec.containers.0.args.0", "spec.template.spec.volumes.0.name"]
        try compare("""
        replacements:
        - source: {kind: ConfigMap, name: settings, fieldPath: data.host}
          targets:
          - select: {kind: Deployment, name: web}
            fieldPaths: [\(paths.joined(separator: ", "))]
            options: {create: true}
        """)
        let tree = try TreeFixture(["app/r.yaml": Self.resources, "app/kustomization.yaml": """
        resources: [r.yaml]
        replacements:
        - source: {kind: ConfigMap, name: settings, fieldPath: data.host}
          targets:
          - select: {kind: Deployment, name: web}
            fieldPaths: [spec.template.spec.containers.3.image]
            options: {create: true}
        """])
        defer { tree.remove() }
        #expect(throws: KustomizeError.self) { _ = try tree.build("app") }
    }

    /// A replaced scalar keeps its type, and kustomize then cannot decode text of another type
    /// as it: "web" into `replicas: 1` is an error, "3" is fine, any text into a string or an
    /// annotation is fine. Checked against kubectl.
    @Test func aReplacedScalarMustReadAsItsType() throws {
        let values = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: values}
        data: {word: web, number: "3", truth: "true", yes: "yes"}
        """
        let target = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          labels: {count: 1}
          annotations: {count: 1}
        spec: {replicas: 1, ratio: 1.5, flag: false, text: "1", containers: [{name: c, image: nginx}]}
        """
        for (key, path, refused) in [("word", "spec.replicas", true), ("number", "spec.replicas", false), ("number", "spec.ratio", false),
                                     ("truth", "spec.flag", false), ("yes", "spec.flag", true), ("word", "spec.ratio", true),
                                     ("word", "spec.text", false), ("word", "metadata.annotations.count", false),
                                     ("word", "metadata.labels.count", true)] {
            let tree = try TreeFixture(["app/r.yaml": values + "\n---\n" + target, "app/kustomization.yaml": """
                resources: [r.yaml]
                replacements:
                - source: {kind: ConfigMap, name: values, fieldPath: data.\(key)}
                  targets:
                  - select: {kind: Pod}
                    fieldPaths: [\(path)]
                """])
            defer { tree.remove() }
            try tree.expectSameOutcomeAsKubectl("app", refused: refused, "\(key) into \(path)")
        }
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
    /// A created field has no tag: kustomize's JSON hop turns text that reads as a time into Go's
    /// RFC 3339 form (annotations excepted, read back as strings); an existing field keeps its text.
    @Test func createdFieldsThatReadAsTimesComeBackInRFC3339() throws {
        let times = ["2001-12-14", "2001-12-14 21:59:43.10", "2001-12-14t21:59:43.10-05:00", "2002-1-1",
                     "1999-02-29", "2001-12-14T21:59:43.1234567891+01:60", "2001-12-14T21:59:43", "2001-12-14 1:2:3"]
        let data = times.enumerated().map { "  t\($0.offset): \"\($0.element)\"" }.joined(separator: "\n")
        let replacements = times.indices.map { i in """
            - source: {kind: ConfigMap, name: times, fieldPath: data.t\(i)}
              targets:
              - select: {kind: Deployment, name: web}
                fieldPaths: [spec.created\(i), metadata.labels.l\(i), metadata.annotations.a\(i), metadata.annotations.url]
                options: {create: true}
            """ }.joined(separator: "\n")
        try compare("resources: [times.yaml]\nreplacements:\n" + replacements, [
            "app/times.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: times}\ndata:\n" + data + "\n",
        ])
    }
}
