import Testing
@testable import SwkYAML

/// Go's float formatting (strconv 'g' shortest, encoding/json) that kubectl and Helm print.
@Suite struct GoFloatTests {
    @Test func gFormat() {
        #expect(GoFloat.formatG(1_000_000) == "1e+06")
        #expect(GoFloat.formatG(123456) == "123456")
        #expect(GoFloat.formatG(1234567.5) == "1.2345675e+06")
        #expect(GoFloat.formatG(0.0001) == "0.0001")
        #expect(GoFloat.formatG(0.00001) == "1e-05")
        #expect(GoFloat.formatG(12345678901234) == "1.2345678901234e+13")
        #expect(GoFloat.formatG(-2.5) == "-2.5")
    }

    @Test func jsonFormat() {
        #expect(GoFloat.formatJSON(1_000_000) == "1000000")
        #expect(GoFloat.formatJSON(1e-7) == "1e-7")
        #expect(GoFloat.formatJSON(1e21) == "1e+21")
        #expect(GoFloat.formatJSON(0.5) == "0.5")
    }

    @Test func integralFloatsPrintAsIntegersOnTheJSONHop() {
        #expect(ScalarFormat.float(1000) == "1000")
        #expect(ScalarFormat.float(1e30) == "1e+30")
        #expect(ScalarFormat.float(1.5) == "1.5")
    }
}
