import Testing
@testable import Kustomize

/// The builtin plugin kinds beyond the kustomization fields' own: ValueAdd, Hash, Namespace's
/// options, the refused SortOrder, and `validators:`, compared with `kubectl kustomize`.
@Suite struct BuiltinPluginKindTests {
    static func plugin(_ body: String) -> String {
        "- |-\n" + body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    @Test func valueAddDefaultsToTheFolderNameAndInsertsPathSegments() throws {
        let tree = try TreeFixture([
            "team-7/r.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a, namespace: old}
            data: {path: x/y/z, abs: /x/y, short: x}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: r}
            """,
            "team-7/kustomization.yaml": "resources: [r.yaml]\ntransformers:\n" + Self.plugin("""
            apiVersion: builtin
            kind: ValueAddTransformer
            metadata: {name: v}
            targets:
            - fieldPath: metadata/namespace
            - {selector: {kind: ConfigMap}, fieldPath: data/path, filePathPosition: 2}
            - {selector: {kind: ConfigMap}, fieldPath: data/abs, filePathPosition: 1}
            - {selector: {kind: ConfigMap}, fieldPath: data/short, filePathPosition: 9}
            - {selector: {kind: ConfigMap}, fieldPath: data/made/here}
            """) + Self.plugin("""
            apiVersion: builtin
            kind: ValueAddTransformer
            metadata: {name: w}
            value: "  given  "
            targets: [{selector: {kind: ClusterRole}, fieldPath: metadata/labels/v}]
            """),
        ])
        defer { tree.remove() }
        let out = try tree.build("team-7")
        #expect(out.contains("path: x/team-7/y/z") && out.contains("abs: /team-7/x/y") && out.contains("short: x/team-7"))
        #expect(out.contains("namespace: team-7") && out.contains("v: given"))
        try tree.expectSameAsKubectl("team-7")
    }

    static let bindings = """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata: {name: rb, namespace: orig}
    subjects:
    - {kind: ServiceAccount, name: default}
    - {kind: ServiceAccount, name: default, namespace: other}
    - {kind: User, name: default}
    - {kind: ServiceAccount, name: robot}
    - {kind: ServiceAccount, name: robot2, namespace: other}
    - {kind: Group, name: g}
    ---
    apiVersion: v1
    kind: ConfigMap
    metadata: {name: c}
    """

    @Test(arguments: ["none", "defaultOnly", "allServiceAccounts", ""], [false, true])
    func namespaceSubjectModesAndUnsetOnly(mode: String, unsetOnly: Bool) throws {
        let tree = try TreeFixture(["app/r.yaml": Self.bindings, "app/kustomization.yaml": "resources: [r.yaml]\ntransformers:\n" + Self.plugin("""
        apiVersion: builtin
        kind: NamespaceTransformer
        metadata: {name: n, namespace: fresh}
        unsetOnly: \(unsetOnly)
        setRoleBindingSubjects: "\(mode)"
        """)])
        defer { tree.remove() }
        let out = try tree.build("app")
        #expect(out.contains("namespace: orig") == unsetOnly)
        try tree.expectSameAsKubectl("app")
    }

    @Test func namespaceRejectsAnUnknownSubjectMode() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.bindings, "app/kustomization.yaml": "resources: [r.yaml]\ntransformers:\n" + Self.plugin("""
        apiVersion: builtin
        kind: NamespaceTransformer
        metadata: {name: n, namespace: fresh}
        setRoleBindingSubjects: everyone
        """)])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { e in
            guard let e = e as? KustomizeError else { return false }
            return e.message.contains("setRoleBindingSubjects") && e.file.hasSuffix("kustomization.yaml") && e.mark.line == 7
        }
        #expect(try tree.oracle("app")?.hasPrefix("exit ") ?? true)
    }

    /// A HashTransformer config hashes where it runs, and the build hashes again at the end.
    @Test func hashTransformerHashesWhereItRuns() throws {
        let tree = try TreeFixture(["app/kustomization.yaml": """
        configMapGenerator: [{name: g, literals: [a=b]}]
        transformers:
        """ + "\n" + Self.plugin("apiVersion: builtin\nkind: HashTransformer\nmetadata: {name: h}")])
        defer { tree.remove() }
        let out = try tree.build("app")
        #expect(out.split(separator: "\n").contains { $0.hasPrefix("  name: g-") && $0.split(separator: "-").count == 3 })
        try tree.expectSameAsKubectl("app")
    }

    @Test func sortOrderTransformerIsRefusedAsKustomizeDoes() throws {
        let tree = try TreeFixture(["app/kustomization.yaml": "transformers:\n" + Self.plugin("""
        apiVersion: builtin
        kind: SortOrderTransformer
        metadata: {name: s}
        sortOptions: {order: fifo}
        """)])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { ($0 as? KustomizeError)?.message.contains("unable to load builtin SortOrderTransformer") == true }
        #expect(try tree.oracle("app")?.hasPrefix("exit ") ?? true)
    }

    @Test func legacySortOptionsWithoutAListLeaveItEmpty() throws {
        let tree = try TreeFixture(["app/r.yaml": Self.bindings + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: s}\n",
                                    "app/kustomization.yaml": "resources: [r.yaml]\nsortOptions: {order: legacy, legacySortOptions: {orderLast: [Service]}}\n"])
        defer { tree.remove() }
        try tree.expectSameAsKubectl("app")
    }

    @Test func validatorsMayLookButNotChange() throws {
        let label = """
        apiVersion: builtin
        kind: LabelTransformer
        metadata: {name: l}
        labels: {LABELS}
        fieldSpecs: [{path: metadata/labels, create: true}]
        """
        let quiet = try TreeFixture(["app/r.yaml": Self.bindings,
                                     "app/kustomization.yaml": "resources: [r.yaml]\nvalidators:\n" + Self.plugin(label.replacingOccurrences(of: "LABELS", with: ""))])
        defer { quiet.remove() }
        try quiet.expectSameAsKubectl("app")
        let changing = try TreeFixture(["app/r.yaml": Self.bindings,
                                        "app/kustomization.yaml": "resources: [r.yaml]\nvalidators:\n" + Self.plugin(label.replacingOccurrences(of: "LABELS", with: "a: b"))])
        defer { changing.remove() }
        #expect { _ = try changing.build("app") } throws: { ($0 as? KustomizeError)?.message.contains("shouldn't modify") == true }
        #expect(try changing.oracle("app")?.hasPrefix("exit ") ?? true)
    }

    @Test func externalValidatorsAreRefused() throws {
        let tree = try TreeFixture(["app/kustomization.yaml": "validators:\n" + Self.plugin("""
        apiVersion: example.com/v1
        kind: Checker
        metadata:
          name: c
          annotations:
            config.kubernetes.io/function: |
              exec: {path: ./check.sh}
        """)])
        defer { tree.remove() }
        #expect { _ = try tree.build("app") } throws: { ($0 as? KustomizeError)?.message.contains("never runs code") == true }
    }
}
