import Synchronization
import SwkYAML

/// Files parsed once per build. Every overlay that uses a component or a shared patch lists it
/// again, and reading and parsing the same bytes gives the same result; the checks that depend
/// on who lists the file (load restrictor, entry options) still run at each use.
final class ParsedFiles: @unchecked Sendable {
    /// Guards both tables: folders of one build are built on several threads. Two threads may
    /// parse the same file at once; either result is the same.
    private let lock = Mutex(())
    private var kustomizationsByPath: [String: Kustomization] = [:]
    private var patchesByKey: [String: ParsedPatch] = [:]

    /// Kustomization files by canonical path.
    func kustomization(_ path: String) -> Kustomization? { lock.withLock { _ in kustomizationsByPath[path] } }
    func remember(_ k: Kustomization, at path: String) { lock.withLock { _ in kustomizationsByPath[path] = k } }

    /// Patch texts by canonical path (files) or by their text (inline patches).
    func patch(_ key: String) -> ParsedPatch? { lock.withLock { _ in patchesByKey[key] } }
    func remember(_ patch: ParsedPatch, at key: String) { lock.withLock { _ in patchesByKey[key] = patch } }

    /// Empties both tables, freeing them on another thread: nothing is parsed once accumulation ends.
    func releaseInBackground() {
        let tables = lock.withLock { _ in
            defer { kustomizationsByPath = [:]; patchesByKey = [:] }
            return (kustomizationsByPath, patchesByKey)
        }
        SwkYAML.releaseInBackground(tables)
    }

    /// A patch text, parsed: strategic-merge documents (shared: every use copies before merging)
    /// or JSON 6902 operations.
    enum ParsedPatch {
        case documents([YAMLNode])
        case operations(JSONPatch)
    }
}
