/// Kubernetes API versions that were removed, by release: the Deprecated API Migration Guide,
/// cross-checked with kubent's and pluto's tables (facts.md §6). Data only.
public struct RemovedAPI: Sendable {
    /// The group/version removed (`extensions/v1beta1`).
    public let apiVersion: String
    /// The kinds of that version that went with it.
    public let kinds: [String]
    /// The minor release (1.x) that no longer serves it.
    public let removedIn: Int
    /// What to use instead; empty when there is no replacement.
    public let replacement: String
}

extension RemovedAPI {
    static func rows(_ removedIn: Int, _ entries: [(String, [String], String)]) -> [RemovedAPI] {
        entries.map { RemovedAPI(apiVersion: $0.0, kinds: $0.1, removedIn: removedIn, replacement: $0.2) }
    }

    static let rbacKinds = ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding",
                            "ClusterRoleList", "ClusterRoleBindingList", "RoleList", "RoleBindingList"]
    static let flowKinds = ["FlowSchema", "PriorityLevelConfiguration"]
    static let draKinds = ["ResourceSlice", "ResourceClaim", "DeviceClass", "ResourceClaimTemplate"]

    /// Every removal known, oldest release first.
    public static let table: [RemovedAPI] =
        rows(16, [
            ("extensions/v1beta1", ["Deployment", "ReplicaSet", "DaemonSet"], "apps/v1"),
            ("apps/v1beta1", ["Deployment", "ReplicaSet", "StatefulSet"], "apps/v1"),
            ("apps/v1beta2", ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"], "apps/v1"),
            ("extensions/v1beta1", ["NetworkPolicy"], "networking.k8s.io/v1"),
            ("extensions/v1beta1", ["PodSecurityPolicy"], "policy/v1beta1"),
        ]) + rows(17, [
            ("scheduling.k8s.io/v1alpha1", ["PriorityClass"], "scheduling.k8s.io/v1"),
        ]) + rows(22, [
            ("extensions/v1beta1", ["Ingress"], "networking.k8s.io/v1"),
            ("networking.k8s.io/v1beta1", ["Ingress", "IngressClass"], "networking.k8s.io/v1"),
            ("admissionregistration.k8s.io/v1beta1", ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"], "admissionregistration.k8s.io/v1"),
            ("apiextensions.k8s.io/v1beta1", ["CustomResourceDefinition"], "apiextensions.k8s.io/v1"),
            ("apiregistration.k8s.io/v1beta1", ["APIService"], "apiregistration.k8s.io/v1"),
            ("authentication.k8s.io/v1beta1", ["TokenReview"], "authentication.k8s.io/v1"),
            ("authorization.k8s.io/v1beta1", ["SubjectAccessReview", "SelfSubjectAccessReview", "LocalSubjectAccessReview"], "authorization.k8s.io/v1"),
            ("certificates.k8s.io/v1beta1", ["CertificateSigningRequest"], "certificates.k8s.io/v1"),
            ("coordination.k8s.io/v1beta1", ["Lease"], "coordination.k8s.io/v1"),
            ("rbac.authorization.k8s.io/v1beta1", rbacKinds, "rbac.authorization.k8s.io/v1"),
            ("rbac.authorization.k8s.io/v1alpha1", rbacKinds, "rbac.authorization.k8s.io/v1"),
            ("scheduling.k8s.io/v1beta1", ["PriorityClass"], "scheduling.k8s.io/v1"),
            ("storage.k8s.io/v1beta1", ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"], "storage.k8s.io/v1"),
        ]) + rows(25, [
            ("batch/v1beta1", ["CronJob"], "batch/v1"),
            ("discovery.k8s.io/v1beta1", ["EndpointSlice"], "discovery.k8s.io/v1"),
            ("events.k8s.io/v1beta1", ["Event"], "events.k8s.io/v1"),
            ("autoscaling/v2beta1", ["HorizontalPodAutoscaler"], "autoscaling/v2"),
            ("policy/v1beta1", ["PodDisruptionBudget"], "policy/v1"),
            ("policy/v1beta1", ["PodSecurityPolicy"], ""),
            ("node.k8s.io/v1beta1", ["RuntimeClass"], "node.k8s.io/v1"),
        ]) + rows(26, [
            ("autoscaling/v2beta2", ["HorizontalPodAutoscaler"], "autoscaling/v2"),
            ("flowcontrol.apiserver.k8s.io/v1beta1", flowKinds, "flowcontrol.apiserver.k8s.io/v1"),
        ]) + rows(27, [
            ("storage.k8s.io/v1beta1", ["CSIStorageCapacity"], "storage.k8s.io/v1"),
        ]) + rows(29, [
            ("flowcontrol.apiserver.k8s.io/v1beta2", flowKinds, "flowcontrol.apiserver.k8s.io/v1"),
        ]) + rows(32, [
            ("flowcontrol.apiserver.k8s.io/v1beta3", flowKinds, "flowcontrol.apiserver.k8s.io/v1"),
        ]) + rows(33, [
            ("admissionregistration.k8s.io/v1alpha1", ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"], "admissionregistration.k8s.io/v1"),
        ]) + rows(34, [
            ("resource.k8s.io/v1alpha3", draKinds, "resource.k8s.io/v1"),
        ]) + rows(35, [
            ("storage.k8s.io/v1alpha1", ["VolumeAttributesClass"], "storage.k8s.io/v1"),
            ("storagemigration.k8s.io/v1alpha1", ["StorageVersionMigration"], "storagemigration.k8s.io/v1beta1"),
        ]) + rows(36, [
            ("resource.k8s.io/v1beta1", draKinds, "resource.k8s.io/v1beta2"),
        ])
}
