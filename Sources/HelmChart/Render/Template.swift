import Foundation
import GoTemplate

/// `helm template`: load, check, process dependencies, coalesce, validate, render, assemble.
public enum HelmTemplate {
    /// The whole `helm template` output for the chart at `chartDir` (a folder or .tgz), as one string.
    public static func run(chartDir: String, options: ReleaseOptions, stream: Stream.Options = Stream.Options(),
                           includeCRDs: Bool = false) throws -> String {
        Stream.format(try manifests(chartDir: chartDir, options: options, stream: stream, includeCRDs: includeCRDs))
    }

    /// The library entry point: a chart folder or .tgz and release options in, Helm's documents out.
    /// Run it on a thread with a large stack (deep include recursion), as the CLI does.
    public static func manifests(chartDir: String, options: ReleaseOptions, stream: Stream.Options = Stream.Options(),
                                 includeCRDs: Bool = false) throws -> [Stream.Manifest] {
        let user = try UserValues.merge(options)
        // The chart's templates parse on the other cores while its values.yaml parses here.
        var ahead: ParseAhead?
        let chart = try ChartLoader.load(chartDir) { ahead = ParseAhead(chartName: $0, templates: $1) }
        let scanned = try render(chart: chart, userValues: user, options: options, ahead: ahead, finish: Stream.scan)
        var s = stream
        // Only the subcharts left on by dependency processing bring their CRDs.
        if includeCRDs {
            s.crds = chart.crdObjects()
            if let e = chart.filesError { throw e }
        }
        return try Stream.manifests(scanned: scanned, options: s)
    }

    /// The engine's map of template path to text, after every check `helm template` makes.
    public static func render(chart: Chart, userValues: GoMap, options: ReleaseOptions) throws -> [String: String] {
        try render(chart: chart, userValues: userValues, options: options) { _, text in text }
    }

    static func render<T>(chart: Chart, userValues: GoMap, options: ReleaseOptions, ahead: ParseAhead? = nil,
                          finish: @escaping (String, String) -> T) throws -> [String: T] {
        if !chart.metadata.type.isEmpty && chart.metadata.type != "application" {
            throw ChartError("\(chart.metadata.type) charts are not installable")
        }
        if !chart.metadata.dependencies.isEmpty { try Dependencies.checkPresent(chart) }
        try Dependencies.process(chart, userValues)

        guard let kube = KubeVersion(options.kubeVersion ?? "v1.36.0") else {
            throw ChartError("invalid kube version \(GoFormat.quote(options.kubeVersion ?? ""))")
        }
        let caps = Capabilities(kube: kube, extraAPIVersions: options.apiVersions.flatMap { $0.split(separator: ",").map(String.init) })
        let release: Value = .map(GoMap([
            "Name": .string(options.name), "Namespace": .string(options.namespace), "IsUpgrade": .bool(options.isUpgrade),
            "IsInstall": .bool(!options.isUpgrade), "Revision": .int(1), "Service": .string("Helm"),
        ]))
        let values = try Coalesce.values(chart, userValues, merge: false, lastUse: options.leavesTemplatesToExit)
        if !options.skipSchemaValidation { try SchemaCheck.validate(chart, values) }
        if !chart.metadata.kubeVersion.isEmpty && !SemverRange.isCompatible(chart.metadata.kubeVersion, kube.short) {
            throw ChartError("chart requires kubeVersion: \(chart.metadata.kubeVersion) which is incompatible with Kubernetes \(kube.short)")
        }
        return try Engine.render(chart: chart, values: values, release: release, capabilities: .object(caps),
                                 leavesTemplatesToExit: options.leavesTemplatesToExit, ahead: ahead, finish: finish)
    }
}

/// How `helm template` names the release (action.Install.NameAndChart).
public enum ReleaseName {
    /// `--name-template`: Sprig's functions, no data.
    public static func fromTemplate(_ text: String) throws -> String {
        if text.isEmpty { return "" }
        let set = TemplateSet(funcs: Sprig.functions())
        do {
            let tree = try set.parse(name: "name-template", text: text)
            return try set.execute(tree: tree, data: .null)
        } catch {
            throw ChartError(HelmErrorText.describe(error))
        }
    }

    /// `--generate-name`: the chart path's base name up to its first dot, then the Unix time.
    public static func generated(chartPath: String) -> String {
        var base = chartPath.split(separator: "/").last.map(String.init) ?? ""
        if base == "." || base.isEmpty { base = "chart" }
        if let dot = base.firstIndex(of: ".") { base = String(base[..<dot]) }
        return "\(base)-\(Int(Date().timeIntervalSince1970))"
    }
}
