import SwkYAML

// `configMapGenerator`, `secretGenerator` and `generatorOptions`. kustomize decodes these through
// JSON into Go strings and booleans, so a number where a string belongs is an error, not a string.

extension KustomizationParser.Context {
    func generator(_ v: YAMLNode, kind: GeneratorArgs.Kind) throws -> GeneratorArgs {
        let field = kind == .configMap ? "configMapGenerator" : "secretGenerator"
        var keys: Set<String> = ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options"]
        if kind == .secret { keys.insert("type") }
        let f = try fields(v, keys, field)
        var g = GeneratorArgs(kind: kind)
        g.mark = v.mark
        g.name = try f["name"].map { try goString($0, "\(field).name") } ?? ""
        g.namespace = try f["namespace"].map { try goString($0, "\(field).namespace") } ?? ""
        let behavior = try f["behavior"].map { try goString($0, "\(field).behavior") } ?? ""
        g.behavior = GeneratorArgs.Behavior(rawValue: behavior) ?? .unspecified
        g.literals = try located(f["literals"], "\(field).literals")
        g.files = try located(f["files"], "\(field).files")
        g.envs = try located(f["envs"], "\(field).envs")
        if let env = f["env"], !env.isNull {
            let path = try goString(env, "\(field).env")
            if !path.isEmpty { g.envs.append(Located(path, mark: env.mark)) }
        }
        if let o = f["options"], !o.isNull { g.options = try generatorOptions(o, "\(field).options") }
        g.type = try f["type"].map { try goString($0, "\(field).type") } ?? ""
        return g
    }

    func generatorOptions(_ v: YAMLNode, _ field: String) throws -> GeneratorOptions {
        let f = try fields(v, ["labels", "annotations", "disableNameSuffixHash", "immutable"], field)
        var o = GeneratorOptions()
        if let l = f["labels"], !l.isNull { o.labels = try goStringMap(l, "\(field).labels") }
        if let a = f["annotations"], !a.isNull { o.annotations = try goStringMap(a, "\(field).annotations") }
        o.disableNameSuffixHash = try f["disableNameSuffixHash"].map { try bool($0, "\(field).disableNameSuffixHash") } ?? false
        o.immutable = try f["immutable"].map { try bool($0, "\(field).immutable") } ?? false
        return o
    }

    /// A string as Go's JSON decoding accepts it: a YAML string or null, nothing that YAML 1.1 reads
    /// as a number or boolean.
    func goString(_ v: YAMLNode, _ field: String) throws -> String {
        guard v.isScalar else { throw fail(v, "\(field): expected a string") }
        switch v.tag {
        case .string: return v.text
        case .null: return ""
        case .int, .float: throw fail(v, "\(field): cannot unmarshal number into a string (quote it)")
        case .bool: throw fail(v, "\(field): cannot unmarshal bool into a string (quote it)")
        }
    }

    /// A map of strings; a repeated key keeps its last value, as the JSON decoding does.
    func goStringMap(_ v: YAMLNode, _ field: String) throws -> [(key: String, value: String)] {
        guard v.isMapping else { throw fail(v, "\(field): expected a map of strings") }
        var out: [(key: String, value: String)] = []
        for e in v.entries {
            let value = try goString(e.value, "\(field).\(e.key)")
            if let i = out.firstIndex(where: { $0.key == e.key }) { out[i].value = value } else { out.append((e.key, value)) }
        }
        return out
    }

    private func located(_ v: YAMLNode?, _ field: String) throws -> [Located<String>] {
        guard let v else { return [] }
        return try list(v, field).map { Located(try goString($0, field), mark: $0.mark) }
    }
}
