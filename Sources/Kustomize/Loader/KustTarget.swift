import SwkYAML

/// Build options shared by every kustomization in one build.
public struct BuildOptions: Sendable {
    public enum LoadRestrictor: String, Sendable { case rootOnly = "LoadRestrictionsRootOnly", none = "LoadRestrictionsNone" }
    public enum Reorder: String, Sendable { case unspecified, legacy, none }

    public var loadRestrictor: LoadRestrictor = .rootOnly
    public var reorder: Reorder = .unspecified
    /// The deprecated `--enable-managedby-label`: labels every resource as kubectl's kustomize does.
    public var addManagedByLabel = false
    public init() {}
}

/// Loads one kustomization folder: its resources (recursively) and its transformers.
struct KustTarget {
    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    let options: BuildOptions

    /// Finds and parses the kustomization file of a folder.
    static func loadKustomization(in dir: String) throws -> (Kustomization, String) {
        let present = fileNames.map { FilePaths.join(dir, $0) }.filter { FilePaths.exists($0) }
        guard let file = present.first else {
            throw KustomizeError("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)'")
        }
        guard present.count == 1 else {
            throw KustomizeError("found multiple kustomization files: \(present.joined(separator: ", "))", file: dir)
        }
        guard let text = String(validating: try FilePaths.readBytes(file), as: UTF8.self) else {
            throw KustomizeError("file is not valid UTF-8", file: file)
        }
        return (try KustomizationParser.parse(text, file: file), file)
    }

    /// The resources of the folder `dir` after its own transformers, plus its sort options.
    func load(_ dir: String, ancestors: [String]) throws -> (ResourceMap, Kustomization) {
        guard let root = FilePaths.canonical(dir), FilePaths.isDirectory(root) else {
            throw KustomizeError("'\(dir)' is not a directory")
        }
        if let cycle = ancestors.first(where: { FilePaths.isWithin($0, root: root) }) {
            throw KustomizeError("cycle detected: candidate root '\(root)' contains visited root '\(cycle)'")
        }
        let (k, kfile) = try Self.loadKustomization(in: dir)
        if k.isComponent {
            throw KustomizeError("kind: Component is not supported yet by swkustomize", file: kfile, mark: k.marks["kind"] ?? .unknown)
        }
        let resources = ResourceMap()
        for (entry, mark) in zip(k.resources, k.resourceMarks) {
            try accumulate(entry, mark: mark, dir: dir, root: root, ancestors: ancestors + [root], into: resources, kfile: kfile)
        }
        for (field, transformer) in transformers(for: k) {
            do {
                try transformer.transform(resources)
            } catch var e as KustomizeError where e.file.isEmpty {
                e.file = kfile
                e.mark = k.marks[field] ?? .unknown
                throw e
            }
        }
        return (resources, k)
    }

    private func accumulate(_ entry: String, mark: SourceMark, dir: String, root: String, ancestors: [String],
                            into resources: ResourceMap, kfile: String) throws {
        if entry.contains("://") || entry.hasPrefix("github.com/") || entry.hasPrefix("git@") {
            throw KustomizeError("remote resource '\(entry)' is not supported yet by swkustomize", file: kfile, mark: mark)
        }
        let path = FilePaths.join(dir, entry)
        guard let canonical = FilePaths.canonical(path) else {
            throw KustomizeError("accumulating resources: '\(entry)': no such file or directory", file: kfile, mark: mark)
        }
        if FilePaths.isDirectory(canonical) {
            let sub: ResourceMap
            do {
                (sub, _) = try load(path, ancestors: ancestors)
            } catch var e as KustomizeError where e.file.isEmpty {
                // Say which kustomization line led to a folder-level problem.
                e.file = kfile
                e.mark = mark
                e.message = "accumulating resources from '\(entry)': \(e.message)"
                throw e
            }
            try resources.appendAll(sub)
            return
        }
        if options.loadRestrictor == .rootOnly && !FilePaths.isWithin(canonical, root: root) {
            throw KustomizeError("security; file '\(canonical)' is not in or below '\(root)'", file: kfile, mark: mark)
        }
        var bytes = try FilePaths.readBytes(canonical)
        for r in try ResourceReader.read(bytes: &bytes, file: path) {
            try resources.append(r)
        }
    }

    /// kustomize's fixed transformer order, whatever order the file lists the fields in;
    /// each with the field it comes from, for error messages.
    private func transformers(for k: Kustomization) -> [(String, Transformer)] {
        var list: [(String, Transformer)] = [
            ("namespace", NamespaceTransformer(namespace: k.namespace)),
            ("namePrefix", PrefixSuffixTransformer(prefix: k.namePrefix, suffix: k.nameSuffix)),
        ]
        // kustomize applies `labels` entries before `commonLabels`, so commonLabels wins a shared key.
        for set in k.labels {
            list.append(("labels", MapFieldTransformer(pairs: set.pairs, fieldSpecs: MapFieldTransformer.labelSpecs(set))))
        }
        if !k.commonLabels.isEmpty {
            list.append(("commonLabels", MapFieldTransformer(pairs: k.commonLabels, fieldSpecs: DefaultFieldSpecs.commonLabels)))
        }
        list.append(("commonAnnotations", MapFieldTransformer(pairs: k.commonAnnotations, fieldSpecs: DefaultFieldSpecs.commonAnnotations)))
        list.append(("replicas", ReplicaCountTransformer(replicas: k.replicas)))
        list.append(("images", ImageTagTransformer(images: k.images)))
        return list
    }
}
