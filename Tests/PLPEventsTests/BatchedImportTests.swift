import Foundation
import PLPEvents
import PLPTestSupport
import Testing

/// An import commits its batches beyond the head and stages their index entries: the rules that look back at a
/// stream's history (`EventVoided`) and at earlier ids must see the import's earlier batches as if it were one.
@Suite struct BatchedImportTests {
    static let ids = (0..<5).map { String(format: "5d0c4a2e-0000-4000-8000-%012d", $0) }

    /// PLP P founded in the file's first batch, 9,000 burglaries, then `tail`.
    static func lines(then tail: [String]) -> [String] {
        let plp = Lines.approvedPLP("P").enumerated().map { index, line in
            line.replacingOccurrences(of: #"{"stream""#, with: #"{"id":"\#(ids[index])","stream""#)
        }
        return plp + (0..<9_000).map { Lines.burglary("21004", on: "2024-0\($0 % 9 + 1)-1\($0 % 9)") } + tail
    }

    static func void(_ index: Int) -> String {
        Lines.event("plp/P", "EventVoided", #"{"ref":"\#(ids[index])","reason":"entered twice"}"#, at: "2024-12-01T10:00:00+01:00")
    }

    @Test func aVoidInALaterBatchSeesTheStreamOfEarlierBatches() throws {
        for batchSize in [100, 1_000, 50_000] {
            let ledger = try TemporaryLedger()
            var options = ImportOptions()
            options.batchSize = batchSize
            let report = try ledger.store.importEvents(from: try ledger.file("ok.ndjson", lines: Self.lines(then: [Self.void(4)])), options: options)
            #expect(report.appended == 9_006, "batch \(batchSize)")
            #expect(try ledger.store.statistics().voidedEvents == 1)
            #expect(try ledger.store.verify().isIntact)
        }
    }

    @Test func aVoidThatBreaksTheRulesIsRefusedWhateverTheBatches() throws {
        for batchSize in [100, 1_000, 50_000] {
            let ledger = try TemporaryLedger()
            var options = ImportOptions()
            options.batchSize = batchSize
            let failure = #expect(throws: ImportFailure.self) {
                try ledger.store.importEvents(from: try ledger.file("bad.ndjson", lines: Self.lines(then: [Self.void(0)])), options: options)
            }
            #expect(failure?.description.contains("line 9006: ") == true, "\(failure?.description ?? "")")
            #expect(failure?.description.contains("breaking its rules") == true, "\(failure?.description ?? "")")
            #expect(try ledger.store.count() == 0)
            #expect(try ledger.store.statistics().voidedEvents == 0)
        }
    }

    @Test(arguments: [100, 1_000])
    func anIDGivenInAnEarlierBatchIsKnownInALaterOne(batchSize: Int) throws {
        let ledger = try TemporaryLedger()
        var options = ImportOptions()
        // 100: 90 batches, whose index runs are merged into tiers 1 and 2 before the last lines look them up.
        options.batchSize = batchSize
        // The same event again (skipped), then another event with the same id (refused).
        let again = Self.lines(then: []).first ?? ""
        let report = try ledger.store.importEvents(from: try ledger.file("again.ndjson", lines: Self.lines(then: [again])), options: options)
        #expect(report.appended == 9_005 && report.skipped == 1)
        let clash = Lines.burglary("21004", id: Self.ids[2])
        let failure = #expect(throws: ImportFailure.self) {
            try ledger.store.importEvents(from: try ledger.file("clash.ndjson", lines: [Lines.burglary("21004"), clash]), options: options)
        }
        #expect(failure?.description.contains("with other content") == true, "\(failure?.description ?? "")")
        #expect(try ledger.store.count() == 9_005)
    }

    /// Members who join in the file's first batches and leave 40 batches later, then 30 more batches: with batches
    /// of 100 lines, their facts are in runs merged into tiers 1 and 2 (8 and 64 batches) before they are read.
    static func membersLeavingAfterManyBatches(then tail: [String]) -> [String] {
        var lines = Lines.approvedPLP("P")
        lines += (0..<50).map { Lines.memberJoined("m\($0)", plp: "P") }
        lines += (0..<4_000).map { Lines.burglary("21004", on: "2024-0\($0 % 9 + 1)-1\($0 % 9)") }
        lines += (0..<50).map { Lines.event("member/m\($0)", "MemberLeft", #"{"reason":"request"}"#) }
        lines += (0..<3_000).map { Lines.burglary("11002", on: "2024-0\($0 % 9 + 1)-1\($0 % 9)") }
        return lines + tail
    }

    @Test func aStreamsNewestFactsWinAcrossTheMergedRunsOfFacts() throws {
        let ledger = try TemporaryLedger()
        var options = ImportOptions()
        options.batchSize = 100
        let lines = Self.membersLeavingAfterManyBatches(then: [Lines.memberJoined("m50", plp: "P")])
        let report = try ledger.store.importEvents(from: try ledger.file("ok.ndjson", lines: lines), options: options)
        #expect(report.appended == lines.count)
        for member in ["m0", "m17", "m49"] {
            let facts = try ledger.store.facts(of: StreamName(kind: .member, id: member))
            #expect(facts.version == 2 && facts.flags.contains(.left), "\(member): \(facts)")
        }
        #expect(try ledger.store.facts(of: StreamName(kind: .plp, id: "P")).version == 5)
        #expect(try ledger.store.facts(of: StreamName(kind: .commune, id: "21004")).version == 4_000)
        #expect(try ledger.store.facts(of: StreamName(kind: .member, id: "m50")).version == 1)
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func aRuleThatNeedsTheNewestFactsOfAMergedRunIsKept() throws {
        let ledger = try TemporaryLedger()
        var options = ImportOptions()
        options.batchSize = 100
        // m7 leaves a second time, 30 batches after the first: "happens once" must see the merged runs' newest facts.
        let lines = Self.membersLeavingAfterManyBatches(then: [Lines.event("member/m7", "MemberLeft", "{}")])
        let failure = #expect(throws: ImportFailure.self) {
            try ledger.store.importEvents(from: try ledger.file("bad.ndjson", lines: lines), options: options)
        }
        #expect(failure?.description.contains("line \(lines.count): ") == true, "\(failure?.description ?? "")")
        #expect(failure?.description.contains("once") == true, "\(failure?.description ?? "")")
        #expect(try ledger.store.count() == 0)
    }

    /// The member keys an import creates are staged as runs and merged in tiers: a member whose contact changes 70
    /// batches after joining is sealed with the same key (both contacts open), and a member erased in the same import
    /// has no key left once it is visible.
    @Test func memberKeysCreatedByAnImportAreFoundAcrossMergedRunsAndErasedOnes() throws {
        let ledger = try TemporaryLedger()
        var options = ImportOptions()
        options.batchSize = 100
        var lines = Lines.approvedPLP("P")
        lines += (0..<50).map { Lines.memberJoined("m\($0)", plp: "P", name: "Name \($0)") }
        lines += (0..<7_000).map { Lines.burglary("21004", on: "2024-0\($0 % 9 + 1)-1\($0 % 9)") }
        lines.append(Lines.event("member/m3", "MemberContactChanged", #"{"contact":{"name":"Later Name","phone":"+32 470 11 11 11"}}"#))
        lines.append(Lines.event("member/m4", "MemberErased", "{}"))
        let report = try ledger.store.importEvents(from: try ledger.file("keys.ndjson", lines: lines), options: options)
        #expect(report.appended == lines.count)
        let m3 = try ledger.store.history(of: StreamName(kind: .member, id: "m3"))
        #expect(m3.count == 2)
        #expect(try ledger.store.reveal(m3[0].payload.contact ?? .sealed([]), member: "m3") == .clear(ContactDetails(name: "Name 3", phone: "+32 470 00 00 00")))
        #expect(try ledger.store.reveal(m3[1].payload.contact ?? .sealed([]), member: "m3") == .clear(ContactDetails(name: "Later Name", phone: "+32 470 11 11 11")))
        let m4 = try ledger.store.history(of: StreamName(kind: .member, id: "m4"))
        #expect(try ledger.store.reveal(m4[0].payload.contact ?? .sealed([]), member: "m4") == .erased)
        let m49 = try ledger.store.history(of: StreamName(kind: .member, id: "m49"))
        #expect(try ledger.store.reveal(m49[0].payload.contact ?? .sealed([]), member: "m49") == .clear(ContactDetails(name: "Name 49", phone: "+32 470 00 00 00")))
        #expect(try ledger.store.verify().isIntact)
    }
}
