import Foundation
import Testing
@testable import Kustomize

/// Inputs scripts/fuzz found problems with, reduced; each stays a test in the normal suite.
@Suite struct FuzzRegressionTests {
    /// build target: FileManager.contents(atPath:) leaked 4 KiB per empty file (LeakSanitizer).
    /// The POSIX reader returns the same bytes without it.
    @Test func emptyAndCommentOnlyPatchFiles() throws {
        let tree = try TreeFixture([
            "kustomization.yaml": "resources:\n- resource.yaml\npatchesStrategicMerge:\n- empty-patch.yaml\n- comments-patch.yaml\n",
            "comments-patch.yaml": "\n# This is just a comment\n# Another comment\n",
            "empty-patch.yaml": "",
            "resource.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dummy\ndata:\n  dummy: value\n",
        ])
        defer { tree.remove() }
        #expect(try FilePaths.readBytes(tree.path("empty-patch.yaml")) == [])
        #expect(try FilePaths.readBytes(tree.path("resource.yaml")).count == 76)
        #expect(throws: KustomizeError.self) { try FilePaths.readBytes(tree.path()) }
        #expect(throws: KustomizeError.self) { try FilePaths.readBytes(tree.path("missing.yaml")) }
        // kustomize refuses an empty patch file; so do we, at the file.
        #expect { try tree.build() } throws: { "\($0)".contains("the patch file 'empty-patch.yaml' is empty") }
        if let theirs = try tree.oracle() { #expect(theirs.hasPrefix("exit ")) }
    }
}
