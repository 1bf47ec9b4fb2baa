import SwkYAML

/// A `transformers:` entry's configuration for one of kustomize's builtin plugins
/// (`apiVersion: builtin`), turned into the same transformer the kustomization fields use.
/// Configs are read leniently, as kustomize unmarshals them: fields it does not know are ignored.
struct BuiltinPlugin {
    let config: YAMLNode
    let file: String
    let target: KustTarget

    var kind: String { config["kind"]?.stringValue ?? "" }

    /// What origins and transformer annotations name: the config's file, kind, name and namespace.
    var origin: Origin {
        let metadata = config["metadata"]
        return Origin(file: FilePaths.canonical(file) ?? file,
                      configuredBy: .init(kind: kind, name: metadata?["name"]?.stringValue ?? "",
                                          namespace: metadata?["namespace"]?.stringValue ?? ""))
    }

    /// What a transformer config is turned into, given the plugin and the build's configuration.
    typealias Make = @Sendable (BuiltinPlugin, TransformerConfig, any MergeKeyLookup) throws -> Transformer

    /// The builtin transformer kinds swkustomize runs, by `kind`.
    static let transformers: [String: Make] = [
        "PatchTransformer": { p, _, schema in
            Patches(entries: [try p.ctx.patch(p.only(["path", "patch", "target", "options"]))], target: p.target, schema: schema)
        },
        "PatchJson6902Transformer": { p, _, schema in try p.json6902(schema: schema) },
        "PatchStrategicMergeTransformer": { p, _, schema in
            var entries = try p.ctx.list(p.config["paths"] ?? .null(), "paths").map { try p.ctx.strategicMergePatch($0) }
            if let patches = p.config["patches"], !patches.isNull { entries.append(try p.ctx.strategicMergePatch(patches)) }
            return Patches(entries: entries, target: p.target, schema: schema)
        },
        "PrefixSuffixTransformer": { p, config, _ in try p.prefixSuffix(config) },
        "PrefixTransformer": { p, config, _ in try p.prefixSuffix(config) },
        "SuffixTransformer": { p, config, _ in try p.prefixSuffix(config) },
        "LabelTransformer": { p, _, _ in
            MapFieldTransformer(pairs: try p.ctx.stringMap(p.config["labels"] ?? .null(), "labels"), fieldSpecs: try p.specs())
        },
        "AnnotationsTransformer": { p, _, _ in
            MapFieldTransformer(pairs: try p.ctx.stringMap(p.config["annotations"] ?? .null(), "annotations"), fieldSpecs: try p.specs())
        },
        "NamespaceTransformer": { p, _, _ in try p.namespace() },
        "ImageTagTransformer": { p, config, _ in
            // Like `images:`, the plugin also rewrites every containers and initContainers list.
            ImageTagTransformer(images: [try p.ctx.image(p.config["imageTag"] ?? .mapping())], containerLists: config.containerLists,
                                fieldSpecs: try p.specs())
        },
        "ReplicaCountTransformer": { p, _, _ in
            ReplicaCountTransformer(replicas: [try p.ctx.replica(p.config["replica"] ?? .mapping())], fieldSpecs: try p.specs())
        },
        "ReplacementTransformer": { p, _, _ in
            let parser = ReplacementParser(ctx: p.ctx)
            return ReplacementTransformer(replacements: try p.ctx.list(p.config["replacements"] ?? .null(), "replacements").map { try parser.replacement($0) })
        },
        "ValueAddTransformer": { p, _, _ in try p.valueAdd() },
        // Appends content hashes where a generator asked for one; the top level appends its own again, as kustomize does.
        "HashTransformer": { _, _, _ in HashSuffixTransformer() },
    ]

    /// Kinds kustomize 5.5 knows but cannot load as a plugin config, with the message it gives.
    static let unloadable: [String: String] = [
        "SortOrderTransformer": "unable to load builtin SortOrderTransformer.builtin.[noGrp] (kustomize 5.5 sorts only through sortOptions)",
    ]

    func transformer(config transformerConfig: TransformerConfig, schema: any MergeKeyLookup) throws -> Transformer {
        try requireBuiltin()
        if let message = Self.unloadable[kind] { throw KustomizeError(message, file: file, mark: config.mark) }
        guard let make = Self.transformers[kind] else {
            throw KustomizeError("builtin plugin \(kind) is not supported yet by swkustomize", file: file, mark: config.mark)
        }
        return try make(self, transformerConfig, schema)
    }

    private var ctx: KustomizationParser.Context { KustomizationParser.Context(file: file) }
    private func specs() throws -> [FieldSpec] { try ConfigurationFile.specs(config["fieldSpecs"] ?? .null(), file) }
    private func text(_ key: String) throws -> String { try config[key].map { try ctx.string($0, key) } ?? "" }

    private func json6902(schema: any MergeKeyLookup) throws -> Transformer {
        var entry: PatchEntry
        let path = try text("path"), op = try text("jsonOp")
        if !path.isEmpty { entry = PatchEntry(field: .patchesJson6902, body: .file(Located(path, mark: config.mark)), mark: config.mark) }
        else { entry = PatchEntry(field: .patchesJson6902, body: .inline(Located(op, mark: config["jsonOp"]?.mark ?? config.mark)), mark: config.mark) }
        entry.target = try ctx.patch(only(["target"]).adding("patch", .string("[]"))).target
        if entry.target == nil { throw KustomizeError("must specify a target for patch", file: file, mark: config.mark) }
        if entry.target?.name.isEmpty == true { throw KustomizeError("must specify the target name", file: file, mark: config.mark) }
        return Patches(entries: [entry], target: target, schema: schema)
    }

    private func prefixSuffix(_ transformerConfig: TransformerConfig) throws -> Transformer {
        PrefixSuffixTransformer(prefix: try text("prefix"), suffix: try text("suffix"), fieldSpecs: try specs(),
                                skip: transformerConfig.prefixSuffixSkip)
    }

    /// kustomize always sets `metadata/namespace` of namespaced kinds, whatever the config's field
    /// specs say about it, so those are replaced by the one that skips cluster-scoped kinds.
    private func namespace() throws -> Transformer {
        let namespace = try config["metadata"]?["namespace"].map { try ctx.string($0, "metadata.namespace") } ?? ""
        let metaNamespace = DefaultFieldSpecs.namespace[0]
        let specs = [metaNamespace] + (try specs()).filter { $0.path != metaNamespace.path }
        var t = NamespaceTransformer(namespace: namespace, fieldSpecs: specs)
        if let unset = config["unsetOnly"] { t.unsetOnly = try ctx.bool(unset, "unsetOnly") }
        let mode = try text("setRoleBindingSubjects")
        if !mode.isEmpty {
            guard let subjects = NamespaceTransformer.SubjectMode(rawValue: mode) else {
                let allowed = NamespaceTransformer.SubjectMode.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                throw KustomizeError("invalid value \"\(mode)\" for setRoleBindingSubjects: must be one of \(allowed)",
                                     file: file, mark: config["setRoleBindingSubjects"]?.mark ?? config.mark)
            }
            t.subjects = subjects
        }
        return t
    }

    /// `value` (default: the base name of the folder of the kustomization that lists the plugin)
    /// and `targets` of `{selector, fieldPath (default metadata/namespace), filePathPosition}`.
    private func valueAdd() throws -> Transformer {
        var value = String(try text("value").trimmingWhitespace)
        if value.isEmpty { value = String(target.folder.root.split(separator: "/").last ?? "") }
        let targets = try ctx.list(config["targets"] ?? .null(), "targets").map { node -> ValueAddTransformer.Target in
            let f = try ctx.fields(node, ["selector", "fieldPath", "filePathPosition"], "ValueAddTransformer targets")
            let selector = try f["selector"].flatMap { $0.isNull ? nil : try ResourceSelector(ctx.patchTarget($0, "selector")) }
            let path = try f["fieldPath"].map { try ctx.string($0, "fieldPath") } ?? ""
            return ValueAddTransformer.Target(
                selector: selector,
                fieldPath: path.isEmpty ? ValueAddTransformer.namespacePath : FieldSpec.split(path),
                filePathPosition: try f["filePathPosition"].map { try ctx.int($0, "filePathPosition") } ?? 0)
        }
        return ValueAddTransformer(value: value, targets: targets)
    }

    /// A builtin ConfigMapGenerator or SecretGenerator config as generator arguments: its name and
    /// namespace come from its metadata, the rest is a configMapGenerator entry's shape.
    func generatorArgs() throws -> GeneratorArgs {
        try requireBuiltin()
        let generatorKind: GeneratorArgs.Kind
        switch kind {
        case "ConfigMapGenerator": generatorKind = .configMap
        case "SecretGenerator": generatorKind = .secret
        default: throw KustomizeError("builtin generator \(kind) is not supported yet by swkustomize", file: file, mark: config.mark)
        }
        var keys: Set<String> = ["behavior", "literals", "files", "envs", "env", "options"]
        if generatorKind == .secret { keys.insert("type") }
        let entry = only(keys.union(["name", "namespace"]))
        // The generated object's name is the config's `name`, else its metadata's.
        if entry["name"] == nil, let name = config["metadata"]?["name"] { entry["name"] = name }
        if entry["namespace"] == nil, let namespace = config["metadata"]?["namespace"] { entry["namespace"] = namespace }
        return try KustomizationParser.Context(file: file).generator(entry, kind: generatorKind)
    }

    /// kustomize's IAMPolicyGenerator (`cloud: gke`): a ServiceAccount bound to a Google service account.
    func iamServiceAccount() throws -> YAMLNode {
        let ctx = KustomizationParser.Context(file: file)
        func text(_ node: YAMLNode?, _ key: String) throws -> String { try node?[key].map { try ctx.string($0, key) } ?? "" }
        let cloud = try text(config, "cloud")
        guard cloud == "gke" else { throw KustomizeError("IAMPolicyGenerator: cloud \"\(cloud)\" is not supported", file: file, mark: config.mark) }
        let service = config["kubernetesService"], account = config["serviceAccount"]
        var metadata: [YAMLNode.Entry] = [
            .init(key: "annotations", value: .mapping([.init(key: "iam.gke.io/gcp-service-account",
                value: .string("\(try text(account, "name"))@\(try text(account, "projectId")).iam.gserviceaccount.com"))])),
            .init(key: "name", value: .string(try text(service, "name"))),
        ]
        let namespace = try text(service, "namespace")
        if !namespace.isEmpty { metadata.append(.init(key: "namespace", value: .string(namespace))) }
        return .mapping([.init(key: "apiVersion", value: .string("v1")), .init(key: "kind", value: .string("ServiceAccount")),
                         .init(key: "metadata", value: .mapping(metadata))])
    }

    /// Only `apiVersion: builtin` configs run: external plugins would execute code from the repository.
    private func requireBuiltin() throws {
        guard config["apiVersion"]?.stringValue == "builtin" else {
            throw KustomizeError("external plugin \(config["apiVersion"]?.stringValue ?? "")/\(kind) needs --enable-alpha-plugins, which swkustomize does not support (it never runs code from a repository)",
                                 file: file, mark: config.mark)
        }
    }

    /// The config's fields a kustomization-style parser accepts.
    fileprivate func only(_ keys: Set<String>) -> YAMLNode {
        .mapping(config.entries.filter { keys.contains($0.key) })
    }

    /// Patches from a plugin config, read relative to the kustomization that lists the plugin.
    struct Patches: Transformer {
        let entries: [PatchEntry]
        let target: KustTarget
        let schema: any MergeKeyLookup

        func transform(_ resources: ResourceMap) throws {
            for entry in entries {
                let patch = try LoadedPatch.load(entry, in: target.folder, loader: target.loader)
                try PatchTransformer(patch: patch, entry: entry, schema: schema,
                                     tracksTransformations: target.buildMetadata.tracksTransformations).transform(resources)
            }
        }
    }
}

extension YAMLNode {
    fileprivate func adding(_ key: String, _ value: YAMLNode) -> YAMLNode {
        let copy = YAMLNode.mapping(entries)
        copy[key] = value
        return copy
    }
}
