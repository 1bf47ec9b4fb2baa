import ArgumentParser
import Foundation
import HelmChart

/// `swkustomize template CHART`: what `helm template` prints for one chart folder.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Render a Helm chart as `helm template` does."
    )

    @Argument(help: "The chart folder.")
    var chart: String

    @Option(name: .long, help: "Release name.")
    var name: String = "release-name"

    @Option(name: [.short, .long], help: "Release namespace.")
    var namespace: String = "default"

    @Option(name: [.customShort("f"), .long], help: "Values file (repeatable; later files win).")
    var values: [String] = []

    @Option(name: .long, help: "Kubernetes version for .Capabilities.")
    var kubeVersion: String?

    @Option(name: [.short, .long], help: "Extra API versions for .Capabilities (repeatable, comma-separated).")
    var apiVersions: [String] = []

    @Option(name: [.short, .long], help: "Write to this file, or one file per object into this existing directory.")
    var output: String?

    func run() throws {
        let opts = ReleaseOptions(name: name, namespace: namespace, valuesFiles: values,
                                  kubeVersion: kubeVersion, apiVersions: apiVersions)
        let dir = chart
        // Deep include/template recursion needs more stack than the main thread has.
        let box = ResultBox()
        let thread = Thread {
            do { box.output = try HelmTemplate.run(chartDir: dir, options: opts) } catch { box.error = error }
            box.done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        box.done.wait()
        if let e = box.error {
            FileHandle.standardError.write(Data("Error: \(e)\n".utf8))
            Foundation.exit(1)
        }
        let stream = box.output ?? ""
        guard let output else { return FileHandle.standardOutput.write(Data(stream.utf8)) }
        do { try TemplateOutput.write(stream, to: output) } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(1)
        }
    }
}

private final class ResultBox: @unchecked Sendable {
    var output: String?
    var error: Error?
    let done = DispatchSemaphore(value: 0)
}
