import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The analytics work of `lantern serve`, off every request's path: writes the queued events every half second,
/// rolls today's (and any unsettled day's) aggregates up every 30 seconds, so today's events show in the reports
/// within a minute, and applies `LANTERN_ANALYTICS_RETENTION_DAYS` every hour. Safe with several processes on one
/// database (see `AnalyticsRollup`). On shutdown the queue is written once more.
struct AnalyticsRunner: LifecycleHandler {
    var flushInterval: Duration = .milliseconds(500)
    var rollupInterval: TimeInterval = 30
    var retentionInterval: TimeInterval = 3_600

    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ application: Application) async throws {
        guard application.lantern.analytics else { return }
        let retentionDays = application.lantern.analyticsRetentionDays
        let (flushInterval, rollupInterval, retentionInterval) = (flushInterval, rollupInterval, retentionInterval)
        task.withLockedValue {
            $0 = Task {
                var lastRollup = Date.distantPast, lastRetention = Date.distantPast
                while !Task.isCancelled {
                    await application.analytics.flush(on: application.db)
                    let now = Date()
                    do {
                        if now.timeIntervalSince(lastRetention) >= retentionInterval {
                            lastRetention = now
                            try await AnalyticsRollup.applyRetention(days: retentionDays, now: now, on: application.db)
                        }
                        if now.timeIntervalSince(lastRollup) >= rollupInterval {
                            lastRollup = now
                            try await AnalyticsRollup.run(now: now, on: application.db)
                        }
                    } catch {
                        application.logger.warning("Analytics rollup failed: \(String(reflecting: error))")
                    }
                    try? await Task.sleep(for: flushInterval)
                }
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        let running = task.withLockedValue { $0 }
        running?.cancel()
        await running?.value
        await application.analytics.flush(on: application.db)
    }
}
