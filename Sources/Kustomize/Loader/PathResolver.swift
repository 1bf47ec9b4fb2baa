import Foundation
import Synchronization
import SwkYAML

/// Canonical paths for one build. Every overlay of a large tree reaches the same bases and
/// components again, and realpath(3) pays an lstat and a readlink per path component: here a
/// folder is resolved once and each entry below it costs one lstat of a short path.
final class PathResolver: @unchecked Sendable {
    /// Guards the memo: folders of one build are resolved from several threads. It is held for
    /// lookups and stores only, never across a system call, so threads seldom wait on it.
    private let lock = Mutex(())
    /// realpath of each folder string seen (nil: it does not resolve).
    private var folders: [String: String?] = [:]
    /// Whether each canonical path found is a folder.
    private var isFolder: [String: Bool] = [:]

    /// Empties the memo, freeing it on another thread (for a build whose files are all read).
    func releaseInBackground() {
        let tables = lock.withLock { _ in
            defer { folders = [:]; isFolder = [:] }
            return (folders, isFolder)
        }
        SwkYAML.releaseInBackground(tables)
    }

    /// The absolute path with symlinks and `.`/`..` resolved, or nil if it does not exist.
    func canonical(_ path: String) -> String? {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return resolvedEntry(folder: ".", entry: path, path: path) }
        let entry = String(path[path.index(after: slash)...])
        let folder = slash == path.startIndex ? "/" : String(path[..<slash])
        return resolvedEntry(folder: folder, entry: entry, path: path)
    }

    /// Whether a canonical path is a folder.
    func isDirectory(_ canonicalPath: String) -> Bool {
        if let known = lock.withLock({ _ in isFolder[canonicalPath] }) { return known }
        var info = stat()
        let answer = stat(canonicalPath, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        lock.withLock { _ in isFolder[canonicalPath] = answer }
        return answer
    }

    func exists(_ path: String) -> Bool { canonical(path) != nil }

    private func resolvedEntry(folder: String, entry: String, path: String) -> String? {
        // `.`, `..` and empty entries change the folder itself: realpath takes those whole.
        if entry.isEmpty || entry == "." || entry == ".." { return resolvedFolder(path) }
        guard let base = resolvedFolder(folder) else { return nil }
        let candidate = base == "/" ? "/" + entry : base + "/" + entry
        var info = stat()
        guard lstat(candidate, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            return FilePaths.canonical(candidate)
        case let type:
            lock.withLock { _ in isFolder[candidate] = type == S_IFDIR }
            return candidate
        }
    }

    /// A folder spelling resolved from its own parent spelling, so a path that goes up and down
    /// from a folder already seen (`overlay/../../base`) costs lookups in memory, not a realpath.
    private func resolvedFolder(_ folder: String) -> String? {
        if let known = lock.withLock({ _ in folders[folder] }) { return known }
        var resolved: String?
        if let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")), slash != folder.startIndex {
            let parent = String(folder[..<slash]), last = String(folder[folder.index(after: slash)...])
            switch last {
            case "", ".": resolved = resolvedFolder(parent)
            case "..":
                // The parent of a canonical folder is canonical: realpath resolves links first.
                resolved = resolvedFolder(parent).map { canonical in
                    guard let up = canonical.utf8.lastIndex(of: UInt8(ascii: "/")), up != canonical.startIndex else { return "/" }
                    return String(canonical[..<up])
                }
            default: resolved = resolvedEntry(folder: parent, entry: last, path: folder).flatMap { isDirectory($0) ? $0 : nil }
            }
        } else {
            resolved = FilePaths.canonical(folder)
        }
        // Two threads may resolve the same folder at once: both find the same answer.
        lock.withLock { _ in folders[folder] = .some(resolved) }
        return resolved
    }
}
