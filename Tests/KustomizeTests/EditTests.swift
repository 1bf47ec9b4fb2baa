import Testing
@testable import Kustomize

/// `edit` round trips: only the edited entry changes; comments, order, quoting and indentation
/// of everything else stay byte for byte.
@Suite struct EditTests {
    static let original = """
        # Overlay for prod
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization

        namePrefix: 'prod-'   # keep quoted
        resources:
          - ../base     # the base
          - "extra.yaml"
        images: [{name: nginx, newTag: "1.0"}]
        commonLabels:
          team: payments  # owner
        replicas:
        - name: web
          count: 2
        # trailing comment

        """

    func edited(_ body: (inout KustomizationFile) throws -> Void) throws -> String {
        var file = KustomizationFile(text: Self.original, path: "kustomization.yaml")
        try body(&file)
        return file.text
    }

    /// The original with one line range replaced.
    func replacing(_ old: String, with new: String) -> String {
        Self.original.replacingOccurrences(of: old, with: new)
    }

    @Test func setNamePrefixKeepsTheComment() throws {
        let out = try edited { try $0.setField("namePrefix", "staging-") }
        #expect(out == replacing("namePrefix: 'prod-'   #", with: "namePrefix: staging-   #"))
    }

    @Test func newFieldGoesAtTheEndInKustomizeStyle() throws {
        let out = try edited { try $0.setField("namespace", "shop") }
        #expect(out == replacing("  count: 2\n", with: "  count: 2\nnamespace: shop\n"))
    }

    @Test func addResourceFollowsTheListIndentation() throws {
        let out = try edited { try $0.addPaths("resources", ["c.yaml", "../base"]) }
        #expect(out == replacing("  - \"extra.yaml\"\n", with: "  - \"extra.yaml\"\n  - c.yaml\n"))
        var file = KustomizationFile(text: Self.original, path: "kustomization.yaml")
        try file.addPaths("resources", ["../base"])
        #expect(file.notes == ["resource ../base already in kustomization file"])
    }

    @Test func removeResourceTakesOnlyItsLine() throws {
        let out = try edited { try $0.removeResources(["extra.*"]) }
        #expect(out == replacing("  - \"extra.yaml\"\n", with: ""))
    }

    @Test func setImageInAFlowList() throws {
        let out = try edited { try $0.setImages([try ImageArgument(parsing: "nginx:1.2"), try ImageArgument(parsing: "redis=myredis:7")]) }
        #expect(out == replacing("images: [{name: nginx, newTag: \"1.0\"}]",
                                 with: "images: [{name: nginx, newTag: \"1.2\"}, {name: redis, newName: myredis, newTag: \"7\"}]"))
    }

    @Test func starKeepsTheCurrentTag() throws {
        let out = try edited { try $0.setImages([try ImageArgument(parsing: "nginx=private/nginx:*")]) }
        #expect(out == replacing("{name: nginx, newTag: \"1.0\"}", with: "{name: nginx, newTag: \"1.0\", newName: private/nginx}"))
    }

    @Test func setReplicasUpdatesInPlaceAndSortsByName() throws {
        let out = try edited { try $0.setReplicas([("web", 3), ("api", 1)]) }
        #expect(out == replacing("- name: web\n  count: 2\n", with: "- count: 1\n  name: api\n- name: web\n  count: 3\n"))
    }

    @Test func addLabelNeedsForceForAnExistingKey() throws {
        #expect(throws: KustomizeError.self) { try edited { try $0.addMetadata(.label, [("team", "x")], force: false) } }
        let out = try edited { try $0.addMetadata(.label, [("team", "x"), ("tier", "web")], force: true) }
        #expect(out == replacing("  team: payments  # owner\n", with: "  team: x  # owner\n  tier: web\n"))
    }

    @Test func labelWithoutSelectorIsANewLabelsEntry() throws {
        let out = try edited { try $0.addMetadata(.label, [("b", "2"), ("a", "1")], force: false, withoutSelector: true, includeTemplates: true) }
        #expect(out == replacing("  count: 2\n", with: "  count: 2\nlabels:\n- includeTemplates: true\n  pairs:\n    a: \"1\"\n    b: \"2\"\n"))
    }

    @Test func removingTheLastLabelDropsTheField() throws {
        let out = try edited { try $0.removeMetadata(.label, ["team"], ignoreMissing: false) }
        #expect(out == replacing("commonLabels:\n  team: payments  # owner\n", with: ""))
        #expect(throws: KustomizeError.self) { try edited { try $0.removeMetadata(.annotation, ["x"], ignoreMissing: false) } }
        #expect(try edited { try $0.removeMetadata(.annotation, ["x"], ignoreMissing: true) } == Self.original)
    }

    @Test func addAndRemovePatch() throws {
        var p = KustomizationFile.PatchArgument()
        p.path = "patch.yaml"; p.kind = "Deployment"; p.labelSelector = "app=web"
        let added = try edited { try $0.addPatch(p) }
        #expect(added == replacing("  count: 2\n", with: "  count: 2\npatches:\n- path: patch.yaml\n  target:\n    kind: Deployment\n    labelSelector: app=web\n"))
        var file = KustomizationFile(text: added, path: "kustomization.yaml")
        try file.addPatch(p)
        #expect(file.text == added)
        try file.removePatch(p)
        #expect(file.text == Self.original)
    }

    @Test func inlinePatchIsALiteralBlock() throws {
        var p = KustomizationFile.PatchArgument()
        p.patch = "- op: replace\n  path: /spec/replicas\n  value: 3"
        p.kind = "Deployment"
        let out = try edited { try $0.addPatch(p) }
        #expect(out.contains("patches:\n- patch: |-\n    - op: replace\n      path: /spec/replicas\n      value: 3\n  target:\n    kind: Deployment\n"))
    }

    @Test func blockImagesUpdateOnlyTheirFields() throws {
        let text = "images:\n# pinned\n- name: nginx   # web\n  newTag: '1.0'\n  digest: sha256:abc\n- name: a\n"
        var file = KustomizationFile(text: text, path: "k.yaml")
        try file.setImages([try ImageArgument(parsing: "nginx:2.0")])
        #expect(file.text == "images:\n- name: a\n# pinned\n- name: nginx   # web\n  newTag: \"2.0\"\n")
    }

    @Test func emptyAndNullFields() throws {
        var file = KustomizationFile(text: "resources:\nnamePrefix:\n", path: "k.yaml")
        try file.addPaths("resources", ["a.yaml"])
        try file.setField("namePrefix", "p-")
        #expect(file.text == "resources:\n- a.yaml\nnamePrefix: p-\n")
        var empty = KustomizationFile(text: "", path: "k.yaml")
        try empty.addPaths("components", ["../c"])
        #expect(empty.text == "components:\n- ../c\n")
    }

    @Test func generators() throws {
        var g = KustomizationFile.GeneratorArgument(kind: .configMap, name: "cfg")
        g.literals = ["a=1"]
        var file = KustomizationFile(text: "resources: [a.yaml]\n", path: "k.yaml")
        try file.addGenerator(g)
        #expect(file.text == "resources: [a.yaml]\nconfigMapGenerator:\n- literals:\n  - a=1\n  name: cfg\n")
        g.literals = ["b=2"]
        try file.addGenerator(g)
        #expect(file.text == "resources: [a.yaml]\nconfigMapGenerator:\n- literals:\n  - a=1\n  - b=2\n  name: cfg\n")
        g.literals = ["nokey"]
        #expect(throws: KustomizeError.self) { try file.addGenerator(g) }
        #expect(throws: KustomizeError.self) { try file.removeGenerators(.configMap, names: ["cfg"], namespace: "other") }
        try file.removeGenerators(.configMap, names: ["cfg", "gone"], namespace: "")
        #expect(file.text == "resources: [a.yaml]\n")
        #expect(file.notes.last == "configmap gone doesn't exist in kustomization file")
    }

    @Test func crlfFilesGetCRLFLines() throws {
        var file = KustomizationFile(text: "resources:\r\n- a.yaml\r\n", path: "k.yaml")
        try file.addPaths("resources", ["b.yaml"])
        try file.setField("namespace", "shop")
        #expect(file.text == "resources:\r\n- a.yaml\r\n- b.yaml\r\nnamespace: shop\r\n")
    }

    @Test func documentMarkersAndQuotedKeys() throws {
        var file = KustomizationFile(text: "---\n\"namePrefix\": x-\nresources: # list\n  # first\n  - a.yaml\n...\n", path: "k.yaml")
        try file.setField("namePrefix", "y-")
        try file.addPaths("resources", ["b.yaml"])
        #expect(file.text == "---\n\"namePrefix\": y-\nresources: # list\n  # first\n  - a.yaml\n  - b.yaml\n...\n")
    }

    @Test func aliasesAreRefusedWithTheirPosition() throws {
        var file = KustomizationFile(text: "x: &r [a.yaml]\nresources: *r\n", path: "k.yaml")
        let e = try #require(throws: KustomizeError.self) { try file.addPaths("resources", ["b.yaml"]) }
        #expect(e.description.hasPrefix("k.yaml:2:12: an alias"))
    }

    @Test func imageArguments() throws {
        #expect(try ImageArgument(parsing: "a=b:1@sha256:x") == ImageArgument(name: "a", newName: "b", newTag: "1", digest: "sha256:x"))
        #expect(try ImageArgument(parsing: "host:5000/app:2") == ImageArgument(name: "host:5000/app", newTag: "2"))
        #expect(try ImageArgument(parsing: "app@sha256:x") == ImageArgument(name: "app", digest: "sha256:x"))
        #expect(try ImageArgument(parsing: "a=b") == ImageArgument(name: "a", newName: "b"))
        #expect(throws: KustomizeError.self) { try ImageArgument(parsing: "justaname") }
    }
}
