#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Values read from an SQLite database file, kept for as long as the file has not changed, so that the reads every
/// widget request starts with (its widget, and the account's `search_version`) skip the database round trip, which
/// costs more than a search. Whether anything changed is read from the files themselves, with `stat(2)` on every
/// lookup: any commit, by any process or tool, writes the WAL (or, on a checkpoint or without WAL, the main file),
/// which changes its size or modification time; a restored copy changes its inode. A value is kept only when its
/// read began after the files had been still for `settle`, so that a commit within the file system's timestamp
/// granularity of the read cannot hide behind an unchanged modification time. A value is never served once the
/// files differ from what they were when it was read.
final class SQLiteFileCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    /// What `stat(2)` says of one file; `nil` fields mean the file does not exist.
    struct FileState: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int

        var modified: Double { Double(modifiedSeconds) + Double(modifiedNanoseconds) / 1e9 }

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            #if canImport(Darwin)
            modifiedSeconds = Int(info.st_mtimespec.tv_sec)
            modifiedNanoseconds = Int(info.st_mtimespec.tv_nsec)
            #else
            modifiedSeconds = Int(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
            #endif
        }
    }

    /// The database file and its write-ahead log, as one comparable state.
    struct Stamp: Equatable, Sendable {
        let main: FileState
        let log: FileState?

        /// The later of the two modification times.
        var lastModified: Double { max(main.modified, log?.modified ?? 0) }
    }

    let path: String
    let settle: Double
    let maximumEntries: Int
    private let entries = NIOLockedValueBox<[Key: (value: Value, stamp: Stamp)]>([:])

    /// `path`: the SQLite database file (its log is `path-wal`). `settle`: seconds the files must have been still
    /// before a value read from them is kept.
    init(path: String, settle: Double = 0.1, maximumEntries: Int = 10_000) {
        self.path = path
        self.settle = settle
        self.maximumEntries = maximumEntries
    }

    /// The files as they are now; `nil` when the database file cannot be read (nothing is then kept).
    func stamp() -> Stamp? {
        guard let main = FileState(path: path) else { return nil }
        return Stamp(main: main, log: FileState(path: path + "-wal"))
    }

    /// The value for `key`: kept, when the files are as they were when it was read; otherwise `read` (whose `nil`,
    /// such as a widget that does not exist, is never kept).
    func value(for key: Key, read: () async throws -> Value?) async rethrows -> Value? {
        let stamp = stamp()
        if let stamp, let entry = entries.withLockedValue({ $0[key] }), entry.stamp == stamp { return entry.value }
        let started = Date().timeIntervalSince1970
        guard let value = try await read() else { return nil }
        if let stamp, stamp.lastModified < started - settle {
            entries.withLockedValue { entries in
                if entries.count >= maximumEntries { entries.removeAll(keepingCapacity: true) }
                entries[key] = (value, stamp)
            }
        }
        return value
    }
}

extension Application {
    private struct WidgetRecordsKey: StorageKey { typealias Value = any KeptValues<Int, WidgetRecord> }

    /// Widgets read for widget requests (with their account's `search_version`), kept while the SQLite file is
    /// unchanged, or on PostgreSQL until a change notification names their account.
    var widgetRecords: (any KeptValues<Int, WidgetRecord>)? {
        get { storage[WidgetRecordsKey.self] }
        set { storage[WidgetRecordsKey.self] = newValue }
    }
}
