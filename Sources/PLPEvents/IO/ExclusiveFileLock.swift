import Foundation

/// Taking an exclusive advisory `flock`, telling the caller first when it has to wait (the import lock, the publish
/// lock). The kernel drops the lock when its descriptor is closed, however the process ends.
enum ExclusiveFileLock {
    /// Locks `descriptor`, calling `waiting` once if another holder makes it wait; retries on EINTR.
    /// - Returns: 0 when locked, else the `errno` of the failure (the descriptor is left open).
    static func take(_ descriptor: Int32, waiting: () -> Void) -> Int32 {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return 0 }
        waiting()
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { return errno }
        }
        return 0
    }
}
