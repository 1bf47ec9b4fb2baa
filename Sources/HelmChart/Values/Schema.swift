import Foundation
import GoTemplate
import SwkYAML

/// values.schema.json validation of the parent and each subchart, worded as Helm 4's validator
/// (santhosh-tekuri/jsonschema v6) words it.
enum SchemaCheck {
    static func validate(_ chart: Chart, _ values: GoMap) throws {
        let text = try report(chart, values)
        if !text.isEmpty {
            throw ChartError("values don't meet the specifications of the schema(s) in the following chart(s):\n" + text)
        }
    }

    static func report(_ chart: Chart, _ values: GoMap) throws -> String {
        var out = ""
        if let raw = chart.schema {
            let doc: Value
            do { doc = try GoJSON.unmarshal(String(decoding: raw, as: UTF8.self)) }
            catch let e as GoJSON.DecodeError { throw ChartError("\(chart.name): invalid values.schema.json: \(e.message)") }
            let v = JSONSchema(root: doc)
            var errs = v.validate(doc, .map(values), at: [])
            // The validator lists a root group's failures directly under the schema.
            if errs.count == 1, errs[0].isGroup { errs = errs[0].causes }
            if !errs.isEmpty {
                out += "\(chart.name):\n" + SchemaError.display(errs) + "\n"
            }
        }
        for sub in chart.dependencies {
            guard let raw = values.dict[sub.name], !raw.isNull else { continue }
            guard case .map(let m) = raw else {
                out += "\(sub.name):\ninvalid type for values: expected object (map), got \(raw.goTypeName)\n"
                continue
            }
            out += try report(sub, m)
        }
        return out
    }
}

/// One failed keyword at an instance location, with the failures under it.
struct SchemaError {
    var location: [String]
    var message: String
    var causes: [SchemaError] = []
    /// A $ref with a single cause prints only the cause.
    var isReference = false
    /// Several failures of one schema.
    var isGroup = false

    static func pointer(_ loc: [String]) -> String {
        loc.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    static func quote(_ s: String) -> String {
        var q = GoFormat.quote(s)
        q = q.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "'", with: "\\'")
        return "'" + q.dropFirst().dropLast() + "'"
    }

    /// The lines under Helm's stripped "jsonschema validation failed" head.
    static func display(_ errs: [SchemaError]) -> String {
        var lines: [String] = []
        func walk(_ e: SchemaError, _ indent: Int) {
            var next = indent
            // A single-cause reference prints only its cause.
            if !(e.isReference && e.causes.count == 1) {
                lines.append(String(repeating: "  ", count: indent) + "- at " + quote(pointer(e.location)) + ": " + e.message)
                next = indent + 1
            }
            for c in e.causes { walk(c, next) }
        }
        for e in errs { walk(e, 0) }
        return lines.joined(separator: "\n")
    }
}

/// A JSON Schema validator over template values (drafts 4 to 2020-12, the keywords charts use).
struct JSONSchema {
    let root: Value
    let draft: Int
    /// `pattern` and `patternProperties` run on ICU, which backtracks: one bound for the whole validation.
    let regexBudget = BoundedRegex.Budget()

    init(root: Value) {
        self.root = root
        var d = 2020
        if case .map(let m) = root, case .string(let s)? = m.dict["$schema"] {
            if s.contains("draft-04") { d = 4 } else if s.contains("draft-06") { d = 6 } else if s.contains("draft-07") { d = 7 }
            else if s.contains("2019-09") { d = 2019 }
        }
        draft = d
    }

    enum Kind: Int { case null = 1, boolean, number, integer, string, array, object }
    static let kindNames: [Kind: String] = [.null: "null", .boolean: "boolean", .number: "number", .integer: "integer",
                                            .string: "string", .array: "array", .object: "object"]

    static func kind(_ v: Value) -> Kind? {
        switch v {
        case .null: return .null
        case .bool: return .boolean
        case .int, .int64, .float: return .number
        case .string: return .string
        case .list, .strings: return .array
        case .map: return .object
        default: return nil
        }
    }

    static func number(_ v: Value) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .int64(let i): return Double(i)
        case .float(let f): return f
        default: return nil
        }
    }

    static func display(_ v: Value) -> String {
        switch v {
        case .string(let s): return SchemaError.quote(s)
        case .list, .map, .strings: return "value"
        case .null: return "<nil>"
        case .float(let f): return GoFormat.v(.float(f))
        default: return GoFormat.v(v)
        }
    }

    /// Resolves a local reference ("#", "#/definitions/x"); nil for anything else.
    func resolve(_ ref: String) -> Value? {
        guard ref.hasPrefix("#") else { return nil }
        var cur = root
        for raw in ref.dropFirst().split(separator: "/") {
            let tok = String(raw).replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                .removingPercentEncoding ?? String(raw)
            switch cur {
            case .map(let m):
                guard let n = m.dict[tok] else { return nil }
                cur = n
            case .list(let l):
                guard let i = Int(tok), i >= 0, i < l.count else { return nil }
                cur = l[i]
            default: return nil
            }
        }
        return cur
    }

    func isValid(_ schema: Value, _ v: Value) -> Bool { validate(schema, v, at: []).isEmpty }

    func validate(_ schema: Value, _ v: Value, at loc: [String], depth: Int = 0) -> [SchemaError] {
        if depth > 200 { return [] }
        switch schema {
        case .bool(let b): return b ? [] : [SchemaError(location: loc, message: "false schema")]
        case .map(let s): return validateObject(s, v, loc, depth)
        default: return []
        }
    }

    func validateObject(_ s: GoMap, _ v: Value, _ loc: [String], _ depth: Int) -> [SchemaError] {
        func err(_ m: String) -> SchemaError { SchemaError(location: loc, message: m) }
        guard let k = JSONSchema.kind(v) else { return [err("invalid jsonType \(v.goTypeName)")] }

        // type, const, enum fail alone.
        if let t = s.dict["type"] {
            let want: [String] = t.listItems?.map(Conv.strval) ?? [Conv.strval(t)]
            let isInt = JSONSchema.number(v).map { $0 == $0.rounded() && $0.isFinite } ?? false
            let ok = want.contains(JSONSchema.kindNames[k] ?? "") || (want.contains("integer") && k == .number && isInt)
            if !ok {
                let ordered = JSONSchema.kindNames.sorted { $0.key.rawValue < $1.key.rawValue }.map(\.value).filter(want.contains)
                return [err("got \(JSONSchema.kindNames[k] ?? ""), want \(ordered.joined(separator: " or "))")]
            }
        }
        if let c = s.dict["const"], !JSONSchema.equal(v, c) {
            switch c {
            case .list, .map: return [err("const failed")]
            default: return [err("value must be \(JSONSchema.display(c))")]
            }
        }
        if case .list(let items)? = s.dict["enum"], !items.contains(where: { JSONSchema.equal(v, $0) }) {
            if items.contains(where: { if case .list = $0 { return true }; if case .map = $0 { return true }; return false }) {
                return [err("enum failed")]
            }
            if items.count == 1 { return [err("value must be \(JSONSchema.display(items[0]))")] }
            return [err("value must be one of " + items.map(JSONSchema.display).joined(separator: ", "))]
        }

        var errors: [SchemaError] = []
        if case .string(let ref)? = s.dict["$ref"], let target = resolve(ref) {
            let sub = validate(target, v, at: loc, depth: depth + 1)
            if !sub.isEmpty {
                errors.append(SchemaError(location: loc, message: "validation failed", causes: sub, isReference: true))
            }
            if draft < 2019 { return errors }
        }

        switch v {
        case .map(let obj): errors += objectChecks(s, obj, loc, depth)
        case .list, .strings: errors += arrayChecks(s, v.listItems ?? [], loc, depth)
        case .string(let str): errors += stringChecks(s, str, loc)
        default:
            if let n = JSONSchema.number(v) { errors += numberChecks(s, n, loc) }
        }

        if let n = s.dict["not"], isValid(n, v) { errors.append(err("'not' failed")) }
        if case .list(let subs)? = s.dict["allOf"] {
            let fails = subs.flatMap { validate($0, v, at: loc, depth: depth + 1) }
            if !fails.isEmpty { errors.append(SchemaError(location: loc, message: "'allOf' failed", causes: fails)) }
        }
        if case .list(let subs)? = s.dict["anyOf"] {
            var fails: [SchemaError] = []
            var matched = false
            for x in subs {
                let e = validate(x, v, at: loc, depth: depth + 1)
                if e.isEmpty { matched = true; break }
                fails += e
            }
            if !matched { errors.append(SchemaError(location: loc, message: "'anyOf' failed", causes: fails)) }
        }
        if case .list(let subs)? = s.dict["oneOf"] {
            var fails: [SchemaError] = []
            var matched: Int?
            var reported = false
            for (i, x) in subs.enumerated() {
                let e = validate(x, v, at: loc, depth: depth + 1)
                if e.isEmpty {
                    if let m = matched {
                        errors.append(err("'oneOf' failed, subschemas \(m), \(i) matched"))
                        reported = true
                        break
                    }
                    matched = i
                } else {
                    fails += e
                }
            }
            if matched == nil && !reported { errors.append(SchemaError(location: loc, message: "'oneOf' failed, none matched", causes: fails)) }
        }
        if let cond = s.dict["if"] {
            if isValid(cond, v) {
                if let t = s.dict["then"] { errors += validate(t, v, at: loc, depth: depth + 1) }
            } else if let e = s.dict["else"] {
                errors += validate(e, v, at: loc, depth: depth + 1)
            }
        }
        if errors.count > 1 { return [SchemaError(location: loc, message: "validation failed", causes: errors, isGroup: true)] }
        return errors
    }

    static func quoteList(_ names: [String]) -> String { names.map(SchemaError.quote).joined(separator: ", ") }

    func objectChecks(_ s: GoMap, _ obj: GoMap, _ loc: [String], _ depth: Int) -> [SchemaError] {
        var errors: [SchemaError] = []
        func err(_ m: String) -> SchemaError { SchemaError(location: loc, message: m) }
        if let n = s.dict["minProperties"].flatMap(JSONSchema.number), Double(obj.dict.count) < n {
            errors.append(err("minProperties: got \(obj.dict.count), want \(Int(n))"))
        }
        if let n = s.dict["maxProperties"].flatMap(JSONSchema.number), Double(obj.dict.count) > n {
            errors.append(err("maxProperties: got \(obj.dict.count), want \(Int(n))"))
        }
        if case .list(let req)? = s.dict["required"] {
            let missing = req.map(Conv.strval).filter { obj.dict[$0] == nil }
            if missing.count == 1 { errors.append(err("missing property \(SchemaError.quote(missing[0]))")) }
            else if missing.count > 1 { errors.append(err("missing properties \(JSONSchema.quoteList(missing))")) }
        }
        for key in ["dependencies", "dependentRequired"] {
            guard case .map(let deps)? = s.dict[key] else { continue }
            for p in deps.sortedKeys where obj.dict[p] != nil {
                guard let dep = deps.dict[p] else { continue }
                if let names = dep.listItems {
                    let missing = names.map(Conv.strval).filter { obj.dict[$0] == nil }
                    if !missing.isEmpty { errors.append(err("properties \(JSONSchema.quoteList(missing)) required, if \(SchemaError.quote(p)) exists")) }
                } else {
                    errors += validate(dep, .map(obj), at: loc, depth: depth + 1)
                }
            }
        }
        let props: GoMap? = { if case .map(let m)? = s.dict["properties"] { return m }; return nil }()
        let patterns: GoMap? = { if case .map(let m)? = s.dict["patternProperties"] { return m }; return nil }()
        var additional: [String] = []
        for name in obj.sortedKeys {
            guard let pv = obj.dict[name] else { continue }
            var evaluated = false
            if let sch = props?.dict[name] {
                evaluated = true
                errors += validate(sch, pv, at: loc + [name], depth: depth + 1)
            }
            for pat in patterns?.sortedKeys ?? [] where matches(pat, name, loc + [name], &errors) {
                evaluated = true
                if let sch = patterns?.dict[pat] { errors += validate(sch, pv, at: loc + [name], depth: depth + 1) }
            }
            if !evaluated, let ap = s.dict["additionalProperties"] {
                if case .bool(let b) = ap { if !b { additional.append(name) } }
                else { errors += validate(ap, pv, at: loc + [name], depth: depth + 1) }
            }
        }
        if !additional.isEmpty { errors.append(err("additional properties \(JSONSchema.quoteList(additional)) not allowed")) }
        if let pn = s.dict["propertyNames"] {
            for name in obj.sortedKeys where !isValid(pn, .string(name)) {
                errors.append(err("invalid propertyName \(SchemaError.quote(name))"))
            }
        }
        return errors
    }

    func arrayChecks(_ s: GoMap, _ arr: [Value], _ loc: [String], _ depth: Int) -> [SchemaError] {
        var errors: [SchemaError] = []
        func err(_ m: String) -> SchemaError { SchemaError(location: loc, message: m) }
        if let n = s.dict["minItems"].flatMap(JSONSchema.number), Double(arr.count) < n {
            errors.append(err("minItems: got \(arr.count), want \(Int(n))"))
        }
        if let n = s.dict["maxItems"].flatMap(JSONSchema.number), Double(arr.count) > n {
            errors.append(err("maxItems: got \(arr.count), want \(Int(n))"))
        }
        if case .bool(true)? = s.dict["uniqueItems"] {
            outer: for i in arr.indices { for j in arr.indices where j > i && JSONSchema.equal(arr[i], arr[j]) {
                errors.append(err("items at \(i) and \(j) are equal")); break outer
            } }
        }
        var evaluated = 0
        if case .list(let prefix)? = s.dict[draft >= 2020 ? "prefixItems" : "items"] {
            for (i, item) in arr.enumerated() where i < prefix.count {
                errors += validate(prefix[i], item, at: loc + [String(i)], depth: depth + 1)
            }
            evaluated = min(prefix.count, arr.count)
            if draft < 2020, let add = s.dict["additionalItems"], arr.count > evaluated {
                if case .bool(false) = add { errors.append(err("last \(arr.count - evaluated) additionalItem(s) not allowed")) }
                else { for i in evaluated..<arr.count { errors += validate(add, arr[i], at: loc + [String(i)], depth: depth + 1) } }
            }
        }
        if let items = s.dict["items"], items.listItems == nil || draft >= 2020 {
            if case .list = items {} else {
                for i in evaluated..<arr.count { errors += validate(items, arr[i], at: loc + [String(i)], depth: depth + 1) }
            }
        }
        if let c = s.dict["contains"], !arr.contains(where: { isValid(c, $0) }) {
            errors.append(err("no items match contains schema"))
        }
        return errors
    }

    func stringChecks(_ s: GoMap, _ str: String, _ loc: [String]) -> [SchemaError] {
        var errors: [SchemaError] = []
        let n = str.unicodeScalars.count
        if let m = s.dict["minLength"].flatMap(JSONSchema.number), Double(n) < m {
            errors.append(SchemaError(location: loc, message: "minLength: got \(n), want \(Int(m))"))
        }
        if let m = s.dict["maxLength"].flatMap(JSONSchema.number), Double(n) > m {
            errors.append(SchemaError(location: loc, message: "maxLength: got \(n), want \(Int(m))"))
        }
        if case .string(let p)? = s.dict["pattern"], !matches(p, str, loc, &errors) {
            errors.append(SchemaError(location: loc, message: "\(SchemaError.quote(str)) does not match pattern \(SchemaError.quote(p))"))
        }
        return errors
    }

    func numberChecks(_ s: GoMap, _ n: Double, _ loc: [String]) -> [SchemaError] {
        var errors: [SchemaError] = []
        func f(_ d: Double) -> String { GoFormat.v(.float(d)) }
        func err(_ m: String) { errors.append(SchemaError(location: loc, message: m)) }
        let exMinBool = s.dict["exclusiveMinimum"].map { if case .bool(let b) = $0 { return b }; return false } ?? false
        let exMaxBool = s.dict["exclusiveMaximum"].map { if case .bool(let b) = $0 { return b }; return false } ?? false
        if let m = s.dict["minimum"].flatMap(JSONSchema.number) {
            if exMinBool ? n <= m : n < m { err((exMinBool ? "exclusiveMinimum" : "minimum") + ": got \(f(n)), want \(f(m))") }
        }
        if let m = s.dict["maximum"].flatMap(JSONSchema.number) {
            if exMaxBool ? n >= m : n > m { err((exMaxBool ? "exclusiveMaximum" : "maximum") + ": got \(f(n)), want \(f(m))") }
        }
        if let m = s.dict["exclusiveMinimum"].flatMap(JSONSchema.number), n <= m { err("exclusiveMinimum: got \(f(n)), want \(f(m))") }
        if let m = s.dict["exclusiveMaximum"].flatMap(JSONSchema.number), n >= m { err("exclusiveMaximum: got \(f(n)), want \(f(m))") }
        if let m = s.dict["multipleOf"].flatMap(JSONSchema.number), m != 0 {
            let q = n / m
            if q != q.rounded() { err("multipleOf: \(f(n)) not multipleOf \(f(m))") }
        }
        return errors
    }

    /// An invalid pattern matches everything; one over the work bound fails the validation.
    func matches(_ pattern: String, _ s: String, _ loc: [String], _ errors: inout [SchemaError]) -> Bool {
        guard let re = try? BoundedRegex(pattern) else { return true }
        do { return try re.firstMatch(in: s, budget: regexBudget) != nil } catch {
            errors.append(SchemaError(location: loc, message: "exceeded the maxRegexSteps limit (\(error.steps) regex steps) matching pattern \(SchemaError.quote(pattern))"))
            return true
        }
    }

    /// JSON equality: numbers by value, maps and lists deeply.
    static func equal(_ a: Value, _ b: Value) -> Bool {
        if let x = number(a), let y = number(b) { return x == y }
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.map(let x), .map(let y)):
            return x.dict.count == y.dict.count && x.dict.allSatisfy { k, v in y.dict[k].map { equal(v, $0) } ?? false }
        default:
            if let x = a.listItems, let y = b.listItems { return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) } }
            return false
        }
    }
}
