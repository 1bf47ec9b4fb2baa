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

extension KustTarget {
    func run(_ step: KustomizationStep, on resources: ResourceMap) throws {
        let k = kustomization
        let config = resources.config
        switch step {
        case .resources:
            for entry in k.resources { try accumulateResource(entry, into: resources) }
        case .components:
            for entry in k.components { try accumulateComponent(entry, into: resources) }
        case .configurations:
            for entry in k.configurations {
                let (path, bytes) = try loader.read(entry, in: folder, what: "configurations:")
                resources.config = resources.config.merging(try ConfigurationFile.parse(bytes, file: path))
            }
        case .replacement:
            try ReplacementTransformer(replacements: try loadReplacements()).transform(resources)
        case .vars:
            try resources.declareVars(k.vars)
        case .externalTransformers:
            for entry in k.transformers {
                for plugin in try pluginConfigs(entry) {
                    try plugin.transformer(config: resources.config, schema: diagnostics.patchSchema ?? resources.config.patchSchema)
                        .transform(resources)
                }
            }
        case .generators:
            try runGenerators(into: resources)
            try inflateCharts(into: resources)
            try runGeneratorPlugins(into: resources)
        case .validators:
            break  // the parser refuses this field until it is implemented
        case .patchStrategicMerge:
            try applyPatches(from: .patchesStrategicMerge, to: resources)
        case .patch:
            try applyPatches(from: .patches, to: resources)
        case .namespace:
            try NamespaceTransformer(namespace: k.namespace, fieldSpecs: config.namespace).transform(resources)
        case .prefix:
            try PrefixSuffixTransformer(prefix: k.namePrefix, suffix: "", fieldSpecs: config.namePrefix,
                                        skip: config.prefixSuffixSkip).transform(resources)
        case .suffix:
            try PrefixSuffixTransformer(prefix: "", suffix: k.nameSuffix, fieldSpecs: config.nameSuffix,
                                        skip: config.prefixSuffixSkip).transform(resources)
        case .labels:
            // kustomize applies `labels` entries before `commonLabels`, so commonLabels wins a shared key.
            for set in k.labels {
                try MapFieldTransformer(pairs: set.pairs, fieldSpecs: config.labelSpecs(set)).transform(resources)
            }
            try MapFieldTransformer(pairs: k.commonLabels, fieldSpecs: config.commonLabels).transform(resources)
        case .annotations:
            try MapFieldTransformer(pairs: k.commonAnnotations, fieldSpecs: config.commonAnnotations).transform(resources)
        case .patchJson6902:
            try applyPatches(from: .patchesJson6902, to: resources)
        case .replicaCount:
            try ReplicaCountTransformer(replicas: k.replicas, fieldSpecs: config.replicas).transform(resources)
        case .imageTag:
            try ImageTagTransformer(images: k.images, containerLists: config.containerLists, fieldSpecs: config.images)
                .transform(resources)
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

    private func applyPatches(from field: PatchEntry.Field, to resources: ResourceMap) throws {
        for entry in kustomization.patches where entry.field == field {
            let patch = try LoadedPatch.load(entry, in: folder, loader: loader)
            try PatchTransformer(patch: patch, entry: entry, schema: diagnostics.patchSchema ?? resources.config.patchSchema)
                .transform(resources)
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
            try VarResolver(vars: resources.vars, fieldSpecs: resources.config.varReferences).transform(resources)
        case .nameReferences:
            try NameReferenceTransformer(references: resources.config.nameReferences).transform(resources)
        case .dropLocalConfig:
            resources.removeAll { $0.annotations?["config.kubernetes.io/local-config"] != nil }
            // What was left of internal annotations is an empty map, which kustomize does not print.
            for r in resources.resources where r.hasInternalAnnotations { Resource.normalizeAnnotations(r.node) }
            for r in resources.resources { Resource.emptyAnnotationValuesAsStrings(r.node) }
        case .sort:
            resources.reorder(order(resources.resources, kustomization: top.kustomization, options: top.options))
        case .managedByLabel:
            if top.options.addManagedByLabel { try addManagedByLabel(resources) }
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
