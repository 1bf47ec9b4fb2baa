import ArgumentParser
import Foundation
import Kustomize

/// `swkustomize diff A B` and `diff --git-ref REF PATH`: what changes between two renders,
/// resource by resource. Exit 1 when they differ (as `diff` does).
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Compare two renders (folders, manifest files or -) resource by resource.")

    @Option(name: .customLong("git-ref"), help: "Compare PATH at this git revision with PATH in the working tree.")
    var gitRef: String?

    @Option(name: .customLong("color"), help: "auto (on a terminal), always or never.")
    var color = "auto"

    @Argument(help: "Two targets, or one PATH with --git-ref.")
    var targets: [String] = []

    func run() throws {
        let (a, b, aName, bName): ([APICheck.Object], [APICheck.Object], String, String)
        if let ref = gitRef {
            guard targets.count == 1, let path = targets.first else { throw CLIError("diff --git-ref REF takes one PATH") }
            let old = try GitSnapshot.checkout(ref, path: path)
            defer { old.cleanup() }
            (a, b, aName, bName) = (try ManifestSource.load(old.path), try ManifestSource.load(path), "\(ref):\(path)", path)
        } else {
            guard targets.count == 2 else { throw CLIError("diff takes two targets (or --git-ref REF PATH)") }
            (a, b, aName, bName) = (try ManifestSource.load(targets[0]), try ManifestSource.load(targets[1]), targets[0], targets[1])
        }
        let changes = ResourceDiff.compare(a.map(\.node), b.map(\.node))
        let paint = color == "always" || (color == "auto" && isatty(STDOUT_FILENO) == 1
            && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        var out = ""
        for c in changes {
            out += Self.style("\(c.kind.rawValue): \(c.resource)", "1", paint) + "\n"
            if c.kind == .changed {
                out += Self.style("--- \(aName)", "1", paint) + "\n" + Self.style("+++ \(bName)", "1", paint) + "\n"
            }
            for line in c.lines {
                let code = line.hasPrefix("@@") ? "36" : line.hasPrefix("-") ? "31" : line.hasPrefix("+") ? "32" : ""
                out += (code.isEmpty ? line : Self.style(line, code, paint)) + "\n"
            }
        }
        let count = { (k: ResourceDiff.Change.Kind) in changes.filter { $0.kind == k }.count }
        out += "\(count(.changed)) changed, \(count(.added)) added, \(count(.removed)) removed\n"
        FileHandle.standardOutput.write(Data(out.utf8))
        if !changes.isEmpty { throw ExitCode(1) }
    }

    static func style(_ s: String, _ code: String, _ on: Bool) -> String {
        on ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// A path as it was at a git revision, extracted with `git archive` into a temporary folder.
struct GitSnapshot {
    let root: String
    let path: String

    static func checkout(_ ref: String, path: String) throws -> GitSnapshot {
        let dir = FileManager.default.fileExists(atPath: path) && !Self.isDirectory(path)
            ? (path as NSString).deletingLastPathComponent : path
        let top = try git(["-C", dir.isEmpty ? "." : dir, "rev-parse", "--show-toplevel"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = try git(["-C", dir.isEmpty ? "." : dir, "rev-parse", "--show-prefix"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let tmp = NSTemporaryDirectory() + "swkustomize-ref-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        let archive = tmp + ".tar"
        defer { try? FileManager.default.removeItem(atPath: archive) }
        _ = try git(["-C", top, "archive", "--format=tar", "-o", archive, ref])
        try run("/usr/bin/env", ["tar", "-xf", archive, "-C", tmp])
        let rel = Self.isDirectory(path) ? prefix : prefix + (path as NSString).lastPathComponent
        return GitSnapshot(root: tmp, path: rel.isEmpty ? tmp : tmp + "/" + rel)
    }

    func cleanup() { try? FileManager.default.removeItem(atPath: root) }

    static func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }

    @discardableResult
    static func git(_ args: [String]) throws -> String { try run("/usr/bin/env", ["git"] + args) }

    @discardableResult
    static func run(_ exe: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let msg = String(decoding: e, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw CLIError("\(args.prefix(3).joined(separator: " ")): \(msg.split(separator: "\n").first.map(String.init) ?? "failed")")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
