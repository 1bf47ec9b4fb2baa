import Foundation
import GoTemplate
import SwkYAML

/// The release a chart is rendered for (`helm template`'s flags beside values).
public struct ReleaseOptions: Sendable {
    /// The release name (`.Release.Name`).
    public var name: String
    /// The release namespace (`.Release.Namespace`).
    public var namespace: String
    /// Values files (`-f`), later ones winning; `-` reads standard input.
    public var valuesFiles: [String]
    /// `--kube-version`: `.Capabilities.KubeVersion` instead of the default.
    public var kubeVersion: String?
    /// `--api-versions`: added to `.Capabilities.APIVersions`.
    public var apiVersions: [String]
    /// `--is-upgrade`: `.Release.IsUpgrade` true, `.Release.IsInstall` false.
    public var isUpgrade: Bool
    /// --set, --set-string, --set-file, --set-json, --set-literal, each in command-line order.
    public var set: [String] = []
    /// `--set-string` arguments: every value a string.
    public var setString: [String] = []
    /// `--set-file` arguments: each value a path whose contents become the value.
    public var setFile: [String] = []
    /// `--set-json` arguments: each value JSON.
    public var setJSON: [String] = []
    /// `--set-literal` arguments: one key, the rest of the argument its string value.
    public var setLiteral: [String] = []
    /// `--skip-schema-validation`: values.schema.json files are not checked.
    public var skipSchemaValidation = false
    /// For a process that ends right after rendering (the CLI): the parsed templates are left to
    /// the exit instead of freed node by node, about 5% of a small chart's run.
    public var leavesTemplatesToExit = false
    /// Options with `helm template`'s defaults for what is not given.
    public init(name: String = "release-name", namespace: String = "default", valuesFiles: [String] = [],
                kubeVersion: String? = nil, apiVersions: [String] = [], isUpgrade: Bool = false) {
        self.name = name; self.namespace = namespace; self.valuesFiles = valuesFiles
        self.kubeVersion = kubeVersion; self.apiVersions = apiVersions; self.isUpgrade = isUpgrade
    }
}

/// Renders every template of a chart tree as Helm's engine does.
public enum Engine {
    /// Helm parses and renders deeper paths first, then in reverse lexical order. Each name's depth
    /// is counted once, not in every comparison.
    static func sortedInHelmOrder(_ names: [String]) -> [String] {
        names.map { (name: $0, depth: $0.utf8.reduce(0) { $0 + ($1 == 47 ? 1 : 0) }) }
            .sorted { $0.depth != $1.depth ? $0.depth > $1.depth : goLess($1.name, $0.name) }
            .map(\.name)
    }

    struct Renderable { var text: String; var top: GoMap; var basePath: String }

    /// The rendered text of each template file (partials excluded), keyed by "chart/charts/sub/templates/x".
    /// `values` are the coalesced values of the whole tree; `top` holds .Release and .Capabilities.
    public static func render(chart: Chart, values: GoMap, release: Value, capabilities: Value,
                              leavesTemplatesToExit: Bool = false) throws -> [String: String] {
        var tpls: [String: Renderable] = [:]
        _ = collect(chart, parent: nil, rootValues: values, release: release, caps: capabilities, into: &tpls)
        let counter = HelmFunctions.IncludeCounter()
        let set = TemplateSet(funcs: HelmFunctions.table(counter: counter))
        let names = sortedInHelmOrder(Array(tpls.keys))
        for name in names {
            guard let r = tpls[name] else { continue }
            do { try set.parse(name: name, text: r.text) }
            catch let e as ParseError { throw ChartError(HelmErrorText.parse(e)) }
        }
        if leavesTemplatesToExit { _ = Unmanaged.passRetained(set) }
        var rendered: [String: String] = [:]
        for name in names {
            guard let r = tpls[name] else { continue }
            let baseName = name.split(separator: "/").last.map(String.init) ?? name
            if baseName.hasPrefix("_") { continue }
            // One top-level map per chart: what a template sets in $ is seen by the templates after it.
            r.top.dict["Template"] = .map(GoMap(["Name": .string(name), "BasePath": .string(r.basePath)]))
            do {
                let out = try set.execute(name: name, data: .map(r.top))
                rendered[name] = FastString.replaceAll(out, "<no value>", "")
            } catch {
                throw ChartError(HelmErrorText.describe(error))
            }
        }
        return rendered
    }

    /// recAllTpls: each chart's top-level objects, its .Values scoped under its name in the parent's.
    static func collect(_ chart: Chart, parent: GoMap?, rootValues: GoMap, release: Value, caps: Value,
                        into tpls: inout [String: Renderable]) -> GoMap {
        let subcharts = GoMap()
        var values = GoMap()
        if parent == nil {
            values = rootValues
        } else if case .map(let pv)? = parent?.dict["Values"], case .map(let mine)? = pv.dict[chart.name] {
            values = mine
        }
        let next = GoMap([
            "Chart": ChartObject.make(chart), "Files": FilesObject.make(chart.files), "Release": release,
            "Capabilities": caps, "Values": .map(values), "Subcharts": .map(subcharts),
        ])
        for child in chart.dependencies {
            subcharts.dict[child.name] = .map(collect(child, parent: next, rootValues: rootValues, release: release,
                                                      caps: caps, into: &tpls))
        }
        let full = chart.fullPath
        for t in chart.templates {
            if chart.isLibrary && !(t.path.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            tpls[full + "/" + t.path] = Renderable(text: t.text, top: next, basePath: full + "/templates")
        }
        return next
    }
}
