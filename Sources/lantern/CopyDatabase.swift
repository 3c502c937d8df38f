import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// `lantern copy-database`.
struct CopyDatabase: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy-database",
        abstract: "Copy every row from an SQLite file into an empty PostgreSQL database (moving an install to PostgreSQL)."
    )

    @Option(help: "The SQLite database to read, as sqlite:PATH.") var from: String
    @Option(help: "The empty PostgreSQL database to fill, as postgres://user:password@host:port/database.") var to: String

    func run() async throws {
        let source: DatabaseLocation, target: DatabaseLocation
        do {
            source = try DatabaseLocation(databaseURL: from)
            target = try DatabaseLocation(databaseURL: to)
        } catch let error as DatabaseLocation.InvalidURL {
            throw UsageError(message: error.description)
        }
        guard case .sqlite(let path) = source, FileManager.default.fileExists(atPath: path) else {
            throw UsageError(message: "--from must name an existing SQLite file, as sqlite:PATH.")
        }
        guard case .postgres(let url) = target else {
            throw UsageError(message: "--to must be a postgres:// or postgresql:// URL.")
        }
        let summary = try await DatabaseCopier.copy(fromSQLite: path, toPostgres: url, bcryptCost: environmentSettings().bcryptCost)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        print(String(decoding: try encoder.encode(summary), as: UTF8.self))
    }
}
