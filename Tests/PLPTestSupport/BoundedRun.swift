import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command that must end by itself within a time limit, and kills it (SIGKILL: the test runner's threads
/// may have other signals blocked, and a child inherits that) when it does not: a test of an input that could hang
/// ends within seconds either way.
public enum BoundedRun {
    /// What the command did: its result, how long it ran, and whether it had to be killed.
    public struct Outcome {
        /// Exit status and output (the output up to the kill, when it was killed).
        public let result: CLI.Result
        /// Seconds from its start to its end (or to the kill).
        public let seconds: Double
        /// True when it was still running at the limit and was killed.
        public let timedOut: Bool

        public var status: Int32 { result.status }
        public var stdout: String { result.stdout }
        public var stderr: String { result.stderr }
    }

    /// A started command whose output is collected as it comes.
    public final class Running: @unchecked Sendable {
        public let process: Process
        private let lock = NSLock()
        private var out = Data(), err = Data()
        private let group = DispatchGroup()
        private let started = Date()

        init(process: Process, stdout: Pipe, stderr: Pipe) {
            self.process = process
            collect(stdout) { self.out.append($0) }
            collect(stderr) { self.err.append($0) }
        }

        private func collect(_ pipe: Pipe, into append: @escaping @Sendable (Data) -> Void) {
            let handle = pipe.fileHandleForReading
            let lock = self.lock
            DispatchQueue.global().async(group: group) {
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { return }
                    lock.lock()
                    append(chunk)
                    lock.unlock()
                }
            }
        }

        /// What the command wrote on standard error so far.
        public var stderrSoFar: String {
            lock.lock()
            defer { lock.unlock() }
            return String(decoding: err, as: UTF8.self)
        }

        /// Waits until `condition` holds or `seconds` pass; true when it held.
        public func wait(upTo seconds: Double, for condition: () -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while !condition() {
                if Date() >= deadline { return false }
                usleep(20_000)
            }
            return true
        }

        /// Waits for the end, at most `seconds` from now; kills the command when it is still running then.
        public func finish(within seconds: Double) -> Outcome {
            let ended = wait(upTo: seconds) { !process.isRunning }
            if !ended { Glibc.kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let elapsed = Date().timeIntervalSince(started)
            // A killed shell's children may still hold the pipes: do not wait for them long.
            _ = group.wait(timeout: .now() + 5)
            lock.lock()
            defer { lock.unlock() }
            let result = CLI.Result(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                                    stderr: String(decoding: err, as: UTF8.self),
                                    diedBySignal: process.terminationReason == .uncaughtSignal)
            return Outcome(result: result, seconds: elapsed, timedOut: !ended)
        }

        /// Kills the command (SIGKILL) and collects what it wrote.
        public func kill() -> Outcome {
            Glibc.kill(process.processIdentifier, SIGKILL)
            return finish(within: 10)
        }
    }

    /// Starts `plp-ledger` with `arguments`, standard input the null device.
    public static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
        try launch(CLI.executable, arguments, environment: environment)
    }

    /// Starts `/bin/bash -c script`, with `$PLP` the `plp-ledger` executable and `$1`, `$2`… the `arguments`.
    public static func startShell(_ script: String, _ arguments: [String] = [],
                                  environment: [String: String] = [:]) throws -> Running {
        var environment = environment
        environment["PLP"] = CLI.executable.path
        return try launch(URL(fileURLWithPath: "/bin/bash"), ["-c", script, "bash"] + arguments, environment: environment)
    }

    /// Runs `plp-ledger` with `arguments` to its end, killing it after `seconds`.
    public static func run(_ arguments: [String], within seconds: Double,
                           environment: [String: String] = [:]) throws -> Outcome {
        try start(arguments, environment: environment).finish(within: seconds)
    }

    /// Runs `/bin/bash -c script` (see ``startShell(_:_:environment:)``) to its end, killing it after `seconds`.
    public static func shell(_ script: String, _ arguments: [String] = [], within seconds: Double,
                             environment: [String: String] = [:]) throws -> Outcome {
        try startShell(script, arguments, environment: environment).finish(within: seconds)
    }

    private static func launch(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> Running {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = CLI.environment(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, stdout: out, stderr: err)
    }
}
