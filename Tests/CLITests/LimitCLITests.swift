import Foundation
import Testing

/// A bound hit through the binary: status 1, nothing on stdout, one line naming the limit.
/// (scripts/limits runs every bound this way against the release binary, with time and memory.)
@Suite struct LimitCLITests {
    @Test(arguments: [
        ("{{ until 100000000 }}", "maxListLength"),
        (#"{{ repeat 100000000 "ab" }}"#, "maxStringBytes"),
        (#"{{ $d := dict }}{{ $_ := set $d "a" $d }}{{ $d }}"#, "maxValueDepth"),
        (#"{{ regexMatch "(a+)+$" (printf "%sb" (repeat 40 "a")) }}"#, "maxRegexSteps"),
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

    /// A patch target's name regex that backtracks exponentially on a resource name.
    @Test func patchTargetRegexIsBounded() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("swk-limit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try """
        resources: [cm.yaml]
        patches:
        - target: {kind: ConfigMap, name: "(a+)+"}
          patch: '[{"op": "add", "path": "/data/x", "value": "y"}]'
        """.write(to: root.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let name = String(repeating: "a", count: 40) + "b"
        try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n".write(to: root.appendingPathComponent("cm.yaml"), atomically: true, encoding: .utf8)
        let started = Date()
        let r = try CLITests.swk(["build", root.path])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("Error: "))
        #expect(r.stderr.hasSuffix("kustomization.yaml:3:1: exceeded the maxRegexSteps limit (20000000 regex steps) matching patch target pattern '(a+)+'\n"))
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
