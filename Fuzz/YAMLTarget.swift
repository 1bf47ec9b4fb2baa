@testable import SwkYAML

/// Parse, emit, parse again: no trap, and emitting the re-parsed tree gives the same bytes.
enum FuzzYAML {
    static func run(_ input: [UInt8]) {
        checkQuickScan(input)
        var limits = YAMLLimits()
        limits.maxNodes = 20_000
        for schema in [YAMLSchema.kyaml, .yaml11] {
            var bytes = input
            guard let docs = try? YAMLParser.parseDocuments(bytes: &bytes, file: "fuzz.yaml", schema: schema, limits: limits)
            else { continue }
            for doc in docs {
                let once = YAMLEmitter.emit(doc)
                guard let again = try? YAMLParser.parseDocuments(once, file: "emitted.yaml", schema: schema) else {
                    check(false, "emitted YAML does not parse:\n\(once)")
                    return
                }
                check(again.count == 1, "emitted YAML is \(again.count) documents:\n\(once)")
                let twice = again.first.map(YAMLEmitter.emit) ?? ""
                check(once == twice, "emit∘parse not idempotent:\n\(once)\n--- became ---\n\(twice)")
            }
        }
    }

    static let headPaths = [["kind"], ["metadata", "annotations", "helm.sh/hook"], ["metadata", "name"]]

    /// The quick scan vouches only for documents the parser reads the same way.
    static func checkQuickScan(_ input: [UInt8]) {
        guard let text = String(validating: input, as: UTF8.self), let quick = YAMLQuickScan.scan(text, paths: headPaths) else { return }
        guard let docs = try? YAMLParser.parseDocuments(text, file: "quick.yaml", schema: .yaml11) else {
            check(false, "quick scan accepted what the parser refuses:\n\(text)")
            return
        }
        guard let doc = docs.first else {
            check(quick.allSatisfy { $0 == nil }, "quick scan found values in an empty document:\n\(text)")
            return
        }
        check(docs.count == 1 && doc.isMapping, "quick scan accepted a document that is not one mapping:\n\(text)")
        let full = headPaths.map { path in path.reduce(Optional(doc)) { $0?[$1] }?.stringValue }
        check(full == quick, "quick scan read \(quick), the parser \(full):\n\(text)")
    }
}
