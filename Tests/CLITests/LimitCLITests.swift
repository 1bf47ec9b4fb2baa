import Foundation
import Testing

/// A bound hit through the binary: status 1, nothing on stdout, one line naming the limit.
/// (scripts/limits runs every bound this way against the release binary, with time and memory.)
@Suite struct LimitCLITests {
    @Test(arguments: [
        ("{{ until 100000000 }}", "maxListLength"),
        (#"{{ repeat 100000000 "ab" }}"#, "maxStringBytes"),
        (#"{{ $d := dict }}{{ $_ := set $d "a" $d }}{{ $d }}"#, "maxValueDepth"),
    ])
    func templateLimitIsOneLineError(_ template: String, _ limit: String) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-limit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: lim\nversion: 0.1.0\n".write(to: root.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try template.write(to: root.appendingPathComponent("templates/t.yaml"), atomically: true, encoding: .utf8)
        let r = try CLITests.swk(["template", root.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("Error: template: lim/templates/t.yaml:1:"))
        #expect(r.stderr.contains(limit))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }
}
