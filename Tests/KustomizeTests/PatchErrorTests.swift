import Testing
@testable import Kustomize

/// A bad patch fails with one error naming the kustomization or patch file, the patch and the line.
@Suite struct PatchErrorTests {
    static let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n"

    func error(_ kustomization: String, _ extra: [String: String] = [:]) throws -> KustomizeError? {
        var files = ["app/kustomization.yaml": kustomization, "app/d.yaml": Self.deployment]
        for (k, v) in extra { files[k] = v }
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        do {
            _ = try tree.build("app")
            return nil
        } catch let e as KustomizeError {
            return e
        }
    }

    @Test func malformedPatchFile() throws {
        let e = try #require(try error("resources: [d.yaml]\npatches:\n- path: p.yaml\n",
                                       ["app/p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: [web\n"]))
        #expect(e.file.hasSuffix("p.yaml"))
        #expect(e.mark.line > 0)
        #expect(e.message.contains("malformed patch"))
        #expect(e.message.contains("kustomization.yaml:3"))
    }

    /// kustomize decodes operations starting with `[` as JSON; YAML flow there fails in kubectl too.
    @Test func bracketedOperationsMustBeJSON() throws {
        let yamlFlow = "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: '[{op: add, path: /spec/x, value: 1}]'\n"
        let e = try #require(try error(yamlFlow))
        #expect(e.message.contains("must be JSON"))
        #expect(e.file.hasSuffix("kustomization.yaml") && e.mark.line == 4)
        let json = "resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: '[{\"op\": \"add\", \"path\": \"/spec/x\", \"value\": 1}]'\n"
        #expect(try error(json) == nil)
        // A leading space makes it YAML again.
        #expect(try error(yamlFlow.replacingOccurrences(of: "'[", with: "' [")) == nil)
    }

    @Test func deprecatedJSON6902PatchNeedsATargetName() throws {
        let e = try #require(try error("""
        resources: [d.yaml]
        patchesJson6902:
        - target: {kind: Deployment}
          patch: '[{"op": "add", "path": "/spec/x", "value": 1}]'
        """))
        #expect(e.message == "patchesJson6902: must specify the target name")
        #expect(e.mark.line == 3)
    }

    @Test func unknownOperation() throws {
        let e = try #require(try error("""
        resources: [d.yaml]
        patches:
        - target: {kind: Deployment}
          patch: |-
            - op: add
              path: /spec/x
              value: 1
            - op: frobnicate
              path: /spec/replicas
        """))
        #expect(e.file.hasSuffix("kustomization.yaml"))
        #expect(e.mark.line == 8)
        #expect(e.message.contains("frobnicate"))
    }

    @Test func pointerToAMissingPath() throws {
        let e = try #require(try error("""
        resources: [d.yaml]
        patches:
        - target: {kind: Deployment}
          patch: |-
            - op: replace
              path: /spec/template/spec/containers/3
              value: {}
        """))
        #expect(e.mark.line == 5)
        #expect(e.message.contains("replace operation does not apply: doc is missing path: /spec/template/spec/containers/3"))
        #expect(e.message.contains("operation 0"))
    }

    @Test func failingTestOperation() throws {
        let e = try #require(try error("""
        resources: [d.yaml]
        patchesJson6902:
        - target: {group: apps, version: v1, kind: Deployment, name: web}
          path: ops.json
        """, ["app/ops.json": #"[{"op": "test", "path": "/spec/replicas", "value": 2}]"#]))
        #expect(e.file.hasSuffix("ops.json"))
        #expect(e.message.contains("test"))
    }

    @Test func invalidLabelSelector() throws {
        let e = try #require(try error("""
        resources: [d.yaml]
        patches:
        - target: {labelSelector: "a in b"}
          patch: |-
            - {op: add, path: /spec/x, value: 1}
        """))
        #expect(e.file.hasSuffix("kustomization.yaml"))
        #expect(e.mark.line == 3)
    }

    @Test func patchFileOutsideTheRoot() throws {
        let e = try #require(try error("resources: [d.yaml]\npatches:\n- path: ../p.yaml\n", ["p.yaml": Self.deployment]))
        #expect(e.file.hasSuffix("kustomization.yaml"))
        #expect(e.mark.line == 3)
        #expect(e.message.contains("'../p.yaml'"))
        #expect(e.message.contains("is not in or below"))
    }

    @Test func patchThatMatchesNothing() throws {
        let e = try #require(try error("resources: [d.yaml]\npatches:\n- path: p.yaml\n",
                                       ["app/p.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n"]))
        #expect(e.file.hasSuffix("p.yaml"))
        #expect(e.message.contains("Deployment.v1.apps/other"))
    }

    @Test func pathAndPatchTogether() throws {
        let e = try #require(try error("resources: [d.yaml]\npatches:\n- path: p.yaml\n  patch: \"[]\"\n"))
        #expect(e.mark.line == 3)
        #expect(e.message.contains("at the same time"))
    }

    /// kubectl crashes on a delete followed by another document, and refuses a target on several.
    @Test func severalDocumentsInOnePatchesEntry() throws {
        let twoDocs = "$patch: delete\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n---\n"
            + "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 2}\n"
        let crash = try #require(try error("resources: [d.yaml]\npatches:\n- path: p.yaml\n", ["app/p.yaml": twoDocs]))
        #expect(crash.file.hasSuffix("p.yaml"))
        #expect(crash.mark.line == 1)
        let targeted = try #require(try error("resources: [d.yaml]\npatches:\n- path: p.yaml\n  target: {kind: Deployment}\n",
                                              ["app/p.yaml": twoDocs]))
        #expect(targeted.mark.line == 3)
        #expect(targeted.message.contains("not allowed to set `patches.target`"))
    }
}

/// The pipeline's bookkeeping: warnings, and an index that follows renames.
@Suite struct PipelineTests {
    @Test func deprecatedFieldsWarnInKustomizesOrder() throws {
        let tree = try TreeFixture([
            "kustomization.yaml": "vars: []\nresources: [d.yaml]\nimageTags: []\ncommonLabels: {a: b}\nbases: []\nnamePrefix: p-\n",
            "d.yaml": PatchErrorTests.deployment,
        ])
        defer { tree.remove() }
        let diagnostics = BuildDiagnostics()
        _ = try Builder.build(tree.path(), diagnostics: diagnostics)
        #expect(diagnostics.warnings.map { $0.split(separator: "'")[1] } == ["bases", "commonLabels", "imageTags", "vars"])
        #expect(diagnostics.warnings[0] == "# Warning: 'bases' is deprecated. Please use 'resources' instead. Run 'kustomize edit fix' to update your Kustomization automatically.")
    }

    @Test func indexFollowsRenamesAndRejectsCollisions() throws {
        let map = ResourceMap()
        let docs = try YAMLParserHelper.resources("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")
        for r in docs { try map.append(r) }
        try map.update { r in
            r.rememberId()
            r.node["metadata"]?["name"] = .string("x-" + r.name)
            return true
        }
        #expect(map.indexIsConsistent())
        #expect(map.resource(withId: ResourceId(gvk: GVK(version: "v1", kind: "ConfigMap"), name: "x-a", namespace: "")) != nil)
        #expect(throws: KustomizeError.self) {
            try map.update { r in
                r.node["metadata"]?["name"] = .string("same")
                return true
            }
        }
    }

    @Test func updateDropsDeletedResources() throws {
        let map = ResourceMap()
        for r in try YAMLParserHelper.resources("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n") {
            try map.append(r)
        }
        try map.update { $0.name != "a" }
        #expect(map.resources.map(\.name) == ["b"])
        #expect(map.indexIsConsistent())
    }
}

enum YAMLParserHelper {
    static func resources(_ text: String) throws -> [Resource] {
        var bytes = Array(text.utf8)
        return try ResourceReader.read(bytes: &bytes, file: "r.yaml")
    }
}
