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

    func transformer(config transformerConfig: TransformerConfig, schema: any MergeKeyLookup) throws -> Transformer {
        let ctx = KustomizationParser.Context(file: file)
        try requireBuiltin()
        func specs() throws -> [FieldSpec] { try ConfigurationFile.specs(config["fieldSpecs"] ?? .null(), file) }
        func text(_ key: String) throws -> String { try config[key].map { try ctx.string($0, key) } ?? "" }
        switch kind {
        case "PatchTransformer":
            let entry = try ctx.patch(only(["path", "patch", "target", "options"]))
            return Patches(entries: [entry], target: target, schema: schema)
        case "PatchJson6902Transformer":
            var entry: PatchEntry
            let path = try text("path"), op = try text("jsonOp")
            if !path.isEmpty { entry = PatchEntry(field: .patchesJson6902, body: .file(Located(path, mark: config.mark)), mark: config.mark) }
            else { entry = PatchEntry(field: .patchesJson6902, body: .inline(Located(op, mark: config["jsonOp"]?.mark ?? config.mark)), mark: config.mark) }
            entry.target = try ctx.patch(only(["target"]).adding("patch", .string("[]"))).target
            if entry.target == nil { throw KustomizeError("must specify a target for patch", file: file, mark: config.mark) }
            return Patches(entries: [entry], target: target, schema: schema)
        case "PatchStrategicMergeTransformer":
            var entries = try ctx.list(config["paths"] ?? .null(), "paths").map { try ctx.strategicMergePatch($0) }
            if let patches = config["patches"], !patches.isNull { entries.append(try ctx.strategicMergePatch(patches)) }
            return Patches(entries: entries, target: target, schema: schema)
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            return PrefixSuffixTransformer(prefix: try text("prefix"), suffix: try text("suffix"), fieldSpecs: try specs(),
                                           skip: transformerConfig.prefixSuffixSkip)
        case "LabelTransformer":
            return MapFieldTransformer(pairs: try ctx.stringMap(config["labels"] ?? .null(), "labels"), fieldSpecs: try specs())
        case "AnnotationsTransformer":
            return MapFieldTransformer(pairs: try ctx.stringMap(config["annotations"] ?? .null(), "annotations"), fieldSpecs: try specs())
        case "NamespaceTransformer":
            let namespace = try config["metadata"]?["namespace"].map { try ctx.string($0, "metadata.namespace") } ?? ""
            return NamespaceTransformer(namespace: namespace, fieldSpecs: try specs())
        case "ImageTagTransformer":
            let image = try ctx.image(config["imageTag"] ?? .mapping())
            return ImageTagTransformer(images: [image], containerLists: [], fieldSpecs: try specs())
        case "ReplicaCountTransformer":
            return ReplicaCountTransformer(replicas: [try ctx.replica(config["replica"] ?? .mapping())], fieldSpecs: try specs())
        case "ReplacementTransformer":
            let parser = ReplacementParser(ctx: ctx)
            return ReplacementTransformer(replacements: try ctx.list(config["replacements"] ?? .null(), "replacements").map { try parser.replacement($0) })
        default:
            throw KustomizeError("builtin plugin \(kind) is not supported yet by swkustomize", file: file, mark: config.mark)
        }
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
    private func only(_ keys: Set<String>) -> YAMLNode {
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
                try PatchTransformer(patch: patch, entry: entry, schema: schema).transform(resources)
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
