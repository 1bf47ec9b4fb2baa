import SwkYAML

/// Which resources a patch applies to. Group, version, kind, name and namespace are
/// regular expressions matched whole; the selectors use the Kubernetes label-selector grammar.
public struct PatchTarget: Sendable {
    /// Group regex; empty matches any.
    public var group = ""
    /// Version regex; empty matches any.
    public var version = ""
    /// Kind regex; empty matches any.
    public var kind = ""
    /// Name regex, against the current or any earlier name; empty matches any.
    public var name = ""
    /// Namespace regex; empty matches any.
    public var namespace = ""
    /// A label selector (`app=web,tier!=db`); empty matches any.
    public var labelSelector = ""
    /// An annotation selector, same grammar; empty matches any.
    public var annotationSelector = ""
    /// Where the target is written.
    public var mark: SourceMark = .unknown

    /// A target matching everything.
    public init() {}
}

/// One patch as a kustomization lists it, under `patches`, `patchesStrategicMerge` or `patchesJson6902`.
public struct PatchEntry: Sendable {
    /// The kustomization field the entry came from.
    public enum Field: String, Sendable {
        /// The three patch fields.
        case patches, patchesStrategicMerge, patchesJson6902
    }

    /// Where the patch text is.
    public enum Body: Sendable {
        /// A file named by `path:` (or a `patchesStrategicMerge` string naming a file).
        case file(Located<String>)
        /// Patch text written in the kustomization itself.
        case inline(Located<String>)
    }

    /// The field it was listed under.
    public var field: Field
    /// The patch text or its file.
    public var body: Body
    /// The resources it applies to; nil means the patch names its own (strategic merge only).
    public var target: PatchTarget?
    /// `options.allowNameChange`: the patch may rename the resource.
    public var allowNameChange = false
    /// `options.allowKindChange`: the patch may change the kind.
    public var allowKindChange = false
    /// Where the entry starts in the kustomization.
    public var mark: SourceMark

    /// An entry of `field` with `body`, applied to `target`.
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
