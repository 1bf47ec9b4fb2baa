import Foundation
import XCTest
@testable import GoTemplate
@testable import HelmChart
import SwkYAML

/// --set parsing, coalescing and schema messages, with the results Helm v4 gives.
final class ValuesTests: XCTestCase {
    func json(_ m: GoMap) -> String { (try? GoJSON.marshal(.map(m))) ?? "" }

    func set(_ s: String, _ mode: SetParser.Mode = .typed) throws -> String {
        let m = GoMap()
        try SetParser.parse(s, into: m, mode: mode)
        return json(m)
    }

    func testSetTypesNestingAndEscapes() throws {
        XCTAssertEqual(try set("a.b=c,n=10,z=0,o=007,f=1.5,t=TRUE,x=null,e="),
                       #"{"a":{"b":"c"},"e":"","f":"1.5","n":10,"o":"007","t":true,"x":null,"z":0}"#)
        XCTAssertEqual(try set(#"a\.b=1,v=x\,y"#), #"{"a.b":1,"v":"x,y"}"#)
        XCTAssertEqual(try set("list[1].x=3,nested[1][1]=1,k={a,b,c}"),
                       #"{"k":["a","b","c"],"list":[null,{"x":3}],"nested":[null,[null,1]]}"#)
        XCTAssertEqual(try set("n=10", .string), #"{"n":"10"}"#)
        XCTAssertEqual(try set(#"j={"q":[1,2]},k=3"#, .json), #"{"j":{"q":[1,2]},"k":3}"#)
        XCTAssertEqual(try set("l=a,b.c=d", .literal), #"{"l":"a,b.c=d"}"#)
    }

    /// A broken values.yaml as Helm v4 reports it (oracle.py): goyaml's line (scanner errors count
    /// from 1, parser errors from 0, none on the first) and problem.
    func testBrokenChartValuesAreHelmsLoadError() {
        let cases = [
            ("a: [\n", "line 1: did not find expected node content"),
            ("a: 1\n  b: 2\n", "line 2: mapping values are not allowed in this context"),
            ("a: @b\n", "found character that cannot start any token"),
        ]
        for (text, problem) in cases {
            let files: [(path: String, data: [UInt8])] = [
                ("Chart.yaml", Array("apiVersion: v2\nname: c\nversion: 0.1.0\n".utf8)), ("values.yaml", Array(text.utf8)),
            ]
            XCTAssertThrowsError(try ChartLoader.fromFiles(files)) { error in
                XCTAssertEqual("\(error)", "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: \(problem)")
            }
        }
    }

    func testSetErrors() {
        XCTAssertThrowsError(try set("k")) { XCTAssertEqual(($0 as? SetParser.Failure)?.message, #"key "k" has no value"#) }
        XCTAssertThrowsError(try set("a,b=1")) {
            XCTAssertEqual(($0 as? SetParser.Failure)?.message, #"key "a" has no value (cannot end with ,)"#)
        }
        XCTAssertThrowsError(try set("a[-1]=1")) { XCTAssertEqual(($0 as? SetParser.Failure)?.message, "negative -1 index not allowed") }
    }

    /// A large values file parsed in parts gives what the whole parse gives, and falls back to it
    /// where a cut would change the meaning.
    func testLargeValuesParseInPartsAsWhole() throws {
        // What the one-piece parse gives: each document's keys over the ones before.
        func whole(_ text: String) throws -> String {
            let out = GoMap()
            for d in try SwkYAML.YAMLParser.parseDocuments(text, file: "v", schema: .yaml11) {
                if case .map(let m) = ValueBridge.value(from: d) { for (k, v) in m.dict { out.dict[k] = v } }
            }
            return json(out)
        }
        let entries = (0..<4000).map { i in
            "svc\(i):\n  name: s\(i)\n  port: \(8000 + i)\n  on: yes\n  note: |\n    line \(i)\n\n  tags: [a, \"b\"]\n"
        }
        let body = entries.joined()
        XCTAssertNotNil(Values.parseInParts(body, file: "v"))
        guard case .map(let parts) = try Values.parse(body, file: "v") else { return XCTFail("not a map") }
        XCTAssertTrue(try json(parts) == whole(body))
        // An anchor used across a cut, a quoted scalar over a column-0 line, a key repeated, a marker.
        let fallbacks = [
            "first: &x {a: 1}\n" + body + "last: *x\n",
            // The cut falls inside the quoted scalar, whichever key line it is.
            entries[..<1500].joined() + "q: \"open\n" + entries[1500..<2500].joined() + "\"\n" + entries[2500...].joined(),
            "svc3999: again\n" + body,
            body + "---\nother: doc\n",
        ]
        for text in fallbacks {
            XCTAssertNil(Values.parseInParts(text, file: "v"))
            if let want = try? whole(text), case .map(let m)? = try? Values.parse(text, file: "v") { XCTAssertTrue(json(m) == want) }
        }
        // One top-level key holding most of the file as a block sequence: cut between its items,
        // with the sequence indented or not, and keys before and after it.
        let items = (0..<6000).map { i in "  - name: s\(i)\n    port: \(8000 + i)\n    note: |\n      - not an item \(i)\n" }
        let sequences = [
            "a: 1\nservices:\n" + items.joined() + "z: 2\n",
            "services:\n" + items.joined(),
            "services: # all of them\n" + items.map { String($0.dropFirst(2)).replacingOccurrences(of: "\n  ", with: "\n") }.joined() + "last: x\n",
        ]
        for text in sequences {
            XCTAssertNotNil(Values.parseInParts(text, file: "v"), String(text.prefix(40)))
            guard case .map(let m) = try Values.parse(text, file: "v") else { return XCTFail("not a map") }
            XCTAssertTrue(try json(m) == whole(text), String(text.prefix(40)))
        }
        // A quoted key after the sequence: its own items must not join the sequence.
        let quoted = "services:\n" + items[..<2].joined() + "\"other\":\n" + items[2...].joined()
        if case .map(let m) = try Values.parse(quoted, file: "v") { XCTAssertTrue(try json(m) == whole(quoted)) }
        let anchored = "services:\n  - &first {name: a}\n" + items.joined() + "  - *first\n"
        XCTAssertNil(Values.parseInParts(anchored, file: "v"))
    }

    func testValuesFilesMergeKeepsNullsUntilCoalescing() throws {
        let a = GoMap(["x": .map(GoMap(["y": .float(1)]))])
        let b = GoMap(["x": .map(GoMap(["y": .null]))])
        XCTAssertEqual(json(UserValues.mergeMaps(a, b)), #"{"x":{"y":null}}"#)
    }

    func chart(_ values: GoMap, schema: String? = nil) -> Chart {
        Chart(metadata: ChartMetadata(raw: GoMap(["name": .string("c"), "version": .string("1.0.0")])), values: values,
              schema: schema.map { Array($0.utf8) }, templates: [], files: [])
    }

    func testUserNullDeletesADefaultAndDefaultNullsAreDropped() throws {
        let c = chart(GoMap(["a": .float(1), "b": .null, "m": .map(GoMap(["k": .string("v"), "n": .null]))]))
        let out = try Coalesce.values(c, GoMap(["a": .null]), merge: false)
        XCTAssertEqual(json(out), #"{"m":{"k":"v"}}"#)
    }

    /// Texts as Helm v4.2.3 printed them for this schema (oracle.py).
    func testSchemaMessagesAreHelms() throws {
        let schema = #"{"type":"object","required":["image"],"properties":{"image":{"type":"string"},"replicas":{"type":"integer"}},"additionalProperties":false}"#
        let c = chart(GoMap(), schema: schema)
        XCTAssertThrowsError(try SchemaCheck.validate(c, GoMap(["replicas": .string("3")]))) { e in
            XCTAssertEqual("\(e)", """
            values don't meet the specifications of the schema(s) in the following chart(s):
            c:
            - at '': missing property 'image'
            - at '/replicas': got string, want integer

            """)
        }
        XCTAssertThrowsError(try SchemaCheck.validate(c, GoMap(["image": .string("x"), "logs": .bool(true)]))) { e in
            XCTAssertEqual("\(e)", "values don't meet the specifications of the schema(s) in the following chart(s):\nc:\n- at '': additional properties 'logs' not allowed\n")
        }
    }

    /// `pattern` runs on ICU, which backtracks: a catastrophic one fails the validation instead of hanging.
    func testSchemaPatternWorkIsBounded() throws {
        let c = chart(GoMap(), schema: #"{"properties":{"name":{"type":"string","pattern":"^(a+)+$"}}}"#)
        XCTAssertNoThrow(try SchemaCheck.validate(c, GoMap(["name": .string("aaaa")])))
        let started = Date()
        XCTAssertThrowsError(try SchemaCheck.validate(c, GoMap(["name": .string(String(repeating: "a", count: 40) + "b")]))) { e in
            XCTAssertTrue("\(e)".contains("- at '/name': exceeded the maxRegexSteps limit (20000000 regex steps) matching pattern '^(a+)+$'"), "\(e)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testHelmIgnoreAsHelmAppliesIt() {
        var ig = HelmIgnore("# comment\n*.bak\n/docs/\nci/*.yaml\n")
        ig.addDefaults()
        XCTAssertTrue(ig.ignores("templates/x.bak", isDir: false))
        XCTAssertTrue(ig.ignores("docs", isDir: true))
        XCTAssertFalse(ig.ignores("docs", isDir: false))
        XCTAssertTrue(ig.ignores("ci/a.yaml", isDir: false))
        XCTAssertFalse(ig.ignores("ci/sub/a.yaml", isDir: false))
        XCTAssertTrue(ig.ignores("templates/.hidden", isDir: false))
        XCTAssertFalse(ig.ignores("templates/cm.yaml", isDir: false))
    }

    /// Helm reads .helmignore line by line, dropping a line's "\r": a file with Windows line ends
    /// (checked against Helm v4, which renders only the third template of such a chart).
    func testHelmIgnoreWithWindowsLineEnds() {
        let ig = HelmIgnore("templates/foo.yaml\r\ntemplates/bar.yaml\r\n")
        XCTAssertTrue(ig.ignores("templates/foo.yaml", isDir: false))
        XCTAssertTrue(ig.ignores("templates/bar.yaml", isDir: false))
        XCTAssertFalse(ig.ignores("templates/baz.yaml", isDir: false))
    }

    /// The direct comparisons for plain names and `*suffix` agree with the general glob matcher.
    func testIgnoreShortcutsAgreeWithTheGlobMatcher() {
        let patterns = [".DS_Store", "*.swp", "*~", "*.tar.gz", "ci/*.yaml", "*/x", "a", "*", ""]
        let names = [".DS_Store", "x.swp", "a/x.swp", ".swp", "swp", "file~", "~", "a.tar.gz", "tar.gz", "ci/a.yaml",
                     "b/x", "b/c/x", "x", "a", "", "docs/a"]
        for pattern in patterns {
            let rule = HelmIgnore.Rule(pattern: pattern, negate: false, mustDir: false, onPath: true)
            for name in names {
                XCTAssertEqual(rule.matches(Array(name.unicodeScalars)), PathMatch.match(pattern, name), "\(pattern) on \(name)")
            }
        }
    }

    /// Hashes checked against crypt(3)'s bcrypt.
    func testBcryptMatchesReference() {
        let salt = (0..<16).map { UInt8($0) }
        XCTAssertEqual(BCrypt.hash(Array("pass".utf8), salt: salt, cost: 4),
                       "$2a$04$..CA.uOD/eaGAOmJB.yMBuVnDB.KPkk3kiiq/SP2dHMqJqpuqJ.f.")
        XCTAssertEqual(BCrypt.hash([], salt: salt, cost: 5), "$2a$05$..CA.uOD/eaGAOmJB.yMBu0wepwisIeExi8ybx0B2rzAK4boF7Gdu")
    }

    func testDerivePasswordMatchesSprig() {
        XCTAssertEqual(PasswordFunctions.derivePassword(1, "long", "password", "user", "example.com"), "ZedaFaxcZaso9*")
    }
}

/// When the charts' values may be used in place instead of copied.
final class ValuesInPlaceTests: XCTestCase {
    func chart(_ name: String, _ values: GoMap) -> Chart {
        Chart(metadata: ChartMetadata(raw: GoMap(["name": .string(name), "version": .string("1.0.0")])), values: values,
              schema: nil, templates: [], files: [])
    }

    func testSharedOrCyclicValuesAreNotTrees() {
        let shared = GoMap(["a": .int(1)])
        let top = chart("top", GoMap(["x": .map(GoMap())]))
        XCTAssertTrue(Coalesce.valuesAreTrees(top))
        top.dependencies = [chart("s1", shared), chart("s2", shared)]
        XCTAssertFalse(Coalesce.valuesAreTrees(top))
        let cyclic = GoMap()
        cyclic.dict["self"] = .list([.map(cyclic)])
        XCTAssertFalse(Coalesce.valuesAreTrees(chart("c", cyclic)))
    }
}
