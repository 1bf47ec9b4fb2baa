import Foundation
import Testing

/// End-to-end: runs the built `swkustomize` binary and checks stdout, stderr and exit status.
@Suite struct CLITests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary sits next to the test bundle in the build folder.
    static let binary: URL? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("swkustomize")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        let fallback = packageRoot.appendingPathComponent(".build/debug/swkustomize")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ executable: URL, _ args: [String], in dir: URL = packageRoot) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        p.currentDirectoryURL = dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func swk(_ args: [String], in dir: URL = packageRoot) throws -> Result {
        try run(try #require(binary, "swkustomize binary not built"), args, in: dir)
    }

    static func kubectl(_ args: [String], in dir: URL = packageRoot) throws -> Result? {
        guard let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map({ "\($0)/kubectl" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("kubectl not on PATH: differential check skipped")
            return nil
        }
        return try run(URL(fileURLWithPath: path), args, in: dir)
    }

    func tempTree(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-cli-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    @Test(arguments: ["overlays/prod", "overlays/dev", "base", "examples/app-of-apps", "examples/app-of-apps/prod"])
    func demoMatchesKubectl(_ dir: String) throws {
        let ours = try Self.swk(["build", dir])
        #expect(ours.status == 0, "\(ours.stderr)")
        guard let theirs = try Self.kubectl(["kustomize", dir]) else { return }
        #expect(ours.stdout == theirs.stdout)
    }

    @Test func errorsAreOneLineWithFileAndLineAndNoOutput() throws {
        let root = try tempTree(["kustomization.yaml": "resources:\n- missing.yaml\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Self.swk(["build", root.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("Error: \(root.path)/kustomization.yaml:2:3: "))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func malformedResourceNamesItsLine() throws {
        let root = try tempTree(["kustomization.yaml": "resources: [a.yaml]\n", "a.yaml": "apiVersion: v1\nkind: [\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Self.swk(["build", root.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("a.yaml:3:"))
    }

    @Test func outputFolderMatchesKubectlFileNames() throws {
        let ours = FileManager.default.temporaryDirectory.appendingPathComponent("swk-out-\(UUID().uuidString)")
        let theirs = FileManager.default.temporaryDirectory.appendingPathComponent("kubectl-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: ours, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: ours); try? FileManager.default.removeItem(at: theirs) }
        let r = try Self.swk(["build", "overlays/prod", "-o", ours.path])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let ourFiles = try FileManager.default.contentsOfDirectory(atPath: ours.path).sorted()
        #expect(!ourFiles.isEmpty)
        guard try Self.kubectl(["kustomize", "overlays/prod", "-o", theirs.path]) != nil else { return }
        let theirFiles = try FileManager.default.contentsOfDirectory(atPath: theirs.path).sorted()
        #expect(ourFiles == theirFiles)
        for f in ourFiles where theirFiles.contains(f) {
            #expect(try String(contentsOf: ours.appendingPathComponent(f), encoding: .utf8)
                    == String(contentsOf: theirs.appendingPathComponent(f), encoding: .utf8), "\(f)")
        }
    }

    @Test func failedBuildWritesNothingToTheOutputFolder() throws {
        let root = try tempTree(["kustomization.yaml": "resources: [a.yaml, b.yaml]\n",
                                 "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
                                 "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
                                 "out/.keep": ""])
        defer { try? FileManager.default.removeItem(at: root) }
        let r = try Self.swk(["build", root.path, "--output", root.appendingPathComponent("out").path])
        #expect(r.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("out").path) == [".keep"])
    }

    @Test func versionAndHelp() throws {
        #expect(try Self.swk(["--version"]).stdout.hasPrefix("0."))
        let help = try Self.swk(["build", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("--load-restrictor"))
    }

    @Test func chartSymlinksLeadingOutsideAreRefused() throws {
        let root = try tempTree([
            "chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n",
            "chart/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  f: {{ .Files.Get \"secret.txt\" | quote }}\n",
            "outside.txt": "do not leak",
            "values.yaml": "{}\n",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("chart/secret.txt").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.txt").path)
        let r = try Self.swk(["template", root.appendingPathComponent("chart").path, "--name", "r", "--namespace", "n",
                              "-f", root.appendingPathComponent("values.yaml").path])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("outside the chart"))
    }
}
