#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many readers or one writer at a time, a waiting writer first: once a writer waits, new readers wait behind it,
/// so that a steady stream of searches cannot starve an index update. For structures read far more often than
/// they change (the in-memory search index, the search vocabulary), whose reads and writes are short.
public final class ReadWriteLock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let changed = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var readers = 0
    private var writing = false
    private var writersWaiting = 0

    public init() {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(changed, nil)
    }

    deinit {
        pthread_cond_destroy(changed)
        pthread_mutex_destroy(mutex)
        changed.deallocate()
        mutex.deallocate()
    }

    public func withReadLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        while writing || writersWaiting > 0 { pthread_cond_wait(changed, mutex) }
        readers += 1
        pthread_mutex_unlock(mutex)
        defer {
            pthread_mutex_lock(mutex)
            readers -= 1
            if readers == 0 { pthread_cond_broadcast(changed) }
            pthread_mutex_unlock(mutex)
        }
        return try body()
    }

    public func withWriteLock<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        writersWaiting += 1
        while writing || readers > 0 { pthread_cond_wait(changed, mutex) }
        writersWaiting -= 1
        writing = true
        pthread_mutex_unlock(mutex)
        defer {
            pthread_mutex_lock(mutex)
            writing = false
            pthread_cond_broadcast(changed)
            pthread_mutex_unlock(mutex)
        }
        return try body()
    }
}
