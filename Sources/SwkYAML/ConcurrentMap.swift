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

/// The cores this process may use (cgroup quotas included). Read on first need: finding out
/// reads several files under /sys, which a small build should not pay for.
package let usableCores = ProcessInfo.processInfo.activeProcessorCount

/// A value handed to worker threads whose safety the caller argues.
package struct UncheckedSendable<Value>: @unchecked Sendable {
    package let value: Value
    package init(_ value: Value) { self.value = value }
}
