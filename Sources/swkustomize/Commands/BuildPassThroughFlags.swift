import ArgumentParser

/// `kustomize build` flags that ArgoCD's `kustomize.buildOptions` pass. They are accepted so a
/// build that does not need them runs; a kustomization that does (`helmCharts`, plugins) fails
/// on that field with its own error.
struct BuildPassThroughFlags: ParsableArguments {
    @Flag(name: .customLong("enable-helm"), help: "Enable helmCharts (charts are not inflated by build yet).")
    var enableHelm = false
    @Option(name: .customLong("helm-command"), help: "Helm binary (unused: charts render in-process).")
    var helmCommand: String?
    @Option(name: .customLong("helm-kube-version"), help: "Kubernetes version for chart .Capabilities.")
    var helmKubeVersion: String?
    @Option(name: .customLong("helm-api-versions"), help: "API versions for chart .Capabilities (repeatable).")
    var helmAPIVersions: [String] = []
    @Flag(name: .customLong("helm-debug"), help: "Helm debug output.")
    var helmDebug = false
    @Flag(name: .customLong("enable-alpha-plugins"), help: "Enable plugins (none run yet).")
    var enableAlphaPlugins = false
    @Flag(name: .customLong("enable-exec"), help: "Enable exec plugins (none run yet).")
    var enableExec = false
    @Flag(name: .customLong("as-current-user"), help: "Run function containers as the current user.")
    var asCurrentUser = false
    @Flag(name: .customLong("network"), help: "Network access for function containers.")
    var network = false
    @Option(name: .customLong("network-name"), help: "Docker network for function containers.")
    var networkName: String?
    @Option(name: .customLong("mount"), help: "Mounts for function containers (repeatable).")
    var mounts: [String] = []
    @Option(name: [.customShort("e"), .customLong("env")], help: "Environment for function containers (repeatable).")
    var env: [String] = []
}
