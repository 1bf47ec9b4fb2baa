import Testing
@testable import Kustomize

/// Label selector grammar; matches and messages are what `kubectl kustomize` (Kustomize v5.5.0)
/// did for the same `labelSelector` in a patch target.
@Suite struct LabelSelectorTests {
    /// The label sets of the test resources, by name.
    static let objects: [(String, [String: String])] = [
        ("a1", ["a": "1"]),
        ("a2b", ["a": "2", "b": "x"]),
        ("aempty", ["a": ""]),
        ("none", [:]),
        ("pfx", ["example.com/k": "v", "n": "10"]),
    ]

    func selected(_ text: String) throws -> [String] {
        let selector = try LabelSelector(parsing: text)
        return Self.objects.filter { selector.matches($0.1) }.map(\.0)
    }

    func message(_ text: String) -> String? {
        do {
            _ = try LabelSelector(parsing: text)
            return nil
        } catch let e as KustomizeError {
            return e.message
        } catch {
            return "\(error)"
        }
    }

    @Test func equality() throws {
        #expect(try selected("a=1") == ["a1"])
        #expect(try selected("a==1") == ["a1"])
        #expect(try selected(" a = 1 ") == ["a1"])
        #expect(try selected("a\t=1") == ["a1"])
        #expect(try selected("example.com/k=v") == ["pfx"])
        // Nothing after the operator is the empty value.
        #expect(try selected("a=") == ["aempty"])
        #expect(try selected("a==") == ["aempty"])
    }

    @Test func inequalityMatchesAbsentKeys() throws {
        #expect(try selected("a!=1") == ["a2b", "aempty", "none", "pfx"])
        #expect(try selected("a!=") == ["a1", "a2b", "none", "pfx"])
        #expect(try selected("a notin (1,2)") == ["aempty", "none", "pfx"])
        #expect(try selected("a notin ()") == ["a1", "a2b", "none", "pfx"])
    }

    @Test func sets() throws {
        #expect(try selected("a in (1,2)") == ["a1", "a2b"])
        #expect(try selected("a  in  ( 1 , 2 )") == ["a1", "a2b"])
        #expect(try selected("a in(1)") == ["a1"])
        // Empty slots are the empty value.
        #expect(try selected("a in ()") == ["aempty"])
        #expect(try selected("a in (,1)") == ["a1", "aempty"])
        #expect(try selected("a in (,)") == ["aempty"])
        #expect(try selected("a in (1,,2)") == ["a1", "a2b", "aempty"])
        // `in` and `notin` are names where a name is expected.
        #expect(try selected("in in (in)") == [])
        #expect(try selected("notin notin (x)") == ["a1", "a2b", "aempty", "none", "pfx"])
    }

    @Test func existence() throws {
        #expect(try selected("a") == ["a1", "a2b", "aempty"])
        #expect(try selected("!a") == ["none", "pfx"])
        #expect(try selected("!a,!b") == ["none", "pfx"])
        #expect(try selected("a,b") == ["a2b"])
        #expect(try selected("a=2,b=x") == ["a2b"])
        #expect(try selected("a!=1,!b") == ["aempty", "none", "pfx"])
    }

    @Test func numericComparisons() throws {
        #expect(try selected("n>5") == ["pfx"])
        #expect(try selected("n<5") == [])
        #expect(try selected("n<011") == ["pfx"])
    }

    @Test func emptySelectsEverything() throws {
        #expect(try selected("") == ["a1", "a2b", "aempty", "none", "pfx"])
    }

    @Test func syntaxErrors() {
        #expect(message("a in b") == "unable to parse requirement: found 'b' expected: '('")
        #expect(message("!") == "unable to parse requirement: found '', expected: identifier")
        #expect(message("!!a") == "unable to parse requirement: found '!', expected: identifier")
        #expect(message("a=1,") == "found '', expected: identifier after ','")
        #expect(message("a,,b") == "found ',', expected: identifier after ','")
        #expect(message(",") == "found ',', expected: !, identifier, or 'end of string'")
        #expect(message("=1") == "found '=', expected: !, identifier, or 'end of string'")
        #expect(message("a=b=c") == "found '=', expected: ',' or 'end of string'")
        #expect(message("a=1 b=2") == "found 'b', expected: ',' or 'end of string'")
        #expect(message("!a=1") == "found '=', expected: ',' or 'end of string'")
        #expect(message("a in (1)x") == "found 'x', expected: ',' or 'end of string'")
        #expect(message("a b") == "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'")
        #expect(message("a!!=1") == "unable to parse requirement: found '!', expected: '=', '!=', '==', 'in', notin'")
        #expect(message("a=(1)") == "unable to parse requirement: found '(', expected: identifier")
        #expect(message("a notin") == "unable to parse requirement: found '' expected: '('")
        #expect(message("a in (") == "unable to parse requirement: found '', expected: ',', ')' or identifier")
        #expect(message("a in (1") == "unable to parse requirement: found '', expected: ',' or ')'")
        #expect(message("a in (1 2)") == "unable to parse requirement: found '2', expected: ',' or ')'")
        #expect(message("a in (1,") == "unable to parse requirement: found '', expected: ',', or identifier")
        #expect(message("a in (1,,)") == "unable to parse requirement: found ')', expected: ',', or identifier")
        #expect(message("n>x") == "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")
        #expect(message("n>") == "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")
    }

    static let nameRule = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    static let valueRule = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

    @Test func invalidKeys() {
        #expect(message("-a=1") == "unable to parse requirement: invalid label key \"-a\": name part " + Self.nameRule)
        #expect(message("/a=1") == "unable to parse requirement: invalid label key \"/a\": prefix part must be non-empty")
        #expect(message("a/b/c=1") == "unable to parse requirement: invalid label key \"a/b/c\": a qualified name " + Self.nameRule
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")
        #expect(message("A.com/a=1") == "unable to parse requirement: invalid label key \"A.com/a\": prefix part a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
        #expect(message("example.com/=1") == "unable to parse requirement: invalid label key \"example.com/\": name part must be non-empty; name part " + Self.nameRule)
        let long = String(repeating: "a", count: 64)
        #expect(message(long + "=1") == "unable to parse requirement: invalid label key \"\(long)\": name part must be no more than 63 characters")
        #expect(message("-" + long) == "unable to parse requirement: invalid label key \"-\(long)\": name part must be no more than 63 characters; name part " + Self.nameRule)
        #expect(message("a.b-c_d=v.1-x_Y") == nil)
    }

    @Test func invalidValues() {
        #expect(message("a=-1") == "unable to parse requirement: invalid label value: \"-1\": at key: \"a\": " + Self.valueRule)
        #expect(message("a=b_") == "unable to parse requirement: invalid label value: \"b_\": at key: \"a\": " + Self.valueRule)
        // Values are checked in sorted order, and after the integer check for `>`.
        #expect(message("a in (-x,-b)") == "unable to parse requirement: invalid label value: \"-b\": at key: \"a\": " + Self.valueRule)
        #expect(message("n>-5") == "unable to parse requirement: invalid label value: \"-5\": at key: \"n\": " + Self.valueRule)
        let long = String(repeating: "b", count: 65)
        #expect(message("a=" + long) == "unable to parse requirement: invalid label value: \"\(long)\": at key: \"a\": must be no more than 63 characters")
    }
}
