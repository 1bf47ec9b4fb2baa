import GoTemplate

/// A loaded chart and its subcharts, as Helm's chart.Chart holds them.
public final class Chart {
    /// Chart.yaml's fields.
    public var metadata: ChartMetadata
    /// values.yaml (empty map when absent).
    public var values: GoMap
    /// values.schema.json, when present.
    public var schema: [UInt8]?
    /// templates/ files, chart-relative paths ("templates/x.yaml") to text, in load order.
    public var templates: [(path: String, text: String)]
    /// Every other file (crds/ included) that .Files may read. A chart folder's are read on
    /// first use: see `filesError`.
    public var files: [(path: String, data: [UInt8])] {
        get { loadedFiles + (deferredFiles?.files() ?? []) }
        set { loadedFiles = newValue; deferredFiles = nil }
    }
    var loadedFiles: [(path: String, data: [UInt8])]
    /// Files of a chart folder read on first use.
    private(set) var deferredFiles: DeferredFiles?
    /// Subcharts found under charts/ (after dependency processing: the enabled ones, aliased).
    public internal(set) var dependencies: [Chart] = []
    /// The chart this one is a subchart of; nil for the chart rendered.
    public internal(set) weak var parent: Chart?

    init(metadata: ChartMetadata, values: GoMap, schema: [UInt8]?, templates: [(path: String, text: String)],
         files: [(path: String, data: [UInt8])], deferredFiles: DeferredFiles? = nil) {
        self.metadata = metadata; self.values = values; self.schema = schema
        self.templates = templates; loadedFiles = files; self.deferredFiles = deferredFiles
    }

    /// The first error reading this chart's or a subchart's deferred files: loading the folder
    /// whole would have failed with it, so whatever read them fails too.
    public var filesError: ChartError? {
        deferredFiles?.error ?? dependencies.lazy.compactMap(\.filesError).first
    }

    /// The chart's name from Chart.yaml (an alias once dependencies are processed).
    public var name: String { metadata.name }
    /// Whether this is the chart being rendered rather than a subchart.
    public var isRoot: Bool { parent == nil }
    /// Whether Chart.yaml says `type: library` (its templates only define, never render).
    public var isLibrary: Bool { metadata.type == "library" }

    /// "parent/charts/sub": template names and # Source lines start with it.
    public var fullPath: String {
        guard let p = parent else { return name }
        return p.fullPath + "/charts/" + name
    }

    func addDependency(_ c: Chart) {
        c.parent = self
        dependencies.append(c)
    }

    func setDependencies(_ cs: [Chart]) {
        dependencies = []
        for c in cs { addDependency(c) }
    }

    /// A copy sharing file contents, for a second alias of one subchart.
    func copy() -> Chart {
        let c = Chart(metadata: metadata, values: values, schema: schema, templates: templates, files: loadedFiles,
                      deferredFiles: deferredFiles)
        for d in dependencies { c.addDependency(d.copy()) }
        return c
    }

    /// crds/ files of this chart and its subcharts, as (full path, text).
    public func crdObjects() -> [(path: String, text: String)] {
        var out: [(String, String)] = []
        for f in files where f.path.hasPrefix("crds/") && (f.path.hasSuffix(".yaml") || f.path.hasSuffix(".yml") || f.path.hasSuffix(".json")) {
            out.append((fullPath + "/" + f.path, String(decoding: f.data, as: UTF8.self)))
        }
        for d in dependencies { out += d.crdObjects() }
        return out
    }
}

/// One entry of Chart.yaml's `dependencies`.
public struct ChartDependency {
    /// The subchart's chart name.
    public var name: String
    /// The version constraint.
    public var version: String
    /// Where the chart is fetched from (unused: subcharts must be under charts/).
    public var repository: String
    /// Comma-separated values paths; the first that is a bool enables or disables the subchart.
    public var condition: String
    /// Tag names: the subchart is on when one of them is true under the values' `tags:`, off when one is false and none true.
    public var tags: [String]
    /// The outcome of condition and tags.
    public var enabled: Bool
    /// Raw entries: strings or {child, parent} maps.
    public var importValues: [Value]
    /// The name the subchart is rendered under, when given.
    public var alias: String
}

/// The fields of Chart.yaml the renderer needs, plus the raw map for `.Chart`.
public struct ChartMetadata {
    /// Chart.yaml as read, for `.Chart`.
    public var raw: GoMap
    /// `name`.
    public var name: String
    /// `version`.
    public var version: String
    /// `apiVersion` (`v1` or `v2`).
    public var apiVersion: String
    /// `type`: empty or `application`, or `library`.
    public var type: String
    /// `kubeVersion`: a semver constraint the cluster version must meet.
    public var kubeVersion: String
    /// `dependencies`.
    public var dependencies: [ChartDependency]

    init(raw: GoMap) {
        self.raw = raw
        func str(_ k: String) -> String {
            switch raw.dict[k] {
            case .string(let s)?: return s
            case nil, .null?: return ""
            case let v?: return GoFormat.v(v)
            }
        }
        name = str("name"); version = str("version"); apiVersion = str("apiVersion")
        if apiVersion.isEmpty { apiVersion = "v1" }
        type = str("type"); kubeVersion = str("kubeVersion")
        var deps: [ChartDependency] = []
        if case .list(let l)? = raw.dict["dependencies"] {
            for x in l {
                guard case .map(let d) = x else { continue }
                let s = { (k: String) -> String in d.dict[k].map(Conv.strval) ?? "" }
                var tags: [String] = []
                if case .list(let t)? = d.dict["tags"] { tags = t.map(Conv.strval) }
                var iv: [Value] = []
                if case .list(let t)? = d.dict["import-values"] { iv = t }
                deps.append(ChartDependency(name: s("name"), version: s("version"), repository: s("repository"),
                                            condition: s("condition"), tags: tags, enabled: false, importValues: iv,
                                            alias: s("alias")))
            }
        }
        dependencies = deps
    }
}
