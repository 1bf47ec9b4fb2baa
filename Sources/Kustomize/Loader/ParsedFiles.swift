import SwkYAML

/// Files parsed once per build. Every overlay that uses a component or a shared patch lists it
/// again, and reading and parsing the same bytes gives the same result; the checks that depend
/// on who lists the file (load restrictor, entry options) still run at each use.
final class ParsedFiles {
    /// Kustomization files by canonical path.
    var kustomizations: [String: Kustomization] = [:]
    /// Patch texts by canonical path (files) or by their text (inline patches).
    var patches: [String: ParsedPatch] = [:]

    /// A patch text, parsed: strategic-merge documents (shared: every use copies before merging)
    /// or JSON 6902 operations.
    enum ParsedPatch {
        case documents([YAMLNode])
        case operations(JSONPatch)
    }
}
