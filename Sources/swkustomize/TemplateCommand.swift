import ArgumentParser
import Foundation
import HelmChart

/// `swkustomize template [NAME] CHART`: what `helm template` prints for a chart folder or .tgz.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a Helm chart as `helm template` does."
    )

    @Argument(help: "[NAME] CHART: the release name (optional) and the chart folder or .tgz archive.")
    var arguments: [String]

    @Option(name: .long, help: "Release name (same as the NAME argument).")
    var name: String?

    @Option(name: .customLong("name-template"), help: "A template (Sprig functions) that names the release.")
    var nameTemplate: String?

    @Flag(name: [.short, .customLong("generate-name")], help: "Name the release after the chart and the time.")
    var generateName = false

    @Option(name: [.short, .long], help: "Release namespace.")
    var namespace: String = "default"

    @Option(name: [.customShort("f"), .long], help: "Values file (repeatable, comma-separated; later files win; - is stdin).")
    var values: [String] = []

    @Option(name: .long, help: "Set values: a.b=c,list[0]=x (repeatable).")
    var set: [String] = []

    @Option(name: .customLong("set-string"), help: "Set values as strings (repeatable).")
    var setString: [String] = []

    @Option(name: .customLong("set-file"), help: "Set values from files: key=path (repeatable).")
    var setFile: [String] = []

    @Option(name: .customLong("set-json"), help: "Set JSON values: key=<json> or a JSON object (repeatable).")
    var setJSON: [String] = []

    @Option(name: .customLong("set-literal"), help: "Set a literal string value: key=value (repeatable).")
    var setLiteral: [String] = []

    @Option(name: .long, help: "Kubernetes version for .Capabilities.")
    var kubeVersion: String?

    @Option(name: [.short, .long], help: "Extra API versions for .Capabilities (repeatable, comma-separated).")
    var apiVersions: [String] = []

    @Option(name: [.short, .long], help: "Write to this file, or one file per object into this existing directory.")
    var output: String?

    @Flag(name: .customLong("include-crds"), help: "Print the chart's crds/ files first.")
    var includeCRDs = false

    @Flag(name: .customLong("skip-crds"), help: "Accepted as Helm does; `template` prints no CRDs unless --include-crds.")
    var skipCRDs = false

    @Flag(name: .customLong("skip-tests"), help: "Leave out test hooks.")
    var skipTests = false

    @Flag(name: .customLong("no-hooks"), help: "Leave out hooks.")
    var noHooks = false

    @Option(name: [.short, .customLong("show-only")], help: "Only print the templates whose path matches this glob (repeatable).")
    var showOnly: [String] = []

    @Option(name: .customLong("output-dir"), help: "Write each template's documents to a file under this folder instead of stdout.")
    var outputDir: String?

    @Flag(name: .customLong("release-name"), help: "With --output-dir, write under a folder named after the release.")
    var useReleaseName = false

    @Flag(name: .customLong("is-upgrade"), help: "Set .Release.IsUpgrade instead of .Release.IsInstall.")
    var isUpgrade = false

    @Flag(name: .customLong("skip-schema-validation"), help: "Do not validate values against values.schema.json.")
    var skipSchemaValidation = false

    func validate() throws {
        guard (1...2).contains(arguments.count) else {
            throw ValidationError("expected [NAME] CHART")
        }
    }

    func run() throws {
        var t = TemplateInvocation(arguments: arguments)
        t.name = name; t.nameTemplate = nameTemplate; t.generateName = generateName; t.namespace = namespace
        t.values = values; t.set = set; t.setString = setString; t.setFile = setFile; t.setJSON = setJSON
        t.setLiteral = setLiteral; t.kubeVersion = kubeVersion; t.apiVersions = apiVersions; t.output = output
        t.includeCRDs = includeCRDs; t.skipCRDs = skipCRDs; t.skipTests = skipTests; t.noHooks = noHooks
        t.showOnly = showOnly; t.outputDir = outputDir; t.useReleaseName = useReleaseName; t.isUpgrade = isUpgrade
        t.skipSchemaValidation = skipSchemaValidation
        try t.run()
    }
}

/// The parsed `template` command line.
struct TemplateInvocation {
    var arguments: [String]
    var name: String?
    var nameTemplate: String?
    var generateName = false
    var namespace = "default"
    var values: [String] = []
    var set: [String] = []
    var setString: [String] = []
    var setFile: [String] = []
    var setJSON: [String] = []
    var setLiteral: [String] = []
    var kubeVersion: String?
    var apiVersions: [String] = []
    var output: String?
    var includeCRDs = false
    var skipCRDs = false
    var skipTests = false
    var noHooks = false
    var showOnly: [String] = []
    var outputDir: String?
    var useReleaseName = false
    var isUpgrade = false
    var skipSchemaValidation = false

    /// `template [NAME] CHART` with only --name, --namespace/-n, -f/--values, --kube-version and
    /// --api-versions/-a: read without the argument parser, whose reflection costs more than a
    /// small chart's render. Anything else (or anything odd) goes through the full parser.
    static func fastPath(_ args: [String]) -> TemplateInvocation? {
        guard args.first == "template" else { return nil }
        var t = TemplateInvocation(arguments: [])
        var i = 1
        while i < args.count {
            let a = args[i]
            i += 1
            if !a.hasPrefix("-") {
                guard !a.isEmpty else { return nil }
                t.arguments.append(a)
                continue
            }
            var flag = a
            var value: String
            if let eq = a.firstIndex(of: "="), a.hasPrefix("--") {
                flag = String(a[..<eq])
                value = String(a[a.index(after: eq)...])
            } else {
                guard i < args.count, !args[i].hasPrefix("-") else { return nil }
                value = args[i]
                i += 1
            }
            switch flag {
            case "--name": t.name = value
            case "--namespace", "-n": t.namespace = value
            case "--values", "-f": t.values.append(value)
            case "--kube-version": t.kubeVersion = value
            case "--api-versions", "-a": t.apiVersions.append(value)
            default: return nil
            }
        }
        return (1...2).contains(t.arguments.count) ? t : nil
    }

    /// NAME CHART, --name-template, --name, --generate-name, else Helm's preset "release-name".
    func releaseName(chartPath: String) throws -> String {
        if arguments.count == 2 {
            if generateName { throw ChartError("cannot set --generate-name and also specify a name") }
            if nameTemplate != nil { throw ChartError("cannot set --name-template and also specify a name") }
            return arguments[0]
        }
        if let t = nameTemplate, !t.isEmpty { return try ReleaseName.fromTemplate(t) }
        if let n = name { return n }
        if generateName { return ReleaseName.generated(chartPath: chartPath) }
        return "release-name"
    }

    func run() throws {
        let chartPath = arguments[arguments.count - 1]
        let release: String
        do { release = try releaseName(chartPath: chartPath) } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(1)
        }
        var opts = ReleaseOptions(name: release, namespace: namespace,
                                  valuesFiles: values.flatMap { $0.split(separator: ",").map(String.init) },
                                  kubeVersion: kubeVersion, apiVersions: apiVersions, isUpgrade: isUpgrade)
        opts.set = set; opts.setString = setString; opts.setFile = setFile
        opts.setJSON = setJSON; opts.setLiteral = setLiteral
        opts.skipSchemaValidation = skipSchemaValidation
        opts.leavesTemplatesToExit = true
        var stream = Stream.Options()
        stream.skipTests = skipTests
        stream.noHooks = noHooks
        let crds = includeCRDs && !skipCRDs
        let o = opts, st = stream, only = showOnly
        let dir = outputDir.map { useReleaseName ? $0 + "/" + release : $0 }
        let toStandardOutput = output == nil
        let rendered: String
        do {
            rendered = try LargeStack.run {
                let docs = try HelmTemplate.manifests(chartDir: chartPath, options: o, stream: st, includeCRDs: crds)
                // The process ends soon: the documents are not freed one by one.
                _ = Unmanaged.passRetained(KeptUntilExit(docs))
                if let dir { return try OutputDir.write(docs, to: dir) }
                // The common case goes out piece by piece, never held whole.
                if only.isEmpty && toStandardOutput {
                    Stream.write(docs) { StandardOutput.write($0) }
                    return ""
                }
                let out = Stream.format(docs)
                return only.isEmpty ? out : try ShowOnly.filter(out, patterns: only)
            }
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(1)
        }
        guard let output else { return StandardOutput.write(rendered) }
        do { try TemplateOutput.write(rendered, to: output) } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}
