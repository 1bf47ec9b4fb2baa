import Testing
import SwkYAML

@Suite struct SortTests {
    @Test func goYAMLKeyOrder() {
        let keys = ["z", "ab", "a10", "a2", "a_b", "a-b", "A", "1b"]
        #expect(keys.sorted(by: KeyOrder.less) == ["1b", "A", "a-b", "a_b", "a2", "a10", "ab", "z"])
    }

    @Test func asciiFastPathAgreesWithDigitRunsAndNonASCII() {
        let keys = ["b", "a", "a-", "a1", "a01", "a001", "ä", "Z", "_x", "x10y", "x9y", "x9z", "é1"]
        let sorted = keys.sorted(by: KeyOrder.less)
        for (i, a) in sorted.enumerated() {
            for b in sorted[(i + 1)...] { #expect(!KeyOrder.less(b, a), "\(b) < \(a)") }
        }
        #expect(KeyOrder.less("x9y", "x10y"))
        #expect(KeyOrder.less("a", "ab"))
    }
}
