/// A bad argument or setting: reported on stderr with exit code 2.
struct UsageError: Error {
    let message: String
}
