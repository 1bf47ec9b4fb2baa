import SwkYAML

/// Turns a YAML or JSON file into resources: empty documents skipped, `List` kinds unpacked.
enum ResourceReader {
    static func read(bytes: inout [UInt8], file: String) throws -> [Resource] {
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseDocuments(bytes: &bytes, file: file, schema: .kyaml, nestedKeysMustBeStrings: true) } catch let e as YAMLError {
            throw KustomizeError(e)
        }
        var out: [Resource] = []
        for doc in docs { try collect(doc, file: file, into: &out) }
        return out
    }

    /// `.inf` and `.nan` have no JSON form, so kustomize cannot print them.
    private static func rejectNonFiniteNumbers(_ node: YAMLNode, file: String) throws {
        switch node.kind {
        case .scalar:
            if node.tag == .float, [".inf", "+.inf", "-.inf", ".nan"].contains(node.text.lowercased()) {
                throw KustomizeError("\(node.text) cannot be represented in JSON (unsupported value)", file: file, mark: node.mark)
            }
        case .mapping: for e in node.entries { try rejectNonFiniteNumbers(e.value, file: file) }
        case .sequence: for i in node.items { try rejectNonFiniteNumbers(i, file: file) }
        }
    }

    private static func collect(_ doc: YAMLNode, file: String, into out: inout [Resource]) throws {
        if doc.isNull { return }
        guard doc.isMapping else {
            throw KustomizeError("a resource must be a mapping (an object with apiVersion, kind and metadata)", file: file, mark: doc.mark)
        }
        if doc.entries.isEmpty { return }
        let kind = doc["kind"]?.stringValue ?? ""
        if kind.hasSuffix("List"), let items = doc["items"], items.isSequence || items.isNull {
            for item in items.items { try collect(item, file: file, into: &out) }
            return
        }
        guard !kind.isEmpty else {
            throw KustomizeError("resource has no kind", file: file, mark: doc.mark)
        }
        guard let metadata = doc["metadata"], metadata.isMapping,
              let name = metadata["name"]?.stringValue, !name.isEmpty else {
            throw KustomizeError("\(kind) has no metadata.name", file: file, mark: doc.mark)
        }
        // kustomize drops an empty or null metadata.annotations as it reads a resource.
        Resource.dropEmptyAnnotations(doc)
        try rejectNonFiniteNumbers(doc, file: file)
        let resource = Resource(node: doc, file: file)
        resource.takeHashSuffixAnnotation()
        out.append(resource)
    }
}
