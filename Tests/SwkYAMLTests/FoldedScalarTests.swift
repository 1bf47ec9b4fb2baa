import Testing
@testable import SwkYAML

/// Folded block scalars as kustomize's reader (yaml.v3) takes them; each expected value is what
/// `kubectl kustomize` printed for the same input.
@Suite struct FoldedScalarTests {
    func value(_ yaml: String, schema: YAMLSchema = .kyaml) throws -> String? {
        try YAMLParser.parseDocuments(yaml, file: "f.yaml", schema: schema)[0]["v"]?.stringValue
    }

    @Test func breakBeforeMoreIndentedLineIsDoubled() throws {
        #expect(try value("v: >\n  {\n    \"id\": null,\n    \"x\": 1\n  }\n") == "{\n\n  \"id\": null,\n  \"x\": 1\n}\n")
    }

    @Test func blankLinesAndReturnToNormalIndent() throws {
        #expect(try value("v: >\n  one\n  two\n\n  three\n    more\n  back\n") == "one two\nthree\n\n  more\nback\n")
        #expect(try value("v: >\n  x\n\n    y\n  z\n") == "x\n\n\n  y\nz\n")
    }

    @Test func stripChompingKeepsTheRule() throws {
        #expect(try value("v: >-\n  a\n    b\n    c\n  d\n") == "a\n\n  b\n  c\nd")
    }

    @Test func plainFoldingIsLibyamls() throws {
        #expect(try value("v: >\n  a\n  b\n") == "a b\n")
    }

    /// Kustomization files are read with goyaml.v2 rules, which fold as libyaml does.
    @Test func yaml11SchemaKeepsLibyamlFolding() throws {
        #expect(try value("v: >\n  {\n    \"id\": 1\n  }\n", schema: .yaml11) == "{\n  \"id\": 1\n}\n")
    }
}
