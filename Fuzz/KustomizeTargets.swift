import Foundation
@testable import Kustomize
import SwkYAML

enum FuzzKustomization {
    static func run(_ input: [UInt8]) {
        _ = try? KustomizationParser.parse(String(decoding: input, as: UTF8.self), file: "kustomization.yaml")
    }
}

/// Two NUL-separated parts: the target document, then the patch.
enum FuzzPatches {
    static func documents(_ input: [UInt8]) -> (YAMLNode, YAMLNode)? {
        let parts = splitParts(input, max: 2)
        guard parts.count == 2 else { return nil }
        var limits = YAMLLimits()
        limits.maxNodes = 20_000
        guard let t = try? YAMLParser.parseDocuments(parts[0], file: "target.yaml", limits: limits).first,
              let p = try? YAMLParser.parseDocuments(parts[1], file: "patch.yaml", limits: limits).first
        else { return nil }
        return (t, p)
    }

    static func strategicMerge(_ input: [UInt8]) {
        guard let (target, patch) = documents(input), target.kind == .mapping else { return }
        let gvk = GVK(apiVersion: target["apiVersion"]?.text ?? "", kind: target["kind"]?.text ?? "")
        if let merged = try? StrategicMerge.apply(patch, to: target, gvk: gvk, schema: PatchSchema.kubernetes) {
            _ = YAMLEmitter.emit(merged)
        }
    }

    static func jsonPatch(_ input: [UInt8]) {
        guard let (target, patch) = documents(input), let p = try? JSONPatch.parse(patch) else { return }
        if let out = try? p.apply(to: target) { _ = YAMLEmitter.emit(out) }
    }
}

/// A whole build over a small temporary tree: the first NUL-separated part is kustomization.yaml,
/// each later part is "name\ncontent" (names reduced to a safe character set).
enum FuzzBuild {
    static let root: String = {
        let dir = NSTemporaryDirectory() + "swk-fuzz-build-\(getpid())"
        return dir
    }()

    static func run(_ input: [UInt8]) {
        let parts = splitParts(input, max: 8)
        let fm = FileManager.default
        try? fm.removeItem(atPath: root)
        guard (try? fm.createDirectory(atPath: root + "/base", withIntermediateDirectories: true)) != nil else { return }
        var files = [("kustomization.yaml", parts[0])]
        for part in parts.dropFirst() {
            let (name, body) = part.firstIndex(of: "\n").map { (String(part[..<$0]), String(part[part.index(after: $0)...])) } ?? (part, "")
            let safe = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-/".unicodeScalars.contains($0)) }.prefix(40))
            guard !safe.isEmpty, !safe.contains(".."), !safe.hasPrefix("/") else { continue }
            files.append((safe, body))
        }
        for (name, body) in files {
            let path = root + "/" + name
            try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            fm.createFile(atPath: path, contents: Data(body.utf8))
        }
        if let resources = try? Builder.build(root) { _ = Builder.render(resources) }
    }
}
