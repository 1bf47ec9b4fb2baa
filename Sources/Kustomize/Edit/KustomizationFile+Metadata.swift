import SwkYAML

/// `edit add|set|remove label|annotation`.
extension KustomizationFile {
    /// Which metadata map a label or annotation verb edits.
    public enum MetadataKind: String, Sendable {
        /// `commonLabels` or `commonAnnotations`.
        case label, annotation
        var field: String { self == .label ? "commonLabels" : "commonAnnotations" }
    }

    /// `k:v` arguments as kustomize reads them: the value may be wrapped in double quotes;
    /// a bare key gets an empty value; later arguments win.
    public static func metadataPairs(_ args: [String], kind: MetadataKind) throws -> [(key: String, value: String)] {
        guard !args.isEmpty else { throw KustomizeError("must specify \(kind.rawValue)") }
        var out: [(key: String, value: String)] = []
        for arg in args {
            var key = arg, value = ""
            if let colon = arg.firstIndex(of: ":") {
                guard colon != arg.startIndex else {
                    throw KustomizeError("invalid \(kind.rawValue): '\(arg)' (need k:v pair where v may be quoted)")
                }
                key = String(arg[..<colon])
                value = String(arg[arg.index(after: colon)...])
                if value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            }
            out.removeAll { $0.key == key }
            out.append((key, value))
        }
        return out
    }

    /// `edit add label|annotation`: into `commonLabels`/`commonAnnotations` (an existing key needs
    /// `force`), or with `withoutSelector` as a new `labels` entry.
    public mutating func addMetadata(_ kind: MetadataKind, _ pairs: [(key: String, value: String)], force: Bool,
                                     withoutSelector: Bool = false, includeTemplates: Bool = false) throws {
        if includeTemplates && !withoutSelector {
            throw KustomizeError("--without-selector flag must be specified for --include-templates to work")
        }
        if kind == .label && withoutSelector {
            var entries: [YAMLNode.Entry] = []
            if includeTemplates { entries.append(YAMLNode.Entry(key: "includeTemplates", value: .bool(true))) }
            let sorted = pairs.sorted { KeyOrder.less($0.key, $1.key) }
            entries.append(YAMLNode.Entry(key: "pairs", value: .mapping(sorted.map { YAMLNode.Entry(key: $0.key, value: .string($0.value)) })))
            return try editor.append([.key(key("labels"))], .mapping(entries))
        }
        let existing = try stringMap(kind.field) ?? [:]
        if !force, let clash = pairs.first(where: { existing[$0.key] != nil }) {
            throw KustomizeError("\(kind.rawValue) \(clash.key) already in kustomization file")
        }
        try setMetadata(kind, pairs)
    }

    /// `edit set label|annotation`: adds or overwrites.
    public mutating func setMetadata(_ kind: MetadataKind, _ pairs: [(key: String, value: String)]) throws {
        let k = try key(kind.field)
        let existing = try stringMap(kind.field) ?? [:]
        for (name, value) in pairs where existing[name] != value {
            try editor.set([.key(k), .key(name)], .string(value))
        }
    }

    /// `edit remove label|annotation k1,k2`.
    public mutating func removeMetadata(_ kind: MetadataKind, _ names: [String], ignoreMissing: Bool) throws {
        guard let existing = try stringMap(kind.field) else {
            if ignoreMissing { return }
            throw KustomizeError("\(kind.field) is not defined in kustomization file")
        }
        if !ignoreMissing, let missing = names.first(where: { existing[$0] == nil }) {
            throw KustomizeError("\(kind.rawValue) \(missing) is not defined in kustomization file")
        }
        let k = try key(kind.field)
        for name in names where existing[name] != nil { try editor.remove([.key(k), .key(name)]) }
    }

    /// `k1,k2` as `edit remove label|annotation` takes it.
    public static func metadataNames(_ args: [String], kind: MetadataKind) throws -> [String] {
        guard let arg = args.first else { throw KustomizeError("must specify \(kind.rawValue)") }
        guard args.count == 1 else { throw KustomizeError("\(kind.rawValue)s must be comma-separated, with no spaces") }
        let names = arg.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if let empty = names.first(where: \.isEmpty) {
            throw KustomizeError("invalid \(kind.rawValue): '\(empty)' (name is empty)")
        }
        return names
    }
}
