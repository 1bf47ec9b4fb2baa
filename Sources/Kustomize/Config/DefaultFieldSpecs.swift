/// kustomize's built-in field-spec tables (api/internal/konfig/builtinpluginconsts), as data;
/// transformers read them through `TransformerConfig.defaults`.
public enum DefaultFieldSpecs {
    /// Workload kinds and where their pod template sits.
    struct PodTemplateOwner {
        let group: String
        let version: String
        let kind: String
        let template: String
    }

    static let workloads: [PodTemplateOwner] = [
        .init(group: "", version: "v1", kind: "ReplicationController", template: "spec/template"),
        .init(group: "", version: "", kind: "Deployment", template: "spec/template"),
        .init(group: "", version: "", kind: "ReplicaSet", template: "spec/template"),
        .init(group: "", version: "", kind: "DaemonSet", template: "spec/template"),
        .init(group: "apps", version: "", kind: "StatefulSet", template: "spec/template"),
        .init(group: "batch", version: "", kind: "Job", template: "spec/template"),
        .init(group: "batch", version: "", kind: "CronJob", template: "spec/jobTemplate/spec/template"),
    ]

    /// Where `namePrefix` and `nameSuffix` write: every object's name.
    public static let namePrefix = [FieldSpec(path: "metadata/name")]

    /// Kinds whose names prefix/suffix leave alone.
    public static let prefixSuffixSkip: [GVK] = [
        GVK(kind: "CustomResourceDefinition"), GVK(group: "apiregistration.k8s.io", kind: "APIService"),
        GVK(kind: "Namespace"),
    ]

    /// Where labels always go: every object's metadata labels.
    public static let metadataLabels = [FieldSpec(path: "metadata/labels", create: true)]

    /// Pod-template labels (the `includeTemplates` set).
    public static let templateLabels: [FieldSpec] =
        workloads.map { FieldSpec(group: $0.group, version: $0.version, kind: $0.kind, path: "\($0.template)/metadata/labels", create: true) }
        + [FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/metadata/labels", create: true),
           FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/volumeClaimTemplates[]/metadata/labels", create: true)]

    /// Selectors a label with `includeSelectors` also goes into.
    public static let selectorLabels: [FieldSpec] = {
        var specs: [FieldSpec] = [
            FieldSpec(version: "v1", kind: "Service", path: "spec/selector", create: true),
            FieldSpec(version: "v1", kind: "ReplicationController", path: "spec/selector", create: true),
            FieldSpec(kind: "Deployment", path: "spec/selector/matchLabels", create: true),
            FieldSpec(kind: "ReplicaSet", path: "spec/selector/matchLabels", create: true),
            FieldSpec(kind: "DaemonSet", path: "spec/selector/matchLabels", create: true),
            FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/selector/matchLabels", create: true),
            FieldSpec(group: "batch", kind: "Job", path: "spec/selector/matchLabels"),
            FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/spec/selector/matchLabels"),
            FieldSpec(group: "policy", kind: "PodDisruptionBudget", path: "spec/selector/matchLabels"),
            FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/podSelector/matchLabels"),
            FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/ingress/from/podSelector/matchLabels"),
            FieldSpec(group: "networking.k8s.io", kind: "NetworkPolicy", path: "spec/egress/to/podSelector/matchLabels"),
        ]
        let affinity = [
            "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
        ]
        for kind in ["Deployment", "StatefulSet"] {
            specs += affinity.map { FieldSpec(group: "apps", kind: kind, path: $0) }
        }
        return specs
    }()

    /// Where `commonAnnotations` go: every object's annotations and those of workload pod templates.
    public static let commonAnnotations: [FieldSpec] =
        [FieldSpec(path: "metadata/annotations", create: true)]
        + workloads.map { FieldSpec(group: $0.group, version: $0.version, kind: $0.kind, path: "\($0.template)/metadata/annotations", create: true) }
        + [FieldSpec(group: "batch", kind: "CronJob", path: "spec/jobTemplate/metadata/annotations", create: true)]

    /// Where `namespace` writes: namespaced objects' metadata, Namespace names, and the service references of APIServices and CRD webhooks.
    public static let namespace: [FieldSpec] = [
        FieldSpec(path: "metadata/namespace", create: true, namespacedOnly: true),
        FieldSpec(version: "v1", kind: "Namespace", path: "metadata/name", create: true),
        FieldSpec(group: "apiregistration.k8s.io", kind: "APIService", path: "spec/service/namespace"),
        FieldSpec(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition",
                  path: "spec/conversion/webhook/clientConfig/service/namespace"),
    ]

    /// Where `replicas` writes: the replica count of the scalable workload kinds.
    public static let replicas: [FieldSpec] = [
        FieldSpec(kind: "Deployment", path: "spec/replicas", create: true),
        FieldSpec(kind: "ReplicationController", path: "spec/replicas", create: true),
        FieldSpec(kind: "ReplicaSet", path: "spec/replicas", create: true),
        FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/replicas", create: true),
    ]

    /// Sequences whose elements carry an `image` field, wherever they sit in an object.
    public static let containerLists: Set<String> = ["containers", "initContainers"]
}
