import Foundation
import PLPTestSupport
import Testing

/// A ledger that a user may read but not write (an auditor's copy owned by someone else): every reading command works
/// as that user, writing commands say the ledger is read-only, and the owner's 0600 key file beside it stops only
/// `--reveal`, with one sentence. The test runs the real binary as the unprivileged user `nobody` (setpriv).
@Suite struct AuditorsCopyTests {
    static let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { getuid() == 0 && setpriv != nil }

    /// Runs the tool as `nobody`.
    static func asNobody(_ arguments: [String], stdin: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv ?? "/usr/bin/setpriv")
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CLI.executable.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["PLP_LEDGER"] = nil
        environment["PLP_LEDGER_KEY"] = nil
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((stdin ?? "").utf8))
        try input.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stdout, stderr)
    }

    @Test(.enabled(if: AuditorsCopyTests.available, "dropping to another user needs root and setpriv"))
    func anotherUsersLedgerReadsButDoesNotWrite() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("copy.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        var lines = Lines.approvedPLP("P", commune: "21004") + [Lines.memberJoined("m1", plp: "P")]
        lines += (0..<50).map { Events.burglary("21004", day: $0) }
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines.joined(separator: "\n") + "\n").status == 0)
        // Readable by all, writable by the owner only; the key file stays the owner's (0600).
        for path in [scratch.url.path, ledger, ledger + "/data.mdb", ledger + "/lock.mdb"] {
            let mode: Int = path.hasSuffix(".mdb") ? 0o644 : 0o755
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        }
        let digest = try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout
        for command in [["verify"], ["digest", "--format", "json"], ["stats"], ["export"], ["log", "--limit", "3"],
                        ["project", "burglary-trend", "--format", "csv"], ["project", "registry"],
                        ["report", "annual", "--year", "2024", "--format", "json"], ["history", "plp/P"]] {
            let result = try Self.asNobody(["--ledger", ledger] + command)
            #expect(result.status == 0, "\(command): \(result.stderr)")
        }
        #expect(try Self.asNobody(["--ledger", ledger, "digest", "--format", "json"]).stdout == digest)
        let revealed = try Self.asNobody(["--ledger", ledger, "history", "member/m1", "--reveal"])
        #expect(revealed.status == 1 && revealed.stderr.contains("the master key file \(ledger).key"), "\(revealed.stderr)")
        let appended = try Self.asNobody(["--ledger", ledger, "append"], stdin: Events.burglary("21004", day: 99) + "\n")
        #expect(appended.status == 1 && appended.stderr.contains("is read-only"), "\(appended.stderr)")
        #expect(try CLI.run(["--ledger", ledger, "digest", "--format", "json"]).stdout == digest)
    }
}
