/// Where the name of one kind is referred to by other kinds (kustomize's nameReference table).
public struct NameReference: Sendable {
    /// The kind whose name is referred to (a ConfigMap, a Service...).
    public var referral: GVK
    /// The fields in other kinds that hold that name.
    public var referrers: [FieldSpec]
}

extension DefaultFieldSpecs {
    /// Every kind that embeds a pod spec, with the path to it.
    static let podSpecOwners: [(kind: String, group: String, version: String, podSpec: String)] = [
        ("Pod", "", "v1", "spec"),
        ("PodTemplate", "", "", "template/spec"),
        ("Deployment", "", "", "spec/template/spec"),
        ("ReplicaSet", "", "", "spec/template/spec"),
        ("DaemonSet", "", "", "spec/template/spec"),
        ("StatefulSet", "", "", "spec/template/spec"),
        ("Job", "", "", "spec/template/spec"),
        ("CronJob", "", "", "spec/jobTemplate/spec/template/spec"),
        ("ReplicationController", "", "", "spec/template/spec"),
    ]

    /// Specs for `relative` paths inside the pod spec of each owner (optionally only some owners).
    static func inPodSpecs(_ relative: [String], only kinds: Set<String>? = nil) -> [FieldSpec] {
        podSpecOwners.filter { kinds?.contains($0.kind) ?? true }.flatMap { owner in
            relative.map { FieldSpec(group: owner.group, version: owner.version, kind: owner.kind, path: "\(owner.podSpec)/\($0)") }
        }
    }

    static let configMapAndSecretOwners: Set<String> = ["Pod", "PodTemplate", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob"]
    static let otherPodOwners: Set<String> = ["Pod", "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob", "ReplicationController"]

    static func scaleTarget() -> [FieldSpec] { [FieldSpec(kind: "HorizontalPodAutoscaler", path: "spec/scaleTargetRef/name")] }

    /// kustomize's built-in nameReference table: renaming a referral updates these fields.
    public static let nameReferences: [NameReference] = [
        NameReference(referral: GVK(kind: "Deployment"), referrers: scaleTarget()),
        NameReference(referral: GVK(kind: "ReplicationController"), referrers: scaleTarget()),
        NameReference(referral: GVK(kind: "ReplicaSet"), referrers: scaleTarget()),
        NameReference(referral: GVK(kind: "StatefulSet"), referrers: scaleTarget()),
        NameReference(referral: GVK(version: "v1", kind: "ConfigMap"), referrers:
            inPodSpecs(["volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                        "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                        "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"],
                       only: configMapAndSecretOwners)
            + [FieldSpec(kind: "Node", path: "spec/configSource/configMap"),
               FieldSpec(kind: "Role", path: "rules/resourceNames"),
               FieldSpec(kind: "ClusterRole", path: "rules/resourceNames"),
               FieldSpec(kind: "Ingress", path: "metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap")]),
        NameReference(referral: GVK(version: "v1", kind: "Secret"), referrers:
            inPodSpecs(["volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                        "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                        "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
                        "volumes/projected/sources/secret/name"],
                       only: configMapAndSecretOwners)
            + [FieldSpec(kind: "Ingress", path: "spec/tls/secretName"),
               FieldSpec(kind: "Ingress", path: "metadata/annotations/ingress.kubernetes.io\\/auth-secret"),
               FieldSpec(kind: "Ingress", path: "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret"),
               FieldSpec(kind: "Ingress", path: "metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret"),
               FieldSpec(kind: "ServiceAccount", path: "imagePullSecrets/name"),
               FieldSpec(kind: "StorageClass", path: "parameters/secretName"),
               FieldSpec(kind: "StorageClass", path: "parameters/adminSecretName"),
               FieldSpec(kind: "StorageClass", path: "parameters/userSecretName"),
               FieldSpec(kind: "StorageClass", path: "parameters/secretRef"),
               FieldSpec(kind: "Role", path: "rules/resourceNames"),
               FieldSpec(kind: "ClusterRole", path: "rules/resourceNames"),
               FieldSpec(group: "serving.knative.dev", version: "v1", kind: "Service",
                         path: "spec/template/spec/containers/env/valueFrom/secretKeyRef/name"),
               FieldSpec(kind: "PersistentVolume", path: "spec/azureFile/secretName")]),
        NameReference(referral: GVK(version: "v1", kind: "Service"), referrers: [
            FieldSpec(group: "apps", kind: "StatefulSet", path: "spec/serviceName"),
            FieldSpec(kind: "Ingress", path: "spec/rules/http/paths/backend/serviceName"),
            FieldSpec(kind: "Ingress", path: "spec/backend/serviceName"),
            FieldSpec(kind: "Ingress", path: "spec/rules/http/paths/backend/service/name"),
            FieldSpec(kind: "Ingress", path: "spec/defaultBackend/service/name"),
            FieldSpec(group: "apiregistration.k8s.io", kind: "APIService", path: "spec/service/name"),
            FieldSpec(group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration", path: "webhooks/clientConfig/service"),
            FieldSpec(group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration", path: "webhooks/clientConfig/service"),
        ]),
        NameReference(referral: GVK(group: "rbac.authorization.k8s.io", kind: "Role"), referrers: [
            FieldSpec(group: "rbac.authorization.k8s.io", kind: "RoleBinding", path: "roleRef/name"),
        ]),
        NameReference(referral: GVK(group: "rbac.authorization.k8s.io", kind: "ClusterRole"), referrers: [
            FieldSpec(group: "rbac.authorization.k8s.io", kind: "RoleBinding", path: "roleRef/name"),
            FieldSpec(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", path: "roleRef/name"),
        ]),
        NameReference(referral: GVK(version: "v1", kind: "ServiceAccount"), referrers: [
            FieldSpec(group: "rbac.authorization.k8s.io", kind: "RoleBinding", path: "subjects"),
            FieldSpec(group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding", path: "subjects"),
        ] + inPodSpecs(["serviceAccountName"], only: otherPodOwners.subtracting(["ReplicaSet"]))),
        NameReference(referral: GVK(version: "v1", kind: "PersistentVolumeClaim"), referrers:
            inPodSpecs(["volumes/persistentVolumeClaim/claimName"], only: otherPodOwners.subtracting(["ReplicaSet"]))),
        NameReference(referral: GVK(version: "v1", kind: "PersistentVolume"), referrers: [
            FieldSpec(kind: "PersistentVolumeClaim", path: "spec/volumeName"),
            FieldSpec(kind: "ClusterRole", path: "rules/resourceNames"),
        ]),
        NameReference(referral: GVK(group: "storage.k8s.io", version: "v1", kind: "StorageClass"), referrers: [
            FieldSpec(kind: "PersistentVolume", path: "spec/storageClassName"),
            FieldSpec(kind: "PersistentVolumeClaim", path: "spec/storageClassName"),
            FieldSpec(kind: "StatefulSet", path: "spec/volumeClaimTemplates/spec/storageClassName"),
        ]),
        NameReference(referral: GVK(group: "scheduling.k8s.io", version: "v1", kind: "PriorityClass"), referrers:
            inPodSpecs(["priorityClassName"], only: otherPodOwners.subtracting(["ReplicaSet"]))),
        NameReference(referral: GVK(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicy"), referrers: [
            FieldSpec(group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicyBinding", path: "spec/policyName"),
        ]),
        NameReference(referral: GVK(group: "networking.k8s.io", kind: "IngressClass"), referrers: [
            FieldSpec(kind: "Ingress", path: "spec/ingressClassName"),
        ]),
    ]
}
