import SwkYAML

/// `generatorOptions`, or a generator's own `options`.
public struct GeneratorOptions: Sendable {
    /// Labels added to every generated object; nil when not set at all.
    public var labels: [(key: String, value: String)]?
    /// Annotations added to every generated object; nil when not set at all.
    public var annotations: [(key: String, value: String)]?
    /// Keep the name as written, without the content-hash suffix.
    public var disableNameSuffixHash = false
    /// Mark the generated objects `immutable: true`.
    public var immutable = false

    /// No options set.
    public init() {}

    /// kustomize's merge of the kustomization-wide options into a generator's: the generator's own
    /// label and annotation keys win, and either side can switch the booleans on.
    public func merging(global: GeneratorOptions?) -> GeneratorOptions {
        guard let global else { return self }
        var out = self
        out.labels = Self.addMissing(global.labels, to: labels)
        out.annotations = Self.addMissing(global.annotations, to: annotations)
        out.disableNameSuffixHash = disableNameSuffixHash || global.disableNameSuffixHash
        out.immutable = immutable || global.immutable
        return out
    }

    private static func addMissing(_ global: [(key: String, value: String)]?,
                                   to local: [(key: String, value: String)]?) -> [(key: String, value: String)]? {
        guard let local else { return global }
        let present = Set(local.map(\.key))
        return local + (global ?? []).filter { !present.contains($0.key) }
    }
}

/// One `configMapGenerator` or `secretGenerator` entry.
public struct GeneratorArgs: Sendable {
    /// Which object the entry generates.
    public enum Kind: String, Sendable { case configMap = "ConfigMap", secret = "Secret" }
    /// kustomize treats any other `behavior` text as unspecified: create, but never over an existing id.
    public enum Behavior: String, Sendable { case unspecified, create, merge, replace }

    /// ConfigMap or Secret.
    public var kind: Kind
    /// The object's name before prefix, suffix and hash.
    public var name = ""
    /// The object's namespace; empty for the build's default.
    public var namespace = ""
    /// How the object meets one of the same id from a base.
    public var behavior = Behavior.unspecified
    /// `key=value` texts.
    public var literals: [Located<String>] = []
    /// `path` or `key=path`.
    public var files: [Located<String>] = []
    /// Env files: `envs` entries, then the deprecated `env`.
    public var envs: [Located<String>] = []
    /// The entry's own `options`, merged over `generatorOptions`.
    public var options: GeneratorOptions?
    /// A Secret's `type` (empty means Opaque).
    public var type = ""
    /// Where the entry starts, for errors about the entry as a whole.
    public var mark: SourceMark = .unknown

    /// An empty entry generating a `kind`.
    public init(kind: Kind) { self.kind = kind }
}

extension GeneratorArgs {
    /// The entry as kustomize's builtin plugin receives it: written as JSON and read back by
    /// goyaml.v2 (see `YAMLReadBack`); nil when the reader refuses it.
    func readBack() -> GeneratorArgs? {
        func each(_ list: [Located<String>]) -> [Located<String>]? {
            var out: [Located<String>] = []
            for item in list {
                guard let v = YAMLReadBack.value(item.value) else { return nil }
                out.append(Located(v, mark: item.mark))
            }
            return out
        }
        func pairs(_ list: [(key: String, value: String)]?) -> [(key: String, value: String)]?? {
            guard let list else { return .some(nil) }
            var out: [(key: String, value: String)] = []
            for p in list {
                guard let k = YAMLReadBack.key(p.key), let v = YAMLReadBack.value(p.value) else { return nil }
                out.append((k, v))
            }
            return out
        }
        var g = self
        guard let name = YAMLReadBack.value(name), let namespace = YAMLReadBack.value(namespace),
              let type = YAMLReadBack.value(type), let literals = each(literals), let files = each(files),
              let envs = each(envs), let labels = pairs(options?.labels), let annotations = pairs(options?.annotations)
        else { return nil }
        (g.name, g.namespace, g.type, g.literals, g.files, g.envs) = (name, namespace, type, literals, files, envs)
        g.options?.labels = labels
        g.options?.annotations = annotations
        return g
    }
}
