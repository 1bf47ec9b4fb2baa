import Foundation
import Kustomize
import SwkYAML

/// `--output`: a file, or one file per resource in an existing directory, written atomically.
enum OutputWriter {
    static func write(_ resources: [Resource], to path: String) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            try writeDirectory(resources, to: path)
        } else {
            try Data(Builder.render(resources)).write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// kustomize names each file `[<namespace>_]<group>_<version>_<kind>_<name>.yaml`, lowercased,
    /// with the namespace only when resources span more than one namespace.
    static func fileName(_ r: Resource, withNamespace: Bool) -> String {
        let gvk = r.gvk
        var parts: [String] = []
        if withNamespace && !r.namespace.isEmpty { parts.append(r.namespace) }
        parts.append(gvk.group.isEmpty ? gvk.version : "\(gvk.group)_\(gvk.version)")
        parts.append(gvk.kind)
        parts.append(r.name)
        return (parts.joined(separator: "_") + ".yaml").lowercased()
    }

    /// Files go to a fresh sibling folder first and are moved in only when all were written.
    static func writeDirectory(_ resources: [Resource], to dir: String) throws {
        let fm = FileManager.default
        let namespaces = Set(resources.map(\.namespace).filter { !$0.isEmpty })
        let staging = dir.hasSuffix("/") ? String(dir.dropLast()) + ".swkustomize-tmp" : dir + ".swkustomize-tmp"
        try? fm.removeItem(atPath: staging)
        try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            for r in resources {
                let name = fileName(r, withNamespace: namespaces.count > 1)
                try Data(YAMLEmitter.emit(r.node).utf8).write(to: URL(fileURLWithPath: staging + "/" + name))
            }
            for file in try fm.contentsOfDirectory(atPath: staging) {
                let target = dir + "/" + file
                if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
                try fm.moveItem(atPath: staging + "/" + file, toPath: target)
            }
            try fm.removeItem(atPath: staging)
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }
}

/// Standard output written straight from a string's bytes (a Data copy of a large stream costs
/// its page faults again).
enum StandardOutput {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0) }
    }

    static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(1, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                FileHandle.standardError.write(Data("Error: writing standard output: \(String(cString: strerror(errno)))\n".utf8))
                exit(1)
            }
            done += n
        }
    }
}
