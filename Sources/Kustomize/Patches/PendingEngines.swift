import SwkYAML

// Placeholders until the strategic-merge and JSON 6902 engines land: patches fail clearly.

protocol MergeKeyLookup: Sendable {}

struct PatchSchema: MergeKeyLookup {
    static let kubernetes = PatchSchema()
}

enum StrategicMerge {
    static func apply(_ patch: YAMLNode, to target: YAMLNode, gvk: GVK, schema: MergeKeyLookup) throws -> YAMLNode? {
        throw KustomizeError("strategic-merge patches are not supported yet by swkustomize")
    }
}

struct JSONPatch {
    static func parse(_ node: YAMLNode) throws -> JSONPatch {
        throw KustomizeError("JSON 6902 patches are not supported yet by swkustomize")
    }
    func apply(to root: YAMLNode) throws -> YAMLNode { root }
}

struct LabelSelector {
    init(parsing text: String) throws {
        throw KustomizeError("label selectors are not supported yet by swkustomize")
    }
    func matches(_ labels: [String: String]) -> Bool { false }
}
