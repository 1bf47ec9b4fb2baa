import GoTemplate

/// Helm 4's coalescing of values over a chart tree (pkg/chart/common/util/coalesce.go).
///
/// Maps are references here as in Go, and the same copies are taken where Helm takes them, so the
/// aliasing Helm's result depends on (a subchart's nested globals written into the parent's) happens
/// alike. `merge` keeps nulls (MergeValues); coalescing lets a user null delete a default.
enum Coalesce {
    /// CoalesceValues / MergeValues: `vals` (copied) over the chart tree's defaults.
    ///
    /// `lastUse`: nothing reads the charts' values after this, so they are taken as they are
    /// instead of copied (Helm copies them only so that coalescing cannot change them), unless a
    /// map is reachable twice (a dependency under two aliases), where the copies keep them apart.
    static func values(_ chart: Chart, _ vals: GoMap, merge: Bool, lastUse: Bool = false) throws -> GoMap {
        let dest = copyMap(vals)
        // A chart without subcharts holds its values.yaml as parsed: a tree (YAML aliases are
        // copied). With subcharts, dependency processing may have merged maps into several.
        let inPlace = lastUse && (chart.dependencies.isEmpty || valuesAreTrees(chart))
        try coalesce(chart, dest, prefix: "", merge: merge, inPlace: inPlace)
        return dest
    }

    /// Whether every map in the chart tree's values is reachable once (no sharing, no cycle).
    static func valuesAreTrees(_ chart: Chart) -> Bool {
        var seen = Set<ObjectIdentifier>()
        var pending: [Value] = []
        var charts = [chart]
        while let c = charts.popLast() {
            pending.append(.map(c.values))
            charts.append(contentsOf: c.dependencies)
        }
        while let v = pending.popLast() {
            switch v {
            case .map(let m):
                guard seen.insert(ObjectIdentifier(m)).inserted else { return false }
                pending.append(contentsOf: m.dict.values)
            case .list(let l): pending.append(contentsOf: l)
            default: break
            }
        }
        return true
    }

    static func copyMap(_ m: GoMap) -> GoMap {
        if case .map(let c) = Value.map(m).deepCopy() { return c }
        return GoMap()
    }

    static func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : a + "." + b }

    static func coalesce(_ chart: Chart, _ dest: GoMap, prefix: String, merge: Bool, inPlace: Bool = false) throws {
        coalesceValues(chart, dest, merge: merge, inPlace: inPlace)
        try coalesceDeps(chart, dest, prefix: prefix, merge: merge, inPlace: inPlace)
    }

    static func coalesceDeps(_ chart: Chart, _ dest: GoMap, prefix: String, merge: Bool, inPlace: Bool = false) throws {
        for sub in chart.dependencies {
            let dv: GoMap
            switch dest.dict[sub.name] {
            case nil:
                dv = GoMap()
                dest.dict[sub.name] = .map(dv)
            case .map(let m)?:
                dv = m
            case let other?:
                throw ChartError("type mismatch on \(sub.name): %!t(\(other.goTypeName)=\(GoFormat.v(other)))")
            }
            let subPrefix = join(prefix, chart.name)
            coalesceGlobals(dest: dv, src: dest)
            try coalesce(sub, dv, prefix: subPrefix, merge: merge, inPlace: inPlace)
        }
    }

    /// Copies the parent's `global` into the subchart's: the parent wins, maps merge top-down.
    static func coalesceGlobals(dest: GoMap, src: GoMap) {
        var dg = GoMap()
        if let g = dest.dict["global"] {
            guard case .map(let m) = g else { return }
            dg = m
        }
        var sg = GoMap()
        if let g = src.dict["global"] {
            guard case .map(let m) = g else { return }
            sg = m
        }
        for (key, val) in sg.dict {
            if case .map(let vm) = val {
                // A shallow copy, as Helm's copyMap: nested maps stay shared with the parent.
                let vv = GoMap(vm.dict)
                switch dg.dict[key] {
                case nil:
                    dg.dict[key] = .map(vv)
                case .map(let destMap)?:
                    tables(vv, destMap, merge: true)
                    dg.dict[key] = .map(vv)
                default:
                    break // cannot merge a map onto a non-map: skipped
                }
            } else if case .map? = dg.dict[key] {
                continue // a table is not replaced by a scalar
            } else {
                dg.dict[key] = val
            }
        }
        dest.dict["global"] = .map(dg)
    }

    /// A chart's own defaults under `v` (v wins).
    static func coalesceValues(_ chart: Chart, _ v: GoMap, merge: Bool, inPlace: Bool = false) {
        let vc = inPlace ? chart.values : copyMap(chart.values)
        for (key, val) in vc.dict {
            if let value = v.dict[key] {
                if case .null = value, !merge {
                    // A user null removes the chart's key.
                    v.dict[key] = nil
                } else if case .map(let dest) = value {
                    guard case .map(let src) = val else { continue }
                    let childMerge = merge || chart.dependencies.contains { $0.name == key }
                    if !childMerge { cleanNils(src) }
                    tables(dest, src, merge: childMerge)
                }
            } else {
                if !merge {
                    if case .null = val { continue }
                    if case .map(let sub) = val { cleanNils(sub) }
                }
                v.dict[key] = val
            }
        }
    }

    /// coalesceTablesFullKey: `dst` is authoritative; `src` fills it (and is changed, as in Helm).
    @discardableResult
    static func tables(_ dst: GoMap, _ src: GoMap, merge: Bool) -> GoMap {
        var srcNonNil = Set<String>()
        for (k, v) in src.dict where !v.isNull { srcNonNil.insert(k) }
        for (k, v) in dst.dict where v.isNull { src.dict[k] = .null }
        for (key, val) in src.dict {
            let dv = dst.dict[key]
            if let d = dv, d.isNull, !merge, srcNonNil.contains(key) {
                dst.dict[key] = nil
            } else if dv == nil {
                dst.dict[key] = val
            } else if case .map(let sm) = val {
                if case .map(let dm)? = dv { tables(dm, sm, merge: merge) }
            }
        }
        return dst
    }

    static func cleanNils(_ m: GoMap) {
        for (k, v) in m.dict {
            if case .null = v { m.dict[k] = nil } else if case .map(let sub) = v { cleanNils(sub) }
        }
    }

    /// CoalesceTables / MergeTables.
    static func coalesceTables(_ dst: GoMap, _ src: GoMap) -> GoMap { tables(dst, src, merge: false) }
    static func mergeTables(_ dst: GoMap, _ src: GoMap) -> GoMap { tables(dst, src, merge: true) }
}

/// common.Values lookups by dotted path.
enum ValuePath {
    /// Values.Table: every step a map.
    static func table(_ m: GoMap, _ path: String) -> GoMap? {
        var cur = m
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            guard case .map(let next)? = cur.dict[String(part)] else { return nil }
            cur = next
        }
        return cur
    }

    /// Values.PathValue: the last step may be any value that is present.
    static func value(_ m: GoMap, _ path: String) -> Value? {
        var parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let last = parts.popLast() else { return nil }
        var cur = m
        for p in parts {
            guard case .map(let next)? = cur.dict[p] else { return nil }
            cur = next
        }
        guard let v = cur.dict[last] else { return nil }
        if case .map = v { return nil }
        return v
    }
}
