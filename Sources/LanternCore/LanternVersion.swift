/// Lantern's release, as `lantern --version` prints it.
public enum LanternVersion {
    public static let current = "0.9.0"
}
