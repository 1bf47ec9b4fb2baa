import Foundation
import XCTest
@testable import HelmChart

/// Differential test: every function case of the Helm corpus rendered in-process and compared with Helm's stream.
final class Box: @unchecked Sendable {
    var current: [String: Any] = [:]
    var results: [CorpusTests.Outcome] = []
}

final class CorpusTests: XCTestCase {
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/conformance/helm/functions/cases.jsonl")

    static let defaultChartYAML = "apiVersion: v2\nname: fn\ndescription: conformance case\ntype: application\nversion: 0.1.0\nappVersion: \"1.16.0\"\n"

    struct Outcome { var name: String; var passed: Bool; var detail: String }

    static func runCase(_ c: [String: Any]) -> Outcome {
        let name = c["name"] as? String ?? "?"
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("swkcase-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: tmp) }
        let chartYAML = c["chart_yaml"] as? String ?? defaultChartYAML
        var chartName = "fn"
        for line in chartYAML.split(separator: "\n") where line.hasPrefix("name:") {
            chartName = line.dropFirst(5).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            break
        }
        let chart = tmp.appendingPathComponent(chartName)
        func write(_ rel: String, _ text: String) {
            let p = chart.appendingPathComponent(rel)
            try? fm.createDirectory(at: p.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: p, atomically: false, encoding: .utf8)
        }
        try? fm.createDirectory(at: chart.appendingPathComponent("templates"), withIntermediateDirectories: true)
        write("Chart.yaml", chartYAML)
        if let v = c["chart_values"] as? String { write("values.yaml", v) }
        write("templates/" + (c["template_name"] as? String ?? "case.yaml"), c["template"] as? String ?? "")
        if let h = c["helpers"] as? String { write("templates/_helpers.tpl", h) }
        for (rel, text) in c["files"] as? [String: String] ?? [:] { write(rel, text) }
        let valuesPath = tmp.appendingPathComponent("values.yaml")
        if let vy = c["values_yaml"] as? String {
            try? vy.write(to: valuesPath, atomically: false, encoding: .utf8)
        } else {
            let data = (try? JSONSerialization.data(withJSONObject: c["values"] ?? [:], options: [.fragmentsAllowed])) ?? Data("{}".utf8)
            try? data.write(to: valuesPath)
        }
        let rel = c["release"] as? [String: String] ?? [:]
        let opts = ReleaseOptions(name: rel["name"] ?? "release-name", namespace: rel["namespace"] ?? "default",
                                  valuesFiles: [valuesPath.path], kubeVersion: c["kube_version"] as? String,
                                  apiVersions: c["api_versions"] as? [String] ?? [])
        var out = "", err = "", failed = false
        do { out = try HelmTemplate.run(chartDir: chart.path, options: opts) } catch { err = "\(error)"; failed = true }
        if let want = c["error"] as? String {
            if failed && err.contains(want) { return Outcome(name: name, passed: true, detail: "") }
            return Outcome(name: name, passed: false, detail: "want error: \(want)\ngot: \(failed ? err : out)")
        }
        if failed { return Outcome(name: name, passed: false, detail: "error: \(err)") }
        if let pattern = c["stream_check"] as? String {
            let ok = (try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z", options: [.dotMatchesLineSeparators]))
                .map { $0.firstMatch(in: out, range: NSRange(out.startIndex..., in: out)) != nil } ?? false
            return Outcome(name: name, passed: ok, detail: ok ? "" : "no match: \(out)")
        }
        let want = c["stream"] as? String ?? ""
        return Outcome(name: name, passed: out == want, detail: "want:\n\(want)\ngot:\n\(out)")
    }

    static func loadCases() -> [[String: Any]] {
        guard let text = try? String(contentsOf: corpus, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    func testFunctionCorpus() throws {
        let cases = Self.loadCases()
        try XCTSkipIf(cases.isEmpty, "corpus not present")
        let filter = ProcessInfo.processInfo.environment["CASE_FILTER"]
        let box = Box()
        let group = DispatchGroup()
        for c in cases {
            if let f = filter, !(c["name"] as? String ?? "").contains(f) { continue }
            group.enter()
            box.current = c
            let t = Thread {
                box.results.append(Self.runCase(box.current))
                group.leave()
            }
            t.stackSize = 1 << 28
            t.start()
            group.wait()
        }
        let results = box.results
        let failed = results.filter { !$0.passed }.sorted { $0.name < $1.name }
        var report = ""
        for f in failed { report += "FAIL \(f.name)\n\(f.detail.prefix(1500))\n\n" }
        report += "\(results.count - failed.count) passed, \(failed.count) failed\n"
        if let path = ProcessInfo.processInfo.environment["CORPUS_REPORT"] {
            try? report.write(toFile: path, atomically: true, encoding: .utf8)
            try? results.filter { $0.passed }.map { $0.name }.sorted().joined(separator: "\n")
                .write(toFile: path + ".passing", atomically: true, encoding: .utf8)
        }
        print("corpus: \(results.count - failed.count) passed, \(failed.count) failed")
        // The ratchet list: every case that passed before must still pass.
        let ratchet = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("conformance/helm-passing.txt")
        if filter == nil, let text = try? String(contentsOf: ratchet, encoding: .utf8) {
            let failedNames = Set(failed.map { "functions/" + $0.name })
            for line in text.split(separator: "\n") where failedNames.contains(String(line)) {
                XCTFail("regressed: \(line)")
            }
        }
    }
}
