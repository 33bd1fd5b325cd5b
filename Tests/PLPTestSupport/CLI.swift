import Foundation

/// Runs the real `plp-ledger` executable built next to the tests, as a separate process.
public enum CLI {
    public struct Result {
        public let status: Int32
        public let stdout: String
        public let stderr: String
        /// Whether the process died by a signal (`status` is then the signal's number).
        public var diedBySignal: Bool = false
    }

    /// The built executable.
    public static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("plp-ledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/plp-ledger")
        return fallback
    }()

    /// The environment a test runs the tool in: this process's, without `PLP_LEDGER`, with `extra` on top.
    public static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["PLP_LEDGER"] = nil
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// Starts the command; the caller waits for it.
    public static func start(_ arguments: [String], stdin: Data? = nil, environment: [String: String] = [:],
                             directory: URL? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = executable
        if let directory { process.currentDirectoryURL = directory }
        process.arguments = arguments
        process.environment = Self.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        if let stdin {
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(stdin)
            try input.fileHandleForWriting.close()
        } else {
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }
        return (process, out, err)
    }

    /// Runs the command to its end.
    @discardableResult
    public static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                           directory: URL? = nil) throws -> Result {
        finish(try start(arguments, stdin: stdin.map { Data($0.utf8) }, environment: environment, directory: directory))
    }

    /// Waits for a started command to end and collects what it printed.
    public static func finish(_ started: (Process, Pipe, Pipe)) -> Result {
        let (process, out, err) = started
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self),
                      diedBySignal: process.terminationReason == .uncaughtSignal)
    }
}

/// A temporary directory for one test.
public final class Scratch {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plp-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    public func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

/// Event lines for the CLI tests.
public enum Events {
    public static func course(_ participants: Int, expectedVersion: Int? = nil) -> String {
        let expected = expectedVersion.map { #","expectedVersion":\#($0)"# } ?? ""
        return #"{"stream":"programme/BE","type":"CourseDelivered","occurredAt":"2025-03-04T19:00:00+01:00","actor":"spf:expertise","data":{"academy":"ANPA","participants":\#(participants)}\#(expected)}"#
    }

    public static func burglary(_ nis: String, day: Int) -> String {
        let date = String(format: "2024-%02d-%02d", 1 + day % 12, 1 + day % 28)
        return #"{"stream":"commune/\#(nis)","type":"CrimeRecorded","occurredAt":"\#(date)T21:00:00+01:00","actor":"police:z5340","data":{"category":"burglary-home","attempted":\#(day % 3 == 0),"occurredOn":"\#(date)"}}"#
    }
}
