import Foundation

/// `helm template --output-dir`: each document appended to DIR/<source path>, a "wrote" line per write.
public enum OutputDir {
    /// Returns what Helm prints on stdout: the "wrote" lines, then the (empty) stream's newline.
    public static func write(_ docs: [Stream.Manifest], to dir: String) throws -> String {
        var out = ""
        var written = Set<String>()
        let fm = FileManager.default
        for d in docs {
            let file = dir + "/" + d.path
            // A hook joins a file the manifests already wrote to.
            let append = written.contains(d.path) || (d.isHook && fm.fileExists(atPath: file))
            let text = "---\n# Source: \(d.path)\n\(d.content)\n"
            do {
                try fm.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if append, let h = FileHandle(forWritingAtPath: file) {
                    h.seekToEndOfFile()
                    h.write(Data(text.utf8))
                    h.closeFile()
                } else {
                    try text.write(toFile: file, atomically: false, encoding: .utf8)
                }
            } catch {
                throw ChartError("open \(file): \(error.localizedDescription)")
            }
            written.insert(d.path)
            out += "wrote \(file)\n"
        }
        return out + "\n"
    }
}
