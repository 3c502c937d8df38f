import Foundation
import LanternServer

/// Shows an import's progress on standard error: on a terminal one line redrawn in place, with a bar where the total
/// is known; otherwise plain lines (a part's start, every page of a list, every 50 articles, each wait).
final class ImportProgressDisplay: @unchecked Sendable {
    private let terminal: Bool
    private let lock = NSLock()
    private var lineShown = false

    init(terminal: Bool) {
        self.terminal = terminal
    }

    func show(_ event: FreshdeskImportProgress) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .began(let part, let total):
            if terminal {
                redraw(line(part, done: 0, total: total))
            } else {
                write("\(part)…" + (total.map { " (\($0))" } ?? "") + "\n")
            }
        case .advanced(let part, let done, let total):
            if terminal {
                redraw(line(part, done: done, total: total))
            } else if total == nil || done % 50 == 0 || done == total {
                write("\(part): \(done)" + (total.map { " of \($0)" } ?? "") + "\n")
            }
        case .waiting(let seconds, let reason):
            if terminal { endLine() }
            write("Waiting \(String(format: "%.0f", seconds.rounded(.up))) s: \(reason)\n")
        }
    }

    /// Ends the redrawn line, before the report or an error.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        endLine()
    }

    private func line(_ part: String, done: Int, total: Int?) -> String {
        guard let total, total > 0 else { return "\(part): \(done)" }
        let width = 30
        let filled = min(width, done * width / total)
        return "\(part) [" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            + "] \(done)/\(total) (\(done * 100 / total)%)"
    }

    private func redraw(_ text: String) {
        write("\r\u{1B}[2K" + text)
        lineShown = true
    }

    private func endLine() {
        if lineShown { write("\n") }
        lineShown = false
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
