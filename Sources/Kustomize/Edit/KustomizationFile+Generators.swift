import Foundation
import SwkYAML

/// `edit add configmap|secret NAME --from-literal|--from-file|--from-env-file`.
extension KustomizationFile {
    /// What `edit add configmap|secret` was given.
    public struct GeneratorArgument: Sendable {
        /// The generator to add to.
        public enum Kind: String, Sendable { case configMap = "configmap", secret }
        /// ConfigMap or Secret.
        public var kind: Kind
        /// The entry's name.
        public var name: String
        /// `--namespace`.
        public var namespace = ""
        /// `--from-literal` arguments (`key=value`).
        public var literals: [String] = []
        /// `--from-file` arguments (`[key=]path`).
        public var files: [String] = []
        /// `--from-env-file`.
        public var envFile = ""
        /// `--behavior` (create, merge or replace); empty for none.
        public var behavior = ""
        /// `--type` of a Secret.
        public var type = "Opaque"
        /// `--disableNameSuffixHash`.
        public var disableNameSuffixHash = false

        /// An argument with only kind and name.
        public init(kind: Kind, name: String) { self.kind = kind; self.name = name }

        var field: String { kind == .configMap ? "configMapGenerator" : "secretGenerator" }
    }

    /// Appends the sources to the generator of that name and namespace, or adds a new generator.
    public mutating func addGenerator(_ arg: GeneratorArgument) throws {
        var g = arg
        g.files = try expandFileSources(g.files)
        try validate(g)
        let k = try key(g.field)
        let items = try records(g.field)
        let sameNamespace = { (ns: String) in (ns.isEmpty ? "default" : ns) == (g.namespace.isEmpty ? "default" : g.namespace) }
        guard let i = items.firstIndex(where: { $0["name"]?.text == g.name && sameNamespace($0["namespace"]?.text ?? "") }) else {
            return try editor.append([.key(k)], newGenerator(g))
        }
        let path: [YAMLTextEditor.Step] = [.key(k), .index(i)]
        for (field, values) in [("literals", g.literals), ("files", g.files), ("envs", g.envFile.isEmpty ? [] : [g.envFile])] {
            for v in values { try editor.append(path + [.key(field)], .string(v)) }
        }
        if g.disableNameSuffixHash {
            try editor.set(path + [.key("options")], .mapping([YAMLNode.Entry(key: "disableNameSuffixHash", value: .bool(true))]))
        }
        if !g.behavior.isEmpty { try editor.set(path + [.key("behavior")], .string(g.behavior)) }
    }

    func newGenerator(_ g: GeneratorArgument) -> YAMLNode {
        var entries: [YAMLNode.Entry] = []
        func add(_ k: String, _ v: YAMLNode) { entries.append(YAMLNode.Entry(key: k, value: v)) }
        if !g.behavior.isEmpty { add("behavior", .string(g.behavior)) }
        if !g.envFile.isEmpty { add("envs", .sequence([.string(g.envFile)])) }
        if !g.files.isEmpty { add("files", .sequence(g.files.map { .string($0) })) }
        if !g.literals.isEmpty { add("literals", .sequence(g.literals.map { .string($0) })) }
        add("name", .string(g.name))
        if !g.namespace.isEmpty { add("namespace", .string(g.namespace)) }
        if g.disableNameSuffixHash { add("options", .mapping([YAMLNode.Entry(key: "disableNameSuffixHash", value: .bool(true))])) }
        if g.kind == .secret && !g.type.isEmpty { add("type", .string(g.type)) }
        return .mapping(entries)
    }

    /// `--from-file` patterns, `[key=]pattern`, expanded against the folder; a keyed one must match one file.
    mutating func expandFileSources(_ sources: [String]) throws -> [String] {
        var out: [String] = []
        for source in sources {
            let parts = source.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            let key = parts.count == 2 ? parts[0] : "", pattern = parts.count == 2 ? parts[1] : parts[0]
            let files = PathGlob.glob(pattern, in: dir)
            if files.isEmpty { notes.append("\(pattern) has no match") }
            if !key.isEmpty {
                guard files.count == 1 else {
                    throw KustomizeError("failed to expand file source: 'pattern '\(source)' catches files [\(files.joined(separator: " "))], should catch only one")
                }
                out.append("\(key)=\(files[0])")
            } else {
                out += files
            }
        }
        return out
    }

    /// The checks kustomize makes before it writes (and while it test-generates the object).
    func validate(_ g: GeneratorArgument) throws {
        let flags = "failed to validate flags: "
        if g.envFile.isEmpty && g.files.isEmpty && g.literals.isEmpty {
            throw KustomizeError(flags + "at least from-env-file, or from-file or from-literal must be set")
        }
        if !g.envFile.isEmpty && (!g.files.isEmpty || !g.literals.isEmpty) {
            throw KustomizeError(flags + "from-env-file cannot be combined with from-file or from-literal")
        }
        if !g.behavior.isEmpty && !["create", "merge", "replace"].contains(g.behavior) {
            throw KustomizeError(flags + "invalid behavior: must be one of \"create\", \"merge\", or \"replace\"")
        }
        let what = g.kind == .configMap ? "configmap" : "secret"
        for l in g.literals {
            guard let eq = l.firstIndex(of: "="), eq != l.startIndex else {
                throw KustomizeError("failed to create \(what): invalid literal source \(l), expected key=value")
            }
        }
        for f in g.files + (g.envFile.isEmpty ? [] : [g.envFile]) {
            let file = f.split(separator: "=", maxSplits: 1).last.map(String.init) ?? f
            guard FileManager.default.fileExists(atPath: FilePaths.join(dir, file)) else {
                throw KustomizeError("failed to create \(what): evalsymlink failure on '\(file)' : lstat \(file): no such file or directory")
            }
        }
    }
}

extension KustomizationFile {
    /// `edit remove configmap|secret NAME[,NAME] [--namespace NS]`: at least one must be found;
    /// names not found are noted.
    public mutating func removeGenerators(_ kind: GeneratorArgument.Kind, names: [String], namespace: String) throws {
        let field = GeneratorArgument(kind: kind, name: "").field
        let k = try key(field)
        let sameNamespace = { (ns: String) in (ns.isEmpty ? "default" : ns) == (namespace.isEmpty ? "default" : namespace) }
        let items = try records(field)
        let hits = items.indices.filter { i in
            names.contains(items[i]["name"]?.text ?? "") && sameNamespace(items[i]["namespace"]?.text ?? "")
        }
        guard !hits.isEmpty else { throw KustomizeError("no specified \(kind.rawValue)(s) were found in the kustomization.yaml file") }
        let found = Set(hits.compactMap { items[$0]["name"]?.text })
        for name in names where !found.contains(name) { notes.append("\(kind.rawValue) \(name) doesn't exist in kustomization file") }
        for i in hits.reversed() { try editor.remove([.key(k), .index(i)]) }
    }
}
