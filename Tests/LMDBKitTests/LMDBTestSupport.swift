import Foundation
import LMDBKit
import Synchronization
import Testing

/// A fresh temporary directory for one test, removed by `remove()`.
struct LMDBTestDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        path = "\(base)/plp-lmdb-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Runs `body` with a fresh environment in a fresh temporary directory; closes and deletes it afterwards.
func withLMDBTestEnvironment<R>(
    _ configure: (inout LMDBOptions) -> Void = { _ in },
    _ body: (LMDBEnvironment, LMDBTestDirectory) throws -> R
) throws -> R {
    let directory = try LMDBTestDirectory()
    defer { directory.remove() }
    var options = LMDBOptions()
    options.durable = false // tests do not need fsync
    configure(&options)
    let env = try LMDBEnvironment.open(directory: directory.path + "/env", options: options)
    defer { try? env.close() }
    return try body(env, directory)
}

/// Runs `body(index)` on `count` new threads and waits for all of them.
func runLMDBTestThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            body(index)
            group.leave()
        }
        thread.start()
    }
    group.wait()
}

/// Failures collected on other threads, checked on the test's thread.
final class LMDBTestFailures: Sendable {
    private let messages = Mutex<[String]>([])
    func record(_ message: String) { messages.withLock { $0.append(message) } }
    var all: [String] { messages.withLock { $0 } }
}

extension Array where Element == UInt8 {
    /// UTF-8 bytes of a string, for readable test keys.
    init(lmdbString string: String) { self = Array(string.utf8) }
}

/// A string from bytes, for readable expectations.
func lmdbString(_ bytes: UnsafeRawBufferPointer?) -> String? {
    bytes.map { String(decoding: $0, as: UTF8.self) }
}
