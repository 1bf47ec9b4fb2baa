import Foundation
import SwkYAML

/// Build options shared by every kustomization in one build.
public struct BuildOptions: Sendable {
    /// `--load-restrictor`: whether files outside a kustomization's folder may be read.
    public enum LoadRestrictor: String, Sendable { case rootOnly = "LoadRestrictionsRootOnly", none = "LoadRestrictionsNone" }
    /// `--reorder`: kustomize's legacy kind order, input order, or unspecified (legacy unless `sortOptions` says).
    public enum Reorder: String, Sendable { case unspecified, legacy, none }

    /// Default `.rootOnly`, as kubectl.
    public var loadRestrictor: LoadRestrictor = .rootOnly
    /// Default `.unspecified`.
    public var reorder: Reorder = .unspecified
    /// The deprecated `--enable-managedby-label`: labels every resource as kubectl's kustomize does.
    public var addManagedByLabel = false
    /// `--enable-helm` and what renders charts for `helmCharts:`.
    public var enableHelm = false
    /// What renders `helmCharts:` when `enableHelm` is set (KustomizeHelm's HelmChartInflator).
    public var chartInflator: (any ChartInflator)?
    /// `--helm-kube-version`, for entries that set none.
    public var helmKubeVersion: String?
    /// `--helm-api-versions`, for entries that set none.
    public var helmAPIVersions: [String] = []
    /// kubectl's defaults.
    public init() {}
}

/// What a build has to say besides its output: kustomize's warnings, in the order they arose.
public final class BuildDiagnostics {
    /// Each warning as kustomize prints it on stderr.
    public private(set) var warnings: [String] = []
    /// Set on the diagnostics of a folder built on a worker thread: folders below it stay there.
    let onWorkerThread: Bool
    /// The `openapi:` schema of the build. kustomize keeps it process-wide and the first
    /// kustomization opened that declares one wins, so an overlay's beats its base's and a base's
    /// applies to the overlay's patches too.
    var patchSchema: (any MergeKeyLookup)?
    /// No warnings yet.
    public init() { onWorkerThread = false }
    init(onWorkerThread: Bool, patchSchema: (any MergeKeyLookup)?) {
        self.onWorkerThread = onWorkerThread
        self.patchSchema = patchSchema
    }
    func warn(_ message: String) { warnings.append(message) }
}

/// One kustomization folder, opened: its parsed file, where it sits, and the configuration its
/// steps use. `accumulate(into:)` runs the steps of `Pipeline.swift` on a map it is given.
final class KustTarget {
    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    let kustomization: Kustomization
    let folder: FileLoader.Folder
    let loader: FileLoader
    let options: BuildOptions
    let diagnostics: BuildDiagnostics
    /// Canonical roots of the kustomizations that led here, this one last (cycle detection).
    let roots: [String]
    /// The top kustomization's `buildMetadata`, which every one below inherits.
    let buildMetadata: BuildMetadata

    private init(kustomization: Kustomization, folder: FileLoader.Folder, loader: FileLoader, options: BuildOptions,
                 diagnostics: BuildDiagnostics, roots: [String], buildMetadata: BuildMetadata) {
        self.kustomization = kustomization
        self.folder = folder
        self.loader = loader
        self.options = options
        self.diagnostics = diagnostics
        self.roots = roots
        self.buildMetadata = buildMetadata
    }

    /// What a folder must hold: the top of a build may be either kind.
    enum Expected { case any, kustomization, component }

    /// Opens the kustomization in `dir`, refusing a folder that contains one already being built.
    /// `inherited` is the parent's build metadata (nil at the top of a build).
    static func open(_ dir: String, parents: [String], expecting: Expected = .any, loader: FileLoader, options: BuildOptions,
                     diagnostics: BuildDiagnostics, inherited: BuildMetadata? = nil) throws -> KustTarget {
        guard let root = loader.paths.canonical(dir), loader.paths.isDirectory(root) else {
            throw KustomizeError("'\(dir)' is not a directory")
        }
        if let cycle = parents.first(where: { FilePaths.isWithin($0, root: root) }) {
            throw KustomizeError("cycle detected: candidate root '\(root)' contains visited root '\(cycle)'")
        }
        let file = try loader.kustomizationFile(in: dir)
        let k = try parsedKustomization(file, loader: loader)
        k.deprecationWarnings.forEach(diagnostics.warn)
        switch (expecting, k.isComponent) {
        // No position of its own: the caller names the entry that listed the folder.
        case (.kustomization, true):
            throw KustomizeError("expected kind != 'Component' for path '\(dir)'")
        case (.component, false):
            throw KustomizeError("expected kind 'Component' for path '\(dir)' but got 'Kustomization'")
        default: break
        }
        let target = KustTarget(kustomization: k, folder: FileLoader.Folder(dir: dir, root: root, file: file),
                                loader: loader, options: options, diagnostics: diagnostics, roots: parents + [root],
                                buildMetadata: inherited ?? BuildMetadata(k))
        if diagnostics.patchSchema == nil, let openAPI = k.openAPI { diagnostics.patchSchema = try target.loadSchema(openAPI) }
        return target
    }

    /// A kustomization file read and parsed once per build (components are listed by many overlays).
    private static func parsedKustomization(_ file: String, loader: FileLoader) throws -> Kustomization {
        let canonical = loader.paths.canonical(file)
        if let canonical, let known = loader.parsed.kustomization(canonical) { return known }
        guard let text = String(validating: try FilePaths.readBytes(file), as: UTF8.self) else {
            throw KustomizeError("file is not valid UTF-8", file: file)
        }
        let k = try KustomizationParser.parse(text, file: file)
        if let canonical { loader.parsed.remember(k, at: canonical) }
        return k
    }

    /// Runs every step in kustomize's order, adding this kustomization's resources to `resources`.
    func accumulate(into resources: ResourceMap) throws {
        for step in KustomizationStep.allCases {
            do {
                try run(step, on: resources)
            } catch var e as KustomizeError where e.file.isEmpty {
                // A step's error with no position of its own points at the field that asked for it.
                e.file = folder.file
                e.mark = step.fields.lazy.compactMap { self.kustomization.marks[$0] }.first ?? .unknown
                throw e
            }
            assert(resources.indexIsConsistent(), "resource index out of date after \(step)")
        }
    }

    /// A `resources` entry: a file of objects, or a folder whose kustomization is built first.
    func accumulateResource(_ entry: Located<String>, into resources: ResourceMap, prebuilt: PrebuiltFolder? = nil) throws {
        let value = entry.value
        if value.containsBytes("://") || value.hasPrefix("github.com/") || value.hasPrefix("git@") {
            throw KustomizeError("remote resource '\(value)' is not supported yet by swkustomize", file: folder.file, mark: entry.mark)
        }
        switch try loader.resolve(entry, in: folder, what: "accumulating resources:") {
        case .directory(let path, _):
            if let prebuilt {
                // Built on another thread: its warnings and errors come now, in the entries' order.
                prebuilt.diagnostics.warnings.forEach(diagnostics.warn)
                if diagnostics.patchSchema == nil { diagnostics.patchSchema = prebuilt.diagnostics.patchSchema }
                try resources.appendAll(try prebuilt.result.get())
                return
            }
            let sub = ResourceMap()
            try accumulateFolder(path, expecting: .kustomization, listedAt: entry, as: "resources", into: sub)
            try resources.appendAll(sub)
        case .file(let path, let canonical):
            var bytes = try loader.read(path: path, canonical: canonical, entry: entry, in: folder)
            for r in try ResourceReader.read(bytes: &bytes, file: path) {
                r.origin = Origin(file: canonical)
                try resources.append(r)
            }
        }
    }

    /// A `resources` folder built ahead, on its own diagnostics.
    struct PrebuiltFolder {
        let diagnostics: BuildDiagnostics
        let result: Result<ResourceMap, any Error>
    }

    /// Builds the folders of the `resources` list at once, on the machine's cores: each is a tree
    /// of its own (an app-of-apps overlay lists hundreds), and only the order of their results,
    /// warnings and first error is shared, which `accumulateResource` restores. Nested folders
    /// and builds that render charts stay on one thread.
    func prebuildResourceFolders() -> [Int: PrebuiltFolder] {
        guard !diagnostics.onWorkerThread, options.chartInflator == nil else { return [:] }
        var folders: [(index: Int, path: String, entry: Located<String>)] = []
        for (i, entry) in kustomization.resources.enumerated() {
            if case .directory(let path, _)? = try? loader.resolve(entry, in: folder, what: "") { folders.append((i, path, entry)) }
        }
        guard folders.count > 1 else { return [:] }
        let schema = diagnostics.patchSchema
        let built = concurrentMap(folders, threshold: 2) { folder in
            let diagnostics = BuildDiagnostics(onWorkerThread: true, patchSchema: schema)
            let sub = ResourceMap()
            return PrebuiltFolder(diagnostics: diagnostics, result: Result {
                try accumulateFolder(folder.path, expecting: .kustomization, listedAt: folder.entry, as: "resources",
                                     into: sub, diagnostics: diagnostics)
                return sub
            })
        }
        return Dictionary(uniqueKeysWithValues: zip(folders.map(\.index), built))
    }

    /// A `components` entry: a Component folder whose steps run on this kustomization's map, so its
    /// resources join ours and its transformers see everything accumulated so far.
    func accumulateComponent(_ entry: Located<String>, into resources: ResourceMap) throws {
        guard case .directory(let path, _) = try loader.resolve(entry, in: folder, what: "accumulating components:") else {
            throw KustomizeError("component '\(entry.value)' must be a directory", file: folder.file, mark: entry.mark)
        }
        try accumulateFolder(path, expecting: .component, listedAt: entry, as: "components", into: resources)
    }

    /// Builds a folder this kustomization lists into `resources`; an error without a position of
    /// its own names the line that listed the folder.
    private func accumulateFolder(_ path: String, expecting: Expected, listedAt entry: Located<String>, as field: String,
                                  into resources: ResourceMap, diagnostics: BuildDiagnostics? = nil) throws {
        do {
            try KustTarget.open(path, parents: roots, expecting: expecting, loader: loader, options: options,
                                diagnostics: diagnostics ?? self.diagnostics, inherited: buildMetadata).accumulate(into: resources)
        } catch var e as KustomizeError where e.file.isEmpty {
            e.file = folder.file
            e.mark = entry.mark
            e.message = "accumulating \(field) from '\(entry.value)': \(e.message)"
            throw e
        }
    }

    /// Reads an `openapi:` schema (JSON or YAML swagger definitions) through the file loader.
    private func loadSchema(_ openAPI: Kustomization.OpenAPI) throws -> any MergeKeyLookup {
        guard case .path(let entry) = openAPI else { return PatchSchema.kubernetes }
        var (path, bytes) = try loader.read(entry, in: folder, what: "openapi:")
        do {
            let documents = try YAMLParser.parseDocuments(bytes: &bytes, file: path, schema: .kyaml)
            return UserPatchSchema(schema: PatchSchema(swaggerDefinitions: documents.first { !$0.isNull } ?? .null()))
        } catch let e as YAMLError {
            throw KustomizeError(e)
        }
    }

    /// The plugin configs a `transformers:` (`generators:`, `validators:`) list names: inline YAML,
    /// files of configs, folders whose kustomization builds them. kustomize takes every inline
    /// config first, then the files and folders, each group in list order.
    func pluginConfigs(_ entries: [Located<String>]) throws -> [BuiltinPlugin] {
        var inline: [BuiltinPlugin] = [], paths: [Located<String>] = []
        for entry in entries {
            if let configs = inlinePluginConfigs(entry) { inline += configs } else { paths.append(entry) }
        }
        return inline + (try paths.flatMap { try pluginConfigs(at: $0) })
    }

    private func inlinePluginConfigs(_ entry: Located<String>) -> [BuiltinPlugin]? {
        guard entry.value.utf8.contains(UInt8(ascii: "\n")),
              let docs = try? YAMLParser.parseDocuments(entry.value, file: folder.file, schema: .kyaml),
              docs.contains(where: \.isMapping) else { return nil }
        // Positions inside the block scalar become positions in the kustomization file.
        for doc in docs { Self.shift(doc, lines: max(entry.mark.line - 1, 0), columns: max(entry.mark.column - 1, 0)) }
        return docs.filter(\.isMapping).map { BuiltinPlugin(config: $0, file: folder.file, target: self) }
    }

    private func pluginConfigs(at entry: Located<String>) throws -> [BuiltinPlugin] {
        switch try loader.resolve(entry, in: folder, what: "plugin config") {
        case .directory(let path, _):
            let configs = ResourceMap()
            try KustTarget.open(path, parents: roots, expecting: .kustomization, loader: loader, options: options,
                                diagnostics: diagnostics, inherited: buildMetadata).accumulate(into: configs)
            return configs.resources.map { BuiltinPlugin(config: $0.node, file: $0.file, target: self) }
        case .file(let path, let canonical):
            var bytes = try loader.read(path: path, canonical: canonical, entry: entry, in: folder)
            do {
                return try YAMLParser.parseDocuments(bytes: &bytes, file: path, schema: .kyaml).filter(\.isMapping)
                    .map { BuiltinPlugin(config: $0, file: path, target: self) }
            } catch let e as YAMLError {
                throw KustomizeError(e)
            }
        }
    }

    private static func shift(_ node: YAMLNode, lines: Int, columns: Int) {
        if node.mark.line > 0 { node.mark = SourceMark(line: node.mark.line + lines, column: node.mark.column + columns) }
        for e in node.entries { shift(e.value, lines: lines, columns: columns) }
        for item in node.items { shift(item, lines: lines, columns: columns) }
    }
}
