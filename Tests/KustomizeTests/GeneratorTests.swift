import Foundation
import Testing
@testable import Kustomize

/// configMapGenerator, secretGenerator and generatorOptions against `kubectl kustomize`
/// (skipped without kubectl), and the pieces whose bytes matter: the name hash and env files.
@Suite struct GeneratorTests {
    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
    spec:
      template:
        spec:
          imagePullSecrets:
          - name: pull
          containers:
          - name: web
            image: nginx
            envFrom:
            - configMapRef: {name: settings}
            - secretRef: {name: creds}
            env:
            - name: MODE
              valueFrom:
                configMapKeyRef: {name: settings, key: mode}
            - name: PASS
              valueFrom:
                secretKeyRef: {name: creds, key: pass}
          volumes:
          - name: cfg
            configMap: {name: settings}
          - name: sec
            secret: {secretName: creds}
          - name: both
            projected:
              sources:
              - configMap: {name: settings}
              - secret: {name: creds}

    """

    /// Builds `dir` of a tree with both tools; `binary` files are written as raw bytes.
    func compare(_ files: [String: String], binary: [String: [UInt8]] = [:], dir: String = "") throws {
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        for (path, bytes) in binary { try Data(bytes).write(to: URL(fileURLWithPath: tree.path(path))) }
        try tree.expectSameAsKubectl(dir)
    }

    // MARK: sources

    @Test func literalsKeepEverythingAfterTheFirstEqualsSign() throws {
        try compare(["kustomization.yaml": """
        configMapGenerator:
        - name: settings
          literals:
          - plain=1
          - 'double="quoted"'
          - single='quoted'
          - "mixed=\\"half'"
          - lone="
          - empty=
          - eq=a=b=c
          - html=<a & b>
          - unicode=héllo wörld ✓ 😀
          - "controls=tab\\there\\u0001\\b\\f\\u2028"
          - spaced=  padded
          - multi=line one\\nline two
        """])
    }

    /// kustomize passes the entry to its plugin through JSON and goyaml.v2: NEL folds like a line break.
    @Test func nextLineCharactersFoldInTheEntry() throws {
        try compare(["kustomization.yaml": """
        configMapGenerator:
        - name: c
          literals: ["a=x  \\x85  y", "b=x \\x85 \\x85\\x85 y", "c=\\x85", "d= \\x85z"]
          options: {labels: {k: "v \\x85w"}}
        """])
    }

    @Test func filesWithRenamesAndFolders() throws {
        try compare([
            "kustomization.yaml": """
            configMapGenerator:
            - name: settings
              files:
              - app.properties
              - renamed.conf=conf/nested/original.conf
              - conf/nested/original.conf
            secretGenerator:
            - name: creds
              files:
              - tls.key=conf/key.pem
              - app.properties
            """,
            "app.properties": "mode=fast\nlevel=3\n",
            "conf/nested/original.conf": "listen 80;\n",
            "conf/key.pem": "-----BEGIN KEY-----\n" + String(repeating: "QUJD", count: 40) + "\n-----END KEY-----\n",
        ])
    }

    /// A file saved with a byte-order mark prints with every character escaped, as goyaml.v2 does.
    @Test func filesThatStartWithABOM() throws {
        try compare([
            "kustomization.yaml": "configMapGenerator:\n- name: c\n  files: [c.json, long.txt]\n  literals: [\"x=\\ufeffab c\"]\n",
            "c.json": "\u{FEFF}{\n  \"a\": \"é\"\n}\n",
            "long.txt": "\u{FEFF}" + String(repeating: "word ", count: 30) + "\n" + String(repeating: "x", count: 10),
        ])
    }

    @Test func bytesThatAreNotUTF8GoToBinaryData() throws {
        try compare([
            "kustomization.yaml": """
            configMapGenerator:
            - name: blobs
              files: [small.bin, big.bin, text.txt]
            secretGenerator:
            - name: blobs
              files: [small.bin, big.bin]
            """,
            "text.txt": "just text\n",
        ], binary: ["small.bin": [0xFF, 0xFE, 0x00, 0x41], "big.bin": (0..<200).map { UInt8($0) }])
    }

    @Test func envFilesFollowKustomizeRules() throws {
        let env = "\u{FEFF}FIRST=1\n# a comment\n\n   INDENTED=  kept  \nNO_EQUALS\nWINDOWS=crlf\r\n"
            + "QUOTED=\"stays\"\nEMPTY=\n=no key\nexport SPACED=1\nLAST=no newline"
        try compare([
            "kustomization.yaml": """
            configMapGenerator:
            - name: settings
              envs: [a.env, b.env]
            secretGenerator:
            - name: creds
              env: b.env
            """,
            "a.env": env,
            "b.env": "B=2\n",
        ])
    }

    @Test func deprecatedEnvComesAfterEnvs() throws {
        try compare([
            "kustomization.yaml": "configMapGenerator:\n- name: c\n  env: late.env\n  envs: [early.env]\n",
            "early.env": "A=1\n", "late.env": "B=2\n",
        ])
    }

    // MARK: options

    @Test func optionsLabelsAnnotationsImmutableAndNoHash() throws {
        try compare(["kustomization.yaml": """
        configMapGenerator:
        - name: labelled
          literals: [a=1]
          options:
            labels: {tier: "1", app: web}
            annotations: {note: "true", owner: me}
        - name: fixed
          literals: [a=1]
          options: {disableNameSuffixHash: true, immutable: true}
        secretGenerator:
        - name: sealed
          type: kubernetes.io/basic-auth
          literals: [username=admin, password=secret]
          options: {immutable: true, labels: {app: web}}
        - name: empty
        """])
    }

    @Test func generatorOptionsMergeUnderLocalOptions() throws {
        try compare(["kustomization.yaml": """
        generatorOptions:
          labels: {shared: global, team: global}
          annotations: {a: global}
          immutable: true
        configMapGenerator:
        - name: local-wins
          literals: [a=1]
          options:
            labels: {team: local}
            disableNameSuffixHash: false
        - name: no-options
          literals: [a=1]
        secretGenerator:
        - name: s
          literals: [a=1]
          options: {annotations: {b: local}}
        """])
        try compare(["kustomization.yaml": """
        generatorOptions: {disableNameSuffixHash: true}
        configMapGenerator:
        - name: global-off
          literals: [a=1]
        """])
    }

    // MARK: names and references

    @Test func referencesFollowTheHashedNames() throws {
        try compare([
            "kustomization.yaml": """
            resources: [deployment.yaml]
            namePrefix: p-
            nameSuffix: -s
            namespace: shop
            commonLabels: {app: web}
            commonAnnotations: {team: retail}
            configMapGenerator:
            - name: settings
              literals: [mode=fast]
            secretGenerator:
            - name: creds
              literals: [pass=hunter2]
            - name: pull
              type: kubernetes.io/dockerconfigjson
              literals: ['.dockerconfigjson={"auths":{}}']
            """,
            "deployment.yaml": Self.deployment,
        ])
    }

    @Test func generatorsInABaseGetTheOverlaysTransformers() throws {
        try compare([
            "base/kustomization.yaml": """
            resources: [deployment.yaml]
            configMapGenerator:
            - name: settings
              literals: [mode=fast]
            secretGenerator:
            - name: creds
              literals: [pass=p]
            - name: pull
              literals: [x=y]
            """,
            "base/deployment.yaml": Self.deployment,
            "overlay/kustomization.yaml": """
            resources: [../base]
            namePrefix: prod-
            patches:
            - target: {kind: ConfigMap, name: settings}
              patch: |
                - op: add
                  path: /data/extra
                  value: patched
            """,
        ], dir: "overlay")
    }

    /// kustomize's internal annotation asks for the hash on any ConfigMap; the public-looking
    /// `needs-hash` one does nothing in 5.5.
    @Test func aResourceCanCarryTheHashRequest() throws {
        try compare([
            "kustomization.yaml": "resources: [r.yaml]\n",
            "r.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              annotations: {kustomize.config.k8s.io/needs-hash: "true"}
            data: {x: "1"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: b
              annotations: {internal.config.kubernetes.io/needsHashSuffix: enabled, keep: me}
            data: {x: "1"}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                image: x
                envFrom:
                - configMapRef: {name: a}
                - configMapRef: {name: b}
            """,
        ])
    }

    // MARK: behavior

    @Test func mergeAndReplaceAcrossTwoLevels() throws {
        try compare([
            "base/kustomization.yaml": """
            resources: [deployment.yaml, plain.yaml]
            namePrefix: b-
            namespace: ns1
            configMapGenerator:
            - name: settings
              literals: [a=1, z=base]
              options: {labels: {from: base, keep: "yes"}, annotations: {ann: base}}
            secretGenerator:
            - name: creds
              literals: [user=u]
            - name: pull
              literals: [x=1]
            """,
            "base/deployment.yaml": Self.deployment,
            "base/plain.yaml": """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: plain, labels: {p: q}}
            data: {x: "1", n: 5}
            binaryData: {b: "//79"}
            """,
            "mid/kustomization.yaml": """
            resources: [../base]
            namePrefix: m-
            configMapGenerator:
            - name: settings
              behavior: merge
              literals: [a=2, b=mid]
              options: {labels: {from: mid}}
            - name: plain
              namespace: ns1
              behavior: merge
              literals: [y=2]
            secretGenerator:
            - name: creds
              behavior: replace
              type: Special
              literals: [pass=p]
            """,
            "top/kustomization.yaml": """
            resources: [../mid]
            configMapGenerator:
            - name: settings
              namespace: ns1
              behavior: merge
              literals: [c=top, "u=ünïcødé"]
            secretGenerator:
            - name: pull
              namespace: ns1
              behavior: merge
              files: [blob.bin]
            """,
        ], binary: ["top/blob.bin": [0xC3, 0x28, 0xA0, 0xA1]], dir: "top")
    }

    @Test func theHashSurvivesAMergeOnlyWhenBothSidesAskForIt() throws {
        try compare([
            "base/kustomization.yaml": """
            resources: [plain.yaml]
            configMapGenerator:
            - name: hashed
              literals: [a=1]
            - name: unhashed
              literals: [a=1]
              options: {disableNameSuffixHash: true}
            - name: off-later
              literals: [a=1]
            """,
            "base/plain.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {x: \"1\"}\n",
            "overlay/kustomization.yaml": """
            resources: [../base]
            configMapGenerator:
            - {name: hashed, behavior: merge, literals: [b=2]}
            - {name: unhashed, behavior: merge, literals: [b=2]}
            - {name: plain, behavior: replace, literals: [b=2]}
            - name: off-later
              behavior: merge
              literals: [b=2]
              options: {disableNameSuffixHash: true}
            """,
        ], dir: "overlay")
    }

    @Test func anEntryMergesIntoAnEarlierOneOfTheSameFile() throws {
        try compare(["kustomization.yaml": """
        configMapGenerator:
        - name: c
          literals: [a=1]
        - name: c
          behavior: merge
          literals: [b=1]
        secretGenerator:
        - name: c
          literals: [a=1]
        """])
    }

    // MARK: errors

    func error(_ files: [String: String], dir: String = "") throws -> KustomizeError? {
        let tree = try TreeFixture(files)
        defer { tree.remove() }
        if let kubectl = try tree.oracle(dir) { #expect(kubectl.hasPrefix("exit "), "kubectl accepted it") }
        do {
            _ = try tree.build(dir)
            return nil
        } catch let e as KustomizeError {
            return e
        }
    }

    @Test func literalWithoutEqualsSign() throws {
        let e = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  literals:\n  - a=1\n  - nokey\n"]))
        #expect(e.file.hasSuffix("kustomization.yaml"))
        #expect(e.mark.line == 5)
        #expect(e.message.contains("invalid literal source nokey"))
    }

    @Test func missingAndEscapingFiles() throws {
        let missing = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  envs:\n  - missing.env\n"]))
        #expect(missing.mark.line == 4)
        #expect(missing.message.contains("missing.env"))
        let outside = try #require(try error([
            "app/kustomization.yaml": "secretGenerator:\n- name: s\n  files:\n  - ../secret.txt\n",
            "secret.txt": "x",
        ], dir: "app"))
        #expect(outside.mark.line == 4)
        #expect(outside.message.contains("is not in or below"))
        let folder = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  files: [conf]\n", "conf/a": "x"]))
        #expect(folder.message.contains("directory"))
    }

    @Test func envFileThatIsNotUTF8() throws {
        let tree = try TreeFixture(["kustomization.yaml": "configMapGenerator:\n- name: c\n  envs:\n  - bad.env\n"])
        defer { tree.remove() }
        try Data([0x41, 0x3D, 0x31, 0x0A, 0x42, 0x3D, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: tree.path("bad.env")))
        if let kubectl = try tree.oracle() { #expect(kubectl.hasPrefix("exit ")) }
        let e = try #require(throws: KustomizeError.self) { try tree.build() }
        #expect(e.mark.line == 4)
        #expect(e.message.contains("line 2 is not valid UTF-8"))
    }

    @Test func charactersTheYAMLReaderRefuses() throws {
        for text in ["\\x7f", "\\x9f", "\\ufffe"] {
            let e = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  literals: [\"a=\(text)\"]\n"]))
            #expect(e.mark.line == 2)
            #expect(e.message.contains("control characters are not allowed"))
        }
    }

    @Test func repeatedKeys() throws {
        let e = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  envs: [a.env]\n  literals:\n  - A=2\n",
                                        "a.env": "A=1\n"]))
        #expect(e.mark.line == 5)
        #expect(e.message.contains("illegally repeats the key `A`"))
    }

    @Test func behaviorNeedsAResourceToMergeAndCreateNeedsNone() throws {
        let nothing = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  behavior: merge\n  literals: [a=1]\n"]))
        #expect(nothing.mark.line == 2)
        #expect(nothing.message.contains("does not exist; cannot merge or replace"))
        let twice = try #require(try error([
            "base/kustomization.yaml": "configMapGenerator:\n- name: c\n  literals: [a=1]\n",
            "overlay/kustomization.yaml": "resources: [../base]\nconfigMapGenerator:\n- name: c\n  literals: [b=1]\n",
        ], dir: "overlay"))
        #expect(twice.message.contains("exists; behavior must be merge or replace"))
    }

    @Test func nameIsRequiredAndValuesAreTyped() throws {
        let noName = try #require(try error(["kustomization.yaml": "secretGenerator:\n- literals: [a=1]\n"]))
        #expect(noName.message.contains("must have a name"))
        let number = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  options:\n    labels: {a: 1}\n"]))
        #expect(number.mark.line == 4)
        let unknown = try #require(try error(["kustomization.yaml": "configMapGenerator:\n- name: c\n  literal: [a=1]\n"]))
        #expect(unknown.message.contains("unknown field \"literal\""))
    }
}

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

    @Test func base64LinesWrapAtSeventy() {
        #expect(Base64Lines.encode(Array("1".utf8)) == "MQ==")
        let long = Base64Lines.encode([UInt8](repeating: 0xFF, count: 60))
        #expect(long == String(repeating: "/", count: 70) + "\n" + String(repeating: "/", count: 10) + "\n")
    }
}
