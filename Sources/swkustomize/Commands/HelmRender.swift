import Foundation
import HelmChart

/// Renders a chart on a thread with a large stack: deep include/template recursion needs more
/// than the main thread has.
enum HelmRender {
    static func run(chartDir: String, options: ReleaseOptions) throws -> String {
        let box = Box()
        let thread = Thread {
            do { box.output = try HelmTemplate.run(chartDir: chartDir, options: options) } catch { box.error = error }
            box.done.signal()
        }
        thread.stackSize = 1 << 29
        thread.start()
        box.done.wait()
        if let e = box.error { throw e }
        return box.output ?? ""
    }

    private final class Box: @unchecked Sendable {
        var output: String?
        var error: Error?
        let done = DispatchSemaphore(value: 0)
    }
}
