import Foundation
import SwkYAML

/// One `helmCharts` entry (kustomize's HelmChartArgs).
public struct HelmChartArgs {
    /// The chart's name; with `repo`, the chart to pull, else a folder under the chart home.
    public var name = ""
    /// The chart version, for a pulled chart.
    public var version = ""
    /// The repository URL or `oci://` reference to pull from.
    public var repo = ""
    /// `helm template`'s release name; empty for Helm's generated `release-name`.
    public var releaseName = ""
    /// The release namespace (`--namespace`).
    public var namespace = ""
    /// `--name-template`.
    public var nameTemplate = ""
    /// A values file replacing the chart's values.yaml; empty for the chart's own.
    public var valuesFile = ""
    /// More `-f` files, after `valuesFile`.
    public var additionalValuesFiles: [String] = []
    /// `valuesInline` as written (nil when absent or empty).
    public var valuesInline: YAMLNode?
    /// How `valuesInline` meets the values file: `override` (default), `merge` or `replace`.
    public var valuesMerge = ""
    /// `--include-crds`.
    public var includeCRDs = false
    /// `--no-hooks`.
    public var skipHooks = false
    /// `--skip-tests`.
    public var skipTests = false
    /// `--api-versions`.
    public var apiVersions: [String] = []
    /// `--kube-version`; empty for Helm's default.
    public var kubeVersion = ""
    /// Where the entry starts.
    public var mark: SourceMark = .unknown
}

/// What a chart inflator is asked to render: `helm template` with these arguments.
public struct ChartRequest: Sendable {
    /// The chart folder to render.
    public var chartDir: String
    /// nil: `--generate-name` (helm template calls the release `release-name`).
    public var releaseName: String?
    /// `--name-template`; empty for none.
    public var nameTemplate: String
    /// `--namespace`.
    public var namespace: String
    /// `-f` files, in order.
    public var valuesFiles: [String]
    /// `--kube-version`; nil for Helm's default.
    public var kubeVersion: String?
    /// `--api-versions`.
    public var apiVersions: [String]
    /// `--include-crds`.
    public var includeCRDs: Bool
    /// `--skip-tests`.
    public var skipTests: Bool
    /// `--no-hooks`.
    public var noHooks: Bool
}

/// Renders charts for `helmCharts:` (the HelmChart module provides one; Kustomize has no Helm code).
public protocol ChartInflator: Sendable {
    /// The `helm template` stream for the request.
    func render(_ request: ChartRequest) throws -> String
}

extension KustTarget {
    /// The builtin HelmChartInflationGenerator: each entry's chart rendered in-process and its
    /// objects added like generated ones, after configMapGenerator and secretGenerator output.
    func inflateCharts(into resources: ResourceMap) throws {
        let k = kustomization
        guard !k.helmCharts.isEmpty else { return }
        guard options.enableHelm, let inflator = options.chartInflator else {
            throw KustomizeError("trouble configuring builtin HelmChartInflationGenerator: must specify --enable-helm",
                                 file: folder.file, mark: k.marks["helmCharts"] ?? .unknown)
        }
        let home = k.helmChartHome.isEmpty ? "charts" : k.helmChartHome
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("swk-helm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        for (i, chart) in k.helmCharts.enumerated() {
            func fail(_ message: String) -> KustomizeError { KustomizeError(message, file: folder.file, mark: chart.mark) }
            let relative = !chart.version.isEmpty && !chart.repo.isEmpty ? "\(home)/\(chart.name)-\(chart.version)/\(chart.name)" : "\(home)/\(chart.name)"
            let chartDir = FilePaths.join(folder.dir, relative)
            guard FilePaths.isDirectory(chartDir) else {
                throw fail(chart.repo.isEmpty ? "no repo specified for pull, no chart found at '\(chartDir)'"
                           : "chart '\(chart.name)' is not in '\(chartDir)' and swkustomize does not pull charts (vendor it there)")
            }
            let merge = chart.valuesMerge.isEmpty ? "override" : chart.valuesMerge
            guard ["merge", "override", "replace"].contains(merge) else { throw fail("valuesMerge must be one of [merge override replace]") }
            let valuesPath = chart.valuesFile.isEmpty ? relative + "/values.yaml" : chart.valuesFile
            var valuesBytes: [UInt8]
            if let inline = chart.valuesInline {
                var merged = inline
                if merge != "replace" {
                    let (_, bytes) = try loader.read(Located(valuesPath, mark: chart.mark), in: folder, what: "helm values file")
                    var copy = bytes
                    let file = try YAMLParser.parseDocuments(bytes: &copy, file: valuesPath, schema: .kyaml).first { !$0.isNull } ?? .mapping()
                    Self.dropEmptyValues(file)
                    merged = merge == "override" ? Self.mergeValues(inline, over: file) : Self.mergeValues(file, over: inline)
                }
                valuesBytes = Array(YAMLEmitter.emit(merged).utf8)
            } else {
                valuesBytes = try loader.read(Located(valuesPath, mark: chart.mark), in: folder, what: "helm values file").bytes
            }
            let valuesFile = scratch.appendingPathComponent("values-\(i).yaml")
            try Data(valuesBytes).write(to: valuesFile)
            var files = [valuesFile.path]
            for extra in chart.additionalValuesFiles {
                let (path, _) = try loader.read(Located(extra, mark: chart.mark), in: folder, what: "helm values file")
                files.append(path)
            }
            let request = ChartRequest(
                chartDir: chartDir, releaseName: chart.releaseName.isEmpty ? nil : chart.releaseName,
                nameTemplate: chart.nameTemplate, namespace: chart.namespace.isEmpty ? "default" : chart.namespace,
                valuesFiles: files, kubeVersion: chart.kubeVersion.isEmpty ? options.helmKubeVersion : chart.kubeVersion,
                apiVersions: chart.apiVersions.isEmpty ? options.helmAPIVersions : chart.apiVersions,
                includeCRDs: chart.includeCRDs, skipTests: chart.skipTests, noHooks: chart.skipHooks)
            let stream: String
            do { stream = try inflator.render(request) } catch {
                throw fail("helm template of chart '\(chart.name)': \(error)")
            }
            var bytes = Array(stream.utf8)
            for r in try ResourceReader.read(bytes: &bytes, file: chartDir) {
                // kustomize tags chart output with internal annotations, so its map always exists.
                r.hasInternalAnnotations = true
                r.origin = Origin(file: canonicalFile, configuredBy: .init(kind: "HelmChartInflationGenerator"))
                if r.node["metadata"]?["annotations"] == nil { r.node["metadata"]?["annotations"] = .mapping() }
                if resources.resource(withId: r.currentId) != nil {
                    throw fail("\(r.currentId.kustomizeDescription) from chart '\(chart.name)' exists; behavior must be merge or replace")
                }
                try resources.append(r)
            }
        }
    }

    /// kyaml's merge drops keys written with no value at all (`limits:`), though not `null` or `~`.
    static func dropEmptyValues(_ node: YAMLNode) {
        guard node.isMapping else { return }
        node.entries.removeAll { $0.value.isNull && $0.value.text.isEmpty }
        for e in node.entries { dropEmptyValues(e.value) }
    }

    /// kyaml's merge for values: maps key by key, anything else replaced, a null in `top` deletes.
    static func mergeValues(_ top: YAMLNode, over base: YAMLNode) -> YAMLNode {
        guard top.isMapping, base.isMapping else { return top.deepCopy() }
        let result = base.deepCopy()
        for e in top.entries {
            if e.value.isNull { result[e.key] = nil; continue }
            if let existing = result[e.key] { result[e.key] = mergeValues(e.value, over: existing) } else { result[e.key] = e.value.deepCopy() }
        }
        return result
    }
}
