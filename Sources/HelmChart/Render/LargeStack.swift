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
        SideBySideJob(count, body).finish()
    }
}

/// `body(i)` for every i in 0..<count, started now on one large-stack thread per further core;
/// `finish()` has the calling thread take the indices left, waits for the others, and gives the
/// results in index order. `body` must be safe to run on several threads at once.
final class SideBySideJob<T>: @unchecked Sendable {
    private let count: Int
    private let helpers: Int
    private let work: SideBySideWork<T>
    // The helper threads may still hold `body` for a moment after their last signal, so it escapes.
    private let body: UncheckedSendable<(Int) -> T>

    init(_ count: Int, _ body: @escaping (Int) -> T) {
        self.count = count
        helpers = max(0, min(usableCores, count) - 1)
        work = SideBySideWork(count)
        self.body = UncheckedSendable(body)
        for _ in 0..<helpers {
            let thread = Thread { [self] in drain(); work.finished.signal() }
            thread.stackSize = 1 << 29
            thread.start()
        }
    }

    private func drain() {
        while case let i = work.next.add(1, ordering: .relaxed).oldValue, i < count {
            work.results[i] = body.value(i)
        }
    }

    func finish() -> [T] {
        drain()
        for _ in 0..<helpers { work.finished.wait() }
        return work.results.map { $0! }
    }
}
