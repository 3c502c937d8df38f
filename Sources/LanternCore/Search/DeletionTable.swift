/// The typo corrector's one-deletion table in little memory: each one-deletion variant of a vocabulary word points to
/// the word's id, held as an open-addressing table of 32-bit hashes and word ids (8 bytes a slot, at most 70 % full)
/// rather than a dictionary of arrays (about ten times that). Unrelated variants may share a hash, so `candidates`
/// can name words the variant is not a deletion of: the caller checks each (`TypoCorrector.isDeletion`).
struct DeletionTable {
    /// A slot's hash; 0 marks an empty slot (a variant hashing to 0 is stored as 1).
    private var hashes: [UInt32] = []
    private var ids: [Int32] = []
    private var count = 0

    static let maximumLoad = 0.7

    mutating func insert(_ variant: String, id: Int32) {
        if Double(count + 1) > Double(hashes.count) * Self.maximumLoad { grow() }
        place(Self.hash(variant), id)
        count += 1
    }

    /// Calls `body` with every word id stored under `variant`'s hash.
    func candidates(_ variant: String, _ body: (Int32) -> Void) {
        guard !hashes.isEmpty else { return }
        let hash = Self.hash(variant), mask = hashes.count - 1
        var slot = Int(hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash { body(ids[slot]) }
            slot = (slot + 1) & mask
        }
    }

    /// The bytes its two arrays take on the heap.
    var estimatedBytes: Int { HeapSize.array(of: UInt32.self, capacity: hashes.capacity) + HeapSize.array(of: Int32.self, capacity: ids.capacity) }

    private static func hash(_ variant: String) -> UInt32 {
        var hasher = Hasher()
        hasher.combine(variant)
        let hash = UInt32(truncatingIfNeeded: hasher.finalize())
        return hash == 0 ? 1 : hash
    }

    private mutating func place(_ hash: UInt32, _ id: Int32) {
        let mask = hashes.count - 1
        var slot = Int(hash) & mask
        while hashes[slot] != 0 { slot = (slot + 1) & mask }
        hashes[slot] = hash
        ids[slot] = id
    }

    private mutating func grow() {
        let old = (hashes, ids)
        let size = Swift.max(64, hashes.count * 2)
        hashes = [UInt32](repeating: 0, count: size)
        ids = [Int32](repeating: 0, count: size)
        for (hash, id) in zip(old.0, old.1) where hash != 0 { place(hash, id) }
    }
}
