import Foundation
import Synchronization
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

    struct Renderable { var name: String; var text: String; var top: GoMap; var basePath: String }

    /// The rendered text of each template file (partials excluded), keyed by "chart/charts/sub/templates/x".
    /// `values` are the coalesced values of the whole tree; `top` holds .Release and .Capabilities.
    ///
    /// Files are parsed side by side and installed in Helm's order. Templates then render side by
    /// side, each with its own `$` and include counts, while every map they can reach is marked
    /// shared: one that would change a shared map (set, unset, merge) fails there and renders
    /// alone, in Helm's order, so that what it changes is seen by the templates after it.
    public static func render(chart: Chart, values: GoMap, release: Value, capabilities: Value,
                              leavesTemplatesToExit: Bool = false) throws -> [String: String] {
        try render(chart: chart, values: values, release: release, capabilities: capabilities,
                   leavesTemplatesToExit: leavesTemplatesToExit) { _, text in text }
    }

    /// The same, with `finish(name, text)` run on each rendered text on the thread that rendered it.
    static func render<T>(chart: Chart, values: GoMap, release: Value, capabilities: Value, leavesTemplatesToExit: Bool,
                          finish: @escaping (String, String) -> T) throws -> [String: T] {
        var byName: [String: Renderable] = [:]
        _ = collect(chart, parent: nil, rootValues: values, release: release, caps: capabilities, into: &byName)
        let set = TemplateSet(funcs: HelmFunctions.table(counter: HelmFunctions.IncludeCounter()))
        let files = sortedInHelmOrder(Array(byName.keys)).compactMap { byName[$0] }
        let parsed = LargeStack.sideBySide(files.count) { i in
            Result { try set.parseAlone(name: files[i].name, text: files[i].text) }
        }
        for p in parsed {
            do { set.install(try p.get()) }
            catch let e as ParseError { throw ChartError(HelmErrorText.parse(e)) }
        }
        if leavesTemplatesToExit { _ = Unmanaged.passRetained(set) }

        let renderable = files.filter { !($0.name.split(separator: "/").last ?? "").hasPrefix("_") }
        var rendered: [String: T] = [:]
        var tops: [ObjectIdentifier: Value] = [:]
        for r in renderable { tops[ObjectIdentifier(r.top)] = .map(r.top) }
        // One template on its chart's own `$`, as Helm renders each: what it changes there stays.
        func renderAlone(_ r: Renderable) throws {
            r.top.dict["Template"] = templateObject(r)
            do {
                let out = try set.execute(name: r.name, data: .map(r.top))
                rendered[r.name] = finish(r.name, FastString.replaceAll(out, "<no value>", ""))
            } catch {
                throw ChartError(HelmErrorText.describe(error))
            }
        }
        // Passes side by side over the templates not rendered yet. The first template (in Helm's
        // order) that fails ends a pass: the ones before it rendered on values nobody changed, it
        // renders alone (changing them, or giving its error), and the ones after it go to the
        // next pass. A chart that changes its values often renders one by one after a few passes.
        var next = 0
        var passes = 0
        while next < renderable.count {
            let rest = Array(next..<renderable.count)
            guard rest.count > 1, passes < 3 else {
                for i in rest { try renderAlone(renderable[i]) }
                break
            }
            passes += 1
            GoMap.markShared(Array(tops.values), true)
            let firstFailure = FirstFailure()
            // Longest texts first, so that a long template does not start last and run alone.
            // After a failure, Helm's order: the next one that fails is then found before much
            // past it has rendered in vain.
            let order = passes > 1 ? rest : rest.sorted { renderable[$0].text.utf8.count > renderable[$1].text.utf8.count }
            let results = LargeStack.sideBySide(order.count) { k -> T? in
                let i = order[k]
                // Past a template that failed nothing can be kept: the next pass renders it.
                if i > firstFailure.index.load(ordering: .relaxed) { return nil }
                let r = renderable[i]
                let top = GoMap(r.top.dict)
                top.dict["Template"] = templateObject(r)
                top.setShared(true)
                let own = set.replacingFunctions(HelmFunctions.counting(HelmFunctions.IncludeCounter()))
                guard let out = try? own.execute(name: r.name, data: .map(top)) else {
                    firstFailure.index.min(i, ordering: .relaxed)
                    return nil
                }
                return finish(r.name, FastString.replaceAll(out, "<no value>", ""))
            }
            GoMap.markShared(Array(tops.values), false)
            var byIndex: [Int: T] = [:]
            for (k, result) in zip(order, results) { if let result { byIndex[k] = result } }
            while next < renderable.count, let result = byIndex[next] {
                rendered[renderable[next].name] = result
                next += 1
            }
            if next < renderable.count {
                try renderAlone(renderable[next])
                next += 1
            }
        }
        // A template read files that cannot be read: loading them all would have failed.
        if let e = chart.filesError { throw e }
        return rendered
    }

    static func templateObject(_ r: Renderable) -> Value {
        .map(GoMap(["Name": .string(r.name), "BasePath": .string(r.basePath)]))
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
            "Chart": ChartObject.make(chart), "Files": FilesObject.make(chart), "Release": release,
            "Capabilities": caps, "Values": .map(values), "Subcharts": .map(subcharts),
        ])
        for child in chart.dependencies {
            subcharts.dict[child.name] = .map(collect(child, parent: next, rootValues: rootValues, release: release,
                                                      caps: caps, into: &tpls))
        }
        let full = chart.fullPath
        for t in chart.templates {
            if chart.isLibrary && !(t.path.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            let name = full + "/" + t.path
            tpls[name] = Renderable(name: name, text: t.text, top: next, basePath: full + "/templates")
        }
        return next
    }
}

/// The first template (in Helm's order) that failed in a pass side by side.
private final class FirstFailure: Sendable {
    let index = Atomic<Int>(Int.max)
}
