import Foundation
import GoTemplate
import SwkYAML

/// What `helm template` is told on its command line.
public struct ReleaseOptions: Sendable {
    /// `.Release.Name` (Helm's default `release-name`).
    public var name: String
    /// `.Release.Namespace`.
    public var namespace: String
    /// `-f` files, later ones winning.
    public var valuesFiles: [String]
    /// `--kube-version` for `.Capabilities` (default v1.36.0).
    public var kubeVersion: String?
    /// `--api-versions` for `.Capabilities.APIVersions`, each entry may be comma-separated.
    public var apiVersions: [String]
    /// Options as `helm template` defaults them.
    public init(name: String = "release-name", namespace: String = "default", valuesFiles: [String] = [],
                kubeVersion: String? = nil, apiVersions: [String] = []) {
        self.name = name; self.namespace = namespace; self.valuesFiles = valuesFiles
        self.kubeVersion = kubeVersion; self.apiVersions = apiVersions
    }
}

/// Renders every template of a chart as Helm's engine does.
public enum Engine {
    /// Helm parses and renders deeper paths first, then in reverse lexical order.
    static func helmOrder(_ a: String, _ b: String) -> Bool {
        let ca = a.filter { $0 == "/" }.count, cb = b.filter { $0 == "/" }.count
        if ca != cb { return ca > cb }
        return goLess(b, a)
    }

    /// The rendered text of each template file (partials excluded), keyed by "chart/templates/x".
    public static func render(chart: Chart, options: ReleaseOptions) throws -> [String: String] {
        var user = GoMap()
        for f in options.valuesFiles {
            guard let text = try? String(contentsOfFile: f, encoding: .utf8) else { throw ChartError("open \(f): no such file or directory") }
            guard case .map(let m) = try Values.parse(text, file: f) else { continue }
            user = Values.coalesce(m, onto: user)
        }
        guard case .map(let defaults) = chart.values else { throw ChartError("invalid chart values") }
        let values = Values.coalesce(user, onto: defaults)
        values.typeName = nil

        guard let kube = KubeVersion(options.kubeVersion ?? "v1.36.0") else {
            throw ChartError("invalid kube version \(GoFormat.quote(options.kubeVersion ?? ""))")
        }
        let caps = Capabilities(kube: kube, extraAPIVersions: options.apiVersions.flatMap { $0.split(separator: ",").map(String.init) })
        let release: Value = .map(GoMap([
            "Name": .string(options.name), "Namespace": .string(options.namespace), "IsUpgrade": .bool(false),
            "IsInstall": .bool(true), "Revision": .int(1), "Service": .string("Helm"),
        ]))
        let base: [String: Value] = [
            "Values": .map(values), "Release": release, "Chart": chart.metadata, "Capabilities": .object(caps),
            "Files": FilesObject.make(chart.files), "Subcharts": .map(GoMap()),
        ]

        let counter = HelmFunctions.IncludeCounter()
        let set = TemplateSet(funcs: HelmFunctions.table(counter: counter))
        let named = chart.templates.map { (chart.name + "/" + $0.path, $0.text) }.sorted { helmOrder($0.0, $1.0) }
        for (name, text) in named {
            do { try set.parse(name: name, text: text) }
            catch let e as ParseError { throw ChartError(HelmErrorText.parse(e)) }
        }
        var rendered: [String: String] = [:]
        for (name, _) in named {
            let baseName = name.split(separator: "/").last.map(String.init) ?? name
            if baseName.hasPrefix("_") { continue }
            var top = base
            let dir = name.split(separator: "/").dropLast().joined(separator: "/")
            top["Template"] = .map(GoMap(["Name": .string(name), "BasePath": .string(dir)]))
            do {
                let out = try set.execute(name: name, data: .map(GoMap(top)))
                rendered[name] = FastString.replaceAll(out, "<no value>", "")
            } catch {
                throw ChartError(HelmErrorText.describe(error))
            }
        }
        return rendered
    }
}

/// `helm template`: load, render, assemble the stream.
public enum HelmTemplate {
    /// The `helm template` output for the chart folder `chartDir`; failures are `ChartError`s.
    public static func run(chartDir: String, options: ReleaseOptions) throws -> String {
        let chart = try ChartLoader.load(chartDir)
        let rendered = try Engine.render(chart: chart, options: options)
        return try Stream.assemble(rendered)
    }
}
