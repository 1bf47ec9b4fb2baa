import Testing
import SwkYAML
@testable import Kustomize

/// JSON 6902 operations; every expected output and message is what `kubectl kustomize`
/// (Kustomize v5.5.0) printed for the same patch and resource.
@Suite struct JSONPatchTests {
    static let resource = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cm
        data:
          a: "1"
        list: [1, 2, 3]

        """

    /// The resource as printed, with `data` and `list` replaced by the given lines.
    static func printed(data: String = "data:\n  a: \"1\"\n", list: String = "list:\n- 1\n- 2\n- 3\n",
                        extra: String = "") -> String {
        "apiVersion: v1\n" + data + "kind: ConfigMap\n" + list + "metadata:\n  name: cm\n" + extra
    }

    func apply(_ patch: String, to resource: String = Self.resource) throws -> String {
        let root = try YAMLParser.parseDocuments(resource, file: "r.yaml", schema: .kyaml)[0]
        let ops = try YAMLParser.parseDocuments(patch, file: "p.yaml", schema: .yaml11)[0]
        return YAMLEmitter.emit(try JSONPatch.parse(ops).apply(to: root))
    }

    func failure(_ patch: String, to resource: String = Self.resource) throws -> KustomizeError? {
        do {
            _ = try apply(patch, to: resource)
            return nil
        } catch let e as KustomizeError {
            return e
        }
    }

    // MARK: add

    @Test func addKey() throws {
        #expect(try apply("- {op: add, path: /data/b, value: x}") == Self.printed(data: "data:\n  a: \"1\"\n  b: x\n"))
    }

    @Test func addInsertsIntoArray() throws {
        #expect(try apply("- {op: add, path: /list/1, value: 9}") == Self.printed(list: "list:\n- 1\n- 9\n- 2\n- 3\n"))
    }

    @Test func addAppends() throws {
        let appended = Self.printed(list: "list:\n- 1\n- 2\n- 3\n- 9\n")
        #expect(try apply("- {op: add, path: /list/-, value: 9}") == appended)
        #expect(try apply("- {op: add, path: /list/3, value: 9}") == appended) // index == count
        #expect(try apply("- {op: add, path: /list/-1, value: 9}") == appended) // -1 counts from past the end
    }

    @Test func addIndexForms() throws {
        // Leading zeros and a plus sign are read as Go's Atoi reads them.
        let inserted = Self.printed(list: "list:\n- 1\n- 9\n- 2\n- 3\n")
        #expect(try apply("- {op: add, path: /list/01, value: 9}") == inserted)
        #expect(try apply("- {op: add, path: /list/+1, value: 9}") == inserted)
        #expect(try apply("- {op: add, path: /list/-4, value: 9}") == Self.printed(list: "list:\n- 9\n- 1\n- 2\n- 3\n"))
    }

    @Test func addWithoutValueAddsNull() throws {
        #expect(try apply("- {op: add, path: /data/q}") == Self.printed(data: "data:\n  a: \"1\"\n  q: null\n"))
    }

    @Test func addFailures() throws {
        #expect(try failure("- {op: add, path: /list/4, value: 9}")?.message
            == "operation 0 (add /list/4): error in add for path: '/list/4': Unable to access invalid index: 4: invalid index referenced")
        #expect(try failure("- {op: add, path: /list/-5, value: 9}")?.message
            == "operation 0 (add /list/-5): error in add for path: '/list/-5': Unable to access invalid index: -5: invalid index referenced")
        #expect(try failure("- {op: add, path: /list/x, value: 9}")?.message
            == "operation 0 (add /list/x): error in add for path: '/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax")
        #expect(try failure("- {op: add, path: /nope/x, value: 1}")?.message
            == "operation 0 (add /nope/x): add operation does not apply: doc is missing path: \"/nope/x\": missing value")
        // Walking through a scalar is a missing path too.
        #expect(try failure("- {op: add, path: /data/a/q, value: 1}")?.message
            == "operation 0 (add /data/a/q): add operation does not apply: doc is missing path: \"/data/a/q\": missing value")
        #expect(try failure("- {op: add, path: \"\", value: {a: 1}}")?.message
            == "operation 0 (add \"\"): add operation does not apply: doc is missing path: \"\": missing value")
        #expect(try failure("- {op: add, value: 1}")?.message == "operation 0 (add): add operation failed to decode path: missing value")
    }

    // MARK: pointers

    @Test func pointerEscapes() throws {
        #expect(try apply("- {op: add, path: /a~1b~0c, value: 1}") == "a/b~c: 1\n" + Self.printed())
        // One pass: `~01` is `~1`; an unknown escape stays.
        #expect(try apply("- {op: add, path: /x~01, value: 1}") == Self.printed(extra: "x~1: 1\n"))
        #expect(try apply("- {op: add, path: /x~2, value: 1}") == Self.printed(extra: "x~2: 1\n"))
    }

    @Test func pointerLaxForms() throws {
        // The piece before the first `/` is ignored, and `/` alone names the empty key.
        #expect(try apply("- {op: add, path: data/q, value: 1}") == Self.printed(extra: "q: 1\n"))
        #expect(try apply("- {op: add, path: /, value: 1}") == "\"\": 1\n" + Self.printed())
    }

    // MARK: remove

    @Test func remove() throws {
        #expect(try apply("- {op: remove, path: /list/0}") == Self.printed(list: "list:\n- 2\n- 3\n"))
        #expect(try apply("- {op: remove, path: /list/-1}") == Self.printed(list: "list:\n- 1\n- 2\n"))
    }

    @Test func removeFailures() throws {
        #expect(try failure("- {op: remove, path: /data/zz}")?.message
            == "operation 0 (remove /data/zz): error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value")
        #expect(try failure("- {op: remove, path: /list/3}")?.message
            == "operation 0 (remove /list/3): error in remove for path: '/list/3': Unable to access invalid index: 3: invalid index referenced")
        #expect(try failure("- {op: remove, path: /list/-}")?.message
            == "operation 0 (remove /list/-): error in remove for path: '/list/-': strconv.Atoi: parsing \"-\": invalid syntax")
        #expect(try failure("- {op: remove, path: \"\"}")?.message
            == "operation 0 (remove \"\"): remove operation does not apply: doc is missing path: \"\": missing value")
        #expect(try failure("- {op: remove}")?.message == "operation 0 (remove): remove operation failed to decode path: missing value")
    }

    // MARK: replace

    @Test func replace() throws {
        #expect(try apply("- {op: replace, path: /data/a, value: 2}") == Self.printed(data: "data:\n  a: 2\n"))
        #expect(try apply("- {op: replace, path: /list/-1, value: 9}") == Self.printed(list: "list:\n- 1\n- 2\n- 9\n"))
        // A missing object key is added, as the library does.
        #expect(try apply("- {op: replace, path: /data/new, value: 2}") == Self.printed(data: "data:\n  a: \"1\"\n  new: 2\n"))
    }

    @Test func replaceWholeDocument() throws {
        #expect(try apply("- {op: replace, path: \"\", value: {apiVersion: v1, kind: Secret, metadata: {name: s}}}")
            == "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n")
        // A scalar value is ignored; an array one can't be read back as a resource.
        #expect(try apply("- {op: replace, path: \"\", value: 5}") == Self.printed())
        #expect(try failure("- {op: replace, path: \"\", value: [1]}")?.message
            == "json: cannot unmarshal array into Go value of type map[string]interface {}")
    }

    @Test func replaceFailures() throws {
        #expect(try failure("- {op: replace, path: /list/3, value: 3}")?.message
            == "operation 0 (replace /list/3): replace operation does not apply: doc is missing key: /list/3: missing value")
        #expect(try failure("- {op: replace, path: /list/-, value: 3}")?.message
            == "operation 0 (replace /list/-): replace operation does not apply: doc is missing key: /list/-: missing value")
        #expect(try failure("- {op: replace, path: /nope/x, value: 3}")?.message
            == "operation 0 (replace /nope/x): replace operation does not apply: doc is missing path: /nope/x: missing value")
        #expect(try failure("- {op: replace, value: 1}")?.message
            == "operation 0 (replace): replace operation failed to decode path: operation missing path field: missing value")
        #expect(try failure("- {op: replace, path: true, value: 1}")?.message
            == "operation 0 (replace): replace operation failed to decode path: json: cannot unmarshal bool into Go value of type string")
    }

    @Test func errorNamesTheOperationAndItsLine() throws {
        let e = try #require(try failure("- op: add\n  path: /data/c\n  value: 1\n- op: replace\n  path: /spec/x\n  value: 2\n"))
        #expect(e.message == "operation 1 (replace /spec/x): replace operation does not apply: doc is missing path: /spec/x: missing value")
        #expect(e.mark.line == 4)
    }

    // MARK: move and copy

    @Test func move() throws {
        #expect(try apply("- {op: move, from: /data/a, path: /moved}") == Self.printed(data: "data: {}\n", extra: "moved: \"1\"\n"))
        #expect(try apply("- {op: move, from: /list/0, path: /list/-}") == Self.printed(list: "list:\n- 2\n- 3\n- 1\n"))
    }

    @Test func moveFailures() throws {
        #expect(try failure("- {op: move, from: /data/zz, path: /data/c}")?.message
            == "operation 0 (move /data/c): error in move for path: 'zz': Unable to remove nonexistent key: zz: missing value")
        #expect(try failure("- {op: move, from: /list/5, path: /list/-}")?.message
            == "operation 0 (move /list/-): error in move for path: '5': Unable to access invalid index: 5: invalid index referenced")
        #expect(try failure("- {op: move, from: /nope/a, path: /data/c}")?.message
            == "operation 0 (move /data/c): move operation does not apply: doc is missing from path: /nope/a: missing value")
        // The source is removed first, so moving into itself finds no destination.
        #expect(try failure("- {op: move, from: /data, path: /data/x}")?.message
            == "operation 0 (move /data/x): move operation does not apply: doc is missing destination path: /data/x: missing value")
        #expect(try failure("- {op: move, from: /data/a, path: /list/9}")?.message
            == "operation 0 (move /list/9): error in move for path: '/list/9': Unable to access invalid index: 9: invalid index referenced")
        #expect(try failure("- {op: move, path: /data/x}")?.message
            == "operation 0 (move /data/x): move operation failed to decode from: operation, missing from field: missing value")
        #expect(try failure("- {op: move, from: /data/a}")?.message
            == "operation 0 (move): move operation failed to decode path: operation missing path field: missing value")
    }

    @Test func copy() throws {
        #expect(try apply("- {op: copy, from: /list, path: /data/copy}")
            == Self.printed(data: "data:\n  a: \"1\"\n  copy:\n  - 1\n  - 2\n  - 3\n"))
        // A missing object key copies as null.
        #expect(try apply("- {op: copy, from: /data/none, path: /data/copy}") == Self.printed(data: "data:\n  a: \"1\"\n  copy: null\n"))
    }

    @Test func copiesAreIndependent() throws {
        let out = try apply("""
            - {op: add, path: /o2, value: {a: 1}}
            - {op: copy, from: /o2, path: /o3}
            - {op: add, path: /o3/c, value: 3}
            - {op: test, path: /o2, value: {a: 1}}
            """)
        #expect(out == Self.printed(extra: "o2:\n  a: 1\no3:\n  a: 1\n  c: 3\n"))
    }

    @Test func copyFailures() throws {
        #expect(try failure("- {op: copy, from: /list/7, path: /data/o}")?.message
            == "operation 0 (copy /data/o): error in copy for from: '/list/7': Unable to access invalid index: 7: invalid index referenced")
        #expect(try failure("- {op: copy, from: /data/a, path: /nope/o}")?.message
            == "operation 0 (copy /nope/o): copy operation does not apply: doc is missing destination path: /nope/o: missing value")
        #expect(try failure("- {op: copy, from: /data/a, path: /list/7}")?.message
            == "operation 0 (copy /list/7): error while adding value during copy: Unable to access invalid index: 7: invalid index referenced")
        #expect(try failure("- {op: copy, from: /data/a}")?.message == "operation 0 (copy): copy operation failed to decode path: missing value")
    }

    // MARK: test

    @Test func testPasses() throws {
        let r = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            s: "1"
            list: [1, 2, 3]
            obj: {z: 1, "y": 2}
            n: null
            f: 1.0
            i: 1000000
            b: true

            """
        for op in ["/s, value: \"1\"", "/list, value: [1, 2, 3]", "/obj, value: {\"y\": 2, z: 1}", "/n, value: null",
                   "/zz, value: null", "/f, value: 1", "/i, value: 1e6", "/b, value: yes"] {
            #expect(throws: Never.self) { try apply("- {op: test, path: \(op)}", to: r) }
        }
    }

    @Test func testFailures() throws {
        let message = { (op: String) in try failure("- {op: test, path: \(op)}")?.message }
        #expect(try message("/data/a, value: 1") == "operation 0 (test /data/a): testing value /data/a failed: test failed")
        #expect(try message("/list, value: [1, 3, 2]") == "operation 0 (test /list): testing value /list failed: test failed")
        #expect(try message("/data, value: {a: \"1\", b: 2}") == "operation 0 (test /data): testing value /data failed: test failed")
        #expect(try message("/zz, value: 1") == "operation 0 (test /zz): testing value /zz failed: test failed")
        #expect(try message("/data/a") == "operation 0 (test /data/a): testing value /data/a failed: test failed")
        #expect(try message("/list/5, value: 1")
            == "operation 0 (test /list/5): error in test for path: '/list/5': Unable to access invalid index: 5: invalid index referenced")
        #expect(try message("/nope/x, value: 1")
            == "operation 0 (test /nope/x): test operation does not apply: is missing path: /nope/x: missing value")
        #expect(try message("\"\", value: {a: 1}") == "operation 0 (test \"\"): testing value  failed: test failed")
        // YAML 1.1 reads the patch: the key `y` is true.
        let withObj = Self.resource + "obj: {z: 1, \"y\": 2}\n"
        #expect(try failure("- {op: test, path: /obj, value: {y: 2, z: 1}}", to: withObj)?.message
            == "operation 0 (test /obj): testing value /obj failed: test failed")
    }

    @Test func testGuardsLaterOperations() throws {
        #expect(try apply("- {op: test, path: /list, value: [1, 2, 3]}\n- {op: add, path: /data/ok, value: \"yes\"}")
            == Self.printed(data: "data:\n  a: \"1\"\n  ok: \"yes\"\n"))
    }

    // MARK: the rest

    @Test func unknownOperation() throws {
        #expect(try failure("- {op: frob, path: /data/a}")?.message == "operation 0 (frob /data/a): Unexpected kind: frob")
        #expect(try failure("- {path: /data/a}")?.message == "operation 0 (unknown /data/a): Unexpected kind: unknown")
    }

    @Test func numbersPassThroughFloat64() throws {
        #expect(try apply("- {op: add, path: /big, value: 9007199254740993}") == "apiVersion: v1\nbig: 9007199254740992\n"
            + "data:\n  a: \"1\"\nkind: ConfigMap\nlist:\n- 1\n- 2\n- 3\nmetadata:\n  name: cm\n")
    }

    @Test func patchValuesAreNotMutated() throws {
        let ops = try YAMLParser.parseDocuments("- {op: add, path: /o, value: {a: [1]}}\n- {op: add, path: /o/a/-, value: 2}",
                                                file: "p.yaml", schema: .yaml11)[0]
        let patch = try JSONPatch.parse(ops)
        let root = try YAMLParser.parseDocuments(Self.resource, file: "r.yaml", schema: .kyaml)[0]
        _ = try patch.apply(to: root)
        let second = try patch.apply(to: root)
        #expect(YAMLEmitter.emit(second) == Self.printed(extra: "o:\n  a:\n  - 1\n  - 2\n"))
        #expect(YAMLEmitter.emit(try #require(patch.operations[0].value)) == "a:\n- 1\n")
        #expect(YAMLEmitter.emit(root) == Self.printed())
    }

    @Test func parseRejectsNonOperations() throws {
        let notList = try YAMLParser.parseDocuments("{op: add}", file: "p.yaml", schema: .yaml11)[0]
        #expect(throws: KustomizeError.self) { try JSONPatch.parse(notList) }
        let scalarItem = try YAMLParser.parseDocuments("- 3", file: "p.yaml", schema: .yaml11)[0]
        do {
            _ = try JSONPatch.parse(scalarItem)
            Issue.record("expected an error")
        } catch let e as KustomizeError {
            #expect(e.message == "json: cannot unmarshal number into Go value of type jsonpatch.Operation")
        }
    }
}
