import Foundation
import GoTemplate
import SwkYAML

/// Helm's additions to Sprig: YAML/JSON/TOML, include, tpl, required, fail, lookup.
enum HelmFunctions {
    /// Shared across include and tpl within one render: per-name include depth.
    /// The names of the includes running, innermost last: a name's count is only needed once
    /// more than `recursionMax` includes nest, so none is kept per name.
    final class IncludeCounter { @exclusivity(unchecked) var active: [String] = [] }

    static let recursionMax = 1000

    static func yamlErrorText(_ e: Error) -> String {
        guard let y = e as? YAMLError else { return "\(e)" }
        // goyaml prints libyaml's problem without its context, and the problem's line only when it
        // is past the first: scanner errors count lines from 1, parser errors from 0.
        let msg = y.problem ?? y.message
        let line = y.mark.line > 1 ? (y.isScannerError ? y.mark.line : y.mark.line - 1) : 0
        return "error converting YAML to JSON: yaml: " + (line > 0 ? "line \(line): " : "") + msg
    }

    static func table(counter: IncludeCounter) -> [String: Function] {
        var f = Sprig.functions()
        f["env"] = nil
        f["expandenv"] = nil
        f["toYaml"] = Function([.any]) { _, a in .string(ValueBridge.toYAML(a[0])) }
        f["mustToYaml"] = Function([.any]) { _, a in .string(ValueBridge.toYAML(a[0])) }
        f["toYamlPretty"] = Function([.any]) { _, a in .string(prettyYAML(ValueBridge.toYAML(a[0]))) }
        f["fromYaml"] = Function([.string]) { _, a in
            let m = GoMap()
            do {
                let docs = try YAMLParser.parseDocuments(Conv.strval(a[0]), file: "", schema: .yaml11)
                guard let d = docs.first else { return .map(m) }
                switch ValueBridge.value(from: d) {
                case .map(let x): return .map(x)
                case .null: return .map(m)
                case let other:
                    m.dict["Error"] = .string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(other)) into Go value of type map[string]interface {}")
                }
            } catch { m.dict["Error"] = .string(yamlErrorText(error)) }
            return .map(m)
        }
        f["fromYamlArray"] = Function([.string]) { _, a in
            do {
                let docs = try YAMLParser.parseDocuments(Conv.strval(a[0]), file: "", schema: .yaml11)
                guard let d = docs.first else { return .list([]) }
                switch ValueBridge.value(from: d) {
                case .list(let l): return .list(l)
                case .null: return .list([])
                case let other:
                    return .list([.string("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(jsonKind(other)) into Go value of type []interface {}")])
                }
            } catch { return .list([.string(yamlErrorText(error))]) }
        }
        f["fromJson"] = Function([.string]) { _, a in
            do {
                let v = try GoJSON.unmarshal(Conv.strval(a[0]))
                if case .map = v { return v }
                return .map(GoMap(["Error": .string("json: cannot unmarshal \(jsonKind(v)) into Go value of type map[string]interface {}")]))
            } catch let e as GoJSON.DecodeError {
                return .map(GoMap(["Error": .string(e.message)]))
            }
        }
        f["fromJsonArray"] = Function([.string]) { _, a in
            do {
                let v = try GoJSON.unmarshal(Conv.strval(a[0]))
                if case .list = v { return v }
                return .list([.string("json: cannot unmarshal \(jsonKind(v)) into Go value of type []interface {}")])
            } catch let e as GoJSON.DecodeError {
                return .list([.string(e.message)])
            }
        }
        f["toToml"] = Function([.any]) { _, a in .string(TOML.encode(a[0])) }
        f["required"] = Function([.string, .any]) { _, a in
            switch a[1] {
            case .null: throw HelmMessageError(Conv.strval(a[0]))
            case .string(let s) where s.isEmpty: throw HelmMessageError(Conv.strval(a[0]))
            default: return a[1]
            }
        }
        f["fail"] = Function([.string]) { _, a in throw HelmMessageError(Conv.strval(a[0])) }
        f["lookup"] = Function([.string, .string, .string, .string]) { _, _ in .map(GoMap()) }
        for (name, fn) in counting(counter) { f[name] = fn }
        return f
    }

    /// include and tpl counting nested names in `counter`: templates rendering side by side each
    /// get their own.
    static func counting(_ counter: IncludeCounter) -> [String: Function] {
        [
            "include": Function([.string, .any]) { ctx, a in try include(ctx, Conv.strval(a[0]), a[1], counter) },
            "tpl": Function([.string, .any]) { ctx, a in try tpl(ctx, Conv.strval(a[0]), a[1], counter) },
        ]
    }

    static func jsonKind(_ v: Value) -> String {
        switch v {
        case .list, .strings: return "array"
        case .string: return "string"
        case .bool: return "bool"
        case .float, .int, .int64: return "number"
        case .map: return "object"
        default: return "value"
        }
    }

    static func include(_ ctx: CallContext, _ name: String, _ data: Value, _ counter: IncludeCounter) throws -> Value {
        if counter.active.count > recursionMax && counter.active.lazy.filter({ $0 == name }).count > recursionMax {
            throw FuncError("rendering template has a nested reference name: \(name): unable to execute template")
        }
        counter.active.append(name)
        defer { counter.active.removeLast() }
        return .string(try ctx.render(name: name, data: data))
    }

    static func tpl(_ ctx: CallContext, _ text: String, _ data: Value, _ counter: IncludeCounter) throws -> Value {
        let clone = ctx.templates.clone()
        let tree: Tree
        do { tree = try clone.parse(name: "gotpl", text: text) }
        catch { throw FuncError("cannot parse template \(GoFormat.quote(text)): ", wrapping: error) }
        do {
            let out = try ctx.renderNested(clone, tree: tree, data: data)
            return .string(FastString.replaceAll(out, "<no value>", ""))
        } catch let e as LimitError {
            throw e
        } catch {
            throw FuncError("error during tpl function execution for \(GoFormat.quote(text)): ", wrapping: error)
        }
    }

    /// Helm's toYamlPretty indents sequences under their key.
    static func prettyYAML(_ s: String) -> String {
        var out: [String] = []
        var stack: [(indent: Int, extra: Int)] = []
        for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = String(line)
            let ind = l.prefix(while: { $0 == " " }).count
            let body = l.dropFirst(ind)
            while let top = stack.last, ind < top.indent || (ind == top.indent && !body.hasPrefix("- ") && body != "-") { stack.removeLast() }
            var extra = stack.last?.extra ?? 0
            if body.hasPrefix("- ") || body == "-" {
                if stack.last?.indent != ind {
                    extra += 2
                    stack.append((ind, extra))
                }
            }
            out.append(String(repeating: " ", count: ind + extra) + body)
        }
        return out.joined(separator: "\n")
    }
}

/// BurntSushi/toml's encoder for simple maps: keys sorted, scalars first, then tables.
enum TOML {
    static func encode(_ v: Value) -> String {
        guard case .map(let m) = v else { return "" }
        var out = ""
        write(m, path: [], indent: "", into: &out)
        return out
    }

    static func scalar(_ v: Value) -> String? {
        switch v {
        case .string(let s): return GoFormat.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .int64(let i): return String(i)
        case .float(let f): return f == f.rounded() && abs(f) < 1e16 ? GoFormat.shortestF(f) + ".0" : GoFormat.formatFloat(f)
        case .list(let l):
            let items = l.compactMap(scalar)
            return items.count == l.count ? "[" + items.joined(separator: ", ") + "]" : nil
        case .strings(let l): return "[" + l.map { GoFormat.quote($0) }.joined(separator: ", ") + "]"
        default: return nil
        }
    }

    static func key(_ k: String) -> String {
        k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) && !k.isEmpty ? k : GoFormat.quote(k)
    }

    static func write(_ m: GoMap, path: [String], indent: String, into out: inout String) {
        let keys = m.sortedKeys
        for k in keys {
            guard let v = m.dict[k], case .map = v else {
                if let v = m.dict[k], let s = scalar(v) { out += indent + key(k) + " = " + s + "\n" }
                continue
            }
        }
        for k in keys {
            guard case .map(let sub)? = m.dict[k] else { continue }
            let p = path + [k]
            out += "\n" + indent + "[" + p.map(key).joined(separator: ".") + "]\n"
            write(sub, path: p, indent: indent + "  ", into: &out)
        }
    }
}
