import Testing
@testable import SwkYAML

/// The quick scan either declines or agrees with the full parser (never accepts what libyaml refuses).
@Suite struct QuickScanTests {
    static let paths = [["kind"], ["metadata", "annotations", "helm.sh/hook"]]

    /// What the full parse gives for the same paths; nil when it fails or the root is not a mapping.
    func full(_ doc: String) -> [String?]? {
        guard let n = try? YAMLParser.parseDocuments(doc, file: "t", schema: .yaml11).first else {
            return (try? YAMLParser.parseDocuments(doc, file: "t", schema: .yaml11)) == nil ? nil : [nil, nil]
        }
        guard n.isMapping else { return nil }
        return [n["kind"]?.stringValue, n["metadata"]?["annotations"]?["helm.sh/hook"]?.stringValue]
    }

    @Test func acceptsPlainBlockYAML() {
        let doc = """
        apiVersion: batch/v1
        kind: Job # a comment
        metadata:
          name: "x"
          annotations:
            "helm.sh/hook": pre-install,post-upgrade
            other: 'it''s'
        spec:
          containers:
          - name: a
            args:
              - --flag
              -
            env: []
            script: |
              echo "a: b" # not a comment
                more
            folded: >-
              x
          # comment
          empty:
        """
        let got = YAMLQuickScan.scan(doc, paths: Self.paths)
        #expect(got != nil)
        #expect(got.map { $0 == full(doc)! } == true)
        #expect(got?[0] == "Job")
        #expect(got?[1] == "pre-install,post-upgrade")
    }

    @Test func commentOnlyIsEmpty() {
        let got = YAMLQuickScan.scan("# nothing\n\n", paths: Self.paths)
        #expect(got?.allSatisfy { $0 == nil } == true)
    }

    @Test func declinesOrAgreesOnTrickyDocuments() {
        let docs = [
            "kind: A\nkind: B\n", "a: 1\na: 2\n", "\"a\": 1\na: 2\n", "a: b: c\n", "a:\n  - x\n b: 1\n",
            "kind: ~\n", "kind: null\n", "kind:\n", "kind: \"x\\ty\"\n", "kind: &a x\n", "kind: !!str 1\n",
            "a: [1, 2]\n", "a: {b: c}\n", "- a\n- b\n", "just a scalar\n", "a: 'x\n  y'\n", "a: \"x\n",
            "a: |\n  x\n b: 1\n", "a: |\n     \n  x\n", "a:\n\tb: 1\n", "a: x\n  y\n", "yes: 1\ntrue: 2\n",
            "1: a\n01: b\n", "<<: {a: 1}\n", "? a\n: b\n", "a: b\n...\nc: d\n", "a: - b\n", "a:\n- b\n- c\nd: 1\n",
            "a: x #c\nb: 'y'#c\n", "a: \"\\q\"\n", "kind: Deployment\nmetadata:\n  annotations:\n    helm.sh/hook: |\n      test\n",
            "kind: 12\n", "a: b\n...  c: d\n", "a: |\n  x\n... \n", "a: 'x\n  y'\nb: 1\n", "a: 'x\n  y''s\n  z' # c\nb: 1\n", "a: 'x\n\n  y'\n", "a: 'x\ny'\n", "a: 'x\n  y' z\n", "a: 'x\n",
            "- 'x\n  y'\n", "k:\n- 'x\n  # y'\n", "kind: 'x\n  y'\n", "a: foo\n  \"bar\" [x] {y} 'z' `q`\n", "a: foo\n  - bar\n", "a: foo\n  ? bar\n", "a: foo\n  *x &y !z |w >v %u @t\n", "a: |\n   \t x\n    y\n", "a: |\n    x\n\t\n    y\n", "a: |\n    x\n    \ty\n", "a: foo\n  bar\nb: 1\n", "a: foo\n  # c\n  bar\n", "a: foo\n\n  bar\n", "kind: A\n  B\n",
            "x:\n- a\n  b\n- c\n", "x:\n  - a: b\n    c\n", "a: b\n  c: d\n", "a: b\n  - c\n", "a: 'b'\n  c\n", "a: [1, , 2]\n", "a: [a, ]\n", "a: [a: b]\n", "a: [\"x\" y]\n", "a: [\"x\", 'y', z w]\n", "kind: yes\n", "a:\n  b: 1\n   c: 2\n", "  a: 1\nb: 2\n", "a: \u{7}\n",
            // A comment ends a plain scalar: a more indented line after it is no continuation.
            "apiVersion: v1 # c\n  nam- port:v\n", "a:\n- x # c\n  y\n", "a: x # c\n  y: z\n",
            // Keys YAML 1.1 reads as bools or nulls, and keys near the wanted ones.
            "no: 1\nkind: A\n", "Null: x\nkind: A\n", "NO: 1\n", "on: x\n", "n: 1\n", "name: x\nkind: A\n",
            "ny: 1\nkind: A\n", "Kind: A\n", "kindx: A\nkind: B\n", "kin: A\n",
            "metadatax:\n  annotations:\n    helm.sh/hook: x\nkind: A\n",
            "metadata:\n  annotation:\n    helm.sh/hook: x\n  annotations:\n    helm.sh/hooks: y\n",
            "metadata:\n  annotations:\n    \"helm.sh/hook\": 'pre-install'\n",
        ]
        for doc in docs {
            guard let got = YAMLQuickScan.scan(doc, paths: Self.paths) else { continue }
            #expect(full(doc) != nil, "accepted what the parser refuses: \(doc)")
            if let want = full(doc) { #expect(got == want, "\(doc)") }
        }
    }

    /// Duplicate keys are declined in small and large maps, and a nested map's keys do not count
    /// as its parent's.
    @Test func duplicateKeysAreFoundPerMap() {
        let many = (0..<20).map { "k\($0): v" }.joined(separator: "\n")
        let cases: [(doc: String, accepted: Bool)] = [
            (many + "\nkind: A\n", true),
            (many + "\nk7: again\n", false),
            ("kind: A\nmetadata:\n" + many.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n  k19: x\n", false),
            ("a:\n  b: 1\n  kind: x\nb: 2\nkind: A\n", true),
            ("a:\n  b: 1\na: 2\n", false),
            ("a:\n- b: 1\n  b: 2\n", false),
            ("a:\n- b: 1\n- b: 2\nb: 3\n", true),
        ]
        for c in cases {
            let got = YAMLQuickScan.scan(c.doc, paths: Self.paths)
            // A duplicate is left to the full parse, whose caller reports it.
            #expect((got != nil) == c.accepted, "\(c.doc)")
            if let got { #expect(got == full(c.doc)) }
        }
    }
}
