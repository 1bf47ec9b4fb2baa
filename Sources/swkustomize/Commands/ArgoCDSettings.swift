import Foundation

/// What ArgoCD tells a config-management plugin: the build environment (`ARGOCD_APP_*`,
/// `KUBE_*`), the Application's plugin env (`ARGOCD_ENV_*`) and its parameters
/// (`ARGOCD_APP_PARAMETERS`). Parameters win over env settings.
struct ArgoCDSettings {
    var releaseName = "release-name"
    var namespace = "default"
    var kubeVersion: String?
    var apiVersions: [String] = []
    var valuesFiles: [String] = []
    var helmSet: [(key: String, value: String)] = []
    var images: [String] = []
    var replicas: [(name: String, count: Int)] = []
    var namePrefix: String?
    var nameSuffix: String?
    var allowEmpty = false

    /// Every setting, as the README documents them.
    static let envSettings = [
        ("ARGOCD_ENV_VALUES_FILES", "chart values files, comma-separated, in order"),
        ("ARGOCD_ENV_HELM_SET", "chart `--set` overrides, `key=value`, comma-separated"),
        ("ARGOCD_ENV_RELEASE_NAME", "release name instead of ARGOCD_APP_NAME"),
        ("ARGOCD_ENV_IMAGES", "kustomize image overrides (`edit set image` syntax), comma-separated"),
        ("ARGOCD_ENV_NAME_PREFIX", "replaces the overlay's namePrefix"),
        ("ARGOCD_ENV_NAME_SUFFIX", "replaces the overlay's nameSuffix"),
        ("ARGOCD_ENV_ALLOW_EMPTY", "`true` lets an app render no objects (otherwise that is an error)"),
    ]

    init(environment env: [String: String]) throws {
        func list(_ key: String) -> [String] {
            (env[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        if let n = env["ARGOCD_APP_NAME"], !n.isEmpty { releaseName = n }
        if let n = env["ARGOCD_ENV_RELEASE_NAME"], !n.isEmpty { releaseName = n }
        if let ns = env["ARGOCD_APP_NAMESPACE"], !ns.isEmpty { namespace = ns }
        if let v = env["KUBE_VERSION"], !v.isEmpty { kubeVersion = v }
        apiVersions = list("KUBE_API_VERSIONS")
        valuesFiles = list("ARGOCD_ENV_VALUES_FILES")
        helmSet = try list("ARGOCD_ENV_HELM_SET").map { try Self.assignment($0, "ARGOCD_ENV_HELM_SET") }
        images = list("ARGOCD_ENV_IMAGES")
        namePrefix = env["ARGOCD_ENV_NAME_PREFIX"]
        nameSuffix = env["ARGOCD_ENV_NAME_SUFFIX"]
        allowEmpty = env["ARGOCD_ENV_ALLOW_EMPTY"] == "true"
        if let json = env["ARGOCD_APP_PARAMETERS"], !json.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            try apply(parameters: json)
        }
    }

    static func assignment(_ s: String, _ source: String) throws -> (key: String, value: String) {
        guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
            throw CLIError("\(source): expected key=value, got \(s)")
        }
        return (String(s[..<eq]), String(s[s.index(after: eq)...]))
    }

    /// `[{"name": ..., "string"|"array"|"map": ...}]`, as ArgoCD marshals `ApplicationSourcePluginParameters`.
    mutating func apply(parameters json: String) throws {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) } catch {
            throw CLIError("ARGOCD_APP_PARAMETERS is not valid JSON: \(error.localizedDescription)")
        }
        guard let params = parsed as? [[String: Any]] else {
            throw CLIError("ARGOCD_APP_PARAMETERS must be a JSON array of {name, string|array|map} objects")
        }
        for p in params {
            guard let name = p["name"] as? String else { throw CLIError("ARGOCD_APP_PARAMETERS: a parameter has no name") }
            let string = p["string"] as? String
            let array = p["array"] as? [String]
            let map = (p["map"] as? [String: String]).map { $0.sorted { $0.key < $1.key } }
            func need<T>(_ v: T?, _ type: String) throws -> T {
                guard let v else { throw CLIError("ARGOCD_APP_PARAMETERS: parameter '\(name)' must be a \(type)") }
                return v
            }
            switch name {
            case "values-files": valuesFiles = try need(array, "array")
            case "helm-parameters": helmSet = try need(map, "map").map { ($0.key, $0.value) }
            case "release-name": releaseName = try need(string, "string")
            case "images": images = try need(array, "array")
            case "name-prefix": namePrefix = try need(string, "string")
            case "name-suffix": nameSuffix = try need(string, "string")
            case "replicas":
                replicas = try need(map, "map").map { e in
                    guard let n = Int(e.value) else { throw CLIError("ARGOCD_APP_PARAMETERS: replicas '\(e.key)' must be a whole number, got \(e.value)") }
                    return (e.key, n)
                }
            default:
                FileHandle.standardError.write(Data("swkustomize: ignoring unknown parameter '\(name)'\n".utf8))
            }
        }
    }
}
