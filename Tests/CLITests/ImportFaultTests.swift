import Foundation
import PLPEvents
import PLPTestSupport
import Testing

/// An import is all or nothing as every reader sees it, whatever stops it: a rule broken by a concurrent writer, a
/// kill at each stage of its pipeline, a full disk. Real processes, real files, a real tmpfs.
@Suite struct ImportFaultTests {
    /// A file of `count` burglaries without ids: nothing but the file journal can tell a re-run from new events.
    static func burglaries(_ count: Int, in scratch: Scratch, name: String = "burglaries.ndjson") throws -> String {
        let lines = (0..<count).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        return try scratch.write(name, lines.joined(separator: "\n") + "\n")
    }

    static func events(in ledger: String) throws -> Int {
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
        guard let range = stats.range(of: #""events":"#) else { return -1 }
        return Int(stats[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }

    /// Starts an import held at `stage`; returns once it is there.
    static func holdImport(_ arguments: [String], at stage: String, marker: String) throws -> (Process, Pipe, Pipe) {
        let started = try CLI.start(arguments, environment: ["PLP_LEDGER_FAULT": "\(stage):hold", "PLP_LEDGER_FAULT_HOLD": marker])
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: marker) && started.0.isRunning && Date() < deadline { usleep(10_000) }
        return started
    }

    @Test func aWriterThatComesDuringAnImportWaitsAndCannotBreakIt() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("w.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        // The file proposes plp/X at its end; a concurrent append proposes it too, while the import runs.
        var lines = (0..<20_000).map { Events.burglary("21004", day: $0) }
        lines += Lines.approvedPLP("X", commune: "21004")
        let file = try scratch.write("f.ndjson", lines.joined(separator: "\n") + "\n")
        let marker = scratch.path("hold")
        let running = try Self.holdImport(["--ledger", ledger, "import", file], at: "first-chunk", marker: marker)
        #expect(running.0.isRunning)
        let rival = try CLI.start(["--ledger", ledger, "append"], stdin: Data((Lines.approvedPLP("X", commune: "21004")[0] + "\n").utf8))
        usleep(500_000)
        #expect(rival.0.isRunning, "the rival append did not wait for the import")
        try FileManager.default.removeItem(atPath: marker)
        let imported = CLI.finish(running)
        #expect(imported.status == 0, "\(imported.stderr)")
        let appended = CLI.finish(rival)
        #expect(appended.stderr.contains("an import is running in this ledger"), "\(appended.stderr)")
        #expect(appended.status == 1, "\(appended.stderr)")
        #expect(appended.stderr.contains("PLPProposed"), "\(appended.stderr)")
        #expect(try Self.events(in: ledger) == lines.count)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func aRuleBrokenByAnEarlierWriterRefusesTheWholeFileAndWritesNothing() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("r.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "append"], stdin: Lines.approvedPLP("X", commune: "21004")[0] + "\n").status == 0)
        let before = try CLI.run(["--ledger", ledger, "digest"]).stdout
        var lines = (0..<30_000).map { Events.burglary("21004", day: $0) }
        lines += Lines.approvedPLP("X", commune: "21004")
        let file = try scratch.write("f.ndjson", lines.joined(separator: "\n") + "\n")
        let refused = try CLI.run(["--ledger", ledger, "import", file])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 30001: "), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was written"), "\(refused.stderr)")
        #expect(try CLI.run(["--ledger", ledger, "digest"]).stdout == before)
    }

    @Test func readersDuringAnImportSeeTheLedgerBeforeItThenAllOfIt() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("v.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "import", try Self.burglaries(100, in: scratch, name: "a.ndjson")]).status == 0)
        let before = try CLI.run(["--ledger", ledger, "digest"]).stdout
        let file = try Self.burglaries(10_000, in: scratch)
        // Small batches: several are committed beyond the head before the readers look.
        for stage in ["first-chunk", "merging-runs", "merging", "before-commit"] {
            let marker = scratch.path("hold-\(stage)")
            let running = try Self.holdImport(["--ledger", ledger, "import", file, "--batch-size", "1000"], at: stage, marker: marker)
            #expect(try CLI.run(["--ledger", ledger, "digest"]).stdout == before, "\(stage)")
            #expect(try Self.events(in: ledger) == 100, "\(stage)")
            let export = try CLI.run(["--ledger", ledger, "export"]).stdout
            #expect(export.split(separator: "\n").count == 100, "\(stage)")
            let trend = try CLI.run(["--ledger", ledger, "project", "burglary-trend", "--by", "year", "--format", "csv"])
            #expect(trend.status == 0, "\(trend.stderr)")
            let proof = try CLI.run(["--ledger", ledger, "prove", "inclusion", "101"])
            #expect(proof.status == 1, "\(stage): an event beyond the head was proved: \(proof.stdout)")
            if stage != "before-commit" {
                kill(running.0.processIdentifier, SIGKILL)
                _ = CLI.finish(running)
                #expect(try CLI.run(["--ledger", ledger, "digest"]).stdout == before)
            } else {
                try FileManager.default.removeItem(atPath: marker)
                #expect(CLI.finish(running).status == 0)
            }
        }
        #expect(try Self.events(in: ledger) == 10_100)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func anInterruptedImportSaysNothingWasWrittenAndTheNextRunSaysItRemovesIt() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("i.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = (0..<20_000).map { Events.burglary(["21004", "11002"][$0 % 2], day: $0) }
        let file = try scratch.write("f.ndjson", lines.joined(separator: "\n") + "\n")
        // Held after its first batch was committed beyond the head, then asked to stop (SIGTERM: a test runner started
        // in the background may have SIGINT ignored, and the import keeps a signal it was started to ignore; Ctrl-C
        // is the same handler with status 130).
        let marker = scratch.path("hold")
        let (process, out, err) = try Self.holdImport(["--ledger", ledger, "import", file, "--batch-size", "1000"],
                                                       at: "merging-runs", marker: marker)
        #expect(process.isRunning)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        _ = out.fileHandleForReading.readDataToEndOfFile()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM, "\(process.terminationStatus) \(stderr)")
        #expect(stderr.contains("interrupted: nothing was written (the ledger is as it was before); run the same import again"), "\(stderr)")
        #expect(try Self.events(in: ledger) == 0)
        let again = try CLI.run(["--ledger", ledger, "import", file])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("removing what an interrupted import left"), "\(again.stderr)")
        #expect(try Self.events(in: ledger) == 20_000)
    }

    @Test(arguments: ["first-chunk", "merging-runs", "merging", "moving-keys", "moving-facts", "before-commit"])
    func anImportKilledAtAStageIsCompletedByRunningItAgain(stage: String) throws {
        let scratch = try Scratch()
        let ledger = scratch.path("k.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        // Members with contact data in the file for a kill while their keys move; their events come first.
        var lines = stage == "moving-keys" ? Lines.approvedPLP("K", commune: "21004") + (0..<30).map { Lines.memberJoined("k\($0)", plp: "K") } : []
        lines += (0..<30_000 - lines.count).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        let file = try scratch.write("burglaries.ndjson", lines.joined(separator: "\n") + "\n")
        // Batches of 1,000 for a kill in a merge of staged runs (the 8th batch's runs are merged).
        let batch = stage == "merging-runs" ? "1000" : "5000"
        let killed = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", batch],
                                 environment: ["PLP_LEDGER_FAULT": "\(stage):kill"])
        #expect(killed.diedBySignal && killed.status == SIGKILL, "\(killed.status) \(killed.stderr)")
        #expect(try Self.events(in: ledger) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: ledger).sorted()
        #expect(names == ["data.mdb", "lock.mdb"], "\(names)")
        let again = try CLI.run(["--ledger", ledger, "import", file])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.events(in: ledger) == 30_000)
        // And once more: the file journal knows it, nothing is appended twice.
        let third = try CLI.run(["--ledger", ledger, "import", file])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("already imported"), "\(third.stderr)")
        #expect(try Self.events(in: ledger) == 30_000)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
        if stage == "moving-keys" {
            // The keys the killed run had moved were removed; the new ones open the contacts sealed with them.
            var options = EventStore.Options()
            options.masterKey = try MasterKey.locate(forLedger: ledger)
            let store = try EventStore.open(at: ledger, options: options)
            let joined = try store.history(of: StreamName(kind: .member, id: "k29"))
            #expect(try store.reveal(joined.first?.payload.contact ?? .sealed([]), member: "k29") == .clear(ContactDetails(name: "Jan Peeters", phone: "+32 470 00 00 00")))
        }
    }

    /// The stream facts move into `streams` before the last transaction, in slices: until the head moves, readers
    /// see every stream's facts of before (and not the streams the import makes), and a kill puts them back.
    @Test func streamFactsMovedBeforeTheLastTransactionAreSeenByNoReaderAndPutBackByAKill() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("f.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let plpA = Lines.approvedPLP("A", commune: "21004")
        #expect(try CLI.run(["--ledger", ledger, "import", try scratch.write("a.ndjson", plpA[0..<2].joined(separator: "\n") + "\n")]).status == 0)
        let streamsBefore = try Self.streamsByKind(ledger)
        let factsBefore = try EventStore.open(at: ledger, options: Self.reading).facts(of: StreamName(kind: .plp, id: "A"))
        // The rest of A (its facts change), a new PLP B with members (new streams), burglaries.
        var lines = Array(plpA[2...]) + Lines.approvedPLP("B", commune: "21004")
        lines += (0..<30).map { Lines.memberJoined("m\($0)", plp: "B") }
        lines += (0..<3_000).map { Events.burglary("21004", day: $0) }
        let file = try scratch.write("b.ndjson", lines.joined(separator: "\n") + "\n")
        let marker = scratch.path("hold")
        let running = try Self.holdImport(["--ledger", ledger, "import", file, "--batch-size", "500"], at: "moving-facts", marker: marker)
        #expect(running.0.isRunning)
        #expect(try Self.streamsByKind(ledger) == streamsBefore)
        let store = try EventStore.open(at: ledger, options: Self.reading)
        #expect(try store.facts(of: StreamName(kind: .plp, id: "A")) == factsBefore)
        #expect(try store.facts(of: StreamName(kind: .plp, id: "B")) == .empty)
        #expect(try store.facts(of: StreamName(kind: .member, id: "m3")) == .empty)
        kill(running.0.processIdentifier, SIGKILL)
        _ = CLI.finish(running)
        // The next writer rolls the import back, facts included: A is as it was, B does not exist.
        let refused = try CLI.run(["--ledger", ledger, "append"], stdin: Lines.memberJoined("x", plp: "B") + "\n")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(try EventStore.open(at: ledger, options: Self.reading).facts(of: StreamName(kind: .plp, id: "A")) == factsBefore)
        #expect(try Self.streamsByKind(ledger) == streamsBefore)
        let again = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", "500"])
        #expect(again.status == 0, "\(again.stderr)")
        let after = try EventStore.open(at: ledger, options: Self.reading)
        #expect(try after.facts(of: StreamName(kind: .plp, id: "A")).flags.contains(.approved))
        #expect(try after.facts(of: StreamName(kind: .member, id: "m3")).flags.contains(.exists))
        #expect(try Self.streamsByKind(ledger) != streamsBefore)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    /// A store opened before the ledger's first import knows no staging database: while an import in another process
    /// moves its facts, that store must still read the facts of before, and its first write must roll the killed
    /// import back whole, facts included.
    @Test func aStoreOpenedBeforeAnImportBeganSeesNoneOfItsFactsAndRollsItBack() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("g.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let plpA = Lines.approvedPLP("A", commune: "21004")
        for line in plpA[0..<2] {
            let appended = try CLI.run(["--ledger", ledger, "append"], stdin: line + "\n")
            #expect(appended.status == 0, "\(appended.stderr)")
        }
        let early = try EventStore.open(at: ledger)
        let plp = StreamName(kind: .plp, id: "A")
        let factsBefore = try early.facts(of: plp)
        var lines = Array(plpA[2...]) + Lines.approvedPLP("B", commune: "21004")
        lines += (0..<3_000).map { Events.burglary("21004", day: $0) }
        let file = try scratch.write("b.ndjson", lines.joined(separator: "\n") + "\n")
        let running = try Self.holdImport(["--ledger", ledger, "import", file, "--batch-size", "500"], at: "moving-facts",
                                          marker: scratch.path("hold"))
        #expect(running.0.isRunning)
        #expect(try early.facts(of: plp) == factsBefore)
        #expect(try early.facts(of: StreamName(kind: .plp, id: "B")) == .empty)
        kill(running.0.processIdentifier, SIGKILL)
        _ = CLI.finish(running)
        #expect(throws: AppendError.self) { try early.append([try Lines.decode(Lines.memberJoined("x", plp: "B"))]) }
        #expect(try early.facts(of: plp) == factsBefore)
        #expect(try early.count() == 2)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
        let again = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", "500"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try early.facts(of: plp).flags.contains(.approved))
    }

    static var reading: EventStore.Options {
        var options = EventStore.Options()
        options.readOnly = true
        return options
    }

    /// The `streamsByKind` object of `stats --format json`.
    static func streamsByKind(_ ledger: String) throws -> String {
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
        guard let start = stats.range(of: #""streamsByKind":"#) else { return "" }
        return String(stats[start.upperBound...].prefix { $0 != "}" })
    }

    @Test func anImportKilledAtRandomMomentsNeverLeavesAPart() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("m.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let file = try Self.burglaries(40_000, in: scratch)
        var random = SplitMix64(seed: 12)
        for _ in 0..<6 {
            let started = try CLI.start(["--ledger", ledger, "import", file, "--batch-size", "4000"])
            usleep(UInt32(random.next() % 1_500_000))
            kill(started.0.processIdentifier, SIGKILL)
            _ = CLI.finish(started)
            let seen = try Self.events(in: ledger)
            #expect(seen == 0 || seen == 40_000, "a reader saw \(seen) events")
        }
        #expect(try CLI.run(["--ledger", ledger, "import", file]).status == 0)
        #expect(try Self.events(in: ledger) == 40_000)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func batchesLeftByAKilledImportAreRemovedByTheNextAppendAndSeenByNoReader() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("t.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "import", try Self.burglaries(10, in: scratch, name: "a.ndjson")]).status == 0)
        let before = try CLI.run(["--ledger", ledger, "digest"]).stdout
        let file = try Self.burglaries(20_000, in: scratch)
        let killed = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", "4000"],
                                 environment: ["PLP_LEDGER_FAULT": "merging:kill"])
        #expect(killed.diedBySignal, "\(killed.stderr)")
        // Every reader sees the ledger as it was; verify checks it (the batches beyond the head are not its part).
        #expect(try CLI.run(["--ledger", ledger, "digest"]).stdout == before)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "export"]).stdout.split(separator: "\n").count == 10)
        #expect(try CLI.run(["--ledger", ledger, "prove", "inclusion", "11"]).status == 1)
        // The next writer removes them first: the appended event is seq 11.
        let appended = try CLI.run(["--ledger", ledger, "append"], stdin: Events.burglary("21004", day: 400) + "\n")
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(try CLI.run(["--ledger", ledger, "export", "--since-seq", "10"]).stdout.contains(#""seq":11"#))
        #expect(try Self.events(in: ledger) == 11)
        #expect(try CLI.run(["--ledger", ledger, "import", file]).status == 0)
        #expect(try Self.events(in: ledger) == 20_011)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func anImportRefusedAfterSeveralBatchesLeavesNothingBehind() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("f.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "import", try Self.burglaries(10, in: scratch, name: "a.ndjson")]).status == 0)
        let before = try CLI.run(["--ledger", ledger, "digest"]).stdout
        var lines = (0..<25_000).map { Events.burglary("21004", day: $0) }
        lines.append(#"{"stream":"plp/NOPE","type":"PLPApproved","occurredAt":"2024-01-01T10:00:00+01:00","actor":"spf:x","data":{}}"#)
        let file = try scratch.write("bad.ndjson", lines.joined(separator: "\n") + "\n")
        let refused = try CLI.run(["--ledger", ledger, "import", file, "--batch-size", "4000"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 25001: "), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was written"), "\(refused.stderr)")
        #expect(try CLI.run(["--ledger", ledger, "digest"]).stdout == before)
        // The batches were removed at once: an append takes seq 11, and the file is as large as a ledger of 11 events
        // plus the pages freed for reuse.
        #expect(try CLI.run(["--ledger", ledger, "append"], stdin: Events.burglary("21004", day: 400) + "\n").status == 0)
        #expect(try CLI.run(["--ledger", ledger, "export", "--since-seq", "10"]).stdout.contains(#""seq":11"#))
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func leftoversOfEarlierVersionsAreRemovedByTheNextImport() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("o.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        // What a killed import of an earlier version left: its check pass's scratch environment and a spool.
        let dead: Int32 = 999_999
        try FileManager.default.createDirectory(atPath: ledger + "/import-check-\(dead)-12345", withIntermediateDirectories: false)
        _ = FileManager.default.createFile(atPath: ledger + "/import-check-\(dead)-12345/data.mdb", contents: Data(count: 4096))
        _ = FileManager.default.createFile(atPath: ledger + "/import-stdin-\(dead).spool", contents: Data(count: 100))
        #expect(try CLI.run(["--ledger", ledger, "import", try Self.burglaries(10, in: scratch)]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ledger).sorted() == ["data.mdb", "lock.mdb"])
    }

    @Test func aCompletedImportOfStandardInputIsANoOpTooAndNothingIsWrittenOutsideTheLedger() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("s.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let text = (0..<500).map { Events.burglary("21004", day: $0) }.joined(separator: "\n") + "\n"
        let outside = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: text).status == 0)
        let again = try CLI.run(["--ledger", ledger, "import", "-"], stdin: text)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.events(in: ledger) == 500)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted() == outside)
        #expect(try FileManager.default.contentsOfDirectory(atPath: ledger).sorted() == ["data.mdb", "lock.mdb"])
    }
}
