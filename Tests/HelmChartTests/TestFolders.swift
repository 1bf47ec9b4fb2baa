import Foundation

/// Writes `files` (relative path to text) into a new temporary folder named `prefix-<UUID>`.
func writeFolder(_ files: [String: String], prefix: String) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    for (path, text) in files {
        let p = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: p.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: p, atomically: false, encoding: .utf8)
    }
    return root
}
