import Foundation
import PLPTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `import` of everything a shell can name as a file: a process substitution, `/dev/stdin` fed by a pipe, a FIFO with
/// and without a writer, endless devices. Each is read once, or refused in one sentence, and never hangs: every run
/// is bounded, and killed when it is not over in time.
@Suite struct PipedImportTests {
    /// A new ledger and a file of `count` burglaries in `scratch`.
    static func setUp(_ scratch: Scratch, events count: Int = 3) throws -> (ledger: String, file: String, lines: String) {
        let ledger = scratch.path("p.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = (0..<count).map { Events.burglary(["21004", "11002", "72004"][$0 % 3], day: $0) }.joined(separator: "\n") + "\n"
        return (ledger, try scratch.write("events.ndjson", lines), lines)
    }

    static func events(in ledger: String) throws -> Int {
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
        guard let range = stats.range(of: #""events":"#) else { return -1 }
        return Int(stats[range.upperBound...].prefix { $0.isNumber }) ?? -1
    }

    @Test func aProcessSubstitutionIsImportedWhole() throws {
        let scratch = try Scratch()
        let (ledger, file, _) = try Self.setUp(scratch)
        let run = try BoundedRun.shell(#"exec "$PLP" --ledger "$1" import <(cat "$2")"#, [ledger, file], within: 60)
        #expect(!run.timedOut)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("imported 3 events"), "\(run.stderr)")
        #expect(try Self.events(in: ledger) == 3)
        // gzip through a pipe: detected by its magic bytes, as in a file.
        let other = try Scratch()
        let second = try Self.setUp(other)
        let gzipped = try BoundedRun.shell(#"exec "$PLP" --ledger "$1" import <(gzip -c "$2")"#, [second.ledger, second.file], within: 60)
        #expect(gzipped.status == 0, "\(gzipped.stderr)")
        #expect(gzipped.stderr.contains("imported 3 events"), "\(gzipped.stderr)")
        #expect(try Self.events(in: second.ledger) == 3)
    }

    @Test func aPipeGivenAsDevStdinIsImportedWholeAndKnownTheSecondTime() throws {
        let scratch = try Scratch()
        let (ledger, file, _) = try Self.setUp(scratch)
        let script = #"cat "$2" | exec "$PLP" --ledger "$1" import /dev/stdin"#
        let first = try BoundedRun.shell(script, [ledger, file], within: 60)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("imported 3 events"), "\(first.stderr)")
        // The journal learnt the stream's digest at its end: the same bytes again append nothing.
        let again = try BoundedRun.shell(script, [ledger, file], within: 60)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("3 lines were already imported"), "\(again.stderr)")
        #expect(try Self.events(in: ledger) == 3)
        // /dev/stdin that is a regular file is a file (hashed first, its size known).
        let redirected = try BoundedRun.shell(#"exec "$PLP" --ledger "$1" import /dev/stdin < "$2""#, [ledger, file], within: 60)
        #expect(redirected.status == 0, "\(redirected.stderr)")
        #expect(redirected.stderr.contains("already imported"), "\(redirected.stderr)")
    }

    @Test func standardInputFromAFileReadInPartIsKnownByWhatTheImportReads() throws {
        let scratch = try Scratch()
        let (ledger, file, _) = try Self.setUp(scratch)
        let whole = try BoundedRun.run(["--ledger", ledger, "import", file], within: 60)
        #expect(whole.stderr.contains("imported 3 events"), "\(whole.stderr)")
        // The shell reads the first line: the import reads lines 2 and 3, another input than the whole file (the
        // lines have no ids: they are new events), as `tail -n +2 f | plp-ledger import -` would be.
        let rest = try BoundedRun.shell(#"{ IFS= read -r first; exec "$PLP" --ledger "$1" import -; } < "$2""#, [ledger, file], within: 60)
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stderr.contains("imported 2 events"), "\(rest.stderr)")
        #expect(try Self.events(in: ledger) == 5)
    }

    /// Opens `fifo` for writing once a reader has it open (retrying without blocking), writes `text`, closes it.
    static func write(_ text: String, toFIFO fifo: String, within seconds: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var descriptor: Int32 = -1
        while descriptor < 0 && Date() < deadline {
            descriptor = open(fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            if descriptor < 0 { usleep(20_000) }
        }
        guard descriptor >= 0 else { return false }
        // Blocking writes from here on: the reader is there.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { break }
            offset += written
        }
        close(descriptor)
        return offset == bytes.count
    }

    @Test func aFIFOIsReadOnceItsWriterComesEvenLate() throws {
        let scratch = try Scratch()
        let (ledger, _, lines) = try Self.setUp(scratch)
        let fifo = scratch.path("events.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let running = try BoundedRun.start(["--ledger", ledger, "import", fifo])
        // No writer yet: the import waits, and says so after a second.
        #expect(running.wait(upTo: 20) { running.stderrSoFar.contains("waiting for a program to write to \(fifo)") },
                "\(running.stderrSoFar)")
        #expect(running.process.isRunning)
        #expect(Self.write(lines, toFIFO: fifo))
        let done = running.finish(within: 60)
        #expect(!done.timedOut)
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.stderr.contains("imported 3 events"), "\(done.stderr)")
        #expect(try Self.events(in: ledger) == 3)
    }

    @Test func aFIFOWithAWriterAlreadyThereIsReadAtOnce() throws {
        let scratch = try Scratch()
        let (ledger, file, _) = try Self.setUp(scratch)
        let fifo = scratch.path("events.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The shell opens the FIFO for writing before cat runs, as `producer > fifo &` does.
        let run = try BoundedRun.shell(#"cat "$2" > "$3" & exec "$PLP" --ledger "$1" import "$3""#, [ledger, file, fifo], within: 60)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("imported 3 events"), "\(run.stderr)")
        #expect(!run.stderr.contains("waiting for a program"), "\(run.stderr)")
        #expect(try Self.events(in: ledger) == 3)
    }

    @Test func aFIFOThatNobodyOpensIsRefusedAfterTheWaitAndLeavesTheLedgerAsItWas() throws {
        let scratch = try Scratch()
        let (ledger, file, _) = try Self.setUp(scratch)
        let fifo = scratch.path("nobody.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let refused = try BoundedRun.run(["--ledger", ledger, "import", fifo, "--wait-for-writer", "1"], within: 30)
        #expect(!refused.timedOut, "the import of a FIFO without a writer did not end")
        #expect(refused.status == 1, "\(refused.stderr)")
        #expect(refused.stderr.contains("\(fifo) is a FIFO (a named pipe) that no program opened for writing within 1 second"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains("Fatal error"))
        // The default wait is a minute: the user is told within seconds; a kill then leaves nothing behind.
        let waiting = try BoundedRun.start(["--ledger", ledger, "import", fifo])
        #expect(waiting.wait(upTo: 20) { waiting.stderrSoFar.contains("waiting for a program to write to \(fifo) (a FIFO), at most 60 s") },
                "\(waiting.stderrSoFar)")
        _ = waiting.kill()
        #expect(try Self.events(in: ledger) == 0)
        let next = try BoundedRun.run(["--ledger", ledger, "import", file], within: 60)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try Self.events(in: ledger) == 3)
    }

    @Test func endlessDevicesAreRefusedAtOnce() throws {
        let scratch = try Scratch()
        let (ledger, _, _) = try Self.setUp(scratch)
        for device in ["/dev/zero", "/dev/urandom"] {
            let run = try BoundedRun.run(["--ledger", ledger, "import", device], within: 30)
            #expect(!run.timedOut, "import \(device) did not end")
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stderr.contains("\(device) is a device, not a file of event lines"), "\(run.stderr)")
            let redirected = try BoundedRun.shell(#"exec "$PLP" --ledger "$1" import - < "$2""#, [ledger, device], within: 30)
            #expect(redirected.status == 1, "\(redirected.stderr)")
            #expect(redirected.stderr.contains("standard input is a device, not a file of event lines"), "\(redirected.stderr)")
        }
        // The null device is empty, not endless.
        let empty = try BoundedRun.run(["--ledger", ledger, "import", "/dev/null"], within: 30)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stderr.contains("imported 0 events"), "\(empty.stderr)")
        #expect(try Self.events(in: ledger) == 0)
    }

    @Test func endlessPipesAreRefusedByTheirLines() throws {
        let scratch = try Scratch()
        let (ledger, _, _) = try Self.setUp(scratch)
        // No newline within the 1 MiB line limit: refused naming the line.
        let zeros = try BoundedRun.shell(#"cat /dev/zero | exec "$PLP" --ledger "$1" import -"#, [ledger], within: 60)
        #expect(!zeros.timedOut, "an endless pipe of zeros was read for ever")
        #expect(zeros.status == 1, "\(zeros.stderr)")
        #expect(zeros.stderr.contains("line 1: longer than 1048576 bytes (1 MiB)"), "\(zeros.stderr)")
        // Lines that are not event lines: the import stops reading at the error limit.
        let noise = try BoundedRun.shell(#"cat /dev/urandom | exec "$PLP" --ledger "$1" import /dev/stdin"#, [ledger], within: 60)
        #expect(!noise.timedOut, "an endless pipe of random bytes was read for ever")
        #expect(noise.status == 1, "\(noise.stderr)")
        #expect(noise.stderr.contains("import refused, nothing was written (20+ invalid lines)"), "\(noise.stderr)")
        #expect(try Self.events(in: ledger) == 0)
    }
}
