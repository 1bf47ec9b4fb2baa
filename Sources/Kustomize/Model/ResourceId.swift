/// Group, version and kind of a resource.
public struct GVK: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var version: String
    public var kind: String

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
        self.gvk = gvk
        self.name = name
        // Cluster-scoped resources and the default namespace compare as unset.
        self.namespace = gvk.isClusterScoped || namespace == "default" ? "" : namespace
    }

    /// kustomize's `gvk|namespace|name` spelling, as in its error messages.
    public var description: String {
        "\(gvk)|\(namespace.isEmpty ? "~X" : namespace)|\(name.isEmpty ? "~N" : name)"
    }
}

/// Kinds the Kubernetes API serves without a namespace, with their API group
/// (a CRD that reuses a name, such as another group's `Namespace`, stays namespaced).
enum ClusterScope {
    static let groupOfKind: [String: Set<String>] = [
        "APIService": ["apiregistration.k8s.io"],
        "CertificateSigningRequest": ["certificates.k8s.io"],
        "ClusterRole": ["rbac.authorization.k8s.io"], "ClusterRoleBinding": ["rbac.authorization.k8s.io"],
        "ComponentStatus": [""], "Namespace": [""], "Node": [""], "PersistentVolume": [""],
        "CSIDriver": ["storage.k8s.io"], "CSINode": ["storage.k8s.io"], "StorageClass": ["storage.k8s.io"],
        "VolumeAttachment": ["storage.k8s.io"],
        "CustomResourceDefinition": ["apiextensions.k8s.io"],
        "FlowSchema": ["flowcontrol.apiserver.k8s.io"], "PriorityLevelConfiguration": ["flowcontrol.apiserver.k8s.io"],
        "IngressClass": ["networking.k8s.io"],
        "MutatingWebhookConfiguration": ["admissionregistration.k8s.io"],
        "ValidatingWebhookConfiguration": ["admissionregistration.k8s.io"],
        "PodSecurityPolicy": ["policy", "extensions"],
        "PriorityClass": ["scheduling.k8s.io"],
        "RuntimeClass": ["node.k8s.io"],
        "SelfSubjectAccessReview": ["authorization.k8s.io"], "SelfSubjectRulesReview": ["authorization.k8s.io"],
        "SubjectAccessReview": ["authorization.k8s.io"],
        "TokenReview": ["authentication.k8s.io"],
    ]

    static func contains(_ gvk: GVK) -> Bool { groupOfKind[gvk.kind]?.contains(gvk.group) ?? false }
}
