import SwkYAML
import Testing
@testable import Kustomize

/// Removed and deprecated API versions, for each removal release of facts.md §6.
@Suite struct APICheckTests {
    static func object(_ apiVersion: String, _ kind: String) throws -> APICheck.Object {
        let text = "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata:\n  name: x\n"
        return APICheck.Object(node: try #require(try YAMLParser.parseDocuments(text, file: "m.yaml").first), file: "m.yaml")
    }

    @Test(arguments: [
        (16, "extensions/v1beta1", "Deployment", "apps/v1"),
        (22, "networking.k8s.io/v1beta1", "Ingress", "networking.k8s.io/v1"),
        (25, "batch/v1beta1", "CronJob", "batch/v1"),
        (26, "autoscaling/v2beta2", "HorizontalPodAutoscaler", "autoscaling/v2"),
        (27, "storage.k8s.io/v1beta1", "CSIStorageCapacity", "storage.k8s.io/v1"),
        (29, "flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema", "flowcontrol.apiserver.k8s.io/v1"),
        (32, "flowcontrol.apiserver.k8s.io/v1beta3", "PriorityLevelConfiguration", "flowcontrol.apiserver.k8s.io/v1"),
    ])
    func removalRelease(_ release: Int, _ apiVersion: String, _ kind: String, _ replacement: String) throws {
        let o = try Self.object(apiVersion, kind)
        let removed = APICheck.check([o], minor: release)
        #expect(removed.count == 1)
        #expect(removed.first?.removed == true)
        #expect(removed.first?.replacement == replacement)
        #expect(removed.first?.description.hasPrefix("m.yaml:1:13: \(kind) x uses \(apiVersion), removed in 1.\(release)") == true)
        // One release earlier it is only deprecated; long before, nothing.
        #expect(APICheck.check([o], minor: release - 1).map(\.removed) == [false])
        #expect(APICheck.check([o], minor: release - 4).isEmpty)
    }

    @Test func currentVersionsAreClean() throws {
        let objects = try [("apps/v1", "Deployment"), ("batch/v1", "CronJob"), ("autoscaling/v2", "HorizontalPodAutoscaler"),
                           ("v1", "ConfigMap")].map { try Self.object($0.0, $0.1) }
        #expect(APICheck.check(objects, minor: 32).isEmpty)
    }

    @Test func versionStrings() {
        #expect(APICheck.minor("1.29") == 29)
        #expect(APICheck.minor("v1.30.2") == 30)
        #expect(APICheck.minor("1.31.0+k3s1") == 31)
        #expect(APICheck.minor("2.0") == nil)
        #expect(APICheck.minor("junk") == nil)
    }
}
