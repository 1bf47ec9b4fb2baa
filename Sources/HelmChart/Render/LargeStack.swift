import Foundation

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
