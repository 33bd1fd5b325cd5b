import Foundation
import PLPTestSupport
import Testing

/// Checkpoints, proofs and keys are small: a file of 2 GiB (sparse, made by truncate) given in their place is refused
/// before a byte of it is read, and 1 GiB on standard input after its first MiB, under a memory limit that reading
/// them whole would break (`ulimit -v`: 400 MB of address space).
@Suite struct OversizedInputTests {
    /// Runs `plp-ledger` with `arguments` under the memory limit, standard input `input` (a shell redirection or
    /// pipe written before the command, e.g. `head -c 1G /dev/zero |`).
    static func limited(_ arguments: [String], input: String = "", within seconds: Double = 60) throws -> BoundedRun.Outcome {
        try BoundedRun.shell(#"ulimit -v 400000 && \#(input) exec "$PLP" "$@""#, arguments, within: seconds)
    }

    /// A ledger, the log's key pair `ck`, a checkpoint `cp`, a witness key pair `w`, and a 2 GiB sparse file `big`.
    static func setUp(_ scratch: Scratch) throws -> (ledger: String, checkpoint: String, big: String) {
        let ledger = scratch.path("o.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: Events.course(12) + "\n").status == 0)
        #expect(try CLI.run(["keygen", "--name", "log.example.be", "-o", scratch.path("ck")]).status == 0)
        #expect(try CLI.run(["witness", "init", "--name", "witness.example.org", "-o", scratch.path("w")]).status == 0)
        let signed = try CLI.run(["--ledger", ledger, "checkpoint", "--key", scratch.path("ck.key")])
        #expect(signed.status == 0, "\(signed.stderr)")
        let checkpoint = try scratch.write("cp", signed.stdout)
        let big = scratch.path("big")
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        return (ledger, checkpoint, big)
    }

    static func expectRefusal(_ run: BoundedRun.Outcome, _ sentence: String, _ command: String) {
        #expect(!run.timedOut, "\(command) did not end")
        #expect(run.status == 1, "\(command): \(run.stderr)")
        #expect(run.stderr.contains(sentence), "\(command): \(run.stderr)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Stack dump"), "\(command): \(run.stderr)")
    }

    @Test func aLargeFileInPlaceOfACheckpointAProofOrAKeyIsRefusedWithoutReadingIt() throws {
        let scratch = try Scratch()
        let (ledger, checkpoint, big) = try Self.setUp(scratch)
        let pub = scratch.path("ck.pub"), state = scratch.path("state")
        let cases: [([String], String)] = [
            (["checkpoint", "verify", big, "--key", pub], "the checkpoint \(big) is larger than 1 MiB: it cannot be one"),
            (["checkpoint", "verify", checkpoint, "--key", big], "the public key \(big) is larger than 1 MiB: it cannot be one"),
            (["verify-proof", big, "--key", pub], "the proof \(big) is larger than 1 MiB: it cannot be one"),
            (["witness", "cosign", big, "--state", state, "--key", scratch.path("w.key"), "--log-key", pub],
             "the checkpoint \(big) is larger than 1 MiB: it cannot be one"),
            (["witness", "cosign", checkpoint, "--state", state, "--key", big, "--log-key", pub],
             "the witness key \(big) is larger than 1 MiB: it cannot be one"),
        ]
        for (arguments, sentence) in cases {
            Self.expectRefusal(try Self.limited(arguments), sentence, arguments.joined(separator: " "))
        }
        // Commands that open the ledger map it (more address space than the limit): the time bound only.
        let prove = ["--ledger", ledger, "prove", "inclusion", "1", "--format", "tlog-proof", "--checkpoint", big]
        Self.expectRefusal(try BoundedRun.run(prove, within: 60), "the checkpoint \(big) is larger than 1 MiB", "prove")
        let written = try BoundedRun.run(["--ledger", ledger, "import", "/dev/null"], within: 60, environment: ["PLP_LEDGER_KEY": big])
        Self.expectRefusal(written, "the master key file \(big) (named by PLP_LEDGER_KEY) is larger than 4 KiB: it cannot be a master key",
                           "import with a large key file")
    }

    @Test func aLargeInputOnStandardInputIsRefusedAfterItsFirstMiB() throws {
        let scratch = try Scratch()
        let (_, checkpoint, big) = try Self.setUp(scratch)
        let pub = scratch.path("ck.pub"), state = scratch.path("state")
        let pipe = "head -c 1G /dev/zero |"
        let cases: [([String], String)] = [
            (["checkpoint", "verify", "-", "--key", pub], "the checkpoint on standard input is larger than 1 MiB: it cannot be one"),
            (["verify-proof", "-", "--key", pub], "the proof on standard input is larger than 1 MiB: it cannot be one"),
            (["witness", "cosign", "-", "--state", state, "--key", scratch.path("w.key"), "--log-key", pub],
             "the checkpoint on standard input is larger than 1 MiB: it cannot be one"),
        ]
        for (arguments, sentence) in cases {
            Self.expectRefusal(try Self.limited(arguments, input: pipe), sentence, "\(pipe) \(arguments.joined(separator: " "))")
            // A file redirected to standard input: its size is known before anything is read.
            Self.expectRefusal(try BoundedRun.shell(#"f="$1"; shift; ulimit -v 400000 && exec "$PLP" "$@" < "$f""#, [big] + arguments, within: 60),
                               sentence, "\(arguments.joined(separator: " ")) < big")
        }
        // A small checkpoint on standard input is read as before.
        let fine = try BoundedRun.shell(#"exec "$PLP" checkpoint verify - --key "$1" < "$2""#, [pub, checkpoint], within: 60)
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func aGzipBombIsRefusedByItsFirstLineInBoundedMemory() throws {
        let time = "/usr/bin/time"
        try #require(FileManager.default.isExecutableFile(atPath: time), "the peak memory is measured with \(time)")
        let scratch = try Scratch()
        let ledger = scratch.path("g.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        // 300 MB of zeros in 300 KB of gzip: inflated whole, they were in memory before the line limit was checked.
        let bomb = scratch.path("bomb.ndjson.gz")
        #expect(try BoundedRun.shell(#"head -c 300M /dev/zero | gzip -9 > "$1""#, [bomb], within: 120).status == 0)
        let run = try BoundedRun.shell(#"exec /usr/bin/time -f "peak %M KB" "$PLP" --ledger "$1" import "$2""#, [ledger, bomb], within: 60)
        Self.expectRefusal(run, "line 1: longer than 1048576 bytes (1 MiB), the longest line accepted", "import of a gzip bomb")
        let peak = run.stderr.components(separatedBy: "peak ").last.flatMap { Int($0.prefix { $0.isNumber }) }
        let kilobytes = try #require(peak, "\(run.stderr)")
        #expect(kilobytes < 150_000, "the import of a gzip bomb peaked at \(kilobytes) KB")
    }
}
