import GoTemplate

/// `.Chart`: Chart.yaml under chart.Metadata's Go field names, with Go's zero values.
enum ChartObject {
    static func make(_ chart: Chart) -> Value {
        let m = chart.metadata.raw
        func str(_ k: String) -> Value {
            switch m.dict[k] {
            case .string(let s)?: return .string(s)
            case nil, .null?: return .string("")
            case let v?: return .string(GoFormat.v(v))
            }
        }
        func list(_ k: String) -> Value {
            if case .list(let l)? = m.dict[k] { return .list(l) }
            return .list([])
        }
        var maint: [Value] = []
        if case .list(let l)? = m.dict["maintainers"] {
            for x in l {
                guard case .map(let mm) = x else { continue }
                let s = { (k: String) -> Value in .string(mm.dict[k].map(Conv.strval) ?? "") }
                maint.append(.map(GoMap(["Name": s("name"), "Email": s("email"), "URL": s("url")])))
            }
        }
        let deps: [Value] = chart.metadata.dependencies.map { d in
            .map(GoMap(["Name": .string(d.name), "Version": .string(d.version), "Repository": .string(d.repository),
                        "Condition": .string(d.condition), "Tags": .strings(d.tags), "Enabled": .bool(d.enabled),
                        "ImportValues": .list(d.importValues), "Alias": .string(d.alias)]))
        }
        var annotations: Value = .null
        if case .map(let a)? = m.dict["annotations"] {
            annotations = .map(GoMap(a.dict.mapValues { .string(Conv.strval($0)) }))
        }
        return .map(GoMap([
            "Name": .string(chart.metadata.name), "Home": str("home"), "Sources": list("sources"),
            "Version": str("version"), "Description": str("description"),
            "Keywords": list("keywords"), "Maintainers": .list(maint), "Icon": str("icon"),
            "APIVersion": .string(chart.metadata.apiVersion), "Condition": str("condition"), "Tags": str("tags"),
            "AppVersion": str("appVersion"), "Deprecated": .bool(m.dict["deprecated"]?.truth ?? false),
            "Annotations": annotations, "KubeVersion": str("kubeVersion"), "Dependencies": .list(deps),
            "Type": str("type"), "IsRoot": .bool(chart.isRoot),
        ]))
    }
}
