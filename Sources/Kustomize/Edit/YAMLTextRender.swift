import SwkYAML

/// Text for nodes an edit writes: block text as kustomize's marshaller (goyaml.v2) prints it,
/// and flow text for entries that go into a `[...]` or `{...}` the user wrote.
enum YAMLTextRender {
    /// The node as a YAML document, without the final newline; lines after the first are
    /// indented by `indent` so the text can start at column `indent`.
    static func block(_ node: YAMLNode, indent: Int) -> String {
        var text = YAMLEmitter.emit(node)
        if text.hasSuffix("\n") { text.removeLast() }
        return indentLines(text, by: indent, first: false)
    }

    /// One mapping entry `key: value` in block style.
    static func entry(_ key: String, _ value: YAMLNode, indent: Int) -> String {
        block(.mapping([YAMLNode.Entry(key: key, value: value)]), indent: indent)
    }

    /// A scalar's text when it fits after `key: ` on one line, else nil.
    static func inlineScalar(_ node: YAMLNode) -> String? {
        guard node.isScalar else { return nil }
        let text = YAMLEmitter.emit(.mapping([YAMLNode.Entry(key: "k", value: node)]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 2, lines[0].hasPrefix("k: ") else { return nil }
        return String(lines[0].dropFirst(3))
    }

    static func indentLines(_ text: String, by indent: Int, first: Bool) -> String {
        guard indent > 0 else { return text }
        let pad = String(repeating: " ", count: indent)
        var out = ""
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            if (i > 0 || first) && !line.isEmpty { out += pad }
            out += line
        }
        return out
    }

    /// Flow style: `{k: v, ...}` with kustomize's key order, `[a, b]`, plain scalars where safe.
    static func flow(_ node: YAMLNode) -> String {
        switch node.kind {
        case .mapping:
            let entries = node.entries.sorted { KeyOrder.less($0.key, $1.key) }
            return "{" + entries.map { flowScalar(.string($0.key)) + ": " + flow($0.value) }.joined(separator: ", ") + "}"
        case .sequence:
            return "[" + node.items.map(flow).joined(separator: ", ") + "]"
        case .scalar:
            return flowScalar(node)
        }
    }

    static func flowScalar(_ node: YAMLNode) -> String {
        if node.tag != .string { return inlineScalar(node) ?? node.text }
        if let plain = inlineScalar(node), !plain.isEmpty,
           !plain.hasPrefix("\""), !plain.hasPrefix("'"), !plain.contains(where: { ",[]{}#".contains($0) }) {
            return plain
        }
        return jsonQuoted(node.text)
    }

    static func jsonQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
