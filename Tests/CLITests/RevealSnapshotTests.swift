import Foundation
import PLPTestSupport
import Testing

/// `project members --reveal` prints what one head says: a writer that commits between its fold and the contacts it
/// opens (here `forget`, which destroys a member's key) makes it read again, never print a contact state from after
/// the head it reports.
@Suite struct RevealSnapshotTests {
    @Test func aWriterCommittingWhileContactsAreRevealedIsNotHalfSeen() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("r.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = Lines.approvedPLP("P", commune: "21004") + [Lines.memberJoined("m1", plp: "P", name: "Anna Claes")]
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n").status == 0)
        let marker = scratch.path("hold")
        let reader = try CLI.start(["--ledger", ledger, "project", "members", "--reveal", "--format", "csv"],
                                   environment: ["PLP_LEDGER_FAULT": "revealing:hold", "PLP_LEDGER_FAULT_HOLD": marker])
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && reader.0.isRunning && Date() < deadline { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: marker))
        // Between the reader's fold (6 events) and its reveals, the member is erased (7 events).
        let forgot = try CLI.run(["--ledger", ledger, "forget", "m1"])
        #expect(forgot.status == 0, "\(forgot.stderr)")
        try FileManager.default.removeItem(atPath: marker)
        let result = try CLI.finish(reader)
        #expect(result.status == 0, "\(result.stderr)")
        // The figures and the contacts come from the same head: the one after the erasure.
        #expect(result.stderr.contains("computed from 7 events"), "\(result.stderr)")
        #expect(!result.stdout.contains("Anna Claes"))
    }
}
