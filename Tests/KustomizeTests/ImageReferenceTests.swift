import Testing
@testable import Kustomize

@Suite struct ImageReferenceTests {
    @Test func splitsNameTagDigest() {
        let r = ImageReference("registry:5000/team/app:1.2@sha256:ab")
        #expect(r.name == "registry:5000/team/app")
        #expect(r.tag == "1.2")
        #expect(r.digest == "sha256:ab")
        #expect(ImageReference("registry:5000/app").tag == "")
    }

    @Test func matchesOnlyWholeNames() {
        #expect(ImageReference.matches("nginx:1.0", name: "nginx"))
        #expect(ImageReference.matches("nginx@sha256:x", name: "nginx"))
        #expect(!ImageReference.matches("nginxx:1.0", name: "nginx"))
    }

    @Test func newTagDropsDigestAndDigestDropsTag() {
        let t = ImageTagTransformer(images: [Kustomization.Image(name: "nginx", newName: "", newTag: "2", digest: "")],
                                    containerLists: TransformerConfig.defaults.containerLists)
        #expect(t.rewrite("nginx:1@sha256:a") == "nginx:2")
        let d = ImageTagTransformer(images: [Kustomization.Image(name: "nginx", newName: "", newTag: "", digest: "sha256:b")],
                                    containerLists: TransformerConfig.defaults.containerLists)
        #expect(d.rewrite("nginx:1") == "nginx@sha256:b")
    }
}
