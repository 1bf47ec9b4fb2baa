import XCTest
@testable import GoTemplate
@testable import HelmChart

/// Inputs scripts/fuzz found problems with, reduced; each stays a test in the normal suite.
final class FuzzRegressionTests: XCTestCase {
    func parseError(_ text: String) -> String {
        do { try TemplateSet().parse(name: "t.yaml", text: text); return "" } catch { return "\(error)" }
    }

    /// template target: a number literal that only reads as a float equal to 2^63 trapped converting
    /// it to Int64. Go rejects integer-looking texts no integer type holds, and floats out of range.
    func testNumberLiteralsOutOfRange() throws {
        XCTAssertEqual(parseError("{{ 00000000000000000000009223372036854775807 }}"),
                       #"template: t.yaml:1: integer overflow: "00000000000000000000009223372036854775807""#)
        XCTAssertEqual(parseError("{{ 18446744073709551616 }}"), #"template: t.yaml:1: integer overflow: "18446744073709551616""#)
        XCTAssertEqual(parseError("{{ 09 }}"), #"template: t.yaml:1: integer overflow: "09""#)
        XCTAssertEqual(parseError("{{ 1e400 }}"), #"template: t.yaml:1: illegal number syntax: "1e400""#)
        XCTAssertEqual(parseError("{{ 0xFFFFFFFFFFFFFFFFFFFF }}"), #"template: t.yaml:1: illegal number syntax: "0xFFFFFFFFFFFFFFFFFFFF""#)
        // A uint64 that int does not hold parses, and fails where it is used, as in Go.
        XCTAssertThrowsError(try render("{{ 9223372036854775808 }}")) { XCTAssertTrue("\($0)".hasSuffix("9223372036854775808 overflows int"), "\($0)") }
        XCTAssertEqual(try render("{{ 9223372036854775807.0 }} {{ -9223372036854775808 }} {{ 1e3 }} {{ 0x1p4 }} {{ 017 }} {{ 08.5 }}"),
                       "9.223372036854776e+18 -9223372036854775808 1000 16 15 8.5")
    }
}
