import Foundation
import Testing
@testable import SwkYAML

/// Emitter rules from kustomize's output (facts.md §5, each verified against kubectl).
@Suite struct EmitterTests {
    func roundTrip(_ yaml: String) throws -> String {
        let docs = try YAMLParser.parseDocuments(yaml, file: "t.yaml", schema: .kyaml)
        return docs.map { YAMLEmitter.emit($0) }.joined(separator: "---\n")
    }

    @Test func keysSortInGoYAMLOrder() throws {
        let out = try roundTrip("z: 1\nab: 1\na10: 1\na2: 1\na_b: 1\na-b: 1\na: 1\nA: 1\n1b: 1\n")
        #expect(out == "1b: 1\nA: 1\na: 1\na-b: 1\na_b: 1\na2: 1\na10: 1\nab: 1\nz: 1\n")
    }

    @Test func stringsThatLookLikeOtherTypesAreDoubleQuoted() throws {
        for s in ["yes", "on", "y", "n", "0123", "1.0", "~", "", "true", "null", "1e3", "0x1F", "1:20", "2001-12-14", ".inf"] {
            let node = YAMLNode.mapping([.init(key: "k", value: .string(s))])
            #expect(YAMLEmitter.emit(node) == "k: \"\(s)\"\n", "string \(s)")
        }
    }

    /// goyaml.v2 escapes every character of a string that starts with a BOM (kubectl's output).
    @Test func stringsStartingWithABOMAreEscapedWhole() throws {
        let node = YAMLNode.mapping([
            .init(key: "\u{FEFF}B", value: .string("2")),
            .init(key: "c.json", value: .string("\u{FEFF}{\n  \"a\": \"é\"\n}\n")),
            .init(key: "x", value: .string("\u{FEFF}😀\u{2028}\t\u{0}é")),
            .init(key: "z", value: .string("ok")),
        ])
        #expect(YAMLEmitter.emit(node) == #"""
        "\uFEFF\x42": "2"
        c.json: "\uFEFF\x7B\n\x20\x20\"\x61\"\x3A\x20\"\xE9\"\n\x7D\n"
        x: "\uFEFF\U0001F600\L\t\0\xE9"
        z: ok

        """#)
    }

    @Test func plainStringsStayPlain() throws {
        for s in ["<<", ".", "1.2.3", "héllo", "=", "nginx:1.7.9"] {
            let node = YAMLNode.mapping([.init(key: "k", value: .string(s))])
            #expect(YAMLEmitter.emit(node) == "k: \(s)\n", "string \(s)")
        }
    }

    @Test func indicatorsGetSingleQuotes() throws {
        #expect(try roundTrip("a: \"- dash\"\nb: \"it's: here\"\nc: \"*star\"\n") == "a: '- dash'\nb: 'it''s: here'\nc: '*star'\n")
    }

    @Test func numbersAreNormalisedLikeKustomize() throws {
        let out = try roundTrip("a: 0755\nb: 1e3\nc: 1.0e+30\nd: 0.000001\ne: 1.0\nf: 0x1F\ng: 0o17\nh: 12345678901234567890\ni: 1.5\n")
        #expect(out == "a: 493\nb: 1000\nc: 1e+30\nd: 1e-06\ne: 1\nf: 31\ng: 15\nh: 12345678901234567890\ni: 1.5\n")
    }

    @Test func yaml11WordsAreStringsInResourcesAndQuotedOnOutput() throws {
        #expect(try roundTrip("a: yes\nb: on\nc: y\nd: true\n") == "a: \"yes\"\nb: \"on\"\nc: \"y\"\nd: true\n")
    }

    @Test func timestampsBecomeRFC3339Strings() throws {
        #expect(try roundTrip("d: 2001-12-14\n") == "d: \"2001-12-14T00:00:00Z\"\n")
    }

    @Test func multiLineStringsUseLiteralBlocks() throws {
        #expect(try roundTrip("a: \"x\\ny\\n\"\nb: \"x\\ny\"\n") == "a: |\n  x\n  y\nb: |-\n  x\n  y\n")
    }

    @Test func trailingSpacesForceDoubleQuotes() throws {
        #expect(try roundTrip("a: \"x \\ny\"\n") == "a: \"x \\ny\"\n")
    }

    @Test func longLinesFoldAfterColumn80() throws {
        let words = (0..<20).map { _ in "word" }.joined(separator: " ")
        let out = try roundTrip("k: \(words)\n")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].hasPrefix("  word"))
        #expect(out.replacingOccurrences(of: "\n  ", with: " ") == "k: \(words)\n")
    }

    @Test func nonBMPCharactersAreEscaped() throws {
        #expect(try roundTrip("e: \"hi 😀\"\n") == "e: \"hi \\U0001F600\"\n")
    }

    @Test func flowCollectionsBecomeBlockExceptEmpty() throws {
        #expect(try roundTrip("l: [a, 1, {x: 2}]\nm: {}\nn: []\n") == "l:\n- a\n- 1\n- x: 2\nm: {}\n\"n\": []\n")
    }

    @Test func keepBlocksDoNotEndWithDocumentMarker() throws {
        #expect(try roundTrip("k: \"a\\n\\n\"\n") == "k: |+\n  a\n\n")
    }

    @Test func aliasesAreExpanded() throws {
        #expect(try roundTrip("a: &x {b: 1}\nc: *x\n") == "a:\n  b: 1\nc:\n  b: 1\n")
    }
}
