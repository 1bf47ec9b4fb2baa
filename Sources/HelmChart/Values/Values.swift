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
}
