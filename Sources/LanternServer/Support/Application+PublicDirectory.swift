import Foundation
import Vapor

extension Application {
    /// The folder of Lantern's static files (`LanternSettings.publicDirectory`); a relative path is taken from the
    /// working directory.
    var publicDirectory: URL {
        URL(fileURLWithPath: lantern.publicDirectory, relativeTo: URL(fileURLWithPath: directory.workingDirectory, isDirectory: true))
            .standardizedFileURL
    }
}
