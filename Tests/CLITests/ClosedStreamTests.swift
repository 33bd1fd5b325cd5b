import Foundation
import PLPTestSupport
import Testing

/// A closed standard error never changes an exit status; only a closed standard output ends a command quietly.
@Suite struct ClosedStreamTests {
    /// Runs the command with standard error (or output) a pipe whose reader is gone; returns the exit status.
    static func run(_ arguments: [String], stdin: String = "", deadStream: Int32 = 2) throws -> Int32 {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EIO) }
        close(ends[0])
        let dead = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PLP_LEDGER"] = nil
        process.environment = environment
        let input = Pipe()
        process.standardInput = input
        if deadStream == 2 {
            process.standardError = dead
            process.standardOutput = FileHandle.nullDevice
        } else {
            process.standardOutput = dead
            process.standardError = FileHandle.nullDevice
        }
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "\(arguments) died by signal \(process.terminationStatus)")
        return process.terminationStatus
    }

    @Test func failuresKeepTheirStatusWhenStandardErrorIsADeadPipe() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("d.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        #expect(try Self.run(["--ledger", scratch.path("nowhere.ledger"), "verify"]) == 1)
        #expect(try Self.run(["--ledger", ledger, "import", "-"], stdin: #"{"stream":"plp/x"}"# + "\n") == 1)
        #expect(try Self.run(["--ledger", ledger, "history", "plp/none"]) == 1)
        #expect(try Self.run(["--ledger", ledger, "import", "-"], stdin: Events.burglary("21004", day: 1) + "\n") == 0)
        #expect(try Self.run(["--ledger", ledger, "append"], stdin: Events.burglary("21004", day: 2) + "\n") == 0)
        #expect(try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout.hasPrefix(#"{"size":2,"#))
        // A dead standard output is the reader going away (`| head`): quiet, status 0.
        let lines = (0..<5_000).map { Events.burglary("11002", day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        #expect(try Self.run(["--ledger", ledger, "export"], deadStream: 1) == 0)
        #expect(try Self.run(["--ledger", ledger, "log"], deadStream: 1) == 0)
    }
}
