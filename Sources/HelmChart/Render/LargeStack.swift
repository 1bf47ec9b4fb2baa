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
        // On a helper thread, which the render's side-by-side passes may take up again.
        LargeStackHelpers.shared.run {
            do { box.output = try body() } catch { box.error = error }
            box.done.signal()
        }
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
        for _ in 0..<helpers { LargeStackHelpers.shared.run { [self] in drain(); work.finished.signal() } }
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

/// Large-stack threads kept for the process that take jobs in turn: a render runs several
/// side-by-side passes, and starting a thread for each cost about 0.1 ms. A job that finds no
/// idle helper gets a new one, so a job never waits behind another.
final class LargeStackHelpers: @unchecked Sendable {
    static let shared = LargeStackHelpers()
    private struct State {
        var jobs: [@Sendable () -> Void] = []
        var idle = 0
    }
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)

    func run(_ job: @escaping @Sendable () -> Void) {
        let spawn = state.withLock { s -> Bool in
            s.jobs.append(job)
            guard s.idle > 0 else { return true }
            s.idle -= 1
            return false
        }
        if spawn {
            let thread = Thread { [self] in loop() }
            thread.stackSize = 1 << 29
            thread.start()
        } else {
            wake.signal()
        }
    }

    /// Runs one queued job (the one it was started or woken for), then waits to be woken again.
    private func loop() {
        while true {
            if let job = state.withLock({ $0.jobs.isEmpty ? nil : $0.jobs.removeFirst() }) { job() }
            state.withLock { $0.idle += 1 }
            wake.wait()
        }
    }
}
