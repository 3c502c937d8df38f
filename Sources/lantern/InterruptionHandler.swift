import Foundation

/// Calls `onInterrupt` at the first Ctrl-C (SIGINT), so that work in progress can stop between two steps; a second
/// Ctrl-C ends the process at once.
final class InterruptionHandler: @unchecked Sendable {
    private let source: any DispatchSourceSignal
    private var interrupted = false

    init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [unowned self] in
            if interrupted { exit(130) }
            interrupted = true
            FileHandle.standardError.write(Data("\nStopping after the current step (Ctrl-C again to stop at once)…\n".utf8))
            onInterrupt()
        }
        source.resume()
    }

    func stop() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
