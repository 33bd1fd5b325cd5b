import Foundation
import PLPTestSupport
import Testing

/// `forget` of a member already erased succeeds and appends nothing.
@Suite struct ForgetTests {
    @Test func forgettingTwiceExitsZeroAndAppendsNothing() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("f.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = Lines.approvedPLP("72004-0119") + [Lines.memberJoined("m1", plp: "72004-0119")]
        let imported = try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n")
        #expect(imported.status == 0, "\(imported.stderr)")
        let first = try CLI.run(["--ledger", ledger, "forget", "m1"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("MemberErased at seq 7"))
        let export = try CLI.run(["--ledger", ledger, "export"]).stdout
        let second = try CLI.run(["--ledger", ledger, "forget", "member/m1"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("member/m1 was already erased (seq 7); nothing to do"), "\(second.stderr)")
        #expect(try CLI.run(["--ledger", ledger, "export"]).stdout == export)
    }
}
