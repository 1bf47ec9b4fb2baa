import ArgumentParser
import SwkYAML
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build a kustomization target.")
    @Argument var dir: String = "."
    func run() throws {
        let text = try String(contentsOfFile: dir, encoding: .utf8)
        let docs = try YAMLParser.parseDocuments(text, file: dir)
        var out: [UInt8] = []
        for (i, d) in docs.enumerated() {
            if i > 0 { out.append(contentsOf: "---\n".utf8) }
            YAMLEmitter.emit(d, into: &out)
        }
        FileHandle.standardOutput.write(Data(out))
    }
}
