import XCTest
@testable import GoTemplate
@testable import HelmChart

/// Renders `text` with Helm's function table; values decoded as JSON (float64 numbers, as Helm sees them).
func render(_ text: String, json: String = "{}", name: String = "t.yaml") throws -> String {
    let set = TemplateSet(funcs: HelmFunctions.table(counter: .init()))
    try set.parse(name: name, text: text)
    return try set.execute(name: name, data: .dict(["Values": try GoJSON.unmarshal(json)]))
}

func renderError(_ text: String, json: String = "{}") -> String {
    do { _ = try render(text, json: json); return "" } catch { return HelmErrorText.describe(error) }
}

final class LexerParserTests: XCTestCase {
    func testTrimMarkers() throws {
        XCTAssertEqual(try render("a  {{- 1 -}}  b"), "a1b")
        XCTAssertEqual(try render("a {{-3}} b"), "a -3 b")  // "-3" is a number, not a trim marker
        XCTAssertEqual(try render("x {{- /* c */ -}} y"), "xy")
    }

    func testLiterals() throws {
        XCTAssertEqual(try render(#"{{ "a\tb" }}|{{ `r\n` }}|{{ 'a' }}|{{ 0x1F }}|{{ 1e3 }}|{{ 1_000 }}"#), "a\tb|r\\n|97|31|1000|1000")
    }

    func testParseErrors() {
        XCTAssertEqual(renderError("{{ nosuch }}"), #"parse error at (t.yaml:1): function "nosuch" not defined"#)
        XCTAssertEqual(renderError("{{ if true }}\nx\n"), "parse error at (t.yaml:3): unexpected EOF")
        XCTAssertEqual(renderError("v: {{ .x\n"), "parse error at (t.yaml:2): unclosed action started at t.yaml:1")
        XCTAssertEqual(renderError("{{ break }}"), "parse error at (t.yaml:1): {{break}} outside {{range}}")
        XCTAssertEqual(renderError("{{ $x }}"), #"parse error at (t.yaml:1): undefined variable "$x""#)
        XCTAssertEqual(renderError("{{ | x }}"), #"parse error at (t.yaml:1): unexpected "|" in command"#)
    }
}

final class ExecutorTests: XCTestCase {
    func testControlFlow() throws {
        XCTAssertEqual(try render("{{ range $i, $v := list 3 4 }}{{ $i }}={{ $v }},{{ end }}"), "0=3,1=4,")
        XCTAssertEqual(try render("{{ range $k, $v := dict \"b\" 1 \"a\" 2 }}{{ $k }}{{ $v }}{{ end }}"), "a2b1")
        XCTAssertEqual(try render("{{ range 3 }}{{ . }}{{ end }}"), "012")
        XCTAssertEqual(try render("{{ range list 1 2 3 }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}"), "13")
        XCTAssertEqual(try render("{{ range list }}x{{ else }}empty{{ end }}"), "empty")
        XCTAssertEqual(try render("{{ with .Values.a }}{{ . }}{{ else with .Values.b }}b{{ . }}{{ end }}", json: #"{"b":2}"#), "b2")
        XCTAssertEqual(try render("{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}"), "2")
        XCTAssertEqual(try render(#"{{ define "d" }}[{{ . }}]{{ end }}{{ template "d" "x" }}{{ include "d" 1 | upper }}"#), "[x][1]")
    }

    func testHelmNumbersAndMissing() throws {
        XCTAssertEqual(try render("{{ .Values.n }} {{ toYaml .Values.n }} {{ .Values.missing }}", json: #"{"n":1000000}"#), "1e+06 1000000 <no value>")
        XCTAssertEqual(try render("{{ .Values.m }}|{{ .Values.l }}", json: #"{"m":{"b":2,"a":1},"l":["a","b"]}"#), "map[a:1 b:2]|[a b]")
    }

    func testExecErrors() {
        XCTAssertEqual(renderError("v: {{ .Values.a.b }}"),
                       "t.yaml:1:13\n  executing \"t.yaml\" at <.Values.a.b>:\n    nil pointer evaluating interface {}.b")
        XCTAssertEqual(renderError("v: {{ eq .Values.n 1 }}", json: #"{"n":1}"#),
                       "template: t.yaml:1:6: executing \"t.yaml\" at <eq .Values.n 1>: error calling eq: incompatible types for comparison: float64 and int")
        XCTAssertEqual(renderError("a\n  {{ fail \"boom\" }}"), "execution error at (t.yaml:2:5): boom")
        XCTAssertEqual(renderError("{{ required \"need x\" .Values.x }}"), "execution error at (t.yaml:1:3): need x")
    }

    func testRunawayTemplatesStop() {
        // Deep include chains need a large stack, as the CLI provides.
        final class Out: @unchecked Sendable { var text = "" }
        let out = Out()
        let done = DispatchSemaphore(value: 0)
        let t = Thread {
            out.text = renderError(#"{{ define "l" }}{{ include "l" . }}{{ end }}{{ include "l" . }}"#)
            done.signal()
        }
        t.stackSize = 1 << 29
        t.start()
        done.wait()
        XCTAssertTrue(out.text.contains("rendering template has a nested reference name: l: unable to execute template"))
        XCTAssertTrue(renderError("{{ until 100000000 }}").contains("exceeded the maxListLength limit (1000000 items)"))
        let set = TemplateSet(funcs: HelmFunctions.table(counter: .init()))
        set.limits.maxSteps = 100_000
        XCTAssertNoThrow(try set.parse(name: "r", text: "{{ range until 1000 }}{{ range until 1000 }}x{{ end }}{{ end }}"))
        XCTAssertThrowsError(try set.execute(name: "r", data: .null)) { e in
            XCTAssertTrue("\(e)".contains("exceeded the maxSteps limit (100000 steps)"))
        }
    }
}

final class FunctionTests: XCTestCase {
    func testStrings() throws {
        XCTAssertEqual(try render(#"{{ trunc 5 "hello world" }}|{{ "a b" | title }}|{{ nindent 2 "x\ny" }}|{{ quote 1 nil "s" }}"#), "hello|A B|\n  x\n  y|\"1\" \"s\"")
        XCTAssertEqual(try render(#"{{ replace "" "-" "ab" }}|{{ trimSuffix "-" "a-" }}|{{ kebabcase "HTTPServer" }}|{{ snakecase "FirstName" }}"#), "-a-b-|a|http-server|first_name")
        XCTAssertEqual(try render(#"{{ printf "%s|%d|%q|%5.2f|%-4s|%v|%T" "a" 3 "q" 3.14159 "x" (list 1 "b") 1.5 }}"#), "a|3|\"q\"| 3.14|x   |[1 b]|float64")
    }

    func testListsAndDicts() throws {
        XCTAssertEqual(try render(#"{{ list 3 1 2 | sortAlpha }}|{{ uniq (list 1 1 2) }}|{{ has 1 (list 1) }}|{{ concat (list 1) (list 2) }}"#), "[1 2 3]|[1 2]|true|[1 2]")
        XCTAssertEqual(try render(#"{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ keys $d | sortAlpha }}|{{ merge (dict "a" "") (dict "a" "x") | toJson }}"#), #"[a b]|{"a":"x"}"#)
        XCTAssertEqual(try render(#"{{ mergeOverwrite (dict "a" 1) (dict "a" 2) | toJson }}|{{ dig "x" "y" "d" (dict "x" (dict "y" 5)) }}"#), #"{"a":2}|5"#)
    }

    func testMathDefaultsAndTypes() throws {
        XCTAssertEqual(try render("{{ add 1 2 | typeOf }}|{{ div 7 2 }}|{{ mod -7 3 }}|{{ addf 0.1 0.2 }}|{{ round 2.345 2 }}"), "int64|3|-1|0.3|2.35")
        XCTAssertEqual(try render(#"{{ default "d" "" }}|{{ empty 0 }}|{{ coalesce 0 "" "x" }}|{{ ternary "y" "n" true }}|{{ int "42" }}"#), "d|true|x|y|42")
    }

    func testEncodingCryptoRegexSemver() throws {
        XCTAssertEqual(try render(#"{{ b64enc "hi" }}|{{ b64dec "aGk=" }}|{{ sha256sum "a" | trunc 8 }}|{{ adler32sum "a" }}"#), "aGk=|hi|ca978112|6422626")
        XCTAssertEqual(try render(#"{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexFind "[0-9]+" "ab12c" }}|{{ regexMatch "^a$" "a\n" }}"#), "-W-xxW-|12|false")
        XCTAssertEqual(try render(#"{{ semverCompare ">=1.20-0" "v1.29.4-gke.1" }}|{{ semverCompare "^1.2" "1.9.0" }}|{{ (semver "1.2.3-rc.1").Prerelease }}"#), "true|true|rc.1")
        XCTAssertEqual(renderError(#"{{ mustRegexFind "(" "x" }}"#), "template: t.yaml:1:3: executing \"t.yaml\" at <mustRegexFind \"(\" \"x\">: error calling mustRegexFind: error parsing regexp: missing closing ): `(`")
    }

    func testYamlJsonToml() throws {
        XCTAssertEqual(try render(#"{{ toJson (dict "a" (list 1 "<") "b" 1.5) }}"#), #"{"a":[1,"\u003c"],"b":1.5}"#)
        XCTAssertEqual(try render(#"{{ (fromYaml "a: yes\nb: 0755").b }}|{{ (fromJson "{\"x\": 1}").x | typeOf }}"#), "493|float64")
        XCTAssertEqual(try render(#"{{ toToml (dict "a" 1 "t" (dict "x" true)) }}"#), "a = 1\n\n[t]\n  x = true\n")
    }

    func testDates() throws {
        XCTAssertEqual(try render(#"{{ dateInZone "2006-01-02 15:04" (toDate "2006-01-02" "2024-03-05") "UTC" }}|{{ duration 3725 }}"#), "2024-03-05 00:00|1h2m5s")
    }
}

/// indent and nindent as Sprig defines them: the padding, then the text with every newline
/// followed by the padding (strings.Replace), over texts with and without newlines.
final class IndentTests: XCTestCase {
    func sprigIndent(_ width: Int, _ text: String) -> String {
        let pad = String(repeating: " ", count: max(width, 0))
        return pad + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n" + pad)
    }

    func testIndentAsSprig() throws {
        let texts = ["", "a", "a\nb", "\n", "a\n", "\na\n\n", "ünï\ncödé 🎉\n  x", String(repeating: "line\n", count: 300)]
        for text in texts {
            for width in [0, 1, 4, 12] {
                XCTAssertEqual(FastString.indented(text, width: width, newlineFirst: false), sprigIndent(width, text))
                XCTAssertEqual(FastString.indented(text, width: width, newlineFirst: true), "\n" + sprigIndent(width, text))
            }
        }
        XCTAssertEqual(try render(#"{{ "a\nb" | indent 2 }}|{{ "x\ny" | nindent 3 }}"#), "  a\n  b|\n   x\n   y")
    }
}

/// String literals as Go's strconv.Unquote reads them, with and without escapes.
final class StringLiteralTests: XCTestCase {
    func testUnquote() {
        XCTAssertEqual(GoLiteral.unquote(#""plain text""#), "plain text")
        XCTAssertEqual(GoLiteral.unquote(#""""#), "")
        XCTAssertEqual(GoLiteral.unquote("\"\u{301}starts with a combining mark\""), "\u{301}starts with a combining mark")
        XCTAssertEqual(GoLiteral.unquote(#""tab\there \"quoted\" \u00e9 \x41""#), "tab\there \"quoted\" é A")
        XCTAssertEqual(GoLiteral.unquote("`raw \\n`"), "raw \\n")
        XCTAssertNil(GoLiteral.unquote(#""bad \q""#))
    }
}

/// Go's strings.TrimSpace, strings.Split and strings.Index on the UTF-8 bytes.
final class GoStringsTests: XCTestCase {
    func testTrimSpaceTrimsUnicodeWhiteSpaceOnly() {
        XCTAssertEqual(FastString.trimSpace("  a b\t\n"), "a b")
        XCTAssertEqual(FastString.trimSpace("\u{00A0}\u{2003}x\u{3000}"), "x")
        XCTAssertEqual(FastString.trimSpace("\u{200B}x"), "\u{200B}x")  // zero-width space is not white space in Go
        XCTAssertEqual(FastString.trimSpace(" \r\n "), "")
        XCTAssertEqual(FastString.trimSpace("é "[...]), "é")
    }

    func testSplitKeepsEmptyPieces() {
        XCTAssertEqual(FastString.split("a||b||", separator: "||"), ["a", "b", ""])
        XCTAssertEqual(FastString.split("", separator: "||"), [""])
        XCTAssertEqual(FastString.split("a|b", separator: "||"), ["a|b"])
        XCTAssertEqual(FastString.firstRange(of: " - ", in: "1.2 - 2.0").map { "1.2 - 2.0"[$0.upperBound...] }, "2.0")
        XCTAssertNil(FastString.firstRange(of: "xx", in: "x"))
    }

    func testSemverConstraintsWithWhiteSpaceAndAlternatives() throws {
        XCTAssertEqual(try render(#"{{ semverCompare " >= 1.2, < 2 " "1.5.0" }}"#), "true")
        XCTAssertEqual(try render(#"{{ semverCompare "<1 || 1.2 - 1.4" "1.3.1" }}"#), "true")
        XCTAssertEqual(try render(#"{{ semverCompare "<1 || 1.2 - 1.4" "1.5.0" }}"#), "false")
    }
}

/// A render's log notes the shared maps it reads (its bit in their readers) and who read the maps it changes.
final class MapAccessLogTests: XCTestCase {
    func testReadsOfSharedMapsAndChangesAreNoted() throws {
        let shared = GoMap(["k": .string("v")]), own = GoMap()
        shared.setShared(true)
        let reader = MapAccessLog(readerBit: 1 << 5)
        reader.during {
            _ = shared["k"]
            _ = own["k"]
        }
        XCTAssertEqual(shared.readerBits, 1 << 5)
        XCTAssertEqual(own.readerBits, 0)
        _ = shared["k"]  // no log on this thread: nothing noted
        XCTAssertEqual(shared.readerBits, 1 << 5)

        shared.setShared(false)
        let writer = MapAccessLog(readerBit: 0)
        let set = TemplateSet(funcs: Sprig.functions())
        let tree = try set.parse(name: "t", text: #"{{ $_ := set .m "k" "w" }}{{ $_ := set .o "k" "w" }}"#)
        try writer.during { _ = try set.execute(tree: tree, data: .dict(["m": .map(shared), "o": .map(own)])) }
        // Changing `shared` is seen by its reader; changing `own`, which no render read, by nobody.
        XCTAssertEqual(writer.changedReaders, 1 << 5)
        XCTAssertEqual(shared["k"].map(Conv.strval), "w")
        XCTAssertEqual(own["k"].map(Conv.strval), "w")
    }
}

/// The quick paths agree with the general ones and with Go (the string results checked against Helm v4).
final class QuickPathTests: XCTestCase {
    func testPlainPrintfAgreesWithTheGeneralFormatter() {
        let args: [[Value]] = [[], [.string("a")], [.string("a"), .int(2)], [.null], [.float(1.5), .bool(true)],
                               [.list([.int(1)]), .map(GoMap(["k": .string("v")]))], [.string("é"), .string("x")]]
        let formats = ["", "plain", "%s", "%s-%s", "%d", "%v", "%v%%", "%%", "%s %d %v", "ü%sñ", "%", "a%", "%q", "%5s",
                       "%-s", "%s%s%s"]
        for f in formats {
            for a in args {
                XCTAssertEqual(Printf.sprintf(f, a), Printf.generalSprintf(f, a), "\(f) with \(a)")
            }
        }
    }

    func testStringFunctionsCompareBytes() throws {
        // Go compares bytes: a combining accent after the prefix is not part of a character.
        XCTAssertEqual(try render(#"{{ trimPrefix "e" "e\u0301x" }}"#), "\u{301}x")
        XCTAssertEqual(try render(#"{{ trimSuffix "-" "a-b-" }}|{{ trimSuffix "" "a" }}|{{ trimSuffix "abc" "c" }}"#), "a-b|a|c")
        XCTAssertEqual(try render(#"{{ trimPrefix "ab" "abab" }}|{{ trimPrefix "x" "ab" }}"#), "ab|ab")
        XCTAssertEqual(try render(#"{{ quote "a" }}|{{ quote nil }}|{{ quote 1 "b" nil }}|{{ quote "a\"b" }}"#), #""a"||"1" "b"|"a\"b""#)
    }
}
