import Foundation
import LanternCore
import Vapor

extension LanternApp {
    /// `lantern import freshdesk`: migrates, then imports the Freshdesk account at `source` into `accountID` (see
    /// `FreshdeskImporter`). Throws `FreshdeskImportError`, whose `exitCode` the command exits with.
    public static func importFreshdesk(settings: LanternSettings, source: FreshdeskSource, apiKey: String, accountID: Int,
                                       dryRun: Bool,
                                       progress: @escaping @Sendable (FreshdeskImportProgress) -> Void) async throws -> FreshdeskImportReport {
        try await withApplication(settings: settings) { app in
            try await LanternServer.migrate(app)
            let http = FreshdeskClient.makeHTTPClient()
            var client = FreshdeskClient(source: source, apiKey: apiKey, http: http)
            client.onWait = { seconds, reason in progress(.waiting(seconds: seconds, reason: reason)) }
            do {
                let report = try await FreshdeskImporter.run(client, images: FreshdeskImageFetcher(client: client, app: app), accountID: accountID,
                                                             dryRun: dryRun, on: app.db, progress: progress)
                try await http.shutdown()
                return report
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }
}
