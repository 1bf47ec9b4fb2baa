import GoTemplate
@testable import HelmChart

/// The `--set` family parser: the first byte picks the flag (--set, --set-string, --set-json,
/// --set-literal; --set-file is left out as it reads the disk), the rest is the argument, applied twice
/// into one map as repeated flags are. The result is then printed as JSON and YAML.
enum FuzzSet {
    static let modes: [SetParser.Mode] = [.typed, .string, .json, .literal]

    static func run(_ input: [UInt8]) {
        guard let first = input.first else { return }
        let mode = modes[Int(first) % modes.count]
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let m = GoMap()
        for _ in 0..<2 {
            guard (try? SetParser.parse(text, into: m, mode: mode)) != nil else { return }
        }
        _ = try? GoJSON.marshal(.map(m))
        _ = ValueBridge.toYAML(.map(m))
    }
}
