import Foundation
import PLPTestSupport
import Testing

/// The examples of every `--help` and of README.md run as written: each one is handed to `/bin/sh -c`, in one
/// directory that holds the demo ledger as `./plp.ledger` (also `$PLP_LEDGER`), with the built `plp-ledger` first on
/// `PATH`, and must exit 0.
@Suite struct ExamplesTests {
    /// What the test builds before the first example: the demo ledger, by the README's own example (the
    /// "Checked in a browser" block), so an example identical to it counts as run.
    static let setup = "plp-ledger demo --ledger plp.ledger"

    /// Inputs that no example makes, prepared in the directory before the examples run (name, content).
    static let fixtures: [(name: String, lines: [String])] = [
        // `plp-ledger import history.ndjson.gz` (README tour, root help): a small history that holds on the demo
        // ledger, gzip-compressed (written plain, then gzip'ed below).
        ("history.ndjson", [Events.course(21), Events.course(22)]),
        // `plp-ledger import - < more.ndjson` (README tour).
        ("more.ndjson", [Events.course(23)]),
        // `plp-ledger import events-2026.ndjson` (README, "An auditor's year"): the ledger grows between the years.
        ("events-2026.ndjson", [
            #"{"stream":"programme/BE","type":"CourseDelivered","occurredAt":"2026-02-10T19:00:00+01:00","actor":"spf:expertise","data":{"academy":"ANPA","participants":24}}"#,
            #"{"stream":"programme/BE","type":"CourseDelivered","occurredAt":"2026-10-06T19:00:00+02:00","actor":"spf:expertise","data":{"academy":"ANPA","participants":19}}"#,
        ]),
    ]

    /// Examples that are not run, and why: each must still be found, so the list follows the texts.
    static let notRun: [String: String] = [
        "plp-ledger demo":
            "the test's setup is this command with --ledger plp.ledger; a second demo build would double the test's time",
        "plp-ledger generate --seed 42 -o national-2019-2025.ndjson.gz":
            "a national history (about 10 million events, minutes); it teaches the national scale",
        "plp-ledger generate --seed 7 --from 2019 --to 2025 -o belgium.ndjson.gz":
            "a national history (7.8 million events, minutes); it teaches the national scale",
    ]

    @Test(.timeLimit(.minutes(10)))
    func everyExampleOfTheHelpAndTheREADMERunsAsWritten() throws {
        let help = try Self.helpExamples()
        let readme = try Self.readmeExamples()
        #expect(help.count > 30, "the help texts give \(help.count) examples")
        #expect(readme.count > 30, "the README gives \(readme.count) examples")
        let all = readme + help
        for command in Self.notRun.keys {
            #expect(all.contains { $0.key == command }, "'\(command)' is listed as not run but no text gives it")
        }
        #expect(all.contains { $0.key == Self.setup }, "no text gives the setup command '\(Self.setup)'")

        let directory = try Scratch()
        let logs = try Scratch()
        let shell = ExampleShell(directory: directory.url, logs: logs.url)
        let built = try shell.run(Self.setup)
        try #require(built.status == 0, "the setup '\(Self.setup)' failed: \(built.stderr)")
        for fixture in Self.fixtures {
            _ = try directory.write(fixture.name, fixture.lines.joined(separator: "\n") + "\n")
        }
        let gzip = try shell.run("gzip -n history.ndjson")
        try #require(gzip.status == 0, "gzip: \(gzip.stderr)")

        // The README's examples in their order, then the help's, command by command as `--help` lists them.
        for example in all where example.key != Self.setup && Self.notRun[example.key] == nil {
            let result = try shell.run(example.command)
            #expect(result.status == 0, """
                \(example.source): `\(example.command)` exited \(result.status) after \
                \(String(format: "%.1f", result.seconds)) s: \(result.stderr)
                """)
        }
    }

    // MARK: - Collecting the examples

    /// Every example of `plp-ledger --help` and of each command's and subcommand's help, walking the tree as the
    /// help lists it (each help must exit 0).
    static func helpExamples() throws -> [Example] {
        var examples: [Example] = []
        var pending: [[String]] = [[]]
        while !pending.isEmpty {
            let path = pending.removeFirst()
            let result = try CLI.run(path.isEmpty ? ["--help"] : ["help"] + path, environment: ["COLUMNS": "80"])
            let name = (["plp-ledger"] + path).joined(separator: " ")
            #expect(result.status == 0, "`\(name) --help` exited \(result.status): \(result.stderr)")
            let lines = result.stdout.components(separatedBy: "\n")
            examples += commands(in: lines).map { Example(source: "\(name) --help", command: $0) }
            pending += subcommands(in: lines).map { path + [$0] }
        }
        return examples
    }

    /// Every example of README.md's ``` code blocks, in the README's order.
    static func readmeExamples() throws -> [Example] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        var examples: [Example] = []
        var block: [String]?
        for line in text.components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                if let lines = block {
                    examples += commands(in: lines).map { Example(source: "README.md", command: $0) }
                    block = nil
                } else {
                    block = []
                }
            } else if block != nil {
                block?.append(line)
            }
        }
        return examples
    }

    /// The command lines among `lines`: a line ending in `\` goes on with the next one (kept as written, for the
    /// shell to join); a command is an example when it starts with `plp-ledger ` or pipes into it.
    static func commands(in lines: [String]) -> [String] {
        var commands: [String] = []
        var current: [String] = []
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            current.append(current.isEmpty ? trimmed : line)
            if trimmed.hasSuffix("\\") { continue }
            let command = current.joined(separator: "\n")
            current = []
            if command.hasPrefix("plp-ledger ") || command.contains("| plp-ledger ") { commands.append(command) }
        }
        return commands
    }

    /// The names listed under `SUBCOMMANDS:` in a help text (without argument-parser's own `help`).
    static func subcommands(in lines: [String]) -> [String] {
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        var names: [String] = []
        for line in lines[(start + 1)...] {
            if line.isEmpty { break }
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
            if let name = line.split(separator: " ").first.map(String.init), name != "help" { names.append(name) }
        }
        return names
    }
}

/// One example: the text it comes from and the command as written.
struct Example {
    let source: String
    let command: String

    /// The command without its trailing `# comment` and spaces, on one line: how the lists above name it.
    var key: String {
        var quote: Character?
        var previous: Character = " "
        var kept = ""
        for character in command {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " {
                break
            }
            kept.append(character)
            previous = character
        }
        return kept.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// Runs shell command lines in the examples' directory, with the demo ledger as `$PLP_LEDGER` and the built
/// `plp-ledger` first on `PATH`.
struct ExampleShell {
    let directory: URL
    let logs: URL
    /// Variables set on top of the above (e.g. `TMPDIR`).
    var environment: [String: String] = [:]

    /// How one command ended.
    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let seconds: Double
    }

    func run(_ command: String) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        let binaries = CLI.executable.deletingLastPathComponent().path
        environment["PATH"] = binaries + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["PLP_LEDGER"] = directory.appendingPathComponent("plp.ledger").path
        environment["PLP_LEDGER_KEY"] = nil
        environment.merge(self.environment) { $1 }
        process.environment = environment
        // Output goes to files, so a large one can never block the process on a full pipe.
        let out = logs.appendingPathComponent("stdout"), err = logs.appendingPathComponent("stderr")
        try Data().write(to: out)
        try Data().write(to: err)
        let stdout = try FileHandle(forWritingTo: out), stderr = try FileHandle(forWritingTo: err)
        defer { try? stdout.close(); try? stderr.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        let started = Date()
        try process.run()
        process.waitUntilExit()
        let message = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        let printed = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        return Outcome(status: process.terminationStatus, stdout: printed,
                       stderr: message.trimmingCharacters(in: .whitespacesAndNewlines),
                       seconds: Date().timeIntervalSince(started))
    }
}
