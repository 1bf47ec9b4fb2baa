/// The `.generators` step: configMapGenerator then secretGenerator entries, then `generators:` configs, each built and then
/// met with what this kustomization holds so far (so an entry can merge into an earlier one).
extension KustTarget {
    func runGenerators(into resources: ResourceMap) throws {
        let sources = KeyValueLoader(loader: loader, folder: folder)
        for var entry in kustomization.generators {
            entry.options = (entry.options ?? GeneratorOptions()).merging(global: kustomization.generatorOptions)
            let origin = Origin(file: canonicalFile, configuredBy: .init(kind: entry.kind.rawValue + "Generator"))
            try generate(entry, sources: sources, into: resources, origin: origin)
        }
    }

    /// `generators:` plugin configs (builtin ConfigMapGenerator, SecretGenerator, IAMPolicyGenerator),
    /// which kustomize runs after its own generators and charts.
    func runGeneratorPlugins(into resources: ResourceMap) throws {
        let sources = KeyValueLoader(loader: loader, folder: folder)
        for plugin in try pluginConfigs(kustomization.generatorPlugins) {
            let origin = plugin.origin
            if plugin.kind == "IAMPolicyGenerator" {
                let account = Resource(node: try plugin.iamServiceAccount(), file: plugin.file)
                account.origin = origin
                try resources.append(account)
            } else {
                try generate(try plugin.generatorArgs(), sources: sources, into: resources, origin: origin)
            }
        }
    }

    /// The kustomization file's canonical path (origins are printed relative to the annotating folder).
    var canonicalFile: String { loader.paths.canonical(folder.file) ?? folder.file }

    private func generate(_ entry: GeneratorArgs, sources: KeyValueLoader, into resources: ResourceMap, origin: Origin) throws {
        guard let g = entry.readBack() else {
            throw KustomizeError("builtin \(entry.kind.rawValue)Generator marshal: yaml: control characters are not allowed"
                                 + " (or a line break in a key)", file: folder.file, mark: entry.mark)
        }
        let node = try DataObject.make(g, values: try sources.load(g), file: folder.file)
        let generated = Resource(node: node, file: folder.file)
        generated.needsHashSuffix = g.options?.disableNameSuffixHash != true
        generated.origin = origin
        try GeneratorBehavior.absorb(generated, g, into: resources, file: folder.file)
        // A replacing generator becomes the object's origin; a merging one leaves the base's.
        if g.behavior == .replace {
            for r in resources.resources(matchingAnyId: generated.currentId) { r.origin = origin }
        }
    }
}
