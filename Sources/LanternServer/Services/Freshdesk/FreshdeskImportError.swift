/// Why `lantern import freshdesk` stopped. As every `lantern` command, it exits 2 for what the operator must change in
/// the command (`unusable`) and 1 for any other failure (see docs/operations.md). What was imported before stays:
/// running the command again completes the import.
public enum FreshdeskImportError: Error, Sendable, CustomStringConvertible {
    /// The arguments or the Lantern account cannot be used (exit code 2).
    case unusable(String)
    /// Freshdesk could not be reached, even after retries (exit code 1).
    case unreachable(String)
    /// Freshdesk refused the API key (exit code 1).
    case authRefused(String)
    /// Freshdesk answered with an error, or an answer the importer cannot read (exit code 1).
    case failed(String)
    /// The import was interrupted (Ctrl-C) between two objects (exit code 1).
    case interrupted

    public var description: String {
        switch self {
        case .unusable(let message), .unreachable(let message), .authRefused(let message), .failed(let message): message
        case .interrupted: "The import was interrupted. What was imported so far stays; run the command again to complete it."
        }
    }

    /// The process exit code for this failure.
    public var exitCode: Int32 {
        switch self {
        case .unusable: 2
        case .unreachable, .authRefused, .failed, .interrupted: 1
        }
    }
}
