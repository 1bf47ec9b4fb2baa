import Foundation
import Testing

/// `template --output`, as `build --output`: a file gets the stream, a folder one file per object.
@Suite struct TemplateOutputTests {
    @Test func fileAndFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swk-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["template", "examples/chart", "--name", "ui", "-f", "examples/chart/values-dev.yaml"]
        let stdout = try ArgoCDRun.run(args, in: ArgoCDRun.root)
        #expect(stdout.status == 0, "\(stdout.stderr)")
        let file = dir.appendingPathComponent("out.yaml")
        let toFile = try ArgoCDRun.run(args + ["-o", file.path], in: ArgoCDRun.root)
        #expect(toFile.status == 0 && toFile.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == stdout.stdout)
        let folder = dir.appendingPathComponent("objects")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let toFolder = try ArgoCDRun.run(args + ["--output", folder.path], in: ArgoCDRun.root)
        #expect(toFolder.status == 0, "\(toFolder.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(files.contains { $0.hasPrefix("apps_v1_deployment_") })
    }
}
