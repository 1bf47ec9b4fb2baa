import Testing
@testable import SwkYAML

@Suite struct ParserTests {
    @Test func recordsLineAndColumn() throws {
        let docs = try YAMLParser.parseDocuments("a:\n  b: c\n", file: "f.yaml")
        #expect(docs[0]["a"]?["b"]?.mark == SourceMark(line: 2, column: 6))
    }

    @Test func nodeFieldsAreKeptApart() {
        let node = YAMLNode(kind: .sequence, text: "x", tag: .null, style: .folded, mark: SourceMark(line: 70_000, column: 123_456))
        #expect(node.kind == .sequence && node.tag == .null && node.style == .folded)
        #expect(node.mark == SourceMark(line: 70_000, column: 123_456))
        node.kind = .scalar
        node.style = .doubleQuoted
        #expect(node.kind == .scalar && node.tag == .null && node.style == .doubleQuoted && node.mark.column == 123_456)
        node.mark = SourceMark(line: 1, column: 2)
        node.tag = .float
        #expect(node.kind == .scalar && node.tag == .float && node.style == .doubleQuoted && node.mark == SourceMark(line: 1, column: 2))
        // A column past what a node keeps reads as the largest it keeps; the line is untouched.
        node.mark = SourceMark(line: 3, column: 1 << 30)
        #expect(node.mark == SourceMark(line: 3, column: 0x7F_FFFF) && node.style == .doubleQuoted)
        #expect(!node.tagFollowsText)
        node.tagFollowsText = true
        node.mark = SourceMark(line: 4, column: 5)
        #expect(node.tagFollowsText && node.mark == SourceMark(line: 4, column: 5) && node.tag == .float)
        #expect(node.deepCopy().tagFollowsText)
        node.tagFollowsText = false
        #expect(!node.tagFollowsText && node.mark == SourceMark(line: 4, column: 5))
    }

    @Test func syntaxErrorsNameFileAndLine() {
        #expect {
            _ = try YAMLParser.parseDocuments("a: b\n c: d\n", file: "bad.yaml")
        } throws: { error in
            let e = error as? YAMLError
            return e?.file == "bad.yaml" && e?.mark.line == 2
        }
    }

    @Test func emptyDocumentsAreNull() throws {
        let docs = try YAMLParser.parseDocuments("---\n---\na: 1\n", file: "f.yaml")
        #expect(docs.count == 2 || docs.count == 3)
        #expect(docs.filter { !$0.isNull }.count == 1)
    }

    @Test func jsonIsAccepted() throws {
        let docs = try YAMLParser.parseDocuments("{\"kind\": \"ConfigMap\", \"n\": 1.5}", file: "f.json")
        #expect(docs[0]["kind"]?.stringValue == "ConfigMap")
        #expect(docs[0]["n"]?.tag == .float)
    }

    @Test func schemasDisagreeOnYAML11Booleans() throws {
        #expect(try YAMLParser.parseDocuments("a: yes", file: "f", schema: .kyaml)[0]["a"]?.tag == .string)
        #expect(try YAMLParser.parseDocuments("a: yes", file: "f", schema: .yaml11)[0]["a"]?.tag == .bool)
    }

    @Test func aliasBombIsRejectedQuickly() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parseDocuments(yaml, file: "bomb.yaml") }
    }

    /// kubectl overflows its stack expanding these; here they are an error at the alias.
    @Test func aliasInsideItsOwnAnchorIsRejected() {
        for yaml in ["m: &a\n  name: x\n  self: *a\n", "m: &a\n  name: x\n  l:\n    <<: *a\n", "s: &a [1, [*a]]\n"] {
            #expect { _ = try YAMLParser.parseDocuments(yaml, file: "self.yaml") } throws: { error in
                (error as? YAMLError)?.message == "anchor 'a' is used inside its own value"
            }
        }
        // An alias to a finished sibling still expands, merge keys included.
        let docs = try? YAMLParser.parseDocuments("a: &a {p: 1, q: [2, 3]}\nb: *a\nc: {<<: *a, r: 4}\n", file: "ok.yaml")
        #expect(docs.map { YAMLEmitter.emit($0[0]) } == "a:\n  p: 1\n  q:\n  - 2\n  - 3\nb:\n  p: 1\n  q:\n  - 2\n  - 3\nc:\n  p: 1\n  q:\n  - 2\n  - 3\n  r: 4\n")
    }

    @Test func deepNestingIsRejected() {
        let yaml = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parseDocuments(yaml, file: "deep.yaml") }
    }

    @Test func invalidUTF8IsRejected() {
        var bytes: [UInt8] = Array("a: ".utf8) + [0xff, 0xfe] + Array("\n".utf8)
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parseDocuments(bytes: &bytes, file: "bin.yaml") }
    }

    @Test func duplicateKeysAreAnErrorInResources() {
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parseDocuments("a: 1\na: 2\n", file: "dup.yaml") }
    }

    @Test func explicitKeysWinOverMergedOnes() throws {
        let doc = try YAMLParser.parseDocuments("base: &b {port: 1, host: a}\nx:\n  <<: *b\n  port: 2\ny:\n  port: 3\n  <<: *b\n", file: "m.yaml")[0]
        #expect(doc["x"]?["port"]?.text == "2")
        #expect(doc["x"]?["host"]?.text == "a")
        #expect(doc["y"]?["port"]?.text == "3")
    }

    @Test func yaml11MergesOverrideKeysWrittenBeforeThem() throws {
        let doc = try YAMLParser.parseDocuments("base: &b {port: 2}\nd:\n  port: 3\n  <<: *b\n", file: "v.yaml", schema: .yaml11)[0]
        #expect(doc["d"]?["port"]?.text == "2")
    }

    @Test func largeMappingsStillCatchDuplicates() {
        let yaml = (0..<5000).map { "k\($0): v" }.joined(separator: "\n") + "\nk17: again\n"
        #expect { _ = try YAMLParser.parseDocuments(yaml, file: "big.yaml") } throws: { ($0 as? YAMLError)?.mark.line == 5001 }
    }
    /// yaml.v3 reads a plain scalar as a time only where Go's time.Parse takes one of its four
    /// layouts (fields in range, the day within its month; a zone after `T` only); kustomize's
    /// JSON hop prints it in RFC 3339.
    @Test func plainTimesAreReadAsGoParsesThem() throws {
        let cases: [(String, String)] = [
            ("2001-12-14", "2001-12-14T00:00:00Z"), ("2000-02-29", "2000-02-29T00:00:00Z"),
            ("1999-02-29", "1999-02-29"), ("1900-02-29", "1900-02-29"), ("2001-04-31", "2001-04-31"),
            ("2001-12-14 1:2:3", "2001-12-14T01:02:03Z"), ("2001-12-14 21:59:43Z", "2001-12-14 21:59:43Z"),
            ("2001-12-14T21:59:43", "2001-12-14T21:59:43"), ("2001-12-14T21:59:43,5Z", "2001-12-14T21:59:43.5Z"),
            ("2001-12-14T21:59:43.1234567891Z", "2001-12-14T21:59:43.123456789Z"),
            ("2001-12-14T21:59:43.5+01:60", "2001-12-14T21:59:43.5+02:00"), ("2001-12-14T21:59:43-00:00", "2001-12-14T21:59:43Z"),
            ("2001-12-14T21:59:43.5+25:00", "2001-12-14T21:59:43.5+25:00"), ("2001-12-14T21:59:43.Z", "2001-12-14T21:59:43.Z"),
        ]
        for (written, read) in cases {
            let doc = try YAMLParser.parseDocuments("v: \(written)\n", file: "f.yaml")[0]
            #expect(doc["v"]?.text == read, "\(written)")
        }
        #expect(throws: YAMLError.self) { _ = try YAMLParser.parseDocuments("v: 2001-12-14T21:59:43+24:00\n", file: "f.yaml") }
        // A layout's space takes a run of spaces; in a flow collection only a date alone converts.
        #expect(try YAMLParser.parseDocuments("v: 2001-12-14  1:2:3\n", file: "f.yaml")[0]["v"]?.text == "2001-12-14T01:02:03Z")
        let flow = try YAMLParser.parseDocuments("v: {a: 2001-12-14, b: [2001-12-14 1:2:3, 2001-12-14T1:2:3Z]}\nw: 2001-12-14 1:2:3\n", file: "f.yaml")[0]
        #expect(flow["v"]?["a"]?.text == "2001-12-14T00:00:00Z")
        #expect(flow["v"]?["b"]?.items.map(\.text) == ["2001-12-14 1:2:3", "2001-12-14T1:2:3Z"])
        #expect(flow["w"]?.text == "2001-12-14T01:02:03Z")
    }
}
