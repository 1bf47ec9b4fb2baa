import Foundation
import Testing

/// The CI diff: renders compared resource by resource, exit 1 when they differ.
@Suite struct DiffTests {
    func tree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-ci-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: \"1\"\n"

    @Test func diffOfIdenticalRendersIsClean() throws {
        let r = try ArgoCDRun.run(["diff", "base", "base"], in: ArgoCDRun.root)
        #expect(r.status == 0)
        #expect(r.stdout == "0 changed, 0 added, 0 removed\n")
    }

    @Test func diffShowsChangedAddedAndRemoved() throws {
        let extra = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
        let other = "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n"
        let root = try tree(["a.yaml": Self.cm + "---\n" + extra,
                             "b.yaml": Self.cm.replacingOccurrences(of: "\"1\"", with: "\"2\"") + "---\n" + other])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try ArgoCDRun.run(["diff", "a.yaml", "b.yaml"], in: root)
        #expect(r.status == 1)
        #expect(r.stdout.contains("changed: v1 ConfigMap c\n--- a.yaml\n+++ b.yaml\n@@ -1,6 +1,6 @@\n apiVersion: v1\n data:\n-  a: \"1\"\n+  a: \"2\"\n"))
        #expect(r.stdout.contains("removed: v1 Secret s\n"))
        #expect(r.stdout.contains("added: v1 Service svc\n"))
        #expect(r.stdout.hasSuffix("1 changed, 1 added, 1 removed\n"))
        #expect(!r.stdout.contains("\u{1B}["))
    }

    @Test func colourOnRequestOrOnATerminal() throws {
        let root = try tree(["a.yaml": Self.cm, "b.yaml": Self.cm.replacingOccurrences(of: "\"1\"", with: "\"2\"")])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try ArgoCDRun.run(["diff", "--color", "always", "a.yaml", "-"], in: root)
        #expect(r.status == 1)
        #expect(r.stdout.contains("removed: v1 ConfigMap c"))
        let coloured = try ArgoCDRun.run(["diff", "--color", "always", "a.yaml", "b.yaml"], in: root)
        #expect(coloured.stdout.contains("\u{1B}[31m-  a: \"1\"\u{1B}[0m\n\u{1B}[32m+  a: \"2\"\u{1B}[0m"))
    }

    @Test func diffAgainstAGitRevision() throws {
        let root = try tree(["app/kustomization.yaml": "resources: [cm.yaml]\n", "app/cm.yaml": Self.cm])
        defer { try? FileManager.default.removeItem(at: root) }
        let git = { (args: [String]) throws -> Void in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t"] + args
            p.currentDirectoryURL = root
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        try git(["init", "-q"])
        try git(["add", "."])
        try git(["commit", "-qm", "one"])
        let same = try ArgoCDRun.run(["diff", "--git-ref", "HEAD", "app"], in: root)
        #expect(same.status == 0, "\(same.stderr)")
        try Self.cm.replacingOccurrences(of: "\"1\"", with: "\"9\"").write(to: root.appendingPathComponent("app/cm.yaml"), atomically: true, encoding: .utf8)
        let changed = try ArgoCDRun.run(["diff", "--git-ref", "HEAD", "app"], in: root)
        #expect(changed.status == 1)
        #expect(changed.stdout.contains("--- HEAD:app\n+++ app\n"))
        #expect(changed.stdout.contains("-  a: \"1\"\n+  a: \"9\"\n"))
        let bad = try ArgoCDRun.run(["diff", "--git-ref", "no-such-ref", "app"], in: root)
        #expect(bad.status == 1 && bad.stdout.isEmpty && bad.stderr.hasPrefix("Error: "))
    }
}
