/// Makes glibc's malloc serve every allocation of 1 MiB or more with its own mapping, returned to the system when
/// freed. By default glibc raises that threshold after each such free (up to 32 MiB), after which a large
/// transient buffer (an attachment being stored, a big response) is carved from a per-thread arena that keeps the
/// memory once it is freed, so a burst of uploads would leave the process tens of MiB larger for good.
enum LargeBufferAllocation {
    static func returnToSystemWhenFreed() {
        #if os(Linux)
        _ = glibcMallopt(mmapThresholdParameter, 1 << 20)
        #endif
    }

    /// `M_MMAP_THRESHOLD` of glibc's `<malloc.h>`, which the Glibc module does not import.
    private static let mmapThresholdParameter: Int32 = -3
}

#if os(Linux)
/// glibc's `mallopt(3)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
