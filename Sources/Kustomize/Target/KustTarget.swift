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
    public init() {}
}

/// What a build has to say besides its output: kustomize's warnings, in the order they arose.
public final class BuildDiagnostics {
    /// Each warning as kustomize prints it on stderr.
    public private(set) var warnings: [String] = []
    public init() {}
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
    var config = TransformerConfig.defaults

    private init(kustomization: Kustomization, folder: FileLoader.Folder, options: BuildOptions,
                 diagnostics: BuildDiagnostics, roots: [String]) {
        self.kustomization = kustomization
        self.folder = folder
        self.loader = FileLoader(restrictor: options.loadRestrictor)
        self.options = options
        self.diagnostics = diagnostics
        self.roots = roots
    }

    /// Opens the kustomization in `dir`, refusing a folder that contains one already being built.
    static func open(_ dir: String, parents: [String], options: BuildOptions, diagnostics: BuildDiagnostics) throws -> KustTarget {
        guard let root = FilePaths.canonical(dir), FilePaths.isDirectory(root) else {
            throw KustomizeError("'\(dir)' is not a directory")
        }
        if let cycle = parents.first(where: { FilePaths.isWithin($0, root: root) }) {
            throw KustomizeError("cycle detected: candidate root '\(root)' contains visited root '\(cycle)'")
        }
        let file = try FileLoader.kustomizationFile(in: dir)
        guard let text = String(validating: try FilePaths.readBytes(file), as: UTF8.self) else {
            throw KustomizeError("file is not valid UTF-8", file: file)
        }
        let k = try KustomizationParser.parse(text, file: file)
        k.deprecationWarnings.forEach(diagnostics.warn)
        if k.isComponent {
            throw KustomizeError("kind: Component is not supported yet by swkustomize", file: file, mark: k.marks["kind"] ?? .unknown)
        }
        return KustTarget(kustomization: k, folder: FileLoader.Folder(dir: dir, root: root, file: file),
                          options: options, diagnostics: diagnostics, roots: parents + [root])
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
    func accumulateResource(_ entry: Located<String>, into resources: ResourceMap) throws {
        let value = entry.value
        if value.contains("://") || value.hasPrefix("github.com/") || value.hasPrefix("git@") {
            throw KustomizeError("remote resource '\(value)' is not supported yet by swkustomize", file: folder.file, mark: entry.mark)
        }
        switch try loader.resolve(entry, in: folder, what: "accumulating resources:") {
        case .directory(let path, _):
            let sub = ResourceMap()
            do {
                try KustTarget.open(path, parents: roots, options: options, diagnostics: diagnostics).accumulate(into: sub)
            } catch var e as KustomizeError where e.file.isEmpty {
                // Say which kustomization line led to a folder-level problem.
                e.file = folder.file
                e.mark = entry.mark
                e.message = "accumulating resources from '\(value)': \(e.message)"
                throw e
            }
            try resources.appendAll(sub)
        case .file(let path, let canonical):
            var bytes = try loader.read(path: path, canonical: canonical, entry: entry, in: folder)
            for r in try ResourceReader.read(bytes: &bytes, file: path) {
                try resources.append(r)
            }
        }
    }
}
