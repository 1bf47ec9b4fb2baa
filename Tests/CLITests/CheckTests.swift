import Foundation
import Testing

/// The CI check: removed APIs reported with file and line, exit 1.
@Suite struct CheckTests {
    func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-ci-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let cronJob = "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n"

    @Test func checkReportsRemovedAPIsWithFileAndLine() throws {
        let root = try tree(["m.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n" + Self.cronJob])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try ArgoCDRun.run(["check", "--kube-version", "1.25", "m.yaml"], in: root)
        #expect(r.status == 1)
        #expect(r.stdout == "m.yaml:6:13: CronJob nightly uses batch/v1beta1, removed in 1.25; use batch/v1\n")
        let before = try ArgoCDRun.run(["check", "--kube-version", "1.24", "m.yaml"], in: root)
        #expect(before.status == 0)
        #expect(before.stdout.contains("deprecated, removed in 1.25"))
    }

    @Test func checkOfACleanRenderPasses() throws {
        let r = try ArgoCDRun.run(["check", "--kube-version", "1.32", "overlays/prod"], in: ArgoCDRun.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func buildWarnsForTheKubeVersion() throws {
        let root = try tree(["kustomization.yaml": "resources: [m.yaml]\n", "m.yaml": Self.cronJob])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try ArgoCDRun.run(["build", ".", "--kube-version", "1.29"], in: root)
        #expect(r.status == 0)
        #expect(r.stdout.contains("kind: CronJob"))
        #expect(r.stderr.contains("CronJob nightly uses batch/v1beta1, removed in 1.25"))
    }
}
