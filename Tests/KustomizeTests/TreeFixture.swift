import Foundation
import Testing
@testable import Kustomize

/// A kustomization tree written to a temporary folder, built by us and (when present) by kubectl.
struct TreeFixture {
    let root: URL

    init(_ files: [String: String]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func path(_ sub: String = "") -> String { sub.isEmpty ? root.path : root.appendingPathComponent(sub).path }

    func build(_ sub: String = "", options: BuildOptions = BuildOptions()) throws -> String {
        String(decoding: Builder.render(try Builder.build(path(sub), options: options)), as: UTF8.self)
    }

    static let kubectl: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/kubectl"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    /// kubectl kustomize's stdout, or nil when kubectl is not installed.
    func oracle(_ sub: String = "", args: [String] = []) throws -> String? {
        guard let kubectl = Self.kubectl else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: kubectl)
        p.arguments = ["kustomize", path(sub)] + args
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : "exit \(p.terminationStatus)"
    }

    /// Builds `sub` with both tools and expects identical bytes (skipped without kubectl).
    func expectSameAsKubectl(_ sub: String = "", args: [String] = [], options: BuildOptions = BuildOptions()) throws {
        let ours = try build(sub, options: options)
        guard let theirs = try oracle(sub, args: args) else {
            print("kubectl not on PATH: differential check skipped")
            return
        }
        #expect(ours == theirs)
    }

    /// Expects kubectl's outcome: with `refused`, both builds fail (kubectl's when it is on PATH);
    /// otherwise both print the same.
    func expectSameOutcomeAsKubectl(_ sub: String = "", refused: Bool, _ comment: Comment,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard refused else { return try expectSameAsKubectl(sub) }
        #expect(throws: KustomizeError.self, comment, sourceLocation: sourceLocation) { _ = try build(sub) }
        if let kubectl = try oracle(sub) { #expect(kubectl.hasPrefix("exit "), comment, sourceLocation: sourceLocation) }
    }
}
