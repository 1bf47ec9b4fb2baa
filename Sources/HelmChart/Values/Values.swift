import GoTemplate
import SwkYAML

/// Values files as Helm reads them.
public enum Values {
    /// A values file: YAML 1.1 through the JSON hop; later documents override earlier keys.
    public static func parse(_ text: String, file: String) throws -> Value {
        // JSON is YAML with the same meaning here (numbers float64, no YAML 1.1 words unquoted); parse it directly.
        if text.utf8.first(where: { $0 != 32 && $0 != 10 && $0 != 9 && $0 != 13 }) == UInt8(ascii: "{"),
           case .map(let m)? = try? GoJSON.unmarshal(text) {
            return .map(m)
        }
        if let split = parseInParts(text, file: file) { return .map(split) }
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseDocuments(text, file: file, schema: .yaml11) }
        catch let e as YAMLError { throw ChartError("failed to parse \(file): error converting YAML to JSON: yaml: \(e.message)") }
        let out = GoMap()
        for d in docs {
            guard case .map(let m) = ValueBridge.value(from: d) else { continue }
            for (k, v) in m.dict { out.dict[k] = v }
        }
        return .map(out)
    }

    /// A large values file parsed on all cores: cut at top-level keys (lines starting a plain key
    /// in column 0), each part parsed alone, the parts' keys joined. Nil sends the file to the
    /// whole parse, which also gives the exact error: a part that fails (a cut inside a quoted or
    /// flow scalar leaves one unterminated), that is not one mapping, that shares a key with
    /// another, or that exceeds its share of the node limit, and any file with directives or
    /// document markers. An alias whose anchor lies in another part fails as unknown.
    static func parseInParts(_ text: String, file: String) -> GoMap? {
        let parts = usableCores
        guard parts > 1 else { return nil }
        var text = text
        let pieces: [String]? = text.withUTF8 { b in
            guard b.count >= 256 * 1024 else { return nil }
            var cuts = [0]
            var i = 0
            while i < b.count {
                let c = b[i]
                // `%` directives and `---`/`...` markers: several documents or tags, left whole.
                if c == UInt8(ascii: "%") { return nil }
                if (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && i + 2 < b.count && b[i + 1] == c && b[i + 2] == c { return nil }
                let isKey = (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                if isKey && cuts.count < parts && i >= cuts.count * (b.count / parts) { cuts.append(i) }
                guard let newline = b.firstIndex(of: 10, from: i) else { break }
                i = newline + 1
            }
            guard cuts.count > 1 else { return nil }
            return zip(cuts, cuts.dropFirst() + [b.count]).map { String(decoding: UnsafeBufferPointer(rebasing: b[$0..<$1]), as: UTF8.self) }
        }
        guard let pieces else { return nil }
        var limits = YAMLLimits()
        limits.maxNodes /= pieces.count
        let maps = concurrentMap(pieces, threshold: 2) { piece -> GoMap? in
            guard let docs = try? YAMLParser.parseDocuments(piece, file: file, schema: .yaml11, limits: limits), docs.count == 1,
                  case .map(let m) = ValueBridge.value(from: docs[0]) else { return nil }
            return m
        }
        var joined: [String: Value] = [:]
        for m in maps {
            guard let m else { return nil }
            for (k, v) in m.dict where joined.updateValue(v, forKey: k) != nil { return nil }
        }
        return GoMap(joined)
    }
}
