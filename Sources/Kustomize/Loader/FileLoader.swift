import SwkYAML

/// The one way a build reads files named in a kustomization (resources, patches, and later
/// generator, env and replacement files): paths resolve against the kustomization's folder and
/// the load restrictor is applied here, with symlinks resolved.
struct FileLoader {
    /// A kustomization folder: as the user wrote it, and canonical (the restrictor's root).
    struct Folder: Sendable {
        let dir: String
        let root: String
        /// The kustomization file, for error positions.
        let file: String
    }

    let restrictor: BuildOptions.LoadRestrictor
    /// Shared by every kustomization of one build.
    let paths: PathResolver
    let parsed: ParsedFiles

    init(restrictor: BuildOptions.LoadRestrictor, paths: PathResolver = PathResolver(), parsed: ParsedFiles = ParsedFiles()) {
        self.restrictor = restrictor
        self.paths = paths
        self.parsed = parsed
    }

    /// Frees the parsed-file and path caches while the build's last steps run: no file is read
    /// once accumulation ends.
    func releaseCachesInBackground() {
        parsed.releaseInBackground()
        paths.releaseInBackground()
    }

    enum Entry {
        case file(path: String, canonical: String)
        case directory(path: String, canonical: String)
    }

    /// Resolves an entry to a file or a folder; a missing one is an error at the entry.
    func resolve(_ entry: Located<String>, in folder: Folder, what: String) throws -> Entry {
        let path = FilePaths.join(folder.dir, entry.value)
        guard let canonical = paths.canonical(path) else {
            throw KustomizeError("\(what) '\(entry.value)': no such file or directory", file: folder.file, mark: entry.mark)
        }
        return paths.isDirectory(canonical) ? .directory(path: path, canonical: canonical) : .file(path: path, canonical: canonical)
    }

    /// Reads a file under the restrictor. `what` names the field for messages ("resource", "patch").
    func read(_ entry: Located<String>, in folder: Folder, what: String) throws -> (path: String, bytes: [UInt8]) {
        let (path, canonical) = try allowedFile(entry, in: folder, what: what)
        return (path, try FilePaths.readBytes(canonical))
    }

    /// A file entry resolved and checked against the restrictor, not yet read.
    func allowedFile(_ entry: Located<String>, in folder: Folder, what: String) throws -> (path: String, canonical: String) {
        switch try resolve(entry, in: folder, what: what) {
        case .directory:
            throw KustomizeError("\(what) '\(entry.value)' is a directory, expected a file", file: folder.file, mark: entry.mark)
        case .file(let path, let canonical):
            try checkAllowed(path: path, canonical: canonical, entry: entry, in: folder)
            return (path, canonical)
        }
    }

    /// Reads a resolved file, checking it stays inside the root unless restrictions are off.
    func read(path: String, canonical: String, entry: Located<String>, in folder: Folder) throws -> [UInt8] {
        try checkAllowed(path: path, canonical: canonical, entry: entry, in: folder)
        return try FilePaths.readBytes(canonical)
    }

    private func checkAllowed(path: String, canonical: String, entry: Located<String>, in folder: Folder) throws {
        if restrictor == .rootOnly && !FilePaths.isWithin(canonical, root: folder.root) {
            throw KustomizeError(escapeMessage(entry.value, path: path, canonical: canonical, root: folder.root),
                                 file: folder.file, mark: entry.mark)
        }
    }

    /// Names the path as written, the link it went through (if any) and where it leads.
    private func escapeMessage(_ written: String, path: String, canonical: String, root: String) -> String {
        let link = FilePaths.symlinkTarget(path).map { " is a symlink to '\($0)' and" } ?? ""
        return "security; file '\(written)'\(link) resolves to '\(canonical)', which is not in or below '\(root)'"
            + " (use --load-restrictor LoadRestrictionsNone to allow it)"
    }

    /// The kustomization file of a folder: exactly one of kustomize's recognised names.
    func kustomizationFile(in dir: String) throws -> String {
        let present = KustTarget.fileNames.map { FilePaths.join(dir, $0) }.filter { paths.exists($0) }
        guard let file = present.first else {
            throw KustomizeError("unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '\(dir)'")
        }
        guard present.count == 1 else {
            throw KustomizeError("found multiple kustomization files: \(present.joined(separator: ", "))", file: dir)
        }
        return file
    }
}
