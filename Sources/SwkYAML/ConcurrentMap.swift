import Foundation

/// `items.map(transform)` on the machine's cores, in slices, results in input order (for the
/// package's builds and chart renders). Inputs shorter than `threshold` (or a one-core machine)
/// stay on the calling thread. The caller vouches that `transform` touches nothing shared but what
/// is safe to share (the build's caches lock; each call reads or builds its own nodes).
package func concurrentMap<T, U>(_ items: [T], threshold: Int, _ transform: (T) -> U) -> [U] {
    guard items.count >= max(threshold, 2), usableCores > 1 else { return items.map(transform) }
    let cores = usableCores
    // Small slices (about four items) are handed out as threads free up, so one thread is not
    // left finishing a long last slice while the other idles.
    let slices = min(items.count, max(cores * 4, items.count / 4)), per = (items.count + slices - 1) / slices
    let results = UnsafeMutableBufferPointer<U?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer { results.deinitialize().deallocate() }
    return withoutActuallyEscaping(transform) { transform in
        // Each slice writes its own range of `results`.
        let shared = UncheckedSendable((items, results, transform))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let (items, results, transform) = shared.value
            for i in min(slice * per, items.count)..<min((slice + 1) * per, items.count) { results[i] = transform(items[i]) }
        }
        return results.map { $0! }
    }
}

/// The cores this process may use: its CPU affinity, capped by a cgroup v2 quota. Read on first
/// need with plain system calls (ProcessInfo's count costs a small chart 0.3 ms of set-up).
package let usableCores: Int = {
    var cores = allowedCPUs() ?? sysconf(Int32(_SC_NPROCESSORS_ONLN))
    if let quota = cgroupCPUQuota() { cores = min(cores, quota) }
    return max(1, cores)
}()

/// The first bytes of a small kernel file, nil when it cannot be read.
private func smallFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var buf = [UInt8](repeating: 0, count: 4096)
    let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    return n > 0 ? Array(buf[..<n]) : nil
}

/// The CPUs in `Cpus_allowed_list` of /proc/self/status ("0-3,6"): the affinity mask, which
/// Glibc's module does not declare sched_getaffinity for.
private func allowedCPUs() -> Int? {
    guard let bytes = smallFile("/proc/self/status") else { return nil }
    // On the bytes: a Character split of the whole file cost more than the rest of start-up.
    let key = Array("Cpus_allowed_list:".utf8)
    guard let line = bytes.split(separator: 10).first(where: { $0.starts(with: key) }) else { return nil }
    var count = 0
    for range in line.dropFirst(key.count).split(separator: 44) {
        let ends = range.split(separator: 45).map { part -> Int? in
            let digits = part.filter { $0 != 32 && $0 != 9 }
            return digits.isEmpty ? nil : Int(String(decoding: digits, as: UTF8.self))
        }
        guard let lo = ends.first ?? nil, let hi = ends.last ?? nil, ends.count <= 2, hi >= lo else { return nil }
        count += hi - lo + 1
    }
    return count > 0 ? count : nil
}

/// `/sys/fs/cgroup/cpu.max` as whole cores, rounded up ("max 100000" is no quota).
private func cgroupCPUQuota() -> Int? {
    guard let bytes = smallFile("/sys/fs/cgroup/cpu.max") else { return nil }
    let fields = bytes.split(whereSeparator: { $0 == 32 || $0 == 10 }).map { String(decoding: $0, as: UTF8.self) }
    guard fields.count == 2, let quota = Int(fields[0]), let period = Int(fields[1]), quota > 0, period > 0 else { return nil }
    return (quota + period - 1) / period
}

/// A value handed to worker threads whose safety the caller argues.
package struct UncheckedSendable<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}

/// `for item in items { try body(item) }` on the machine's cores once there are `threshold`
/// items (each call must touch only what its item owns); the error of the first failing item in
/// input order is the one thrown, as a serial loop would throw it.
package func concurrentForEach<T>(_ items: [T], threshold: Int, _ body: (T) throws -> Void) throws {
    guard items.count >= max(threshold, 2), usableCores > 1 else { return try items.forEach(body) }
    let failures = concurrentMap(items, threshold: threshold) { item -> (any Error)? in
        do { try body(item); return nil } catch { return error }
    }
    if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
}

/// Lets go of `value` on a background thread: freeing the tables of a large build (thousands of
/// parsed files and paths) would otherwise hold up the steps still to run. The caller passes
/// the last reference.
package func releaseInBackground<Value>(_ value: Value) {
    let box = UncheckedSendable(value)
    DispatchQueue.global(qos: .utility).async { withExtendedLifetime(box) {} }
}
