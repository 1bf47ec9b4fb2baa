import SwkYAML

/// A Kubernetes label selector (`app=web,tier in (a,b),!legacy`), parsed and validated as
/// kustomize 5.5.0 does for `labelSelector` and `annotationSelector` (its copy of apimachinery's
/// `labels.Parse`), with the same error texts. Requirements are ANDed; "" selects everything.
struct LabelSelector {
    enum Operator: Sendable, Equatable {
        case equals, notEquals, `in`, notIn, exists, doesNotExist, greaterThan, lessThan
    }

    struct Requirement: Sendable, Equatable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .in: return value.map(values.contains) ?? false
            // Absent keys satisfy the negative forms.
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let value, let have = Int64(value), values.count == 1, let want = Int64(values[0]) else { return false }
                return op == .greaterThan ? have > want : have < want
            }
        }
    }

    private(set) var requirements: [Requirement]

    init(parsing text: String) throws {
        var parser = SelectorParser(tokens: SelectorLexer.tokens(text))
        do {
            requirements = try parser.parse()
        } catch {
            throw KustomizeError(error.message)
        }
    }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }
}

// MARK: - Lexer

private enum SelectorToken: Equatable {
    case end, identifier, openPar, closePar, comma, not, equals, doubleEquals, notEquals,
         greaterThan, lessThan, `in`, notIn
}

private struct SelectorLexeme {
    var token: SelectorToken
    var literal: String
}

private enum SelectorLexer {
    static func isWhitespace(_ c: UInt8) -> Bool {
        c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") || c == UInt8(ascii: "\r") || c == UInt8(ascii: "\n")
    }

    static func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"),
             UInt8(ascii: ","), UInt8(ascii: ">"), UInt8(ascii: "<"): return true
        default: return false
        }
    }

    /// All tokens, ending with `.end`. The Go lexer reads a NUL byte as the end of the text
    /// (mostly); here it always is.
    static func tokens(_ text: String) -> [SelectorLexeme] {
        var bytes = Array(text.utf8)
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        var out: [SelectorLexeme] = []
        var i = 0
        while true {
            while i < bytes.count, isWhitespace(bytes[i]) { i += 1 }
            guard i < bytes.count else { break }
            let start = i
            if isSpecial(bytes[i]) {
                // Each symbol is a token alone; `==` and `!=` are the only two-symbol ones.
                let c = bytes[i]
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "="), c == UInt8(ascii: "=") || c == UInt8(ascii: "!") { i += 1 }
                let literal = String(decoding: bytes[start..<i], as: UTF8.self)
                out.append(SelectorLexeme(token: symbol(literal), literal: literal))
            } else {
                while i < bytes.count, !isSpecial(bytes[i]), !isWhitespace(bytes[i]) { i += 1 }
                let literal = String(decoding: bytes[start..<i], as: UTF8.self)
                let token: SelectorToken = literal == "in" ? .in : literal == "notin" ? .notIn : .identifier
                out.append(SelectorLexeme(token: token, literal: literal))
            }
        }
        out.append(SelectorLexeme(token: .end, literal: ""))
        return out
    }

    private static func symbol(_ s: String) -> SelectorToken {
        switch s {
        case "(": return .openPar
        case ")": return .closePar
        case ",": return .comma
        case "!": return .not
        case "=": return .equals
        case "==": return .doubleEquals
        case "!=": return .notEquals
        case ">": return .greaterThan
        default: return .lessThan
        }
    }
}

// MARK: - Parser

private struct SelectorFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// Recursive descent over the tokens, mirroring the order in which apimachinery checks things
/// so the first error reported is the same one.
private struct SelectorParser {
    let tokens: [SelectorLexeme]
    var position = 0

    /// Where a token is read: as a value, `in` and `notin` are plain identifiers.
    enum Context { case keyAndOperator, values }

    func lookahead(_ context: Context = .values) -> SelectorLexeme {
        let item = position < tokens.count ? tokens[position] : SelectorLexeme(token: .end, literal: "")
        return context == .values ? Self.asValue(item) : item
    }

    mutating func consume(_ context: Context = .values) -> SelectorLexeme {
        let item = lookahead(context)
        position += 1
        return item
    }

    static func asValue(_ item: SelectorLexeme) -> SelectorLexeme {
        item.token == .in || item.token == .notIn ? SelectorLexeme(token: .identifier, literal: item.literal) : item
    }

    mutating func parse() throws(SelectorFailure) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let next = lookahead()
            switch next.token {
            case .identifier, .not:
                do {
                    requirements.append(try requirement())
                } catch {
                    throw SelectorFailure("unable to parse requirement: \(error.message)")
                }
                let after = consume()
                switch after.token {
                case .end:
                    return requirements
                case .comma:
                    let t = lookahead()
                    if t.token != .identifier && t.token != .not {
                        throw SelectorFailure("found '\(t.literal)', expected: identifier after ','")
                    }
                default:
                    throw SelectorFailure("found '\(after.literal)', expected: ',' or 'end of string'")
                }
            case .end:
                return requirements
            default:
                throw SelectorFailure("found '\(next.literal)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    mutating func requirement() throws(SelectorFailure) -> LabelSelector.Requirement {
        var negated = false
        var item = consume()
        if item.token == .not {
            negated = true
            item = consume()
        }
        guard item.token == .identifier else { throw SelectorFailure("found '\(item.literal)', expected: identifier") }
        let key = item.literal
        try LabelValidation.checkKey(key)
        let following = lookahead().token
        if negated || following == .end || following == .comma {
            return LabelSelector.Requirement(key: key, op: negated ? .doesNotExist : .exists, values: [])
        }

        let opItem = consume(.keyAndOperator)
        let op: LabelSelector.Operator
        switch opItem.token {
        case .in: op = .in
        case .notIn: op = .notIn
        case .equals, .doubleEquals: op = .equals
        case .notEquals: op = .notEquals
        case .greaterThan: op = .greaterThan
        case .lessThan: op = .lessThan
        default: throw SelectorFailure("found '\(opItem.literal)', expected: '=', '!=', '==', 'in', notin'")
        }
        let values = op == .in || op == .notIn ? try valueSet() : try exactValue()
        // Go keeps values in a set and validates them in sorted (byte) order.
        let sorted = Set(values).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if op == .greaterThan || op == .lessThan, sorted.count != 1 || Int64(sorted[0]) == nil {
            throw SelectorFailure("for 'Gt', 'Lt' operators, the value must be an integer")
        }
        for value in sorted { try LabelValidation.checkValue(value, key: key) }
        return LabelSelector.Requirement(key: key, op: op, values: sorted)
    }

    /// `( a, b )`; empty slots such as `()` or `(,a)` are the empty value.
    mutating func valueSet() throws(SelectorFailure) -> [String] {
        let open = consume()
        guard open.token == .openPar else { throw SelectorFailure("found '\(open.literal)' expected: '('") }
        let first = lookahead()
        switch first.token {
        case .identifier, .comma:
            let values = try identifierList()
            let close = consume()
            guard close.token == .closePar else { throw SelectorFailure("found '\(first.literal)', expected: ')'") }
            return values
        case .closePar:
            _ = consume()
            return [""]
        default:
            throw SelectorFailure("found '\(first.literal)', expected: ',', ')' or identifier")
        }
    }

    /// The list inside the parentheses, stopping before `)`. A doubled comma swallows the token
    /// after it, so `(a,,)` fails as it does in kustomize.
    mutating func identifierList() throws(SelectorFailure) -> [String] {
        var values: [String] = []
        while true {
            let item = consume()
            switch item.token {
            case .identifier:
                values.append(item.literal)
                let next = lookahead()
                switch next.token {
                case .comma: continue
                case .closePar: return values
                default: throw SelectorFailure("found '\(next.literal)', expected: ',' or ')'")
                }
            case .comma:
                if values.isEmpty { values.append("") }
                let next = lookahead().token
                if next == .closePar {
                    values.append("")
                    return values
                }
                if next == .comma {
                    _ = consume()
                    values.append("")
                }
            default:
                throw SelectorFailure("found '\(item.literal)', expected: ',', or identifier")
            }
        }
    }

    /// The value after `=`, `==`, `!=`, `>` or `<`; nothing at all is the empty value.
    mutating func exactValue() throws(SelectorFailure) -> [String] {
        let next = lookahead().token
        if next == .end || next == .comma { return [""] }
        let item = consume()
        guard item.token == .identifier else { throw SelectorFailure("found '\(item.literal)', expected: identifier") }
        return [item.literal]
    }
}

// MARK: - Validation

/// apimachinery's qualified-name and label-value rules, with its messages.
private enum LabelValidation {
    static let nameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let nameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let valueFormat = "(" + nameFormat + ")?"
    static let valueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let subdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    static let subdomainMessage = "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"

    static func checkKey(_ key: String) throws(SelectorFailure) {
        let errors = qualifiedNameErrors(key)
        if !errors.isEmpty {
            throw SelectorFailure("invalid label key \(GoQuote.quote(key)): " + errors.joined(separator: "; "))
        }
    }

    static func checkValue(_ value: String, key: String) throws(SelectorFailure) {
        var errors: [String] = []
        if value.utf8.count > 63 { errors.append(maxLength(63)) }
        if !value.isEmpty && !isQualifiedNamePart(value.utf8) {
            errors.append(regexError(valueMessage, valueFormat, examples: ["MyValue", "my_value", "12345"]))
        }
        if !errors.isEmpty {
            throw SelectorFailure("invalid label value: \(GoQuote.quote(value)): at key: \(GoQuote.quote(key)): "
                                  + errors.joined(separator: "; "))
        }
    }

    /// An optional DNS-1123 subdomain and `/`, then a name of at most 63 characters.
    static func qualifiedNameErrors(_ s: String) -> [String] {
        var errors: [String] = []
        // Go splits bytes, so a `/` followed by a combining mark still splits.
        let parts = Array(s.utf8).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        let name: ArraySlice<UInt8>
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                errors += subdomainErrors(prefix).map { "prefix part " + $0 }
            }
        default:
            return ["a qualified name " + regexError(nameMessage, nameFormat, examples: ["MyName", "my.name", "123-abc"])
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.count > 63 {
            errors.append("name part " + maxLength(63))
        }
        if !isQualifiedNamePart(name) {
            errors.append("name part " + regexError(nameMessage, nameFormat, examples: ["MyName", "my.name", "123-abc"]))
        }
        return errors
    }

    static func subdomainErrors(_ s: ArraySlice<UInt8>) -> [String] {
        var errors: [String] = []
        if s.count > 253 { errors.append(maxLength(253)) }
        let labels = s.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let valid = labels.allSatisfy { label in
            guard let first = label.first, let last = label.last, isLowerAlnum(first), isLowerAlnum(last) else { return false }
            return label.allSatisfy { isLowerAlnum($0) || $0 == UInt8(ascii: "-") }
        }
        if !valid { errors.append(regexError(subdomainMessage, subdomainFormat, examples: ["example.com"])) }
        return errors
    }

    /// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
    static func isQualifiedNamePart<Bytes: BidirectionalCollection<UInt8>>(_ bytes: Bytes) -> Bool {
        guard let first = bytes.first, let last = bytes.last, isAlnum(first), isAlnum(last) else { return false }
        return bytes.allSatisfy { isAlnum($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    static func isAlnum(_ c: UInt8) -> Bool {
        isLowerAlnum(c) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
    }

    static func isLowerAlnum(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
    }

    static func maxLength(_ n: Int) -> String { "must be no more than \(n) characters" }

    /// apimachinery's RegexError, spacing included.
    static func regexError(_ message: String, _ format: String, examples: [String]) -> String {
        let listed = examples.map { "'\($0)', " }.joined(separator: " or ")
        return message + " (e.g. " + listed + "regex used for validation is '" + format + "')"
    }
}
