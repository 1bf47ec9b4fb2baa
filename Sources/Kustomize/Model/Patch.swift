import SwkYAML

/// Which resources a patch applies to. Group, version, kind, name and namespace are
/// regular expressions matched whole; the selectors use the Kubernetes label-selector grammar.
public struct PatchTarget: Sendable {
    public var group = ""
    public var version = ""
    public var kind = ""
    public var name = ""
    public var namespace = ""
    public var labelSelector = ""
    public var annotationSelector = ""
    public var mark: SourceMark = .unknown

    public init() {}
}

/// One patch as a kustomization lists it, under `patches`, `patchesStrategicMerge` or `patchesJson6902`.
public struct PatchEntry: Sendable {
    public enum Field: String, Sendable {
        case patches, patchesStrategicMerge, patchesJson6902
    }

    public enum Body: Sendable {
        /// A file named by `path:` (or a `patchesStrategicMerge` string naming a file).
        case file(Located<String>)
        /// Patch text written in the kustomization itself.
        case inline(Located<String>)
    }

    public var field: Field
    public var body: Body
    public var target: PatchTarget?
    public var allowNameChange = false
    public var allowKindChange = false
    /// Where the entry starts in the kustomization.
    public var mark: SourceMark

    public init(field: Field, body: Body, target: PatchTarget? = nil, mark: SourceMark) {
        self.field = field
        self.body = body
        self.target = target
        self.mark = mark
    }

    /// How error messages name the patch: its file, or the inline entry.
    public var label: String {
        switch body {
        case .file(let path): return "patch file '\(path.value)'"
        case .inline: return "inline patch of \(field.rawValue)"
        }
    }
}
