import GoTemplate
import SwkYAML

/// Values files as Helm reads them.
public enum Values {
    /// A values file: YAML 1.1 through the JSON hop; later documents override earlier keys.
    /// `ofChart`: a chart's own values.yaml, whose errors Helm words as a load error.
    public static func parse(_ text: String, file: String, ofChart: Bool = false) throws -> Value {
        // JSON is YAML with the same meaning here (numbers float64, no YAML 1.1 words unquoted); parse it directly.
        if text.utf8.first(where: { $0 != 32 && $0 != 10 && $0 != 9 && $0 != 13 }) == UInt8(ascii: "{"),
           case .map(let m)? = try? GoJSON.unmarshal(text) {
            return .map(m)
        }
        if let split = parseInParts(text, file: file) { return .map(split) }
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseDocuments(text, file: file, schema: .yaml11) }
        catch let e as YAMLError {
            // Helm's wording: the chart's own values.yaml fails its load, a -f file its parse.
            let what = ofChart ? "cannot load \(file)" : "failed to parse \(file)"
            throw ChartError("\(what): cannot unmarshal yaml document: \(HelmFunctions.yamlErrorText(e))")
        }
        let out = GoMap()
        for d in docs {
            guard case .map(let m) = ValueBridge.value(from: d) else { continue }
            for (k, v) in m.dict { out.dict[k] = v }
        }
        return .map(out)
    }

    /// A large values file parsed on all cores. It is cut at top-level keys (lines starting a
    /// plain key in column 0) or, inside a top-level key whose value is a block sequence, before
    /// one of its items (a line with just that item indentation and `- `); each part is parsed
    /// alone, the keys joined and the items of a cut sequence appended. Nil sends the file to the
    /// whole parse, which also gives the exact error: a part that fails (a cut inside a quoted or
    /// flow scalar leaves one unterminated, an item part running into other content is no
    /// sequence), that is not what its cut makes it, that shares a key with another, or that
    /// exceeds its share of the node limit, and any file with directives or document markers.
    /// An alias whose anchor lies in another part fails as unknown.
    static func parseInParts(_ text: String, file: String) -> GoMap? {
        let parts = usableCores
        guard parts > 1 else { return nil }
        struct Cut { var offset: Int; var itemsOf: String? }
        var text = text
        let pieces: [(text: String, itemsOf: String?)]? = text.withUTF8 { b in
            guard b.count >= 256 * 1024 else { return nil }
            var cuts = [Cut(offset: 0, itemsOf: nil)]
            var topKey: String? = nil // the last top-level key, when its value may be a block sequence
            var itemIndent: Int? = nil // the item column of the last top-level key's block sequence
            var itemsSeen = 0
            var i = 0
            func isKeyStart(_ c: UInt8) -> Bool {
                (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                    || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
            }
            while i < b.count {
                let end = b.firstIndex(of: 10, from: i) ?? b.count
                let c = b[i]
                // `%` directives and `---`/`...` markers: several documents or tags, left whole.
                if c == UInt8(ascii: "%") { return nil }
                if (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")) && i + 2 < b.count && b[i + 1] == c && b[i + 2] == c { return nil }
                var indent = 0
                while i + indent < end && b[i + indent] == 32 { indent += 1 }
                let content = i + indent < end && b[i + indent] != UInt8(ascii: "#")
                let due = cuts.count < parts && i >= cuts.count * (b.count / parts)
                if indent == 0 && isKeyStart(c) {
                    // An item part ends where the next top-level key starts.
                    if due || cuts.last?.itemsOf != nil { cuts.append(Cut(offset: i, itemsOf: nil)) }
                    // `key:` alone on its line may open a block sequence on the next content line.
                    var k = i
                    while k < end && b[k] != UInt8(ascii: ":") { k += 1 }
                    var rest = k + 1
                    while rest < end && b[rest] == 32 { rest += 1 }
                    let bare = k < end && (rest == end || b[rest] == UInt8(ascii: "#"))
                    topKey = bare ? String(decoding: UnsafeBufferPointer(rebasing: b[i..<k]), as: UTF8.self) : nil
                    itemIndent = nil
                    itemsSeen = 0
                } else if content {
                    let isItem = b[i + indent] == UInt8(ascii: "-") && (i + indent + 1 == end || b[i + indent + 1] == 32)
                    if let key = topKey, indent > 0 || (isItem && (itemIndent ?? 0) == 0) {
                        if itemIndent == nil { itemIndent = isItem ? indent : -1 }
                        if isItem && indent == itemIndent {
                            if due && itemsSeen > 0 { cuts.append(Cut(offset: i, itemsOf: key)) }
                            itemsSeen += 1
                        }
                    } else if indent == 0 {
                        // Any other top-level content (a quoted or complex key) ends the sequence.
                        topKey = nil
                    }
                }
                i = end + 1
            }
            guard cuts.count > 1 else { return nil }
            return zip(cuts, cuts.dropFirst().map(\.offset) + [b.count]).map {
                (String(decoding: UnsafeBufferPointer(rebasing: b[$0.offset..<$1]), as: UTF8.self), $0.itemsOf)
            }
        }
        guard let pieces else { return nil }
        var limits = YAMLLimits()
        limits.maxNodes /= pieces.count
        let values = concurrentMap(pieces, threshold: 2) { piece -> Value? in
            guard let docs = try? YAMLParser.parseDocuments(piece.text, file: file, schema: .yaml11, limits: limits),
                  docs.count == 1 else { return nil }
            return ValueBridge.value(from: docs[0])
        }
        var joined: [String: Value] = [:]
        var lastKey: String? = nil
        for (piece, value) in zip(pieces, values) {
            switch (piece.itemsOf, value) {
            case (nil, .map(let m)?):
                // A map part ends with the key an item part may continue; which key that is
                // the cut recorded, so the order of a map's keys does not matter here.
                for (k, v) in m.dict where joined.updateValue(v, forKey: k) != nil { return nil }
                lastKey = nil
            case (let key?, .list(let items)?):
                guard lastKey == nil || lastKey == key, case .list(let before)? = joined[key] else { return nil }
                joined[key] = .list(before + items)
                lastKey = key
            default:
                return nil
            }
        }
        return GoMap(joined)
    }
}
