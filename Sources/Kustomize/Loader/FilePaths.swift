import Foundation

/// Disk access for `FileLoader`: absolute, symlink-free paths and containment checks.
enum FilePaths {
    /// The absolute path with symlinks resolved, or nil if it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func join(_ dir: String, _ entry: String) -> String {
        if entry.hasPrefix("/") { return entry }
        if dir.isEmpty || dir == "." { return entry }
        return dir.hasSuffix("/") ? dir + entry : dir + "/" + entry
    }

    /// Whether `path` is `root` or lies below it (both canonical).
    static func isWithin(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// The file's bytes, read with POSIX calls: FileManager.contents(atPath:) leaks a 4 KiB buffer
    /// for every empty file (found by scripts/fuzz) and costs a Data copy.
    static func readBytes(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw KustomizeError("cannot read file", file: path) }
        defer { close(fd) }
        var info = stat()
        // The size is a hint (files can change or lie, as /proc does): read until end of file.
        var capacity = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) + 1 : 4096
        var bytes: [UInt8] = []
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                var n = read(fd, buffer.baseAddress, capacity)
                while n < 0 && errno == EINTR { n = read(fd, buffer.baseAddress, capacity) }
                failed = n < 0
                count = max(n, 0)
            }
            if failed { throw KustomizeError("cannot read file", file: path) }
            if chunk.isEmpty { return bytes }
            if bytes.isEmpty { bytes = chunk } else { bytes.append(contentsOf: chunk) }
            capacity = max(capacity, 64 << 10)
        }
    }
}

extension FilePaths {
    /// Where a symbolic link points, or nil when `path` is not one.
    static func symlinkTarget(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }
}

extension FilePaths {
    /// `path` relative to the folder `root` (both absolute), with `..` where it lies outside.
    static func relative(_ path: String, from root: String) -> String {
        let target = path.split(separator: "/"), base = root.split(separator: "/")
        var common = 0
        while common < min(target.count, base.count) && target[common] == base[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }
}
