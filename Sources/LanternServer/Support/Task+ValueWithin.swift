extension Task where Success: Sendable, Failure == any Error {
    /// The task's value when it finishes within `wait`; `nil` when it fails or takes longer (it keeps running).
    func value(within wait: Duration) async -> Success? {
        await withTaskGroup(of: Success?.self) { group in
            group.addTask { try? await self.value }
            group.addTask {
                try? await Task<Never, Never>.sleep(for: wait)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
