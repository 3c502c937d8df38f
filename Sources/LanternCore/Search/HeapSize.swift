/// What Swift's containers cost on the heap, as glibc's allocator hands out memory (16-byte steps, 8 bytes of
/// header per block, 32 bytes at least), for the search structures' estimates of their size (`estimatedBytes`),
/// which the memory budget is enforced on. Checked against the process's resident memory by `SearchMemoryTests`.
enum HeapSize {
    /// What `allocated` bytes of search structures cost in resident memory: the allocator's gaps between their
    /// blocks (left by what a build allocates and frees meanwhile) add about a fifth (measured: 19 %).
    static func resident(_ allocated: Int) -> Int { allocated / 5 * 6 }

    /// One heap block holding `bytes`.
    static func block(_ bytes: Int) -> Int { Swift.max(32, (bytes + 8 + 15) / 16 * 16) }

    /// An array's buffer (nothing for an empty array: it shares one empty buffer).
    static func array<Element>(of _: Element.Type, capacity: Int) -> Int {
        capacity == 0 ? 0 : block(32 + capacity * MemoryLayout<Element>.stride)
    }

    /// A dictionary's or set's storage: its buckets (a power of two, at most 3/4 full), each with its key and value
    /// and a bit of occupancy, and the header.
    static func hashTable(keyAndValueStride: Int, capacity: Int) -> Int {
        guard capacity > 0 else { return 0 }
        var buckets = 1
        while buckets * 3 / 4 < capacity { buckets *= 2 }
        return block(64 + buckets * keyAndValueStride + buckets / 8)
    }

    /// A string's own bytes: none for a small string (up to 15 UTF-8 bytes are kept inline), a block otherwise.
    static func string(_ text: String) -> Int {
        let count = text.utf8.count
        return count <= 15 ? 0 : block(32 + count + 1)
    }
}
