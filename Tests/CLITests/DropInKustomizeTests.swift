import Foundation
import Testing

/// Runs the binary with extra environment, in scratch copies of the repository's folders.
enum ArgoCDRun {
    static let root = CLITests.packageRoot

    static func run(_ args: [String], in dir: URL, env: [String: String] = [:]) throws -> CLITests.Result {
        let p = Process()
        p.executableURL = try #require(CLITests.binary, "swkustomize binary not built")
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        // Commands that read `-` see an empty stdin, never the test runner's.
        p.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                               stderr: String(decoding: e, as: UTF8.self))
    }

    /// A scratch copy of some of the repository's folders.
    static func copy(_ paths: [String]) throws -> URL {
        let dest = FileManager.default.temporaryDirectory.appendingPathComponent("swk-argocd-\(UUID().uuidString)")
        for p in paths {
            let target = dest.appendingPathComponent(p)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: root.appendingPathComponent(p), to: target)
        }
        return dest
    }
}

/// swkustomize as ArgoCD's kustomize binary: `edit` verbs run in the app folder, then `build`,
/// and `version` in the form ArgoCD parses.
@Suite struct DropInKustomizeTests {
    static let root = ArgoCDRun.root
    static func run(_ args: [String], in dir: URL, env: [String: String] = [:]) throws -> CLITests.Result {
        try ArgoCDRun.run(args, in: dir, env: env)
    }
    static func copy(_ paths: [String]) throws -> URL { try ArgoCDRun.copy(paths) }

    @Test func versionLeadsWithTheKustomizeRelease() throws {
        let long = try Self.run(["version"], in: Self.root)
        #expect(long.status == 0)
        #expect(long.stdout.hasPrefix("v5.5.0"))
        let short = try Self.run(["version", "--short"], in: Self.root)
        // ArgoCD trims the braces and a `kustomize/` prefix, then takes the first semver.
        var s = short.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        s = String(s.drop { $0 == "{" }).trimmingCharacters(in: .whitespaces)
        if s.hasPrefix("kustomize/") { s.removeFirst("kustomize/".count) }
        #expect(s.hasPrefix("v5.5.0 "))
    }

    @Test func buildAcceptsArgoCDBuildOptions() throws {
        let r = try Self.run(["build", "base", "--load-restrictor", "LoadRestrictionsNone", "--enable-helm",
                              "--helm-kube-version", "1.30.0", "--helm-api-versions", "monitoring.coreos.com/v1",
                              "--enable-alpha-plugins"], in: Self.root)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == (try Self.run(["build", "base"], in: Self.root)).stdout)
    }

    /// ArgoCD's edit sequence on a copy of the dev overlay, built by us, against kubectl on a
    /// copy edited by hand to the same fields.
    @Test func builtInSequenceMatchesAHandEditedCopy() throws {
        let edited = try Self.copy(["base", "overlays/dev"])
        let byHand = try Self.copy(["base", "overlays/dev"])
        defer { try? FileManager.default.removeItem(at: edited); try? FileManager.default.removeItem(at: byHand) }
        let app = edited.appendingPathComponent("overlays/dev")
        let steps: [[String]] = [
            ["edit", "set", "nameprefix", "--", "argo-"],
            ["edit", "set", "namesuffix", "--", "-x"],
            ["edit", "set", "image", "public.ecr.aws/aws-containers/retail-store-sample-ui=registry.example/ui:1.2.3",
             "public.ecr.aws/aws-containers/retail-store-sample-cart:*", "redis:7"],
            ["edit", "set", "replicas", "ui=3", "carts=2"],
            ["edit", "add", "label", "--force", "environment:argo", "team:shop"],
            ["edit", "add", "annotation", "--force", "note:synced by argo"],
            ["edit", "set", "namespace", "--", "retail-argo"],
        ]
        for step in steps {
            let r = try Self.run(step, in: app)
            #expect(r.status == 0, "\(step): \(r.stderr)")
        }
        let original = try String(contentsOf: byHand.appendingPathComponent("overlays/dev/kustomization.yaml"), encoding: .utf8)
        // Every original line but the edited fields is still there, in order.
        let after = try String(contentsOf: app.appendingPathComponent("kustomization.yaml"), encoding: .utf8)
        #expect(after.contains(original.components(separatedBy: "# Patches run before")[1]))
        var hand = original
        hand = hand.replacingOccurrences(of: "namespace: retail-dev\nnameSuffix: -dev\n", with: "namespace: retail-argo\nnameSuffix: -x\nnamePrefix: argo-\n")
        hand = hand.replacingOccurrences(of: "  environment: development\n", with: "  environment: argo\n  team: shop\n")
        hand = hand.replacingOccurrences(of: "  team.example.com/owner: retail-platform\n", with: "  team.example.com/owner: retail-platform\n  note: synced by argo\n")
        hand = hand.replacingOccurrences(of: "  - name: ui\n    count: 1\n", with: "  - name: ui\n    count: 3\n  - name: carts\n    count: 2\n")
        hand = hand.replacingOccurrences(of: "  - name: public.ecr.aws/aws-containers/retail-store-sample-ui\n    newTag: 0.9.0-rc.1\n",
                                         with: "  - name: public.ecr.aws/aws-containers/retail-store-sample-ui\n    newName: registry.example/ui\n    newTag: 1.2.3\n  - name: redis\n    newTag: \"7\"\n")
        try hand.write(to: byHand.appendingPathComponent("overlays/dev/kustomization.yaml"), atomically: true, encoding: .utf8)

        let ours = try Self.run(["build", app.path], in: Self.root)
        #expect(ours.status == 0, "\(ours.stderr)")
        guard let theirs = try CLITests.kubectl(["kustomize", byHand.appendingPathComponent("overlays/dev").path]) else { return }
        #expect(theirs.status == 0)
        #expect(ours.stdout == theirs.stdout)
        // kubectl agrees with our edit too (independent of our build).
        let kubectlOnEdited = try #require(try CLITests.kubectl(["kustomize", app.path]))
        #expect(kubectlOnEdited.stdout == theirs.stdout)
    }

    @Test func componentsResourcesAndPatchesAsKubectlReadsThem() throws {
        let dir = try Self.copy(["base", "overlays/dev"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = dir.appendingPathComponent("overlays/dev")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("components/tier"), withIntermediateDirectories: true)
        try "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations:\n  tier: web\n"
            .write(to: dir.appendingPathComponent("components/tier/kustomization.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n"
            .write(to: app.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        for step: [String] in [
            ["edit", "add", "component", "../../components/tier"],
            ["edit", "add", "resource", "extra.yaml"],
            ["edit", "add", "patch", "--kind", "ConfigMap", "--name", "extra", "--patch", "- op: add\n  path: /data/c\n  value: d"],
            ["edit", "add", "configmap", "settings", "--from-literal=mode=argo"],
            ["edit", "remove", "label", "environment"],
        ] {
            let r = try Self.run(step, in: app)
            #expect(r.status == 0, "\(step): \(r.stderr)")
        }
        guard let out = try CLITests.kubectl(["kustomize", app.path]) else { return }
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("  c: d\n"))
        #expect(out.stdout.contains("tier: web"))
        #expect(out.stdout.contains("mode: argo"))
        #expect(!out.stdout.contains("environment: development"))
    }

    @Test func editErrorsAreOneLineAndLeaveTheFile() throws {
        let dir = try Self.copy(["overlays/dev"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = dir.appendingPathComponent("overlays/dev")
        let before = try Data(contentsOf: app.appendingPathComponent("kustomization.yaml"))
        let r = try Self.run(["edit", "add", "label", "environment:x"], in: app)
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr == "Error: label environment already in kustomization file\n")
        #expect(try Data(contentsOf: app.appendingPathComponent("kustomization.yaml")) == before)
        let bad = try Self.run(["edit", "set", "image", "nginx"], in: app)
        #expect(bad.status == 1)
        let none = try Self.run(["edit", "set", "namespace", "--", "x"], in: dir)
        #expect(none.stderr.hasPrefix("Error: Missing kustomization file"))
    }
}
