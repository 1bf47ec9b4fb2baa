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
    /// the exit instead of freed node by node, about 5% of a small chart's run, and the chart's
    /// values are coalesced in place instead of copied (nothing reads them again).
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
    /// alone, in Helm's order, so that what it changes is seen by the templates after it (those
    /// that read a map it changed render again).
    public static func render(chart: Chart, values: GoMap, release: Value, capabilities: Value,
                              leavesTemplatesToExit: Bool = false) throws -> [String: String] {
        try render(chart: chart, values: values, release: release, capabilities: capabilities,
                   leavesTemplatesToExit: leavesTemplatesToExit) { _, text in text }
    }

    /// The same, with `finish(name, text)` run on each rendered text on the thread that rendered it.
    static func render<T>(chart: Chart, values: GoMap, release: Value, capabilities: Value, leavesTemplatesToExit: Bool,
                          ahead: ParseAhead? = nil, finish: @escaping (String, String) -> T) throws -> [String: T] {
        var byName: [String: Renderable] = [:]
        _ = collect(chart, parent: nil, rootValues: values, release: release, caps: capabilities, into: &byName)
        // Texts parsed ahead under the same name are taken as they are; the others parse now.
        let early = ahead?.finish()
        let set = ahead?.set ?? ParseAhead.templateSet()
        let files = sortedInHelmOrder(Array(byName.keys)).compactMap { byName[$0] }
        var parsed = [Result<TemplateSet.ParsedText, Error>?](repeating: nil, count: files.count)
        if let early {
            for (i, f) in files.enumerated() {
                if let e = early[f.name], e.text == f.text { parsed[i] = e.result }
            }
        }
        let left = parsed.indices.filter { parsed[$0] == nil }
        for (i, result) in zip(left, LargeStack.sideBySide(left.count) { k in
            Result { try set.parseAlone(name: files[left[k]].name, text: files[left[k]].text) }
        }) { parsed[i] = result }
        for case let p? in parsed {
            do { set.install(try p.get()) }
            catch let e as ParseError { throw ChartError(HelmErrorText.parse(e)) }
        }
        if leavesTemplatesToExit {
            _ = Unmanaged.passRetained(set)
            // The values trees too: freeing a large one map by map is time at the end for nothing.
            for f in files { _ = Unmanaged.passRetained(f.top) }
        }

        let renderable = files.filter { !($0.name.split(separator: "/").last ?? "").hasPrefix("_") }
        var rendered: [String: T] = [:]
        // One template on its chart's own `$`, as Helm renders each: what it changes there stays.
        // Returns the reader bits of the maps it changed.
        func renderAlone(_ r: Renderable) throws -> UInt64 {
            r.top.dict["Template"] = templateObject(r)
            let log = MapAccessLog(readerBit: 0)
            do {
                let out = try log.during { try set.execute(name: r.name, data: .map(r.top)) }
                rendered[r.name] = finish(r.name, FastString.replaceAll(out, "<no value>", ""))
            } catch {
                throw ChartError(HelmErrorText.describe(error))
            }
            return log.changedReaders
        }
        let readerBit = { (i: Int) -> UInt64 in 1 << UInt64(i % 64) }
        // Templates `indices`, side by side on shared maps, each noting the maps it reads: nil
        // for one that failed (it would have changed a shared map, or has an error).
        func renderSideBySide(_ indices: [Int]) -> [T?] {
            GoMap.beginSharing()
            defer { GoMap.endSharing() }
            return LargeStack.sideBySide(indices.count) { k -> T? in
                let i = indices[k], r = renderable[i]
                return MapAccessLog(readerBit: readerBit(i)).during {
                    let top = GoMap(r.top.dict)
                    top.dict["Template"] = templateObject(r)
                    top.setShared(true)
                    let own = set.replacingFunctions(HelmFunctions.counting(HelmFunctions.IncludeCounter()))
                    guard let out = try? own.execute(name: r.name, data: .map(top)) else { return nil }
                    return finish(r.name, FastString.replaceAll(out, "<no value>", ""))
                }
            }
        }
        // Passes side by side, then in Helm's order a result is kept or, for one that failed, the
        // template renders alone. The results after it are dropped when they read a map it
        // changed, and render again in the next pass. A chart that keeps changing its values
        // renders one by one after a few passes.
        var results = [T?](repeating: nil, count: renderable.count)
        var next = 0
        var passes = 0
        // Whether a template changed what others read since the last pass (those that failed
        // there would fail again).
        var changedSincePass = true
        while next < renderable.count {
            if changedSincePass && passes < 4 {
                let pending = (next..<renderable.count).filter { results[$0] == nil }
                if pending.count > 1 {
                    passes += 1
                    changedSincePass = false
                    // First pass: longest texts first, so that a long template does not start
                    // last and run alone. Later passes: Helm's order.
                    let order = passes > 1 ? pending : pending.sorted { renderable[$0].text.utf8.count > renderable[$1].text.utf8.count }
                    for (i, result) in zip(order, renderSideBySide(order)) { results[i] = result }
                }
            }
            while next < renderable.count, let result = results[next] {
                rendered[renderable[next].name] = result
                next += 1
            }
            guard next < renderable.count else { break }
            let changedReaders = try renderAlone(renderable[next])
            next += 1
            if changedReaders == 0 { continue }
            changedSincePass = true
            for j in next..<renderable.count where changedReaders & readerBit(j) != 0 { results[j] = nil }
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

/// A chart's own template files parsing beside the loading of its values (names as the engine
/// gives them), into the template set the engine then renders with. The first job builds that
/// set, so the thread loading the values does not wait for it.
final class ParseAhead: @unchecked Sendable {
    private let names: [String]
    private let texts: [String]
    private let setBuilt = DispatchGroup()
    private var builtSet: TemplateSet?
    private var job: SideBySideJob<Result<TemplateSet.ParsedText, Error>?>!

    /// Starts parsing the templates of the chart named `chartName`.
    init(chartName: String, templates: [(path: String, text: String)]) {
        names = templates.map { chartName + "/" + $0.path }
        texts = templates.map(\.text)
        setBuilt.enter()
        job = SideBySideJob(templates.count + 1) { [self] i in
            if i == 0 {
                builtSet = ParseAhead.templateSet()
                setBuilt.leave()
                return nil
            }
            let set = self.set
            return Result { try set.parseAlone(name: names[i - 1], text: texts[i - 1]) }
        }
    }

    /// The set the texts parse for (its function names) and the engine installs them in. Ask
    /// after `finish()`: with no other core, the calling thread builds it there.
    var set: TemplateSet {
        setBuilt.wait()
        return builtSet!
    }

    /// Parses what is left on this thread too; each name's text and outcome.
    func finish() -> [String: (text: String, result: Result<TemplateSet.ParsedText, Error>)] {
        var out: [String: (text: String, result: Result<TemplateSet.ParsedText, Error>)] = [:]
        for (i, result) in job.finish().enumerated() {
            if let result { out[names[i - 1]] = (texts[i - 1], result) }
        }
        return out
    }

    /// A template set with Helm's functions.
    static func templateSet() -> TemplateSet {
        TemplateSet(funcs: HelmFunctions.table(counter: HelmFunctions.IncludeCounter()))
    }
}
