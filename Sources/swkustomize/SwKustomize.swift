import ArgumentParser
import Foundation

@main
struct SwKustomize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swkustomize",
        abstract: "Render Kubernetes manifests from kustomizations and Helm charts.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, TemplateCommand.self, EditCommand.self, VersionCommand.self, ArgoCDCommand.self, CheckCommand.self, DiffCommand.self]
    )

    /// Errors go to stderr as one `Error: ...` line with exit status 1; usage errors keep the parser's text.
    static func main() {
        do {
            if let build = BuildInvocation.fastPath(Array(CommandLine.arguments.dropFirst())) {
                try build.run()
                return
            }
            if let template = TemplateInvocation.fastPath(Array(CommandLine.arguments.dropFirst())) {
                try template.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if isParserError(error) { exit(withError: error) }
            fail(String(describing: error))
        }
    }

    /// Usage errors, --help and --version are the argument parser's to print.
    static func isParserError(_ error: Error) -> Bool {
        error is CleanExit || error is ExitCode || error is ValidationError
            || String(reflecting: type(of: error)).contains("ArgumentParser")
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        Foundation.exit(1)
    }
}
