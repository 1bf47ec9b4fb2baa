import ArgumentParser
import Foundation
import Kustomize

/// `swkustomize edit`: kustomize's `edit` verbs, which ArgoCD runs in the app folder before `build`.
/// Each edit rewrites only the entries it changes in the folder's kustomization file.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit the kustomization file in the current folder, as `kustomize edit` does.",
        subcommands: [EditAddCommand.self, EditSetCommand.self, EditRemoveCommand.self])
}

/// Opens the kustomization in the current folder, applies one edit, reports kustomize's notes, saves.
enum KustomizationEdit {
    static func run(_ body: (inout KustomizationFile) throws -> Void) throws {
        var file = try KustomizationFile(dir: ".")
        try body(&file)
        if !file.notes.isEmpty {
            FileHandle.standardError.write(Data(file.notes.map { $0 + "\n" }.joined().utf8))
        }
        try file.save()
    }
}
