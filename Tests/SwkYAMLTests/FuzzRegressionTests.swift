import XCTest
@testable import SwkYAML

/// Inputs scripts/fuzz found, reduced.
final class YAMLFuzzRegressionTests: XCTestCase {
    /// yaml target (emit∘parse not idempotent): a last scalar ending in "..." lost its dots and
    /// newline, taken for libyaml's document-end marker. kubectl prints `zzz: wait...`.
    func testTrailingDotsAreNotADocumentEnd() throws {
        for text in ["- ../o2 ....\n", "zzz: wait...\n"] {
            let doc = try XCTUnwrap(YAMLParser.parseDocuments(text, file: "t.yaml").first)
            XCTAssertEqual(YAMLEmitter.emit(doc), text)
        }
        // The real marker after an open-ended block still goes.
        let block = try XCTUnwrap(YAMLParser.parseDocuments("a: |+\n  x\n\n", file: "t.yaml").first)
        XCTAssertFalse(YAMLEmitter.emit(block).hasSuffix("...\n"))
    }
}
