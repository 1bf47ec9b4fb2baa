@testable import SwkYAML

/// Parse, emit, parse again: no trap, and emitting the re-parsed tree gives the same bytes.
enum FuzzYAML {
    static func run(_ input: [UInt8]) {
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
}
