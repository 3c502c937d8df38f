import Crypto
import Foundation
import LanternCore

/// An uploaded file written to a temporary file as it arrived, with what was learnt on the way: its size, its
/// SHA-256 and its first bytes. Whoever spools it removes it (`remove()`) once the request is over.
struct SpooledFile: Sendable {
    /// The name the client gave it, as sent.
    let filename: String
    let path: String
    let size: Int
    /// Hex SHA-256 of the content.
    let sha256: String
    /// The first `AttachmentPolicy.signatureBytes` bytes (fewer for a shorter file).
    let head: [UInt8]

    /// The content, read back whole.
    func contents() throws -> Data {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard data.count == size else { throw CocoaError(.fileReadCorruptFile) }
        return data
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// How old a spooled file must be for `sweep` to take it as left behind: far longer than any upload may stall
    /// (`LANTERN_BODY_TIMEOUT` bounds each gap, the budget the bytes), so a live upload's file is never taken.
    static let abandonedAfter: TimeInterval = 3_600

    /// Removes the regular files in `directory` last written over `abandonedAfter` ago: what a process that
    /// crashed mid-upload left. Run at start-up; returns how many were removed.
    @discardableResult
    static func sweep(directory: String, now: Date = Date()) -> Int {
        let files = FileManager.default
        guard let names = try? files.contentsOfDirectory(atPath: directory) else { return 0 }
        var removed = 0
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let attributes = try? files.attributesOfItem(atPath: path),
                  attributes[.type] as? FileAttributeType == .typeRegular,
                  let modified = attributes[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > abandonedAfter,
                  (try? files.removeItem(atPath: path)) != nil
            else { continue }
            removed += 1
        }
        return removed
    }

    /// Writes one file to a new temporary file, chunk by chunk.
    final class Writer {
        let filename: String
        let path: String
        private let handle: FileHandle
        private var hasher = SHA256()
        private(set) var size = 0
        private(set) var head: [UInt8] = []

        /// A new file in `directory` (made if missing).
        init(filename: String, directory: String) throws {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            self.filename = filename
            path = URL(fileURLWithPath: directory).appendingPathComponent(UUID().uuidString).path
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteUnknown)
            }
            self.handle = handle
        }

        func write(_ bytes: [UInt8]) throws {
            do {
                try handle.write(contentsOf: bytes)
            } catch {
                discard()
                throw error
            }
            hasher.update(data: bytes)
            if head.count < AttachmentPolicy.signatureBytes {
                head.append(contentsOf: bytes.prefix(AttachmentPolicy.signatureBytes - head.count))
            }
            size += bytes.count
        }

        /// Closes the file and describes it.
        func finish() throws -> SpooledFile {
            try handle.close()
            let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
            return SpooledFile(filename: filename, path: path, size: size, sha256: digest, head: head)
        }

        /// Closes and removes the file.
        func discard() {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}
