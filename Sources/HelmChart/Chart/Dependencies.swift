import Foundation
import GoTemplate

/// Helm's dependency processing (pkg/chart/v2/util/dependencies.go): which subcharts are on, under
/// which name, and the values they lift into their parent.
enum Dependencies {
    static func process(_ chart: Chart, _ vals: GoMap) throws {
        try enable(chart, vals, path: "")
        try importValues(chart)
    }

    /// `helm template` refuses a chart whose declared dependencies are not all in charts/.
    static func checkPresent(_ chart: Chart) throws {
        let missing = chart.metadata.dependencies.map(\.name).filter { n in !chart.dependencies.contains { $0.name == n } }
        if !missing.isEmpty {
            throw ChartError("an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: " + missing.joined(separator: ", "))
        }
    }

    static func compatible(_ constraint: String, _ version: String) -> Bool {
        SemverRange.isCompatible(constraint, version)
    }

    /// The loaded subchart a Chart.yaml entry names, copied and renamed when aliased.
    static func aliased(_ charts: [Chart], _ dep: ChartDependency) -> Chart? {
        for c in charts where c.name == dep.name && compatible(dep.version, c.metadata.version) {
            let out = c.copy()
            if !dep.alias.isEmpty { out.metadata.name = dep.alias }
            return out
        }
        return nil
    }

    static func enable(_ chart: Chart, _ v: GoMap, path: String) throws {
        if chart.metadata.dependencies.isEmpty { return }
        var kept: [Chart] = []
        // Subcharts that Chart.yaml does not declare stay as they are.
        for existing in chart.dependencies where !chart.metadata.dependencies.contains(where: {
            existing.name == $0.name && compatible($0.version, existing.metadata.version)
        }) {
            kept.append(existing)
        }
        for i in chart.metadata.dependencies.indices {
            let req = chart.metadata.dependencies[i]
            if let c = aliased(chart.dependencies, req) { kept.append(c) }
            if !req.alias.isEmpty { chart.metadata.dependencies[i].name = req.alias }
        }
        chart.setDependencies(kept)
        for i in chart.metadata.dependencies.indices { chart.metadata.dependencies[i].enabled = true }
        let cvals = try Coalesce.values(chart, v, merge: false)
        applyTags(&chart.metadata.dependencies, cvals)
        applyConditions(&chart.metadata.dependencies, cvals, path)
        let off = Set(chart.metadata.dependencies.filter { !$0.enabled }.map(\.name))
        let on = chart.dependencies.filter { !off.contains($0.name) }
        chart.metadata.dependencies.removeAll { off.contains($0.name) }
        for t in on { try enable(t, cvals, path: path + t.name + ".") }
        chart.setDependencies(on)
    }

    static func applyConditions(_ deps: inout [ChartDependency], _ cvals: GoMap, _ path: String) {
        for i in deps.indices {
            for c in FastString.trimSpace(deps[i].condition).split(separator: ",", omittingEmptySubsequences: true) {
                // The first condition path that holds a bool decides.
                if case .bool(let b)? = ValuePath.value(cvals, path + String(c)) {
                    deps[i].enabled = b
                    break
                }
            }
        }
    }

    static func applyTags(_ deps: inout [ChartDependency], _ cvals: GoMap) {
        guard case .map(let tags)? = cvals.dict["tags"] else { return }
        for i in deps.indices {
            var hasTrue = false, hasFalse = false
            for k in deps[i].tags {
                if case .bool(let b)? = tags.dict[k] { if b { hasTrue = true } else { hasFalse = true } }
            }
            deps[i].enabled = hasTrue || !hasFalse
        }
    }

    /// Children first: each chart's values become its tree's merged values plus what it imports.
    static func importValues(_ chart: Chart) throws {
        for d in chart.dependencies { try importValues(d) }
        if chart.metadata.dependencies.isEmpty { return }
        let cvals = try Coalesce.values(chart, GoMap(), merge: true)
        var b = GoMap()
        for i in chart.metadata.dependencies.indices {
            let r = chart.metadata.dependencies[i]
            var normalized: [Value] = []
            for iv in r.importValues {
                switch iv {
                case .map(let m):
                    let child = m.dict["child"].map(Conv.strval) ?? "<nil>"
                    let parent = m.dict["parent"].map(Conv.strval) ?? "<nil>"
                    normalized.append(.map(GoMap(["child": .string(child), "parent": .string(parent)])))
                    guard let vv = ValuePath.table(cvals, r.name + "." + child) else { continue }
                    b = Coalesce.mergeTables(b, pathToMap(parent, vv))
                case .string(let s):
                    normalized.append(.map(GoMap(["child": .string("exports." + s), "parent": .string(".")])))
                    guard let vm = ValuePath.table(cvals, r.name + ".exports." + s) else { continue }
                    b = Coalesce.mergeTables(b, vm)
                default:
                    continue
                }
            }
            chart.metadata.dependencies[i].importValues = normalized
        }
        // The parent's own values win over what it imports.
        chart.values = Coalesce.mergeTables(Coalesce.copyMap(cvals), b)
    }

    static func pathToMap(_ path: String, _ data: GoMap) -> GoMap {
        if path == "." { return data }
        var cur = data
        for p in path.split(separator: ".", omittingEmptySubsequences: false).reversed() {
            cur = GoMap([String(p): .map(cur)])
        }
        return cur
    }
}
