import Foundation
import Testing
@testable import Kustomize

/// The name hash and the text parsers, checked against values kubectl printed.
@Suite struct GeneratorUnitTests {
    func hash(_ yaml: String) throws -> String? {
        var bytes = Array(yaml.utf8)
        let resources = try ResourceReader.read(bytes: &bytes, file: "t.yaml")
        return resources.first.flatMap { NameHash.suffix(for: $0.node) }
    }

    @Test func hashesKubectlPrinted() throws {
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c3}\n") == "6ct58987ht")
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: \"1\"}\n") == "h29d89cmmt")
        #expect(try hash("apiVersion: v1\nkind: Secret\nmetadata: {name: empty}\ntype: Opaque\ndata: {}\n") == "46f8b28mk5")
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c2}\nbinaryData: {bin: //4AYWJj}\n") == "9kbmf2mc57")
        #expect(try hash("apiVersion: v1\nkind: Secret\nmetadata: {name: s1}\ntype: Opaque\ndata: {bin: //4AYWJj, u: w6nwn5iA}\n")
                == "65h444784m")
        // Go's escaping: \b and \f short, U+2028/9 and <>& as \u escapes, control bytes as \u00xx.
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\n"
                         + "data: {a: \"\\b\\f\\u2028\\u2029é😀<>&\\\"\\\\/\\t\\r\\n\"}\n") == "85f7g2mtm6")
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\ndata: {a: \"\\x01\"}\n") == "2tg979hmfh")
    }

    @Test func theNameDoesNotCount() throws {
        #expect(try hash("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {a: \"1\"}\n") == "h29d89cmmt")
    }

    @Test func envFileParsing() throws {
        let text = "\u{FEFF}FIRST=1\n# comment\n\n   INDENT=  spaced  \nNOEQ\nWIN=crlf\r\nQ=\"quoted\"\nE=\n=skipped\nexport X=1\nCR=1\rB=2"
        let pairs = try EnvFile.parse(Array(text.utf8))
        #expect(pairs.map(\.key) == ["FIRST", "INDENT", "NOEQ", "WIN", "Q", "E", "export X", "CR"])
        #expect(pairs.map(\.value) == ["1", "  spaced  ", "", "crlf", "\"quoted\"", "", "1", "1\rB=2"])
        // A BOM after the first line is part of the key.
        #expect(try EnvFile.parse(Array("A=1\n\u{FEFF}B=2\n".utf8)).map(\.key) == ["A", "\u{FEFF}B"])
        #expect(throws: EnvFile.InvalidUTF8(line: 2)) { try EnvFile.parse([0x41, 0x0A, 0xFF]) }
    }

    @Test func envFileStopsAtAnOverlongLine() throws {
        let ok = "A=1\nB=" + String(repeating: "x", count: 65_533) + "\nC=3\n"
        #expect(try EnvFile.parse(Array(ok.utf8)).map(\.key) == ["A", "B", "C"])
        let tooLong = "A=1\nB=" + String(repeating: "x", count: 65_534) + "\nC=3\n"
        #expect(try EnvFile.parse(Array(tooLong.utf8)).map(\.key) == ["A"])
    }

    @Test func literalAndFileSources() throws {
        #expect(LiteralSource.parse("a=\"q\"")?.value == "q")
        #expect(LiteralSource.parse("a=\"")?.value == "\"")
        #expect(LiteralSource.parse("a=\"mixed'")?.value == "\"mixed'")
        #expect(LiteralSource.parse("=1") == nil)
        #expect(LiteralSource.parse("nokey") == nil)
        #expect(try FileSource.parse("dir/sub/f.txt").get() == ("f.txt", "dir/sub/f.txt"))
        #expect(try FileSource.parse("k=dir/f.txt").get() == ("k", "dir/f.txt"))
        for bad in ["=f", "k=", "a=b=c"] {
            #expect(throws: KeyValueError.self) { try FileSource.parse(bad).get() }
        }
    }
}
