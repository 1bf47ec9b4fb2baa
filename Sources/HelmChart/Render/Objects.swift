import Foundation
import GoTemplate
import SwkYAML

/// .Capabilities.KubeVersion
final class KubeVersion: GoObject, JSONConvertible {
    let version: String
    let major: String
    let minor: String
    let short: String

    init?(_ raw: String) {
        let v = raw.hasPrefix("v") ? raw : "v" + raw
        guard let sv = SemVersion.parse(v) else { return nil }
        version = v
        major = String(sv.major)
        minor = String(sv.minor)
        short = "v\(sv.major).\(sv.minor).\(sv.patch)"
    }

    var goTypeName: String { "*common.KubeVersion" }
    func formatted() -> String { short }
    func field(_ name: String) -> Value? {
        switch name {
        case "Version", "GitVersion": return .string(version)
        case "Major": return .string(major)
        case "Minor": return .string(minor)
        default: return nil
        }
    }
    func method(_ name: String) -> GoMethod? {
        name == "String" ? GoMethod { _ in .string(self.short) } : nil
    }
    func jsonValue() -> Value { .map(GoMap(["version": .string(version), "major": .string(major), "minor": .string(minor)])) }
}

/// .Capabilities
final class Capabilities: GoObject, JSONConvertible {
    let kube: KubeVersion
    let apiVersions: [String]

    static let defaultAPIVersions = [
        "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1",
        "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1",
        "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1",
        "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
        "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
        "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
        "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1", "resource.k8s.io/v1beta2",
        "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha2", "scheduling.k8s.io/v1beta1",
        "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
        "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    ]

    init(kube: KubeVersion, extraAPIVersions: [String]) {
        self.kube = kube
        var all = Capabilities.defaultAPIVersions
        for v in extraAPIVersions where !all.contains(v) { all.append(v) }
        apiVersions = all
    }

    var goTypeName: String { "*common.Capabilities" }
    func formatted() -> String { "&{\(kube.formatted()) \(apiVersions) }" }
    func field(_ name: String) -> Value? {
        switch name {
        case "KubeVersion": return .object(kube)
        case "APIVersions": return .strings(apiVersions)
        case "HelmVersion":
            return .map(GoMap(["Version": .string("v4.2.3"), "GitCommit": .string(""), "GitTreeState": .string(""),
                               "GoVersion": .string("go1.25"), "KubeClientVersion": .string("v1.36")]))
        default: return nil
        }
    }
    func jsonValue() -> Value {
        .map(GoMap(["KubeVersion": kube.jsonValue(), "APIVersions": .strings(apiVersions)]))
    }
}

/// .Files: a map of path to bytes with Helm's methods.
enum FilesObject {
    /// A chart's files; those of a chart folder are read when a template first looks at them.
    static func make(_ chart: Chart) -> Value {
        guard chart.deferredFiles != nil else { return make(GoMap(entries(chart.files), typeName: "common.Files")) }
        let files = UncheckedSendable(chart)
        return make(GoMap(deferred: { entries(files.value.files) }, typeName: "common.Files"))
    }

    static func entries(_ files: [(path: String, data: [UInt8])]) -> [String: Value] {
        var d: [String: Value] = [:]
        for f in files { d[f.path] = .bytes(f.data) }
        return d
    }

    static func make(_ files: [String: [UInt8]]) -> Value {
        make(GoMap(files.mapValues { .bytes($0) }, typeName: "common.Files"))
    }

    static func make(_ m: GoMap) -> Value {
        m.methods = { name in method(m, name) }
        return .map(m)
    }

    static func method(_ m: GoMap, _ name: String) -> GoMethod? {
        func bytes(_ p: String) -> [UInt8]? { if case .bytes(let b)? = m.dict[p] { return b }; return nil }
        switch name {
        case "Get":
            return GoMethod(params: [.string]) { a in .string(bytes(Conv.strval(a[0])).map(GoBytes.string) ?? "") }
        case "GetBytes":
            return GoMethod(params: [.string]) { a in .bytes(bytes(Conv.strval(a[0])) ?? []) }
        case "Glob":
            return GoMethod(params: [.string]) { a in
                let pat = Conv.strval(a[0])
                var sub: [String: [UInt8]] = [:]
                for (k, v) in m.dict where Glob.match(pat, k) { if case .bytes(let b) = v { sub[k] = b } }
                return make(sub)
            }
        case "Lines":
            return GoMethod(params: [.string]) { a in
                guard let b = bytes(Conv.strval(a[0])), !b.isEmpty else { return .strings([]) }
                var s = String(decoding: b, as: UTF8.self)
                if s.hasSuffix("\n") { s.removeLast() }
                return .strings(s.components(separatedBy: "\n"))
            }
        case "AsConfig", "AsSecrets":
            return GoMethod { _ in
                let out = GoMap()
                for (k, v) in m.dict {
                    guard case .bytes(let b) = v else { continue }
                    let base = k.split(separator: "/").last.map(String.init) ?? k
                    out.dict[base] = .string(name == "AsConfig" ? String(decoding: b, as: UTF8.self) : Data(b).base64EncodedString())
                }
                return .string(ValueBridge.toYAML(.map(out)))
            }
        default: return nil
        }
    }
}
