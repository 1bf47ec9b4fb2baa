import Foundation
import SwkYAML

/// A patch target compiled for matching: each of group, version, kind, name and namespace is a
/// regular expression that must match the whole field (kustomize anchors it as `^(?:…)$`).
/// The regexes run on ICU, which backtracks: one work budget bounds all matching of one target.
struct ResourceSelector {
    /// One field's pattern; a pattern without metacharacters is compared as plain text (the common case, and fast).
    enum Pattern {
        case any
        case literal(String)
        /// Text whose only metacharacter is `.` (a group such as `networking.k8s.io`): each dot
        /// matches one character, as in the regex, without starting ICU's regex engine.
        case dotted([Unicode.Scalar])
        case regex(BoundedRegex, BoundedRegex.Budget)

        init(_ pattern: String, budget: BoundedRegex.Budget) throws {
            if pattern.isEmpty { self = .any; return }
            // The metacharacters are ASCII, so the bytes tell (no grapheme breaking, no set of Characters).
            let dots = pattern.utf8.contains(UInt8(ascii: "."))
            let others = pattern.utf8.contains { Self.isMetacharacter($0) && $0 != UInt8(ascii: ".") }
            if !dots && !others { self = .literal(pattern); return }
            if !others { self = .dotted(Array(pattern.unicodeScalars)); return }
            do {
                self = .regex(try BoundedRegex("^(?:\(pattern))$"), budget)
            } catch {
                throw KustomizeError("invalid regular expression '\(pattern)' in patch target")
            }
        }

        func matches(_ s: String) throws -> Bool {
            switch self {
            case .any: return true
            case .literal(let text): return s == text
            case .dotted(let pattern):
                let scalars = s.unicodeScalars
                return scalars.count == pattern.count
                    && zip(pattern, scalars).allSatisfy { p, c in p == "." ? !Self.lineTerminators.contains(c) : p == c }
            case .regex(let re, let budget):
                do { return try re.firstMatch(in: s, budget: budget) != nil } catch {
                    let pattern = String(re.pattern.dropFirst(4).dropLast(2))
                    throw KustomizeError("exceeded the maxRegexSteps limit (\(error.steps) regex steps) matching patch target pattern '\(pattern)'")
                }
            }
        }

        private static func isMetacharacter(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "\\"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "."), UInt8(ascii: "|"),
                 UInt8(ascii: "?"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                return true
            default:
                return false
            }
        }

        var literal: String? { if case .literal(let s) = self { return s } else { return nil } }

        /// What ICU's `.` does not match.
        private static let lineTerminators: Set<Unicode.Scalar> = ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"]
    }

    let group, version, kind, name, namespace: Pattern
    let metadata: MetadataSelectors

    init(_ target: PatchTarget, budget: BoundedRegex.Budget = BoundedRegex.Budget()) throws {
        group = try Pattern(target.group, budget: budget)
        version = try Pattern(target.version, budget: budget)
        kind = try Pattern(target.kind, budget: budget)
        name = try Pattern(target.name, budget: budget)
        namespace = try Pattern(target.namespace, budget: budget)
        metadata = try MetadataSelectors(target)
    }

    /// kustomize's namespace for matching: cluster-scoped kinds have none, an unset one is `default`.
    static func effectiveNamespace(_ id: ResourceId) -> String {
        if id.gvk.isClusterScoped { return "_non_namespaceable_" }
        return id.namespace.isEmpty ? "default" : id.namespace
    }

    /// Name and namespace may match the original id or the current one; kind and labels the current object.
    func matches(_ r: Resource) throws -> Bool {
        let current = r.currentId
        let original = r.originalId
        guard try name.matches(original.name) || name.matches(current.name) else { return false }
        guard try namespace.matches(Self.effectiveNamespace(original)) || namespace.matches(Self.effectiveNamespace(current)) else { return false }
        let gvk = current.gvk
        guard try group.matches(gvk.group), try version.matches(gvk.version), try kind.matches(gvk.kind) else { return false }
        return metadata.matches(r)
    }

    /// A literal name narrows the search through the map's name index (a patch per service stays linear).
    func select(_ resources: ResourceMap) throws -> [Resource] {
        if let literal = name.literal { return try resources.resources(everNamed: literal).filter(matches) }
        return try resources.resources.filter(matches)
    }
}

/// A target's `labelSelector` and `annotationSelector` (patch targets and replacement selects).
struct MetadataSelectors {
    let labels: LabelSelector?
    let annotations: LabelSelector?

    init(_ target: PatchTarget) throws {
        labels = target.labelSelector.isEmpty ? nil : try LabelSelector(parsing: target.labelSelector)
        annotations = target.annotationSelector.isEmpty ? nil : try LabelSelector(parsing: target.annotationSelector)
    }

    func matches(_ r: Resource) -> Bool {
        if let labels, !labels.matches(Self.stringMap(r.labels)) { return false }
        if let annotations, !annotations.matches(Self.stringMap(r.annotations)) { return false }
        return true
    }

    private static func stringMap(_ node: YAMLNode?) -> [String: String] {
        var out: [String: String] = [:]
        // kyaml reads each value's text as written, so `~` is "~" and `key:` is "".
        for e in node?.entries ?? [] where e.value.isScalar { out[e.key] = e.value.text }
        return out
    }
}
