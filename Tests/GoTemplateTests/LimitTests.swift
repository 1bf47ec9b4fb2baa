import Foundation
import XCTest
@testable import GoTemplate
@testable import HelmChart

/// Every `TemplateSet.Limits` bound, hit with the default limits: a one-line error naming the limit,
/// quickly, instead of a hang or unbounded memory.
final class LimitTests: XCTestCase {
    /// Renders on a thread with the CLI's stack (deep include chains need it); returns the error text.
    func limitError(_ text: String, limits: TemplateSet.Limits = .init(), file: StaticString = #filePath, line: UInt = #line) -> String {
        final class Box: @unchecked Sendable { var text = "" }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let started = Date()
        let t = Thread {
            let set = TemplateSet(funcs: HelmFunctions.table(counter: .init()))
            set.limits = limits
            do {
                try set.parse(name: "t.yaml", text: text)
                _ = try set.execute(name: "t.yaml", data: .null)
            } catch { box.text = HelmErrorText.describe(error) }
            done.signal()
        }
        t.stackSize = 1 << 29
        t.start()
        done.wait()
        XCTAssertFalse(box.text.isEmpty, "rendered without error", file: file, line: line)
        XCTAssertFalse(box.text.contains("\n"), "not one line: \(box.text)", file: file, line: line)
        // Debug builds are many times slower than the release binary (scripts/limits times that one
        // against 2 s); this still catches a hang.
        XCTAssertLessThan(Date().timeIntervalSince(started), 120, file: file, line: line)
        return box.text
    }

    func testNestedRangesHitTheWorkLimit() {
        // A tenth of the default keeps the debug-built suite quick; scripts/limits runs the default.
        var limits = TemplateSet.Limits()
        limits.maxSteps = 5_000_000
        XCTAssertEqual(limitError("{{ range until 1000000 }}{{ range until 1000000 }}{{ end }}{{ end }}", limits: limits),
                       "template: t.yaml:1:40: exceeded the maxSteps limit (5000000 steps)")
    }

    func testOutputLimit() {
        XCTAssertEqual(limitError(#"{{ range until 1000000 }}{{ repeat 1000 "x" }}{{ end }}"#),
                       "template: t.yaml:1:40: exceeded the maxOutputBytes limit (67108864 bytes)")
    }

    func testStringGrowth() {
        XCTAssertEqual(limitError(#"{{ repeat 100000000 "ab" }}"#), "template: t.yaml:1:3: exceeded the maxStringBytes limit (16777216 bytes)")
        XCTAssertEqual(limitError(#"{{ indent 100000000 "a\nb" }}"#), "template: t.yaml:1:3: exceeded the maxStringBytes limit (16777216 bytes)")
        XCTAssertEqual(limitError(#"{{ randAlpha 100000000 }}"#), "template: t.yaml:1:3: exceeded the maxStringBytes limit (16777216 bytes)")
        // Doubling a string in a loop costs a few steps per round: the size check stops it.
        XCTAssertTrue(limitError(#"{{ $s := "ab" }}{{ range until 64 }}{{ $s = printf "%s%s" $s $s }}{{ end }}"#)
            .hasSuffix("exceeded the maxStringBytes limit (16777216 bytes)"))
    }

    func testListGrowth() {
        XCTAssertEqual(limitError("{{ until 100000000 }}"), "template: t.yaml:1:3: exceeded the maxListLength limit (1000000 items)")
        XCTAssertTrue(limitError("{{ $l := list 1 }}{{ range until 64 }}{{ $l = concat $l $l }}{{ end }}")
            .hasSuffix("exceeded the maxListLength limit (1000000 items)"))
        // Bounds near Int's edges neither trap nor allocate.
        XCTAssertTrue(limitError("{{ seq -9223372036854775808 9223372036854775807 }}").contains("maxListLength"))
        XCTAssertEqual(try render("{{ untilStep 0 9223372036854775807 4611686018427387904 }}"), "[0 4611686018427387904]")
    }

    func testTemplateAndIncludeDepth() {
        XCTAssertTrue(limitError(#"{{ define "t" }}{{ template "t" . }}{{ end }}{{ template "t" . }}"#)
            .hasSuffix("exceeded the maxTemplateDepth limit (2000 nested calls)"))
        // Three names take turns, so Helm's per-name count (1000) never trips: the depth limit does.
        let chain = #"{{ define "a" }}{{ include "b" . }}{{ end }}{{ define "b" }}{{ include "c" . }}{{ end }}"#
            + #"{{ define "c" }}{{ include "a" . }}{{ end }}{{ include "a" . }}"#
        XCTAssertTrue(limitError(chain).hasSuffix("exceeded the maxTemplateDepth limit (2000 nested calls)"))
        // tpl runs a fresh template set; its nesting counts too.
        XCTAssertTrue(limitError(#"{{ define "t" }}{{ tpl "{{ include \"t\" . }}" . }}{{ end }}{{ include "t" . }}"#)
            .contains("limit"))
    }

    /// Found while hardening: maps are references, so a map set into itself (or nested by a loop)
    /// overflowed the stack in every recursive walker (SIGSEGV).
    func testCyclicAndDeepValues() throws {
        let cycle = #"{{ $d := dict }}{{ $_ := set $d "a" $d }}"#
        XCTAssertEqual(limitError(cycle + "{{ $d }}"),
                       "template: t.yaml:1:44: exceeded the maxValueDepth limit (10000 levels, or over 2000000 nodes: a map containing itself?)")
        XCTAssertTrue(limitError(cycle + "{{ mustToJson $d }}").contains("json: unsupported value: value nested deeper"))
        XCTAssertEqual(try render(cycle + "[{{ toJson $d }}][{{ toYaml $d }}]"), "[][]")
        XCTAssertEqual(try render(cycle + #"{{ printf "%v" $d | len }}"#), "98")
        XCTAssertEqual(try render(cycle + "{{ $c := deepCopy $d }}{{ eq (len $c) 1 }}"), "true")
        let deep = #"{{ $d := dict }}{{ range until 20000 }}{{ $d = dict "a" $d }}{{ end }}"#
        XCTAssertEqual(try render(deep + "[{{ toYaml $d }}]"), "[]")
        XCTAssertTrue(limitError(deep + "{{ $d }}").contains("maxValueDepth"))
        // A value "billion laughs": shared maps visited once per path.
        let wide = #"{{ $d := dict "x" 1 }}{{ range until 40 }}{{ $d = dict "a" $d "b" $d }}{{ end }}"#
        XCTAssertTrue(limitError(wide + "{{ toJson $d | len }}{{ $d }}").contains("maxValueDepth"))
    }

    /// ICU backtracks where Go's RE2 does not: a catastrophic pattern stops at maxRegexSteps, across
    /// every call of one execution, and the non-must forms do not swallow it.
    func testRegexWorkIsBounded() throws {
        let input = #"(printf "%sb" (repeat 40 "a"))"#
        for call in [#"regexMatch "(a+)+$" "#, #"mustRegexFind "(a+)+$" "#, #"regexFindAll "(a+)+$" "#, #"regexReplaceAll "(a+)+$" "#, #"regexSplit "(a|aa)+$" "#] {
            let tail = call.hasPrefix("regexFindAll") || call.hasPrefix("regexSplit") ? " -1" : call.hasPrefix("regexReplaceAll") ? #" "x""# : ""
            XCTAssertEqual(limitError("{{ " + call + input + tail + " }}"), "template: t.yaml:1:3: exceeded the maxRegexSteps limit (20000000 regex steps)")
        }
        var limits = TemplateSet.Limits()
        limits.maxRegexSteps = 1_000_000
        // Each call alone stays under the bound; together they do not.
        XCTAssertTrue(limitError(#"{{ range until 1000 }}{{ regexMatch "[a-z]+c" (repeat 1000 "a") }}{{ end }}"#, limits: limits)
            .hasSuffix("exceeded the maxRegexSteps limit (1000000 regex steps)"))
    }

    /// Go's rules for empty matches and Split, which ICU's own loop does not follow.
    func testRegexResultsAsGo() throws {
        XCTAssertEqual(try render(#"{{ regexFindAll "x*" "axxb" -1 }}"#), "[ xx ]")
        XCTAssertEqual(try render(#"{{ regexFindAll "a" "aaa" 0 }}|{{ regexFindAll "a" "aaa" 2 }}"#), "[]|[a a]")
        XCTAssertEqual(try render(#"{{ regexReplaceAll "" "ab" "-" }}|{{ regexReplaceAll "x*" "axxb" "-" }}"#), "-a-b-|-a-b-")
        XCTAssertEqual(try render(#"{{ regexSplit "" "abc" -1 }}|{{ regexSplit "a" "" -1 | len }}|{{ regexSplit "," "a,b,c," -1 | len }}|{{ regexSplit "," "a,b,c," 2 }}"#),
                       "[a b c]|1|4|[a b,c,]")
        XCTAssertEqual(try render(#"{{ regexReplaceAll "(?P<x>a)(b)?" "abab a" "[${x}$2]" }}|{{ regexMatch "(?i)ABC" "xabc" }}|{{ regexFind "(?:é)+" "aééb" }}"#),
                       "[ab][ab] [a]|true|éé")
    }

    func testPrintfWidthsAsGo() throws {
        // Go's fmt drops widths and precisions over a million instead of padding gigabytes.
        XCTAssertEqual(try render(#"{{ printf "%2000000000d" 1 }}"#), "%!(NOVERB)%!(EXTRA int=1)")
        XCTAssertEqual(try render(#"{{ printf "%*d" 2000000000 1 }}"#), "%!(BADWIDTH)1")
        XCTAssertEqual(try render(#"{{ printf "%.*f" 2000000000 1.5 }}"#), "%!(BADPREC)1.500000")
    }
}
