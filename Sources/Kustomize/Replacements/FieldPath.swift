import SwkYAML

/// A replacement's field path: `spec.template.spec.containers.[name=web].image`, with list
/// elements picked by `[key=value]` (`[=value]` for scalars), by index, or all of them by `*`.
/// Dots inside brackets don't split (`metadata.annotations.[example.com/x]` names one key).
struct FieldPath: CustomStringConvertible {
    enum Segment: Equatable {
        case field(String)
        case element(key: String, value: String)
        case index(Int)
        case wildcard
    }

    let description: String
    let segments: [Segment]

    init(_ text: String) {
        description = text
        var parts: [String] = []
        var current = ""
        var depth = 0
        for c in text {
            if c == "[" { depth += 1 } else if c == "]" { depth = max(depth - 1, 0) }
            if c == "." && depth == 0 { parts.append(current); current = ""; continue }
            current.append(c)
        }
        parts.append(current)
        segments = parts.filter { !$0.isEmpty }.map(Self.segment)
    }

    /// Whether the path leads into `metadata.annotations`.
    var isInAnnotations: Bool { segments.starts(with: [.field("metadata"), .field("annotations")]) }

    private static func segment(_ part: String) -> Segment {
        if part == "*" { return .wildcard }
        if part.hasPrefix("[") && part.hasSuffix("]") {
            let inner = String(part.dropFirst().dropLast())
            guard let eq = inner.firstIndex(of: "=") else { return .field(inner) }
            return .element(key: String(inner[..<eq]), value: String(inner[inner.index(after: eq)...]))
        }
        if let i = Int(part), i >= 0, part.allSatisfy(\.isNumber) { return .index(i) }
        return .field(part)
    }

    /// The one node at the path (a source), without creating anything.
    func lookup(in root: YAMLNode) -> YAMLNode? {
        var node = root
        for segment in segments {
            guard let next = Self.children(of: node, segment).first else { return nil }
            node = next
        }
        return node
    }

    /// Every node the path reaches (a target). With `create`, missing map fields and list
    /// elements are made on the way, the last one of `leaf` kind.
    func matches(in root: YAMLNode, create leaf: YAMLNode.Kind?) -> [YAMLNode] {
        var nodes = [root]
        for (i, segment) in segments.enumerated() {
            let isLast = i == segments.count - 1
            var next: [YAMLNode] = []
            for node in nodes {
                let found = Self.children(of: node, segment)
                if !found.isEmpty { next += found; continue }
                guard let leaf, let made = Self.make(segment, in: node, kind: isLast ? leaf : kindFor(after: i)) else { continue }
                next.append(made)
            }
            nodes = next
        }
        return nodes
    }

    /// A map is made for what follows a field, a list for what follows an element selector.
    private func kindFor(after i: Int) -> YAMLNode.Kind {
        switch segments[i + 1] {
        case .field: return .mapping
        case .element, .index, .wildcard: return .sequence
        }
    }

    private static func children(of node: YAMLNode, _ segment: Segment) -> [YAMLNode] {
        switch segment {
        case .field(let name):
            return node[name].map { $0.isNull ? [] : [$0] } ?? []
        case .wildcard:
            if node.isSequence { return node.items }
            return node.isMapping ? node.entries.map(\.value) : []
        case .index(let i):
            return node.isSequence && i < node.items.count ? [node.items[i]] : []
        case .element(let key, let value):
            guard node.isSequence else { return [] }
            if key.isEmpty { return node.items.filter { $0.isScalar && $0.text == value }.prefix(1).map { $0 } }
            return node.items.filter { $0[key]?.stringValue == value }.prefix(1).map { $0 }
        }
    }

    private static func make(_ segment: Segment, in node: YAMLNode, kind: YAMLNode.Kind) -> YAMLNode? {
        let made = YAMLNode(kind: kind)
        if kind == .scalar { made.tag = .null; made.text = ""; made.tagFollowsText = true }
        switch segment {
        case .field(let name):
            guard node.isMapping || node.isNull else { return nil }
            if node.isNull { node.replaceContents(with: .mapping()) }
            node[name] = made
            return made
        case .element(let key, let value):
            guard node.isSequence else { return nil }
            let element: YAMLNode = key.isEmpty ? .plain(value) : .mapping([.init(key: key, value: .plain(value))])
            node.items.append(element)
            return element
        case .index(let i):
            // kyaml appends an element for the index just past the end, and only there.
            guard node.isSequence || node.isNull, i == node.items.count else { return nil }
            if node.isNull { node.replaceContents(with: .sequence()) }
            node.items.append(made)
            return made
        case .wildcard:
            return nil
        }
    }
}

extension YAMLNode {
    /// Makes this node a copy of `other` in place, so every holder of it sees the new value.
    func replaceContents(with other: YAMLNode) {
        kind = other.kind
        text = other.text
        tag = other.tag
        style = other.style
        tagFollowsText = other.tagFollowsText
        entries = other.entries
        items = other.items
    }
}
