import Foundation
import PLPTestSupport
import Testing

/// Appends from several processes at once: each waits its turn, none is lost, and none says an import is running when
/// none is.
@Suite struct ConcurrentAppendTests {
    @Test func fourProcessesAppendingSayNothingOfAnImport() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("c.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let workers = 4, each = 8
        let results = Locked<[CLI.Result]>([])
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in 0..<each {
                let line = Events.burglary(["21004", "11002", "72004", "44021"][worker], day: worker * each + i)
                if let result = try? CLI.run(["--ledger", ledger, "append"], stdin: line) { results.mutate { $0.append(result) } }
            }
        }
        let all = results.value
        #expect(all.count == workers * each)
        #expect(all.allSatisfy { $0.status == 0 }, "\(all.map(\.stderr))")
        #expect(!all.contains { $0.stderr.contains("an import is running") }, "\(all.map(\.stderr))")
        let stats = try CLI.run(["--ledger", ledger, "digest", "--format", "json"])
        #expect(stats.stdout.hasPrefix(#"{"size":32,"#))
    }
}

/// A value shared by threads, behind a lock.
final class Locked<Value>: @unchecked Sendable {
    private var stored: Value
    private let lock = NSLock()
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func mutate(_ body: (inout Value) -> Void) { lock.lock(); defer { lock.unlock() }; body(&stored) }
}
