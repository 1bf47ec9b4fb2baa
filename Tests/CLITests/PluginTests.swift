import Foundation
import SwkYAML
import Testing

/// swkustomize as an ArgoCD config-management plugin: the commands in
/// examples/argocd-plugin/plugin.yaml, run as argocd-repo-server runs them.
@Suite struct PluginTests {
    static let root = ArgoCDRun.root
    static func run(_ args: [String], in dir: URL, env: [String: String] = [:]) throws -> CLITests.Result {
        try ArgoCDRun.run(args, in: dir, env: env)
    }
    static func copy(_ paths: [String]) throws -> URL { try ArgoCDRun.copy(paths) }

    struct Plugin {
        var discover: [String]
        var generate: [String]
        var parameters: [String]
    }

    /// The commands from examples/argocd-plugin/plugin.yaml, read as ArgoCD reads them.
    static func plugin() throws -> Plugin {
        let path = root.appendingPathComponent("examples/argocd-plugin/plugin.yaml").path
        let doc = try #require(try YAMLParser.parseDocuments(String(contentsOfFile: path, encoding: .utf8), file: path).first)
        func command(_ keys: [String]) throws -> [String] {
            let node = try #require(doc.value(at: ["spec"] + keys + ["command"]))
            let args = doc.value(at: ["spec"] + keys + ["args"])?.items ?? []
            return (node.items + args).compactMap(\.stringValue)
        }
        #expect(doc["kind"]?.stringValue == "ConfigManagementPlugin")
        return Plugin(discover: try command(["discover", "find"]), generate: try command(["generate"]),
                      parameters: try command(["parameters", "dynamic"]))
    }

    /// Runs a plugin command with our binary in place of `swkustomize`.
    static func runPlugin(_ command: [String], in dir: URL, env: [String: String]) throws -> CLITests.Result {
        #expect(command.first == "swkustomize")
        return try run(Array(command.dropFirst()), in: dir, env: env)
    }

    static func objects(_ stream: String) throws -> [YAMLNode] {
        try YAMLParser.parseDocuments(stream, file: "stdout").filter { !$0.isNull }
    }

    @Test func pluginRendersAChartWithParameters() throws {
        let plugin = try Self.plugin()
        let dir = try Self.copy(["examples/chart"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = dir.appendingPathComponent("examples/chart")
        let env = [
            "ARGOCD_APP_NAME": "shop-ui", "ARGOCD_APP_NAMESPACE": "retail-dev", "KUBE_VERSION": "1.30.0",
            "KUBE_API_VERSIONS": "v1,apps/v1,autoscaling/v2",
            "ARGOCD_APP_PARAMETERS": #"[{"name":"values-files","array":["values-dev.yaml"]},{"name":"helm-parameters","map":{"image.tag":"v9.9.9","replicaCount":"4"}},{"name":"release-name","string":"ui"}]"#,
        ]
        let found = try Self.runPlugin(plugin.discover, in: app, env: env)
        #expect(found.status == 0 && !found.stdout.isEmpty)
        let r = try Self.runPlugin(plugin.generate, in: app, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        let objs = try Self.objects(r.stdout)
        #expect(!objs.isEmpty)
        #expect(objs.allSatisfy { $0["kind"]?.stringValue?.isEmpty == false })
        #expect(r.stdout.contains("v9.9.9"))
        #expect(r.stdout.contains("replicas: 4"))
        #expect(r.stdout.contains("namespace: retail-dev") || !r.stdout.contains("namespace:"))
        let params = try Self.runPlugin(plugin.parameters, in: app, env: env)
        #expect(params.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(params.stdout.utf8)) as? [[String: Any]]
        #expect(json?.contains { $0["name"] as? String == "helm-parameters" } == true)
    }

    @Test func pluginRendersAnOverlayWithImagesAndPrefix() throws {
        let plugin = try Self.plugin()
        let dir = try Self.copy(["base", "components", "overlays/prod"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = dir.appendingPathComponent("overlays/prod")
        let before = try Data(contentsOf: app.appendingPathComponent("kustomization.yaml"))
        let env = [
            "ARGOCD_APP_NAME": "shop", "ARGOCD_ENV_NAME_PREFIX": "argo-",
            "ARGOCD_APP_PARAMETERS": #"[{"name":"images","array":["public.ecr.aws/aws-containers/retail-store-sample-ui:7.7.7"]}]"#,
        ]
        #expect(try Self.runPlugin(plugin.discover, in: app, env: env).stdout == "kustomization.yaml\n")
        let r = try Self.runPlugin(plugin.generate, in: app, env: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.objects(r.stdout).allSatisfy { $0["kind"] != nil })
        #expect(r.stdout.contains("retail-store-sample-ui:7.7.7"))
        #expect(r.stdout.contains("name: argo-"))
        // The overrides are for this render only.
        #expect(try Data(contentsOf: app.appendingPathComponent("kustomization.yaml")) == before)
    }

    @Test func removedAPIsAreWarnedAboutForTheClusterVersion() throws {
        let plugin = try Self.plugin()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swk-old-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "resources: [cj.yaml]\n".write(to: dir.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        try "apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n".write(to: dir.appendingPathComponent("cj.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.runPlugin(plugin.generate, in: dir, env: ["KUBE_VERSION": "1.29.4"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("kind: CronJob"))
        #expect(r.stderr.contains("CronJob nightly uses batch/v1beta1, removed in 1.25; use batch/v1"))
    }

    @Test func brokenAppsFailWithNothingOnStdout() throws {
        let plugin = try Self.plugin()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swk-broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "resources:\n- missing.yaml\n".write(to: dir.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let r = try Self.runPlugin(plugin.generate, in: dir, env: [:])
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("missing.yaml"))
        let badParams = try Self.runPlugin(plugin.generate, in: dir, env: ["ARGOCD_APP_PARAMETERS": "{not json"])
        #expect(badParams.status != 0 && badParams.stdout.isEmpty && !badParams.stderr.isEmpty)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("swk-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let nothing = try Self.runPlugin(plugin.discover, in: empty, env: [:])
        #expect(nothing.status == 0 && nothing.stdout.isEmpty)
    }
}
