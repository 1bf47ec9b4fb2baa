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
        switch step {
        case .resources:
            for entry in k.resources { try accumulateResource(entry, into: resources) }
        case .generators:
            try runGenerators(into: resources)
        case .configurations, .components, .replacement, .externalTransformers, .validators, .vars:
            break  // the parser refuses these fields until they are implemented
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
            try ImageTagTransformer(images: k.images, containerLists: config.containerLists).transform(resources)
        }
    }

    private func applyPatches(from field: PatchEntry.Field, to resources: ResourceMap) throws {
        for entry in kustomization.patches where entry.field == field {
            let patch = try LoadedPatch.load(entry, in: folder, loader: loader)
            try PatchTransformer(patch: patch, entry: entry, schema: config.patchSchema).transform(resources)
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
            break  // vars come with their own feature
        case .nameReferences:
            try NameReferenceTransformer(references: top.config.nameReferences).transform(resources)
        case .dropLocalConfig:
            resources.removeAll { $0.annotations?["config.kubernetes.io/local-config"] != nil }
        case .sort:
            resources.reorder(order(resources.resources, kustomization: top.kustomization, options: top.options))
        case .managedByLabel:
            guard top.options.addManagedByLabel else { return }
            // kubectl's build of kustomize carries no version stamp, hence "(devel)".
            try MapFieldTransformer(pairs: [("app.kubernetes.io/managed-by", "kustomize-(devel)")],
                                    fieldSpecs: top.config.metadataLabels).transform(resources)
        }
    }
}
