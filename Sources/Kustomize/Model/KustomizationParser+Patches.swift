import SwkYAML

extension KustomizationParser {
    /// Deprecated fields and what replaces them, in the order kustomize warns about them.
    static let deprecatedFields: [(field: String, replacement: String)] = [
        ("bases", "resources"), ("commonLabels", "labels"), ("imageTags", "images"),
        ("patchesJson6902", "patches"), ("patchesStrategicMerge", "patches"), ("vars", "replacements"),
    ]

    /// kustomize warns for every deprecated field that is set, even to an empty list, but not to null.
    static func deprecationWarnings(_ root: YAMLNode) -> [String] {
        let used = Set(root.entries.filter { !$0.value.isNull }.compactMap { canonical[$0.key.lowercased()] })
        return deprecatedFields.filter { used.contains($0.field) }.map { field, replacement in
            let experimental = field == "vars" ? " [EXPERIMENTAL]" : ""
            return "# Warning: '\(field)' is deprecated. Please use '\(replacement)' instead.\(experimental)"
                + " Run 'kustomize edit fix' to update your Kustomization automatically."
        }
    }
}

extension KustomizationParser.Context {
    /// A `patches` entry: `path` or `patch`, an optional `target`, and `options`.
    func patch(_ v: YAMLNode) throws -> PatchEntry {
        try patchEntry(v, field: .patches)
    }

    /// A `patchesJson6902` entry: the same shape, but it always needs a target.
    func json6902Patch(_ v: YAMLNode) throws -> PatchEntry {
        let entry = try patchEntry(v, field: .patchesJson6902)
        // kustomize's PatchJson6902Transformer refuses a target without a name.
        if let target = entry.target, target.name.isEmpty { throw fail(v["target"] ?? v, "patchesJson6902: must specify the target name") }
        return entry
    }

    /// A `patchesStrategicMerge` entry: a file path, or the patch itself written as a string.
    func strategicMergePatch(_ v: YAMLNode) throws -> PatchEntry {
        let text = try string(v, "patchesStrategicMerge")
        if text.isEmpty { throw fail(v, "patchesStrategicMerge: empty file path and empty patch content") }
        // kustomize first tries the string as YAML resources; a plain path is not a mapping.
        let isInline = (try? YAMLParser.parseDocuments(text, file: file, schema: .kyaml))?.contains { $0.isMapping } ?? false
        let body: PatchEntry.Body = isInline ? .inline(Located(text, mark: Self.textStart(v))) : .file(Located(text, mark: v.mark))
        return PatchEntry(field: .patchesStrategicMerge, body: body, mark: v.mark)
    }

    private func patchEntry(_ v: YAMLNode, field: PatchEntry.Field) throws -> PatchEntry {
        let name = field.rawValue
        let f = try fields(v, ["path", "patch", "target", "options"], name)
        let path = try f["path"].map { Located(try string($0, "\(name).path"), mark: $0.mark) }
        let inline = try f["patch"].map { Located(try string($0, "\(name).patch"), mark: Self.textStart($0)) }
        let body: PatchEntry.Body
        switch (path, inline) {
        case let (p?, i?) where !p.value.isEmpty && !i.value.trimmingWhitespace.isEmpty:
            throw fail(v, "\(name): patch and path can't be set at the same time")
        case let (p?, _) where !p.value.isEmpty: body = .file(p)
        case let (_, i?) where !i.value.trimmingWhitespace.isEmpty: body = .inline(i)
        default: throw fail(v, "\(name): must specify one of patch and path")
        }
        var entry = PatchEntry(field: field, body: body, mark: v.mark)
        if let t = f["target"], !t.isNull { entry.target = try patchTarget(t, name) }
        if let o = f["options"], !o.isNull {
            guard o.isMapping else { throw fail(o, "\(name).options: expected a map") }
            for e in o.entries {
                let value = try bool(e.value, "\(name).options.\(e.key)")
                switch e.key {
                case "allowNameChange": entry.allowNameChange = value
                case "allowKindChange": entry.allowKindChange = value
                default: break  // kustomize 5.5 keeps options as a free map of booleans
                }
            }
        }
        return entry
    }

    /// Where the first line of a string's text is: a block scalar starts on the line after its `|`.
    static func textStart(_ v: YAMLNode) -> SourceMark {
        v.style == .literal || v.style == .folded ? SourceMark(line: v.mark.line + 1, column: v.mark.column) : v.mark
    }

    /// `openapi: {path: file}` or `{version: v1.21.2}` (the one schema kustomize 5.5.0 builds in).
    func openAPI(_ v: YAMLNode) throws -> Kustomization.OpenAPI? {
        if v.isNull { return nil }
        let f = try fields(v, ["path", "version"], "openapi")
        let path = try f["path"].map { Located(try string($0, "openapi.path"), mark: $0.mark) }
        let version = try f["version"].map { try string($0, "openapi.version") } ?? ""
        switch (path, version) {
        case let (p?, version) where !p.value.isEmpty && !version.isEmpty:
            throw fail(v, "openapi: path and version can't be set at the same time")
        case let (p?, _) where !p.value.isEmpty: return .path(p)
        case (_, "v1.21.2"), (_, "v1_21_2"): return .builtin
        case (_, ""): return nil
        default: throw fail(f["version"] ?? v, "openapi: the specified OpenAPI version is not built in")
        }
    }

    /// A `helmCharts` entry.
    func helmChart(_ v: YAMLNode) throws -> HelmChartArgs {
        let keys: Set<String> = ["name", "version", "repo", "releaseName", "namespace", "nameTemplate", "valuesFile",
                                 "additionalValuesFiles", "valuesInline", "valuesMerge", "includeCRDs", "skipHooks",
                                 "skipTests", "apiVersions", "kubeVersion", "debug", "devel"]
        let f = try fields(v, keys, "helmCharts")
        func text(_ key: String) throws -> String { try f[key].map { try string($0, "helmCharts.\(key)") } ?? "" }
        func flag(_ key: String) throws -> Bool { try f[key].map { try bool($0, "helmCharts.\(key)") } ?? false }
        var c = HelmChartArgs(mark: v.mark)
        c.name = try text("name"); c.version = try text("version"); c.repo = try text("repo")
        c.releaseName = try text("releaseName"); c.namespace = try text("namespace"); c.nameTemplate = try text("nameTemplate")
        c.valuesFile = try text("valuesFile"); c.valuesMerge = try text("valuesMerge"); c.kubeVersion = try text("kubeVersion")
        c.additionalValuesFiles = try strings(f["additionalValuesFiles"] ?? .null(), "helmCharts.additionalValuesFiles")
        c.apiVersions = try strings(f["apiVersions"] ?? .null(), "helmCharts.apiVersions")
        c.includeCRDs = try flag("includeCRDs"); c.skipHooks = try flag("skipHooks"); c.skipTests = try flag("skipTests")
        if let inline = f["valuesInline"], inline.isMapping, !inline.entries.isEmpty { c.valuesInline = inline }
        if !c.releaseName.isEmpty && !c.nameTemplate.isEmpty {
            throw fail(v, "helmCharts: cannot set --name-template and also specify a name")
        }
        return c
    }

    /// A deprecated `helmChartInflationGenerator` entry as a `helmCharts` one, with its chart home.
    func legacyHelmChart(_ v: YAMLNode) throws -> (HelmChartArgs, String) {
        guard v.isMapping else { throw fail(v, "helmChartInflationGenerator: expected a map") }
        func text(_ key: String) throws -> String { try v[key].map { try string($0, "helmChartInflationGenerator.\(key)") } ?? "" }
        var c = HelmChartArgs(mark: v.mark)
        c.name = try text("chartName"); c.version = try text("chartVersion"); c.repo = try text("chartRepoUrl")
        c.releaseName = try text("releaseName"); c.valuesFile = try text("values"); c.valuesMerge = try text("valuesMerge")
        if let inline = v["valuesLocal"], inline.isMapping, !inline.entries.isEmpty { c.valuesInline = inline }
        let home = try text("chartHome")
        return (c, home.isEmpty ? try text("helmHome") : home)
    }

    func patchTarget(_ v: YAMLNode, _ name: String) throws -> PatchTarget {
        let keys: Set<String> = ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"]
        let f = try fields(v, keys, "\(name).target")
        func text(_ key: String) throws -> String { try f[key].map { try string($0, "\(name).target.\(key)") } ?? "" }
        var t = PatchTarget()
        t.group = try text("group")
        t.version = try text("version")
        t.kind = try text("kind")
        t.name = try text("name")
        t.namespace = try text("namespace")
        t.labelSelector = try text("labelSelector")
        t.annotationSelector = try text("annotationSelector")
        t.mark = v.mark
        return t
    }
}

extension String {
    var trimmingWhitespace: Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[start...end]
    }
}
