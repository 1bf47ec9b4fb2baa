import Foundation
import Testing
@testable import Kustomize

/// The build's memoized path resolution gives realpath(3)'s answer for every spelling a
/// kustomization can use: `..` through symlinks, links to links, missing entries, files used
/// as folders, a folder's entry that later disappears from view.
@Suite struct PathResolverTests {
    @Test func agreesWithRealpath() throws {
        let tree = try TreeFixture([
            "base/kustomization.yaml": "resources: [cm.yaml]\n",
            "base/cm.yaml": "kind: ConfigMap\n",
            "overlays/prod/kustomization.yaml": "resources: [../../base]\n",
        ])
        defer { tree.remove() }
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: tree.path("link-to-base"), withDestinationPath: "base")
        try fm.createSymbolicLink(atPath: tree.path("overlays/up"), withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: tree.path("absolute"), withDestinationPath: tree.path("base/cm.yaml"))
        try fm.createSymbolicLink(atPath: tree.path("chain"), withDestinationPath: "absolute")
        try fm.createSymbolicLink(atPath: tree.path("dangling"), withDestinationPath: "nowhere")
        try fm.createSymbolicLink(atPath: tree.path("loop"), withDestinationPath: "loop")

        let spellings = [
            "", "base", "base/", "base/.", "base/cm.yaml", "base/./cm.yaml", "overlays/prod/../../base/cm.yaml",
            "link-to-base", "link-to-base/cm.yaml", "link-to-base/../overlays", "overlays/up/base/cm.yaml",
            "overlays/up/../base", "absolute", "chain", "chain/..", "dangling", "loop", "missing",
            "base/missing.yaml", "base/cm.yaml/..", "base/cm.yaml/x", "overlays/prod/..", "overlays/prod/../..",
        ]
        let resolver = PathResolver()
        for spelling in spellings {
            let path = spelling.isEmpty ? tree.path() : tree.path() + "/" + spelling
            // Twice: the second answer comes from the memo.
            for _ in 0..<2 {
                #expect(resolver.canonical(path) == FilePaths.canonical(path), "\(spelling)")
                if let canonical = FilePaths.canonical(path) {
                    var isDir: ObjCBool = false
                    _ = fm.fileExists(atPath: canonical, isDirectory: &isDir)
                    #expect(resolver.isDirectory(canonical) == isDir.boolValue, "\(spelling)")
                }
            }
        }
        #expect(resolver.canonical("relative/that/does/not/exist") == nil)
    }
}
