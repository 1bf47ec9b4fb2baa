import SwkYAML

// The build order, in one place (kustomize's kusttarget.go and kustomizer.go; facts.md §1.2).
// A step that a later feature implements is a named slot here that does nothing yet.

/// The steps of one kustomization, in kustomize's order.
enum KustomizationStep: CaseIterable {
    case resources
    /// `configurations:` and `crds:` merged into the transformer configuration.
    case configurations
    /// configMapGenerator, secretGenerator, helmCharts, then `generators:`.
    case generators
    /// Components run on this kustomization's map, between its generators and its transformers.
    case components
    // The built-in transformers, in their fixed order whatever order the file lists the fields in.
    case patchStrategicMerge, patch, namespace, prefix, suffix, labels, annotations, patchJson6902
    case replicaCount, imageTag, replacement
    /// `transformers:` entries.
    case externalTransformers
    case validators
    /// `vars:` collected for resolution at the top level.
    case vars

    /// The kustomization fields behind the step, for the position of an error without one.
    var fields: [String] {
        switch self {
        case .resources: return ["resources", "bases"]
        case .configurations: return ["configurations", "crds"]
        case .generators: return ["configMapGenerator", "secretGenerator", "helmCharts", "generators"]
        case .components: return ["components"]
        case .patchStrategicMerge: return ["patchesStrategicMerge"]
        case .patch: return ["patches"]
        case .namespace: return ["namespace"]
        case .prefix: return ["namePrefix"]
        case .suffix: return ["nameSuffix"]
        case .labels: return ["labels", "commonLabels"]
        case .annotations: return ["commonAnnotations"]
        case .patchJson6902: return ["patchesJson6902"]
        case .replicaCount: return ["replicas"]
        case .imageTag: return ["images", "imageTags"]
        case .replacement: return ["replacements"]
        case .externalTransformers: return ["transformers"]
        case .validators: return ["validators"]
        case .vars: return ["vars"]
        }
    }
}

extension KustomizationStep {
    /// The builtin plugin kind a transformer step runs as: the name transformer annotations record.
    var pluginKind: String? {
        switch self {
        case .patchStrategicMerge: return "PatchStrategicMergeTransformer"
        case .patch: return "PatchTransformer"
        case .namespace: return "NamespaceTransformer"
        case .prefix: return "PrefixTransformer"
        case .suffix: return "SuffixTransformer"
        case .labels: return "LabelTransformer"
        case .annotations: return "AnnotationsTransformer"
        case .patchJson6902: return "PatchJson6902Transformer"
        case .replicaCount: return "ReplicaCountTransformer"
        case .imageTag: return "ImageTagTransformer"
        case .replacement: return "ReplacementTransformer"
        case .resources, .configurations, .generators, .components, .externalTransformers, .validators, .vars: return nil
        }
    }
}

extension KustTarget {
    func run(_ step: KustomizationStep, on resources: ResourceMap) throws {
        let k = kustomization
        switch step {
        case .resources:
            var prebuilt = prebuildResourceFolders()
            resources.reserveCapacity(adding: prebuilt.values.reduce(0) { $0 + ((try? $1.result.get())?.count ?? 0) })
            for (i, entry) in k.resources.enumerated() {
                let schemaBefore = diagnostics.patchSchema == nil
                try accumulateResource(entry, into: resources, prebuilt: prebuilt[i])
                // An `openapi:` met first in this folder applies to the folders after it: those
                // were built without it, so they are built again here.
                if schemaBefore && diagnostics.patchSchema != nil { prebuilt = [:] }
            }
        case .components:
            for entry in k.components { try accumulateComponent(entry, into: resources) }
        case .configurations:
            for entry in k.configurations {
                let (path, bytes) = try loader.read(entry, in: folder, what: "configurations:")
                resources.config = resources.config.merging(try ConfigurationFile.parse(bytes, file: path))
            }
            try loadCRDs(into: resources)
        case .vars:
            try resources.declareVars(k.vars)
        case .externalTransformers:
            for plugin in try pluginConfigs(k.transformers) {
                try plugin.transformer(config: resources.config, schema: diagnostics.patchSchema ?? resources.config.patchSchema)
                    .transform(resources)
                if buildMetadata.tracksTransformations { resources.noteTransformation(plugin.origin) }
            }
        case .generators:
            try runGenerators(into: resources)
            try inflateCharts(into: resources)
            try runGeneratorPlugins(into: resources)
        case .validators:
            for plugin in try pluginConfigs(k.validators) {
                let transformer = try plugin.transformer(config: resources.config, schema: diagnostics.patchSchema ?? resources.config.patchSchema)
                let before = resources.resources.map { YAMLEmitter.emit($0.node) }
                try transformer.transform(resources)
                if resources.resources.map({ YAMLEmitter.emit($0.node) }) != before {
                    throw KustomizeError("validator shouldn't modify the resource map", file: plugin.file, mark: plugin.config.mark)
                }
            }
        case .patchStrategicMerge, .patch, .namespace, .prefix, .suffix, .labels, .annotations, .patchJson6902,
             .replicaCount, .imageTag, .replacement:
            for transformer in try builtinTransformers(step, config: resources.config) {
                try transformer.transform(resources)
                if buildMetadata.tracksTransformations, let kind = step.pluginKind {
                    resources.noteTransformation(Origin(file: canonicalFile, configuredBy: .init(kind: kind)))
                }
            }
        }
    }

    /// The transformers a builtin step configures from this kustomization's fields, as kustomize
    /// makes them: none for an unset field, one per entry where the field is a list of independent edits.
    private func builtinTransformers(_ step: KustomizationStep, config: TransformerConfig) throws -> [Transformer] {
        let k = kustomization
        // The built-in schema is parsed at the first patch only: builds without patches skip it.
        var schema: any MergeKeyLookup { diagnostics.patchSchema ?? config.patchSchema }
        func patches(_ field: PatchEntry.Field) -> [PatchEntry] { k.patches.filter { $0.field == field } }
        switch step {
        case .patchStrategicMerge:
            let entries = patches(.patchesStrategicMerge)
            return entries.isEmpty ? [] : [BuiltinPlugin.Patches(entries: entries, target: self, schema: schema)]
        case .patch:
            return patches(.patches).map { BuiltinPlugin.Patches(entries: [$0], target: self, schema: schema) }
        case .patchJson6902:
            return patches(.patchesJson6902).map { BuiltinPlugin.Patches(entries: [$0], target: self, schema: schema) }
        case .namespace:
            return k.namespace.isEmpty ? [] : [NamespaceTransformer(namespace: k.namespace, fieldSpecs: config.namespace)]
        case .prefix:
            return k.namePrefix.isEmpty ? [] : [PrefixSuffixTransformer(prefix: k.namePrefix, suffix: "", fieldSpecs: config.namePrefix,
                                                                         skip: config.prefixSuffixSkip)]
        case .suffix:
            return k.nameSuffix.isEmpty ? [] : [PrefixSuffixTransformer(prefix: "", suffix: k.nameSuffix, fieldSpecs: config.nameSuffix,
                                                                         skip: config.prefixSuffixSkip)]
        case .labels:
            // `labels` entries run before `commonLabels` (so commonLabels wins a shared key), which
            // kustomize configures, even empty, whenever either field is set.
            guard !k.labels.isEmpty || !k.commonLabels.isEmpty else { return [] }
            return k.labels.map { MapFieldTransformer(pairs: $0.pairs, fieldSpecs: config.labelSpecs($0)) }
                + [MapFieldTransformer(pairs: k.commonLabels, fieldSpecs: config.commonLabels)]
        case .annotations:
            return k.commonAnnotations.isEmpty ? [] : [MapFieldTransformer(pairs: k.commonAnnotations, fieldSpecs: config.commonAnnotations)]
        case .replicaCount:
            return k.replicas.map { ReplicaCountTransformer(replicas: [$0], fieldSpecs: config.replicas) }
        case .imageTag:
            return k.images.map { ImageTagTransformer(images: [$0], containerLists: config.containerLists, fieldSpecs: config.images) }
        case .replacement:
            return k.replacements.isEmpty ? [] : [ReplacementTransformer(replacements: try loadReplacements())]
        case .resources, .configurations, .generators, .components, .externalTransformers, .validators, .vars:
            return []
        }
    }

    /// Inline replacements and those in `path:` files (a list, or a single replacement).
    private func loadReplacements() throws -> [Replacement] {
        try kustomization.replacements.flatMap { entry -> [Replacement] in
            switch entry {
            case .inline(let r): return [r]
            case .file(let path):
                var (file, bytes) = try loader.read(path, in: folder, what: "replacements:")
                let documents: [YAMLNode]
                do { documents = try YAMLParser.parseDocuments(bytes: &bytes, file: file, schema: .yaml11) } catch let e as YAMLError {
                    throw KustomizeError(e)
                }
                let parser = ReplacementParser(ctx: KustomizationParser.Context(file: file))
                return try documents.filter { !$0.isNull }.flatMap { doc in
                    try (doc.isSequence ? doc.items : [doc]).map { try parser.replacement($0) }
                }
            }
        }
    }
}

/// The steps run once, on the top kustomization's result.
enum BuildStep: CaseIterable {
    case hashSuffixes, nameReferences, resolveVars, dropLocalConfig, sort, managedByLabel
}

extension Builder {
    static func run(_ step: BuildStep, on resources: ResourceMap, top: KustTarget) throws {
        switch step {
        case .hashSuffixes:
            try HashSuffixTransformer().transform(resources)
        case .resolveVars:
            // Without vars there is nothing to resolve, and the varReference table need not be built.
            guard !resources.vars.isEmpty else { return }
            try VarResolver(vars: resources.vars, fieldSpecs: resources.config.varReferences).transform(resources)
        case .nameReferences:
            try NameReferenceTransformer(references: resources.config.nameReferences).transform(resources)
        case .dropLocalConfig:
            // One pass over the resources' own nodes, on the machine's cores for a large build. What
            // was left of internal annotations is an empty map, which kustomize does not print.
            let isLocal = concurrentMap(resources.resources, threshold: 512) { r -> Bool in
                if r.annotations?["config.kubernetes.io/local-config"] != nil { return true }
                if r.hasInternalAnnotations { Resource.dropEmptyAnnotations(r.node) }
                Resource.annotationValuesAsStrings(r.node)
                return false
            }
            if isLocal.contains(true) {
                let local = Set(zip(resources.resources, isLocal).filter(\.1).map { ObjectIdentifier($0.0) })
                resources.removeAll { local.contains(ObjectIdentifier($0)) }
            }
        case .sort:
            resources.reorder(order(resources.resources, kustomization: top.kustomization, options: top.options))
        case .managedByLabel:
            if top.options.addManagedByLabel || top.buildMetadata.managedByLabel { try addManagedByLabel(resources) }
        }
    }
}

extension Builder {
    /// kubectl's build of kustomize carries no version stamp, hence "(devel)".
    static func addManagedByLabel(_ resources: ResourceMap) throws {
        try MapFieldTransformer(pairs: [("app.kubernetes.io/managed-by", "kustomize-(devel)")],
                                fieldSpecs: resources.config.metadataLabels).transform(resources)
    }
}
