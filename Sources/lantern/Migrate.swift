import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// `lantern migrate`.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations and exit.")

    func run() async throws {
        try await LanternApp.migrate(settings: environmentSettings())
        print("Migrations are up to date.")
    }
}
