import SwkYAML

/// Reads a kustomization file into `Kustomization`, rejecting unknown fields as kustomize does.
enum KustomizationParser {
    /// Fields kustomize knows that later work will implement; using them is an error, not a silent no-op.
    static let notYetSupported: Set<String> = []
    static let informational: Set<String> = ["apiVersion", "kind", "metadata"]
    static let supported: Set<String> = [
        "resources", "bases", "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels",
        "commonAnnotations", "images", "imageTags", "replicas", "sortOptions",
        "patches", "patchesStrategicMerge", "patchesJson6902", "components", "configurations", "crds", "openapi", "replacements", "vars", "transformers", "generators", "validators", "buildMetadata",
        "helmGlobals", "helmCharts", "helmChartInflationGenerator",
        "configMapGenerator", "secretGenerator", "generatorOptions",
    ]
    /// Go's encoding/json matches field names case-insensitively.
    static let canonical: [String: String] = {
        var m: [String: String] = [:]
        for f in notYetSupported.union(informational).union(supported) { m[f.lowercased()] = f }
        return m
    }()

    static func parse(_ text: String, file: String) throws -> Kustomization {
        let docs: [YAMLNode]
        do { docs = try YAMLParser.parseDocuments(text, file: file, schema: .yaml11) } catch let e as YAMLError {
            throw KustomizeError(e)
        }
        let nonEmpty = docs.filter { !$0.isNull }
        guard let root = nonEmpty.first else {
            throw KustomizeError("kustomization file is empty", file: file)
        }
        guard nonEmpty.count == 1 else {
            throw KustomizeError("a kustomization file holds one document, found \(nonEmpty.count)", file: file, mark: nonEmpty[1].mark)
        }
        guard root.isMapping else {
            throw KustomizeError("a kustomization must be a mapping", file: file, mark: root.mark)
        }
        var k = Kustomization()
        let ctx = Context(file: file, goTypes: true)
        // kustomize refuses a file whose fields (apart from apiVersion and kind) are all unset.
        let setsSomething = root.entries.contains { e in
            !["apiversion", "kind"].contains(e.key.lowercased()) && !e.value.isNull && !(e.value.isScalar && e.value.text.isEmpty)
        }
        guard setsSomething else { throw KustomizeError("kustomization file is empty", file: file, mark: root.mark) }
        var apiVersion: Located<String>?
        for entry in root.entries {
            guard let field = canonical[entry.key.lowercased()] else {
                throw KustomizeError("invalid Kustomization: unknown field \"\(entry.key)\"", file: file, mark: entry.value.mark)
            }
            k.marks[field] = entry.value.mark
            let v = entry.value
            if notYetSupported.contains(field) {
                if isEmpty(v) { continue }
                throw KustomizeError("'\(field)' is not supported yet by swkustomize", file: file, mark: v.mark)
            }
            switch field {
            case "apiVersion":
                apiVersion = Located(try ctx.string(v, field), mark: v.mark)
            case "kind":
                let s = try ctx.string(v, field)
                if s == "Component" { k.isComponent = true }
                else if !s.isEmpty && s != "Kustomization" {
                    throw KustomizeError("kind should be Kustomization or Component, got \(s)", file: file, mark: v.mark)
                }
            case "metadata": break
            case "openapi": k.openAPI = try ctx.openAPI(v)
            case "generators": k.generatorPlugins += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: KustomizationParser.Context.textStart($0)) }
            case "buildMetadata":
                for item in try ctx.list(v, field) {
                    // kustomize ignores a value it does not know, though listing it still has it
                    // record transformations (see `BuildMetadata.tracksTransformations`).
                    k.listsBuildMetadata = true
                    switch try ctx.string(item, field) {
                    case "managedByLabel": k.addManagedByLabel = true
                    case "originAnnotations": k.addOriginAnnotations = true
                    case "transformerAnnotations": k.addTransformerAnnotations = true
                    default: break
                    }
                }
            case "helmCharts": k.helmCharts += try ctx.list(v, field).map { try ctx.helmChart($0) }
            case "helmGlobals":
                let f = try ctx.fields(v, ["chartHome", "configHome"], field)
                if let home = f["chartHome"] { k.helmChartHome = try ctx.string(home, "helmGlobals.chartHome") }
            case "helmChartInflationGenerator":
                for item in try ctx.list(v, field) {
                    let (chart, home) = try ctx.legacyHelmChart(item)
                    k.helmCharts.append(chart)
                    if !home.isEmpty && k.marks["helmGlobals"] == nil { k.helmChartHome = home }
                }
            case "transformers": k.transformers += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: KustomizationParser.Context.textStart($0)) }
            case "validators": k.validators += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: KustomizationParser.Context.textStart($0)) }
            case "vars": k.vars += try ctx.list(v, field).map { try ctx.variable($0) }
            case "replacements": k.replacements += try ctx.list(v, field).map { try ReplacementParser(ctx: ctx).entry($0) }
            case "configurations":
                k.configurations += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: $0.mark) }
            case "crds":
                k.crds += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: $0.mark) }
            case "components":
                k.components += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: $0.mark) }
            case "resources", "bases":
                k.resources += try ctx.list(v, field).map { Located(try ctx.string($0, field), mark: $0.mark) }
            case "namePrefix": k.namePrefix = try ctx.string(v, field)
            case "nameSuffix": k.nameSuffix = try ctx.string(v, field)
            case "namespace": k.namespace = try ctx.string(v, field)
            case "commonLabels": k.commonLabels = try ctx.stringMap(v, field)
            case "commonAnnotations": k.commonAnnotations = try ctx.stringMap(v, field)
            case "labels": k.labels = try ctx.list(v, field).map { try ctx.labelSet($0) }
            case "images", "imageTags": k.images += try ctx.list(v, field).map { try ctx.image($0) }
            case "replicas": k.replicas = try ctx.list(v, field).map { try ctx.replica($0) }
            case "sortOptions": k.sortOrder = try ctx.sortOptions(v)
            case "patches": k.patches += try ctx.list(v, field).map { try ctx.patch($0) }
            case "patchesStrategicMerge": k.patches += try ctx.list(v, field).map { try ctx.strategicMergePatch($0) }
            case "patchesJson6902": k.patches += try ctx.list(v, field).map { try ctx.json6902Patch($0) }
            case "configMapGenerator": k.configMapGenerators = try ctx.list(v, field).map { try ctx.generator($0, kind: .configMap) }
            case "secretGenerator": k.secretGenerators = try ctx.list(v, field).map { try ctx.generator($0, kind: .secret) }
            case "generatorOptions": k.generatorOptions = v.isNull ? nil : try ctx.generatorOptions(v, field)
            default: break
            }
        }
        // Each kind has its own API version (kustomize's EnforceFields).
        if let apiVersion, !apiVersion.value.isEmpty {
            let (kind, expected) = k.isComponent ? ("Component", "kustomize.config.k8s.io/v1alpha1") : ("Kustomization", "kustomize.config.k8s.io/v1beta1")
            if apiVersion.value != expected {
                throw KustomizeError("apiVersion for \(kind) should be \(expected)", file: file, mark: apiVersion.mark)
            }
        }
        k.deprecationWarnings = deprecationWarnings(root)
        return k
    }

    static func isEmpty(_ v: YAMLNode) -> Bool {
        switch v.kind {
        case .scalar: return v.isNull
        case .mapping: return v.entries.isEmpty
        case .sequence: return v.items.isEmpty
        }
    }

    struct Context {
        let file: String
        /// kustomize decodes a kustomization file as JSON into Go types, so a string field refuses
        /// what YAML 1.1 reads as a number or boolean (`namePrefix: 1`, `commonLabels: {on: yes}`);
        /// plugin configs and replacement files are read with conversion to the field's type.
        var goTypes = false

        func fail(_ v: YAMLNode, _ message: String) -> KustomizeError {
            KustomizeError(message, file: file, mark: v.mark)
        }

        /// A string field: in a kustomization file as Go's JSON decoding accepts it (`goString`),
        /// elsewhere the scalar's text as written (`newTag: 1.0` stays "1.0").
        func string(_ v: YAMLNode, _ field: String) throws -> String {
            if goTypes { return try goString(v, field) }
            guard v.isScalar else { throw fail(v, "\(field): expected a string") }
            return v.isNull ? "" : v.text
        }

        func bool(_ v: YAMLNode, _ field: String) throws -> Bool {
            guard v.isScalar, v.tag == .bool || v.isNull else { throw fail(v, "\(field): expected true or false") }
            return v.isNull ? false : ["true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y"].contains(v.text)
        }

        func int(_ v: YAMLNode, _ field: String) throws -> Int {
            // A float reaches Go's JSON decoding as Go writes it: `3.0` and `1e1` arrive as 3 and 10.
            guard v.isScalar, v.tag == .int || v.tag == .float, let n = Int(ScalarFormat.number(v)) else {
                throw fail(v, "\(field): expected an integer")
            }
            return n
        }

        func list(_ v: YAMLNode, _ field: String) throws -> [YAMLNode] {
            if v.isNull { return [] }
            guard v.isSequence else { throw fail(v, "\(field): expected a list") }
            return v.items
        }

        func strings(_ v: YAMLNode, _ field: String) throws -> [String] {
            try list(v, field).map { try string($0, field) }
        }

        func stringMap(_ v: YAMLNode, _ field: String) throws -> [(key: String, value: String)] {
            if v.isNull { return [] }
            guard v.isMapping else { throw fail(v, "\(field): expected a map of strings") }
            return try v.entries.map { e in (e.key, try string(e.value, "\(field).\(e.key)")) }
        }

        func fields(_ v: YAMLNode, _ allowed: Set<String>, _ what: String) throws -> [String: YAMLNode] {
            guard v.isMapping else { throw fail(v, "\(what): expected a map") }
            var out: [String: YAMLNode] = [:]
            for e in v.entries {
                // Field names match case-insensitively; the exact spelling is the common case.
                guard let f = allowed.contains(e.key) ? e.key : allowed.first(where: { $0.lowercased() == e.key.lowercased() }) else {
                    throw KustomizeError("invalid Kustomization: unknown field \"\(e.key)\" in \(what)", file: file, mark: e.value.mark)
                }
                out[f] = e.value
            }
            return out
        }

        func labelSet(_ v: YAMLNode) throws -> Kustomization.LabelSet {
            let f = try fields(v, ["pairs", "includeSelectors", "includeTemplates", "fields"], "labels")
            var set = Kustomization.LabelSet()
            if let p = f["pairs"] { set.pairs = try stringMap(p, "labels.pairs") }
            if let s = f["includeSelectors"] { set.includeSelectors = try bool(s, "labels.includeSelectors") }
            if let t = f["includeTemplates"] { set.includeTemplates = try bool(t, "labels.includeTemplates") }
            if let fs = f["fields"] { set.fields = try list(fs, "labels.fields").map { try fieldSpec($0) } }
            return set
        }

        func fieldSpec(_ v: YAMLNode) throws -> FieldSpec {
            let f = try fields(v, ["path", "group", "version", "kind", "create"], "fieldSpec")
            return FieldSpec(
                group: try f["group"].map { try string($0, "group") } ?? "",
                version: try f["version"].map { try string($0, "version") } ?? "",
                kind: try f["kind"].map { try string($0, "kind") } ?? "",
                path: try f["path"].map { try string($0, "path") } ?? "",
                create: try f["create"].map { try bool($0, "create") } ?? false)
        }

        func image(_ v: YAMLNode) throws -> Kustomization.Image {
            let f = try fields(v, ["name", "newName", "newTag", "digest", "tagSuffix"], "images")
            var img = Kustomization.Image()
            img.name = try f["name"].map { try string($0, "images.name") } ?? ""
            // Letters, digits and `._-/:@`, checked as bytes (any other byte, non-ASCII included, fails).
            let allowed: (UInt8) -> Bool = { c in
                (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c >= 0x30 && c <= 0x39
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "/")
                    || c == UInt8(ascii: ":") || c == UInt8(ascii: "@")
            }
            if img.name.isEmpty || !img.name.utf8.allSatisfy(allowed) {
                throw fail(f["name"] ?? v, "invalid image name \"\(img.name)\"")
            }
            img.newName = try f["newName"].map { try string($0, "images.newName") } ?? ""
            img.newTag = try f["newTag"].map { try string($0, "images.newTag") } ?? ""
            img.digest = try f["digest"].map { try string($0, "images.digest") } ?? ""
            if let s = f["tagSuffix"], !(s.isNull) { throw fail(s, "images.tagSuffix is not supported yet by swkustomize") }
            return img
        }

        func replica(_ v: YAMLNode) throws -> Kustomization.Replica {
            let f = try fields(v, ["name", "count"], "replicas")
            var r = Kustomization.Replica()
            r.name = try f["name"].map { try string($0, "replicas.name") } ?? ""
            r.count = try f["count"].map { try int($0, "replicas.count") } ?? 0
            return r
        }

        func sortOptions(_ v: YAMLNode) throws -> Kustomization.SortOrder? {
            if v.isNull { return nil }
            let f = try fields(v, ["order", "legacySortOptions"], "sortOptions")
            let order = try f["order"].map { try string($0, "sortOptions.order") } ?? ""
            switch order {
            case "fifo":
                if f["legacySortOptions"].map({ !$0.isNull }) ?? false {
                    throw fail(v, "legacySortOptions is only allowed with order: legacy")
                }
                return .fifo
            case "legacy":
                var first: [String]?, last: [String]?
                if let l = f["legacySortOptions"], !l.isNull {
                    let lf = try fields(l, ["orderFirst", "orderLast"], "legacySortOptions")
                    // Given legacySortOptions, a list it leaves out is empty, not the default.
                    first = try lf["orderFirst"].map { try strings($0, "orderFirst") } ?? []
                    last = try lf["orderLast"].map { try strings($0, "orderLast") } ?? []
                }
                return .legacy(orderFirst: first, orderLast: last)
            default:
                throw fail(v, "sortOptions.order must be legacy or fifo, got \"\(order)\"")
            }
        }
    }
}
