import Foundation
import Synchronization
import SwkYAML

/// Runs a render on a thread with a large stack: deep include/template recursion needs more than
/// the main thread (or a default thread) has. Every caller of the renderer goes through here.
public enum LargeStack {
    /// Runs `body` on a thread with a 512 MiB stack and waits for it; returns its result or rethrows its error.
    public static func run(_ body: @escaping @Sendable () throws -> String) throws -> String {
        final class Box: @unchecked Sendable {
            var output: String?
            var error: Error?
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        let thread = Thread {
            do { box.output = try body() } catch { box.error = error }
            box.done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        box.done.wait()
        if let e = box.error { throw e }
        return box.output ?? ""
    }
}

/// What the threads of one `LargeStack.sideBySide` share: the next index and a slot per result.
private final class SideBySideWork<T>: @unchecked Sendable {
    let next = Atomic<Int>(0)
    let finished = DispatchSemaphore(value: 0)
    let results: UnsafeMutableBufferPointer<T?>
    init(_ count: Int) {
        results = .allocate(capacity: count)
        results.initialize(repeating: nil)
    }
    deinit { results.deinitialize().deallocate() }
}

extension LargeStack {
    /// `body(i)` for every i in 0..<count, on the calling thread and one more large-stack thread per
    /// further core, each taking the next index as it frees up; results in index order. `body` must
    /// be safe to run on several threads at once.
    static func sideBySide<T>(_ count: Int, _ body: @escaping (Int) -> T) -> [T] {
        let helpers = min(usableCores, count) - 1
        guard helpers > 0 else { return (0..<count).map(body) }
        let shared = SideBySideWork<T>(count)
        // The helper threads may still hold `body` for a moment after their last signal, so it escapes.
        let work = UncheckedSendable(body)
        @Sendable func drain() {
            while case let i = shared.next.add(1, ordering: .relaxed).oldValue, i < count {
                shared.results[i] = work.value(i)
            }
        }
        for _ in 0..<helpers {
            let thread = Thread { drain(); shared.finished.signal() }
            thread.stackSize = 1 << 29
            thread.start()
        }
        drain()
        for _ in 0..<helpers { shared.finished.wait() }
        return shared.results.map { $0! }
    }
}
