import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether the process that left a temporary file behind still runs.
enum ProcessLiveness {
    /// True when no process `pid` exists (`kill(pid, 0)` fails with `ESRCH`), or `pid` cannot be a process id at all;
    /// false for this process and for one that runs (even another user's).
    static func hasEnded(_ pid: Int64) -> Bool {
        guard pid > 0 else { return false }
        guard pid <= Int64(Int32.max) else { return true }
        let id = pid_t(pid)
        if id == getpid() { return false }
        return kill(id, 0) != 0 && errno == ESRCH
    }
}
