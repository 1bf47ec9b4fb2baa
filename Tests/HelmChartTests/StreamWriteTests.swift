import XCTest
@testable import HelmChart

/// The rendered stream written in pieces is Helm's: each document as "---\n# Source: PATH\nTEXT\n",
/// the manifests trimmed of the white space at their end, a newline, then the hooks.
final class StreamWriteTests: XCTestCase {
    func helmStream(_ docs: [HelmChart.Stream.Manifest]) -> String {
        func piece(_ d: HelmChart.Stream.Manifest) -> String { "---\n# Source: \(d.path)\n\(d.content)\n" }
        var manifests = docs.filter { !$0.isHook }.map(piece).joined()
        while let last = manifests.unicodeScalars.last, [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}"].contains(last) {
            manifests.unicodeScalars.removeLast()
        }
        return manifests + "\n" + docs.filter(\.isHook).map(piece).joined()
    }

    func written(_ docs: [HelmChart.Stream.Manifest]) -> (text: String, pieces: Int) {
        var bytes: [UInt8] = [], pieces = 0
        HelmChart.Stream.write(docs) { bytes.append(contentsOf: $0); pieces += 1 }
        return (String(decoding: bytes, as: UTF8.self), pieces)
    }

    func testPiecesMakeHelmsStream() {
        let big = String(repeating: "key: value\n", count: 200_000) // 2.2 MB: several pieces
        let docs = [
            HelmChart.Stream.Manifest(path: "c/templates/a.yaml", content: "kind: A\n\n  ", kind: "A", isHook: false),
            HelmChart.Stream.Manifest(path: "c/templates/hook.yaml", content: "kind: Job\n", kind: "Job", isHook: true),
            HelmChart.Stream.Manifest(path: "c/templates/big.yaml", content: big, kind: "B", isHook: false),
            HelmChart.Stream.Manifest(path: "c/templates/blank.yaml", content: " \n\t", kind: "", isHook: false),
        ]
        let (text, pieces) = written(docs)
        XCTAssertEqual(text, helmStream(docs))
        XCTAssertGreaterThan(pieces, 2)
        XCTAssertEqual(HelmChart.Stream.format(docs), text)
    }

    func testNoManifestsOrOnlyHooks() {
        XCTAssertEqual(written([]).text, "\n")
        let hook = [HelmChart.Stream.Manifest(path: "c/templates/t.yaml", content: "kind: Pod  \n", kind: "Pod", isHook: true)]
        XCTAssertEqual(written(hook).text, helmStream(hook))
    }
}
