import LanternCore
import LanternServer

/// The settings from the environment, parsed once for the command that needs them; a value Lantern cannot use
/// is a usage error (exit code 2) naming the variable and what it allows.
func environmentSettings(demo: Bool = false) throws -> LanternSettings {
    do {
        return try LanternSettings.fromEnvironment(demo: demo)
    } catch let error as DatabaseLocation.InvalidURL {
        throw UsageError(message: error.description)
    } catch let error as LanternSettings.InvalidSetting {
        throw UsageError(message: error.description)
    }
}
