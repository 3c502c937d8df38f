import Fluent

/// Runs `work`, answering a unique-constraint failure (a concurrent request took the same value first) as the
/// same 422 the up-front check gives: `field` "is already taken".
func answeringDuplicate<T>(_ field: String, _ work: () async throws -> T) async throws -> T {
    do {
        return try await work()
    } catch let error as any DatabaseError where error.isConstraintFailure {
        throw AppError.validation([field: "is already taken"])
    }
}
