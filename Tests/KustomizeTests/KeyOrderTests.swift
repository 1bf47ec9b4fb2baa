import Testing
import SwkYAML

@Suite struct SortTests {
    @Test func goYAMLKeyOrder() {
        let keys = ["z", "ab", "a10", "a2", "a_b", "a-b", "A", "1b"]
        #expect(keys.sorted(by: KeyOrder.less) == ["1b", "A", "a-b", "a_b", "a2", "a10", "ab", "z"])
    }
}
