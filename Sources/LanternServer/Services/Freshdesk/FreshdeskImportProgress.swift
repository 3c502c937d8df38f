/// What `FreshdeskImporter` tells its caller as it goes, for a progress display.
public enum FreshdeskImportProgress: Sendable {
    /// A part of the import begins (`total` when Freshdesk says how many there are).
    case began(String, total: Int?)
    /// `done` objects of the part are through.
    case advanced(String, done: Int, total: Int?)
    /// The import waits (`429` with `Retry-After`, or before retrying a failure).
    case waiting(seconds: Double, reason: String)
}
