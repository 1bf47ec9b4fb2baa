import Testing
@testable import Kustomize

@Suite struct LineDiffTests {
    @Test func unifiedDiff() {
        let a = ["a", "b", "c", "d"], b = ["a", "B", "c", "d", "e"]
        #expect(LineDiff.unified(a, b, context: 1) == ["@@ -1,4 +1,5 @@", " a", "-b", "+B", " c", " d", "+e"])
        #expect(LineDiff.unified(a, a).isEmpty)
        #expect(LineDiff.unified([], ["x"]) == ["@@ -0,0 +1,1 @@", "+x"])
    }
}
