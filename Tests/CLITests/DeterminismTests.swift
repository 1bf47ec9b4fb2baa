import Foundation
import Testing

/// The same input gives the same bytes whatever the locale, time zone, environment, cores and the
/// order files were created in (ArgoCD compares renders across machines).
@Suite struct DeterminismTests {
    /// Runs the binary with exactly `env` (plus PATH), optionally pinned to one core.
    static func run(_ args: [String], env: [String: String], oneCore: Bool = false, in dir: URL = CLITests.packageRoot) throws -> CLITests.Result {
        let bin = try #require(CLITests.binary, "swkustomize binary not built")
        let p = Process()
        let taskset = "/usr/bin/taskset"
        if oneCore && FileManager.default.isExecutableFile(atPath: taskset) {
            p.executableURL = URL(fileURLWithPath: taskset)
            p.arguments = ["-c", "0", bin.path] + args
        } else {
            p.executableURL = bin
            p.arguments = args
        }
        var full = env
        full["PATH"] = full["PATH"] ?? "/usr/bin:/bin"
        p.environment = full
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let variants: [(String, [String: String], Bool)] = [
        ("C locale, UTC", ["LANG": "C", "LC_ALL": "C", "TZ": "UTC"], false),
        ("Turkish locale", ["LANG": "tr_TR.UTF-8", "LC_ALL": "tr_TR.UTF-8"], false),
        ("German locale, Chatham time", ["LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "TZ": "Pacific/Chatham"], false),
        ("Japanese locale, Kolkata time", ["LANG": "ja_JP.UTF-8", "LC_NUMERIC": "ja_JP.UTF-8", "TZ": "Asia/Kolkata"], false),
        ("noisy environment", ["HOME": "/nonexistent", "KUSTOMIZE_PLUGIN_HOME": "/tmp/x", "HELM_NAMESPACE": "other",
                               "XDG_CONFIG_HOME": "/tmp/y", "TMPDIR": "/nonexistent", "TZ": "America/Los_Angeles"], false),
        ("one core", ["TZ": "Europe/Berlin"], true),
    ]

    static let commands: [[String]] = [
        ["build", "overlays/prod"], ["build", "overlays/dev"], ["build", "examples/app-of-apps"],
        ["template", "examples/chart"],
    ]

    @Test(arguments: 0..<commands.count)
    func sameBytesInEveryEnvironment(_ i: Int) throws {
        let args = Self.commands[i]
        let base = try Self.run(args, env: [:])
        #expect(base.status == 0, "\(args): \(base.stderr)")
        #expect(!base.stdout.isEmpty)
        for (what, env, oneCore) in Self.variants {
            let r = try Self.run(args, env: env, oneCore: oneCore)
            #expect(r.status == base.status && r.stdout == base.stdout && r.stderr == base.stderr, "\(args) differs under \(what)")
        }
    }

    /// One tree written file by file in two opposite orders (directory listings differ on most file systems).
    @Test func fileCreationOrderDoesNotMatter() throws {
        var files: [(String, String)] = [("kustomization.yaml", "namePrefix: p-\ncommonLabels: {team: a}\nresources:\n"
            + (0..<40).map { "- r\($0).yaml\n" }.joined() + "- sub\n")]
        files += (0..<40).map { ("r\($0).yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\($0)\ndata:\n  k: v\($0)\n") }
        files.append(("sub/kustomization.yaml", "resources:\n- s.yaml\n"))
        files.append(("sub/s.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n"))
        var outputs: [String] = []
        for order in [files, files.reversed()] {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-order-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            for (path, text) in order {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: false, encoding: .utf8)
            }
            let r = try Self.run(["build", root.path], env: [:])
            #expect(r.status == 0, "\(r.stderr)")
            outputs.append(r.stdout)
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0].contains("name: p-c39"))
    }
}
