/// The `.generators` step: configMapGenerator then secretGenerator entries, then `generators:` configs, each built and then
/// met with what this kustomization holds so far (so an entry can merge into an earlier one).
extension KustTarget {
    func runGenerators(into resources: ResourceMap) throws {
        let sources = KeyValueLoader(loader: loader, folder: folder)
        for var entry in kustomization.generators {
            entry.options = (entry.options ?? GeneratorOptions()).merging(global: kustomization.generatorOptions)
            try generate(entry, sources: sources, into: resources)
        }
    }

    /// `generators:` plugin configs (builtin ConfigMapGenerator, SecretGenerator, IAMPolicyGenerator),
    /// which kustomize runs after its own generators and charts.
    func runGeneratorPlugins(into resources: ResourceMap) throws {
        let sources = KeyValueLoader(loader: loader, folder: folder)
        for entry in kustomization.generatorPlugins {
            for plugin in try pluginConfigs(entry) {
                if plugin.kind == "IAMPolicyGenerator" {
                    try resources.append(Resource(node: try plugin.iamServiceAccount(), file: plugin.file))
                } else {
                    try generate(try plugin.generatorArgs(), sources: sources, into: resources)
                }
            }
        }
    }

    private func generate(_ entry: GeneratorArgs, sources: KeyValueLoader, into resources: ResourceMap) throws {
        guard let g = entry.readBack() else {
            throw KustomizeError("builtin \(entry.kind.rawValue)Generator marshal: yaml: control characters are not allowed"
                                 + " (or a line break in a key)", file: folder.file, mark: entry.mark)
        }
        let node = try DataObject.make(g, values: try sources.load(g), file: folder.file)
        let generated = Resource(node: node, file: folder.file)
        generated.needsHashSuffix = g.options?.disableNameSuffixHash != true
        try GeneratorBehavior.absorb(generated, g, into: resources, file: folder.file)
    }
}
