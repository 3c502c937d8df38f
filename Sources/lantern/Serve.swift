import ArgumentParser
import Foundation
import LanternCore
import LanternServer

/// `lantern serve`.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations, then serve HTTP.")

    @Option(help: "The address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @Flag(help: "Seed the demo account on first start and serve /demo.") var demo = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
    }

    func run() async throws {
        try await LanternApp.serve(settings: environmentSettings(demo: demo), hostname: hostname, port: port)
    }
}
