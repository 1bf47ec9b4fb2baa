/// Group, version and kind of a resource.
public struct GVK: Hashable, Sendable, CustomStringConvertible {
    /// API group; empty for the core group.
    public var group: String
    /// API version (`v1`).
    public var version: String
    /// Kind (`Deployment`).
    public var kind: String

    /// A GVK of those parts.
    public init(group: String = "", version: String = "", kind: String = "") {
        self.group = group; self.version = version; self.kind = kind
    }

    /// Splits an apiVersion (`apps/v1`, `v1`) into group and version.
    public init(apiVersion: String, kind: String) {
        if let slash = apiVersion.lastIndex(of: "/") {
            group = String(apiVersion[..<slash])
            version = String(apiVersion[apiVersion.index(after: slash)...])
        } else {
            group = ""
            version = apiVersion
        }
        self.kind = kind
    }

    /// kustomize's `Gvk.String()`: `~G_~V_Kind` with `~` for empty parts.
    public var description: String {
        "\(group.isEmpty ? "~G" : group)_\(version.isEmpty ? "~V" : version)_\(kind.isEmpty ? "~K" : kind)"
    }

    /// Whether a selector GVK (empty parts match anything) selects this one.
    public func isSelected(by selector: GVK) -> Bool {
        (selector.group.isEmpty || selector.group == group)
            && (selector.version.isEmpty || selector.version == version)
            && (selector.kind.isEmpty || selector.kind == kind)
    }

    /// Whether kustomize treats the kind as cluster-scoped (no namespace is set on it).
    public var isClusterScoped: Bool { ClusterScope.contains(self) }
}

/// Identity of a resource: GVK, namespace and name.
public struct ResourceId: Hashable, Sendable, CustomStringConvertible {
    /// Group, version and kind.
    public var gvk: GVK
    /// `metadata.name`.
    public var name: String
    /// `metadata.namespace`; "" for cluster-scoped kinds and for `default`.
    public var namespace: String

    /// An id; `namespace` is normalised as kustomize compares ids.
    public init(gvk: GVK, name: String, namespace: String) {
        self.init(gvk: gvk, name: name, namespace: namespace, clusterScoped: gvk.isClusterScoped)
    }

    /// An id whose kind's scope is already known.
    init(gvk: GVK, name: String, namespace: String, clusterScoped: Bool) {
        self.gvk = gvk
        self.name = name
        // Cluster-scoped resources and the default namespace compare as unset.
        self.namespace = clusterScoped || namespace == "default" ? "" : namespace
    }

    /// kustomize's `gvk|namespace|name` spelling, as in its error messages.
    public var description: String {
        "\(gvk)|\(namespace.isEmpty ? "~X" : namespace)|\(name.isEmpty ? "~N" : name)"
    }
}

/// Kinds served without a namespace, at the API versions of the Kubernetes 1.21.2 schema that
/// kustomize 5.5.0 embeds (read off that schema). A kind at another version, or a custom resource
/// that reuses a name (another group's `Namespace`), is namespaced for kustomize, as it is here.
enum ClusterScope {
    static let apiVersionsOfKind: [String: [String]] = [
        "APIService": ["apiregistration.k8s.io/v1", "apiregistration.k8s.io/v1beta1"],
        "CSIDriver": ["storage.k8s.io/v1", "storage.k8s.io/v1beta1"],
        "CSINode": ["storage.k8s.io/v1", "storage.k8s.io/v1beta1"],
        "CertificateSigningRequest": ["certificates.k8s.io/v1", "certificates.k8s.io/v1beta1"],
        "ClusterRole": ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1"],
        "ClusterRoleBinding": ["rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1"],
        "ComponentStatus": ["v1"],
        "CustomResourceDefinition": ["apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1"],
        "FlowSchema": ["flowcontrol.apiserver.k8s.io/v1beta1"],
        "IngressClass": ["networking.k8s.io/v1", "networking.k8s.io/v1beta1"],
        "MutatingWebhookConfiguration": ["admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1"],
        "Namespace": ["v1"],
        "Node": ["v1"],
        "PersistentVolume": ["v1"],
        "PodSecurityPolicy": ["policy/v1beta1"],
        "PriorityClass": ["scheduling.k8s.io/v1", "scheduling.k8s.io/v1beta1"],
        "PriorityLevelConfiguration": ["flowcontrol.apiserver.k8s.io/v1beta1"],
        "RuntimeClass": ["node.k8s.io/v1", "node.k8s.io/v1beta1"],
        "SelfSubjectAccessReview": ["authorization.k8s.io/v1", "authorization.k8s.io/v1beta1"],
        "SelfSubjectRulesReview": ["authorization.k8s.io/v1", "authorization.k8s.io/v1beta1"],
        "StorageClass": ["storage.k8s.io/v1", "storage.k8s.io/v1beta1"],
        "SubjectAccessReview": ["authorization.k8s.io/v1", "authorization.k8s.io/v1beta1"],
        "TokenReview": ["authentication.k8s.io/v1", "authentication.k8s.io/v1beta1"],
        "ValidatingWebhookConfiguration": ["admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1beta1"],
        "VolumeAttachment": ["storage.k8s.io/v1", "storage.k8s.io/v1beta1"],
    ]

    static func contains(_ gvk: GVK) -> Bool {
        guard let versions = apiVersionsOfKind[gvk.kind] else { return false }
        return versions.contains(gvk.group.isEmpty ? gvk.version : "\(gvk.group)/\(gvk.version)")
    }
}
