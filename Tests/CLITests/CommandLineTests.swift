import Foundation
import PLPTestSupport
import Testing

/// The command line as a user meets it: real processes on a real ledger.
@Suite struct CommandLineTests {
    @Test func theLedgerOptionGoesBeforeOrAfterTheCommand() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("a.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let file = try scratch.write("e.ndjson", Events.course(3) + "\n")
        #expect(try CLI.run(["import", file, "--ledger", ledger]).status == 0)
        let other = try scratch.write("f.ndjson", Events.course(4) + "\n")
        #expect(try CLI.run(["--ledger", ledger, "import", other]).status == 0)
        let stats = try CLI.run(["stats", "--format", "json"], environment: ["PLP_LEDGER": ledger])
        #expect(stats.stdout.contains(#""events":2"#))
    }

    @Test func aOneLetterLedgerNameWorks() throws {
        let scratch = try Scratch()
        let made = try CLI.run(["--ledger", "l", "init"], directory: scratch.url)
        #expect(made.status == 0 && !made.diedBySignal, "\(made.stderr)")
        #expect(try CLI.run(["--ledger", "l", "verify"], directory: scratch.url).status == 0)
    }

    @Test func badInputGivesOneSentenceAndAFailureStatus() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("b.ledger")
        let missing = try CLI.run(["--ledger", ledger, "stats"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("there is no ledger at"))
        try CLI.run(["--ledger", ledger, "init"])
        let bad = try scratch.write("bad.ndjson", "{\"stream\":\"plp/x\",\"type\":\"PLPProposed\"}\nnot json\n")
        let result = try CLI.run(["--ledger", ledger, "import", bad])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1: occurredAt: is required"))
        #expect(result.stderr.contains("line 2: "))
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        let noFile = try CLI.run(["--ledger", ledger, "import", scratch.path("nope.ndjson")])
        #expect(noFile.status != 0 && noFile.stderr.contains("cannot open"))
        let badStream = try CLI.run(["--ledger", ledger, "history", "plp"])
        #expect(badStream.status != 0 && badStream.stderr.contains("KIND/ID"))
        for garbage in ["\u{0}\u{1}\u{2}", "{\"a\":", String(repeating: "[", count: 100_000), "\u{FEFF}{}", "{\"stream\":\"plp/\u{E9}\"}"] {
            let appended = try CLI.run(["--ledger", ledger, "append"], stdin: garbage)
            #expect(appended.status != 0)
            #expect(!appended.stderr.contains("Fatal error"))
        }
    }

    @Test func appendPrintsTheRecordedEventAndRefusesAStaleExpectedVersion() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("c.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let first = try CLI.run(["--ledger", ledger, "append"], stdin: Events.course(1, expectedVersion: 0))
        #expect(first.status == 0)
        #expect(first.stdout.contains(#""seq":1"#) && first.stdout.contains(#""hash":""#))
        let stale = try CLI.run(["--ledger", ledger, "append"], stdin: Events.course(2, expectedVersion: 0))
        #expect(stale.status != 0)
        #expect(stale.stderr.contains("programme/BE is at version 1, not 0"))
    }

    @Test func exportToGzipAndImportPreserveIsByteIdentical() throws {
        let scratch = try Scratch()
        let a = scratch.path("a.ledger"), b = scratch.path("b.ledger")
        try CLI.run(["--ledger", a, "init"])
        let lines = (0..<500).map { Events.burglary(["21004", "11002", "72004"][$0 % 3], day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", a, "import", "-"], stdin: lines).status == 0)
        let gz = scratch.path("a.ndjson.gz")
        #expect(try CLI.run(["--ledger", a, "export", "-o", gz]).status == 0)
        try CLI.run(["--ledger", b, "init"])
        #expect(try CLI.run(["--ledger", b, "import", gz, "--preserve"]).status == 0)
        let exportA = try CLI.run(["--ledger", a, "export"]).stdout
        let exportB = try CLI.run(["--ledger", b, "export"]).stdout
        #expect(exportA == exportB)
        #expect(exportA.split(separator: "\n").count == 500)
        let since = try CLI.run(["--ledger", a, "export", "--since-seq", "498"]).stdout
        #expect(since.split(separator: "\n").count == 2)
        #expect(try CLI.run(["--ledger", b, "verify"]).status == 0)
    }

    @Test func concurrentAppendersLoseNothingAndNeverShareAVersion() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("d.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let writers = 4, perWriter = 200
        var processes: [(Process, Pipe, Pipe)] = []
        for writer in 0..<writers {
            let lines = (0..<perWriter).map { Events.course(writer * 1000 + $0) }.joined(separator: "\n") + "\n"
            let file = try scratch.write("w\(writer).ndjson", lines)
            processes.append(try CLI.start(["--ledger", ledger, "import", file, "--batch-size", "7"]))
        }
        for (process, out, err) in processes {
            _ = out.fileHandleForReading.readDataToEndOfFile()
            _ = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let history = try CLI.run(["--ledger", ledger, "history", "programme/BE", "--format", "json"]).stdout
        let versions = history.split(separator: "\n").compactMap { line -> Int? in
            guard let range = line.range(of: #""version":"#) else { return nil }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        #expect(versions == Array(1...(writers * perWriter)))
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func aKilledImportIsCompletedByRunningItAgain() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("e.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let count = 60_000
        // No ids: completing the import must not rely on them.
        let lines = (0..<count).map { Events.burglary(["21004", "11002", "72004", "62063"][$0 % 4], day: $0) }
        let file = try scratch.write("big.ndjson", lines.joined(separator: "\n") + "\n")
        let (process, _, _) = try CLI.start(["--ledger", ledger, "import", file, "--batch-size", "500"])
        // Kill it once some batches are durable.
        let deadline = Date().addingTimeInterval(60)
        var seen = 0
        while Date() < deadline {
            let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
            if let range = stats.range(of: #""events":"#) { seen = Int(stats[range.upperBound...].prefix { $0.isNumber }) ?? 0 }
            if seen >= 2_000 || !process.isRunning { break }
            usleep(20_000)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let again = try CLI.run(["--ledger", ledger, "import", file])
        #expect(again.status == 0, "\(again.stderr)")
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
        #expect(stats.contains(#""events":\#(count)"#), "\(stats)")
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }
}

/// `log`, `history` and `stats` outputs that pipe.
@Suite struct ReadingCommandsTests {
    @Test func logFiltersAndFormats() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("r.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let lines = (0..<30).map { Events.burglary(["21004", "11002"][$0 % 2], day: $0) } + [Events.course(5), Events.course(6)]
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n").status == 0)
        let json = try CLI.run(["--ledger", ledger, "log", "--type", "CourseDelivered", "--format", "json"]).stdout
        #expect(json.split(separator: "\n").count == 2)
        let bySeq = try CLI.run(["--ledger", ledger, "log", "--from-seq", "5", "--to-seq", "9", "--format", "csv"]).stdout
        #expect(bySeq.split(separator: "\n").count == 6)  // header + 5
        #expect(bySeq.hasPrefix("seq,occurredAt,stream,v,type,actor\n"))
        let stream = try CLI.run(["--ledger", ledger, "log", "--stream", "commune/21004", "--limit", "3", "--format", "csv"]).stdout
        #expect(stream.split(separator: "\n").count == 4)
        let january = try CLI.run(["--ledger", ledger, "log", "--since", "2024-01-01", "--until", "2024-01-31", "--format", "json"]).stdout
        #expect(!january.isEmpty && january.split(separator: "\n").allSatisfy { $0.contains("2024-01-") })
        let badType = try CLI.run(["--ledger", ledger, "log", "--type", "Burglary"])
        #expect(badType.status != 0 && badType.stderr.contains("not an event type"))
        let history = try CLI.run(["--ledger", ledger, "history", "programme/BE"]).stdout
        #expect(history.contains("CourseDelivered") && history.contains(#"{"academy":"ANPA","participants":5}"#))
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "csv"]).stdout
        #expect(stats.contains("type,CrimeRecorded,30\n"))
    }

    @Test func benchExistingReplaysAndVerifiesAKeptLedgerAndWritesNothing() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("k.ledger")
        try CLI.run(["--ledger", ledger, "init"])
        let file = try scratch.write("e.ndjson", (1...5).map { Events.course($0) }.joined(separator: "\n") + "\n")
        #expect(try CLI.run(["import", file, "--ledger", ledger]).status == 0)
        let before = try CLI.run(["digest", "--ledger", ledger]).stdout
        let bench = try CLI.run(["bench", "--existing", ledger, "--rounds", "3"])
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(bench.stdout.contains(#""events":5,"replay_per_s":"#) && !bench.stdout.contains("ingest"))
        #expect(try CLI.run(["digest", "--ledger", ledger]).stdout == before)
        let alone = try CLI.run(["bench", "--rounds", "3"])
        #expect(alone.status == 64 && alone.stderr.contains("--rounds goes with --existing"))
        let missing = try CLI.run(["bench", "--existing", scratch.path("nowhere")])
        #expect(missing.status == 1 && missing.stderr.contains("there is no ledger at") && !missing.diedBySignal)
    }
}

