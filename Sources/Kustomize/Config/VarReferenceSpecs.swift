/// Where `$(VAR)` references are expanded by default (kustomize 5.5.0's varReference table).
extension DefaultFieldSpecs {
    /// Kinds that embed a pod spec, with the path to it, as the varReference table lists them.
    private static let varPodSpecs: [(kind: String, podSpec: String)] = [
        ("CronJob", "spec/jobTemplate/spec/template/spec"), ("DaemonSet", "spec/template/spec"),
        ("Deployment", "spec/template/spec"), ("Job", "spec/template/spec"), ("Pod", "spec"),
        ("ReplicaSet", "spec/template/spec"), ("StatefulSet", "spec/template/spec"),
    ]

    private static let containerFields = ["args", "command", "env/value", "volumeMounts/mountPath"]

    /// The fields where `$(VAR)` references are replaced (kustomize's varReference table).
    public static let varReferences: [FieldSpec] = {
        var specs: [FieldSpec] = []
        for (kind, podSpec) in varPodSpecs {
            for list in ["containers", "initContainers"] {
                specs += containerFields.map { FieldSpec(kind: kind, path: "\(podSpec)/\(list)/\($0)") }
            }
        }
        // NFS servers, at the paths kustomize's table gives (CronJob's and StatefulSet's as written there).
        specs += [
            FieldSpec(kind: "CronJob", path: "spec/jobTemplate/spec/template/volumes/nfs/server"),
            FieldSpec(kind: "DaemonSet", path: "spec/template/spec/volumes/nfs/server"),
            FieldSpec(kind: "Deployment", path: "spec/template/spec/volumes/nfs/server"),
            FieldSpec(kind: "Job", path: "spec/template/spec/volumes/nfs/server"),
            FieldSpec(kind: "Pod", path: "spec/volumes/nfs/server"),
            FieldSpec(kind: "ReplicaSet", path: "spec/template/spec/volumes/nfs/server"),
            FieldSpec(kind: "StatefulSet", path: "spec/volumeClaimTemplates/spec/nfs/server"),
            FieldSpec(kind: "PersistentVolume", path: "spec/nfs/server"),
            FieldSpec(kind: "Deployment", path: "spec/template/metadata/annotations"),
            FieldSpec(kind: "Ingress", path: "spec/rules/host"),
            FieldSpec(kind: "Ingress", path: "spec/tls/hosts"),
            FieldSpec(kind: "Ingress", path: "spec/tls/secretName"),
            FieldSpec(kind: "Service", path: "spec/ports/port"),
            FieldSpec(kind: "Service", path: "spec/ports/targetPort"),
            FieldSpec(path: "metadata/labels"),
            FieldSpec(path: "metadata/annotations"),
        ]
        return specs
    }()
}
