import Testing
@testable import Kustomize

/// Bad input fails with the file and line of the problem.
@Suite struct ErrorTests {
    func error(_ files: [String: String], dir: String = "") throws -> KustomizeError? {
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        do {
            _ = try tree.build(dir)
            return nil
        } catch let e as KustomizeError {
            return e
        }
    }

    @Test func malformedYAML() throws {
        let e = try #require(try error(["kustomization.yaml": "resources: [a.yaml]\n", "a.yaml": "kind: ConfigMap\n  bad: [\n"]))
        #expect(e.file.hasSuffix("a.yaml"))
        #expect(e.mark.line == 2)
    }

    @Test func missingResource() throws {
        let e = try #require(try error(["kustomization.yaml": "resources:\n- there.yaml\n- missing.yaml\n", "there.yaml": ""]))
        #expect(e.file.hasSuffix("kustomization.yaml"))
        #expect(e.mark.line == 3)
        #expect(e.message.contains("missing.yaml"))
    }

    @Test func pathEscapingTheRoot() throws {
        let e = try #require(try error([
            "app/kustomization.yaml": "resources:\n- ../outside.yaml\n",
            "outside.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        ], dir: "app"))
        #expect(e.message.contains("is not in or below"))
        #expect(e.mark.line == 2)
    }

    @Test func loadRestrictorNoneAllowsIt() throws {
        let tree = try TreeFixture([
            "app/kustomization.yaml": "resources:\n- ../outside.yaml\n",
            "outside.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n",
        ])
        defer { tree.remove() }
        var options = BuildOptions()
        options.loadRestrictor = .none
        #expect(try tree.build("app", options: options).contains("name: x"))
    }

    @Test func duplicateId() throws {
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n"
        let e = try #require(try error(["kustomization.yaml": "resources: [a.yaml, b.yaml]\n", "a.yaml": cm, "b.yaml": cm]))
        #expect(e.file.hasSuffix("b.yaml"))
        #expect(e.mark.line == 1)
        #expect(e.message.contains("already registered id"))
    }

    @Test func unknownField() throws {
        let e = try #require(try error(["kustomization.yaml": "resources: []\nbogusField: 1\n"]))
        #expect(e.message.contains("unknown field \"bogusField\""))
        #expect(e.mark.line == 2)
    }

    /// kustomize decodes a kustomization as JSON into Go types: where a string is due, what YAML 1.1
    /// reads as a number or boolean is an error, named with its line; quoted, null, dates and
    /// versions are strings. Checked against kubectl on each spelling.
    @Test func stringFieldsRefuseNumbersAndBooleans() throws {
        let deployment = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
        for (value, refused) in [("yes", true), ("y", true), ("off", true), ("1.0", true), ("010", true), ("0x1F", true), (".5", true),
                                 ("'1.0'", false), ("null", false), ("v1.2", false), ("2023-01-01", false), ("1.2.3", false)] {
            for field in ["namePrefix: \(value)", "commonAnnotations: {a: \(value)}", "labels: [{pairs: {a: \(value)}}]",
                          "images: [{name: nginx, newTag: \(value)}]"] {
                let tree = try TreeFixture(["cm.yaml": deployment, "kustomization.yaml": "resources: [cm.yaml]\n\(field)\n"])
                defer { tree.remove() }
                if refused {
                    #expect { _ = try tree.build("") } throws: { error in
                        (error as? KustomizeError)?.mark.line == 2 && "\(error)".contains("cannot unmarshal")
                    }
                }
                try tree.expectSameOutcomeAsKubectl(refused: refused, "\(field)")
            }
        }
    }

    /// An integer field takes what Go's JSON decoding gets: a YAML 1.1 integer in any base, or a
    /// float with an integral value (`3.0`, `1e1`); `3.5` and `'3'` are errors. Checked against kubectl.
    @Test func integerFieldsTakeIntegralNumbers() throws {
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n"
        for (value, refused) in [("010", false), ("3.0", false), ("1e1", false), ("-2.0", false), ("3.5", true), ("'3'", true), (".inf", true)] {
            let tree = try TreeFixture(["d.yaml": deployment,
                                        "kustomization.yaml": "resources: [d.yaml]\nreplicas: [{name: d, count: \(value)}]\n"])
            defer { tree.remove() }
            try tree.expectSameOutcomeAsKubectl(refused: refused, "\(value)")
        }
    }

    @Test func laterFeaturesAreNotSilentlyIgnored() throws {
        let e = try #require(try error(["kustomization.yaml": "resources:\n- https://github.com/example/repo//base\n"]))
        #expect(e.message.contains("not supported yet"))
        #expect(e.mark.line == 2)
    }

    @Test func componentsAndKustomizationsStayInTheirLists() throws {
        let component = "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nnamePrefix: c-\n"
        let inResources = try #require(try error(["kustomization.yaml": "resources: [comp]\n", "comp/kustomization.yaml": component]))
        #expect(inResources.message.contains("expected kind != 'Component'"))
        #expect(inResources.mark.line == 1)
        let inComponents = try #require(try error(["kustomization.yaml": "components: [base]\n", "base/kustomization.yaml": "namePrefix: b-\n"]))
        #expect(inComponents.message.contains("expected kind 'Component'"))
        let wrongVersion = try #require(try error(["kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nnamePrefix: c-\n"]))
        #expect(wrongVersion.message.contains("apiVersion for Component should be kustomize.config.k8s.io/v1alpha1"))
    }

    @Test func cycleIsDetected() throws {
        let e = try #require(try error(["kustomization.yaml": "resources: [.]\n"]))
        #expect(e.message.contains("cycle"))
    }

    @Test func twoKustomizationFiles() throws {
        let e = try #require(try error(["kustomization.yaml": "resources: []\n", "kustomization.yml": "resources: []\n"]))
        #expect(e.message.contains("multiple"))
    }
}

@Suite struct EdgeInputTests {
    @Test func kustomizationWithNothingSetIsEmpty() throws {
        for text in ["resources:\n", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n", "namePrefix: \"\"\n"] {
            let tree = try TreeFixture(["kustomization.yaml": text])
            defer { tree.remove() }
            #expect(throws: KustomizeError.self) { _ = try tree.build() }
        }
    }

    @Test func emptyListIsNotEmpty() throws {
        let tree = try TreeFixture(["kustomization.yaml": "resources: []\n"])
        defer { tree.remove() }
        #expect(try tree.build() == "")
    }

    @Test func infinityHasNoJSONForm() throws {
        let tree = try TreeFixture(["kustomization.yaml": "resources: [r.yaml]\n",
                                    "r.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: .inf\n"])
        defer { tree.remove() }
        #expect { _ = try tree.build() } throws: { ($0 as? KustomizeError)?.mark.line == 5 }
    }
    /// A strategic-merge patch brings such a key into the resource; JSON 6902 operations reach it
    /// through JSON, where every key is a string.
    @Test func nestedKeysThatAreNotStringsInPatches() throws {
        let smp = "apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: cm}\n    data:\n      1: a"
        let json = "- op: add\n      path: /data\n      value: {1: a, true: b}"
        for (patch, refused) in [(smp, true), (json, false)] {
            let tree = try TreeFixture(["r.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n",
                                        "kustomization.yaml": "resources: [r.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |-\n    \(patch)\n"])
            defer { tree.remove() }
            try tree.expectSameOutcomeAsKubectl(refused: refused, "\(patch)")
        }
    }

    /// kustomize's JSON hop cannot write a nested map whose key reads as another type than a
    /// string; a top-level one becomes a string, and a quoted one is a string.
    @Test func nestedKeysThatAreNotStrings() throws {
        for (key, nested, refused) in [("1", true, true), ("true", true, true), ("1.5", true, true), ("~", true, true),
                                       ("2001-12-14", true, true), ("1999-02-29", true, false), ("yes", true, false),
                                       ("\"1\"", true, false), ("1", false, false)] {
            let resource = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n" + (nested ? "data:\n  \(key): a\n" : "\(key): a\n")
            let tree = try TreeFixture(["kustomization.yaml": "resources: [r.yaml]\n", "r.yaml": resource])
            defer { tree.remove() }
            try tree.expectSameOutcomeAsKubectl(refused: refused, "key \(key), nested \(nested)")
            if refused {
                #expect { _ = try tree.build() } throws: { error in
                    let e = error as? KustomizeError
                    return e?.file.hasSuffix("r.yaml") == true && e?.mark.line == 5
                }
            }
        }
    }
}
