import Foundation
import Testing
@testable import Kustomize

/// The folders of a `resources` list are built on several threads: output, warnings and the
/// error reported are those of a build in list order, as kubectl gives them.
@Suite struct ParallelBuildTests {
    static func tree(failing: Set<Int> = []) -> [String: String] {
        var files: [String: String] = [:]
        var top = "resources:\n"
        for i in 0..<12 {
            files["app\(i)/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  n: \"\(i)\"\n"
            // Every third folder uses a deprecated field (a warning), each a different prefix.
            let deprecated = i % 3 == 0 ? "commonLabels: {app: a\(i)}\n" : "labels: [{pairs: {app: a\(i)}}]\n"
            files["app\(i)/kustomization.yaml"] = failing.contains(i)
                ? "resources: [cm.yaml, missing-\(i).yaml]\n"
                : "namePrefix: p\(i)-\nresources: [cm.yaml]\n" + deprecated
            top += "- ../app\(i)\n"
            if i == 5 { top += "- extra.yaml\n" }
        }
        files["top/extra.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
        files["top/kustomization.yaml"] = top + "namespace: ns\n"
        return files
    }

    @Test func resultsInListOrder() throws {
        let fixture = try TreeFixture(Self.tree())
        defer { fixture.remove() }
        let diagnostics = BuildDiagnostics()
        var inputOrder = BuildOptions()
        inputOrder.reorder = .none
        let names = try Builder.build(fixture.path("top"), options: inputOrder, diagnostics: diagnostics).map(\.name)
        #expect(names == (0..<6).map { "p\($0)-cm" } + ["s"] + (6..<12).map { "p\($0)-cm" })
        #expect(diagnostics.warnings.count == 4)
        try fixture.expectSameAsKubectl("top", args: ["--reorder", "none"], options: inputOrder)
        try fixture.expectSameAsKubectl("top")
    }

    @Test func firstFailingFolderInListOrderIsReported() throws {
        let fixture = try TreeFixture(Self.tree(failing: [4, 9]))
        defer { fixture.remove() }
        let diagnostics = BuildDiagnostics()
        #expect {
            _ = try Builder.build(fixture.path("top"), diagnostics: diagnostics)
        } throws: { error in
            "\(error)".contains("missing-4.yaml")
        }
        // Warnings of the folders before the failing one only (0 and 3), as a build in order.
        #expect(diagnostics.warnings.count == 2)
    }

    /// Enough resources that hash suffixes, name references and the sort run on several threads:
    /// generated ConfigMaps and Secrets in two namespaces, referred to from Deployments, a
    /// RoleBinding and an HPA, under a prefix per app and one for all.
    static func referenceTree(apps: Int, scalarAnnotationsIn broken: Set<Int> = []) -> [String: String] {
        var files: [String: String] = [:]
        // Top-level labels, annotations and a local-config object: those passes run on several threads too.
        var top = "namePrefix: big-\ncommonAnnotations: {team: core}\nlabels: [{pairs: {tier: web}, includeSelectors: true}]\nresources:\n"
        for i in 0..<apps {
            let ns = i % 2 == 0 ? "east" : "west"
            files["app\(i)/kustomization.yaml"] = """
                namespace: \(ns)
                namePrefix: a\(i)-
                resources: [deploy.yaml]
                configMapGenerator:
                - name: settings
                  literals: [N=\(i)]
                secretGenerator:
                - name: creds
                  literals: [P=\(i % 7)]

                """
            files["app\(i)/deploy.yaml"] = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app\(i)\(broken.contains(i) ? ", annotations: oops" : "")}
                spec:
                  template:
                    spec:
                      serviceAccountName: runner
                      containers:
                      - name: c
                        envFrom: [{configMapRef: {name: settings}}, {secretRef: {name: creds}}]
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: app\(i)}
                spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: app\(i)}}

                """
            top += "- ../app\(i)\n"
        }
        files["top/sa.yaml"] = """
            apiVersion: v1
            kind: ServiceAccount
            metadata: {name: runner, namespace: east}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: run, namespace: east}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: runner}
            subjects: [{kind: ServiceAccount, name: runner, namespace: east}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: build-only
              annotations: {config.kubernetes.io/local-config: "true"}

            """
        files["top/kustomization.yaml"] = top + "- sa.yaml\n"
        return files
    }

    @Test func referencesAcrossManyResourcesAsKubectl() throws {
        let fixture = try TreeFixture(Self.referenceTree(apps: 260))
        defer { fixture.remove() }
        let resources = try Builder.build(fixture.path("top"))
        #expect(resources.count == 260 * 4 + 2)
        try fixture.expectSameAsKubectl("top")
    }

    @Test func firstBadResourceOfAParallelPassIsReported() throws {
        let fixture = try TreeFixture(Self.referenceTree(apps: 260, scalarAnnotationsIn: [40, 200]))
        defer { fixture.remove() }
        #expect {
            _ = try Builder.build(fixture.path("top"))
        } throws: { error in
            "\(error)".contains("app40/deploy.yaml") && "\(error)".contains("expected a map")
        }
    }
}
