import Foundation
import PLPTestSupport
import Testing

/// The examples of every command's `--help` survive being pasted: printed at 80 columns (`COLUMNS=80`), no line of
/// them is wider and ArgumentParser wraps none of them (a long command goes on after ` \`), and each one, as printed,
/// runs through `/bin/sh -c` with the built `plp-ledger` first on `PATH`, against a small prepared ledger.
///
/// ArgumentParser rewraps the whole discussion text at the screen's width, indented lines too; a line shorter than
/// the width is kept as it is. A wrapped example pastes as two commands, the second one `--ledger: command not
/// found`.
@Suite struct HelpExamplesTests {
    /// The width the help is checked at.
    static let columns = 80

    /// What the test prepares before the first example: a small synthetic history in `./plp.ledger` (also
    /// `$PLP_LEDGER`): three PLPs, their members, reports and alerts, and a sample of the crime figures of 2023–2025.
    static let setup = [
        "plp-ledger generate --scale 0.002 --from 2023 --to 2025 -o generated.ndjson",
        "plp-ledger init",
        "plp-ledger import generated.ndjson",
    ]

    /// Inputs that the examples name and none makes (name, event lines); a name ending in `.gz` is written gzip'ed.
    static let fixtures: [(name: String, lines: [String])] = [
        ("history.ndjson.gz", [Events.course(21), Events.course(22)]),   // plp-ledger --help
        ("more.ndjson", [Events.course(23)]),                            // plp-ledger import --help
    ]

    /// Examples that run for minutes (or, for `demo`, long enough to double the test's time), and why: each starts
    /// as printed and is stopped after `startSeconds` (by `timeout`, its whole process group); it must not have
    /// ended by then with a failure. A command-not-found or a usage error ends at once.
    static let stoppedAfterStarting: [String: String] = [
        "plp-ledger demo": "builds a demo ledger of about 260,000 events",
        "plp-ledger generate --seed 42 -o national-2019-2025.ndjson.gz": "writes about 10 million events",
    ]
    static let startSeconds = 3

    /// Ids of the demo ledger (`plp-ledger demo`, what a reader tries the examples on) that examples name; the test
    /// runs those examples with an id of the prepared ledger in their place: the first PLP, the second PLP, an active
    /// member.
    static let demoPLPs = ["46020-0056", "21017-0221"]
    static let demoMember = "91114-0186-m5"

    // MARK: - The tests

    @Test func everyExampleFitsEightyColumnsAndIsNotWrapped() throws {
        let helps = try Self.helps()
        #expect(helps.count > 30, "the help tree has \(helps.count) commands")
        var examples = 0
        for help in helps {
            // The lines kept as written (indented), on a screen wide enough to wrap nothing: each fits, and the help
            // at 80 columns prints the same lines.
            let preformatted = help.wide.filter { $0.hasPrefix(" ") }
            for line in preformatted where line.count > Self.columns {
                Issue.record("`\(help.name) --help`: \(line.count) columns: \(line)")
            }
            let printed = help.narrow.filter { $0.hasPrefix(" ") }
            #expect(printed == preformatted, """
                `\(help.name) --help` at \(Self.columns) columns rewraps its examples:
                \(printed.filter { !preformatted.contains($0) }.joined(separator: "\n"))
                """)
            // Each example's physical lines, as printed at 80 columns.
            let commands = ExamplesTests.commands(in: help.narrow)
            #expect(commands == ExamplesTests.commands(in: help.wide), "`\(help.name) --help`: an example is wrapped")
            for command in commands {
                examples += 1
                for line in command.components(separatedBy: "\n") where line.count > Self.columns {
                    Issue.record("`\(help.name) --help`: a line of \(line.count) columns: \(line)")
                }
            }
        }
        #expect(examples > 60, "the help texts give \(examples) examples")
    }

    @Test(.timeLimit(.minutes(3)))
    func everyExampleRunsAsPrinted() throws {
        let helps = try Self.helps()
        let examples = helps.flatMap { help in ExamplesTests.commands(in: help.narrow).map { (help.name, $0) } }
        for command in Self.stoppedAfterStarting.keys {
            #expect(examples.contains { Example(source: $0.0, command: $0.1).key == command },
                    "'\(command)' is listed as stopped after starting but no help gives it")
        }
        for id in Self.demoPLPs + [Self.demoMember] {
            #expect(examples.contains { $0.1.contains(id) }, "no example names the demo ledger's \(id) any more")
        }

        let directory = try Scratch(), logs = try Scratch()
        // A stopped command's temporary files (demo's history) stay in the directory, removed with it.
        let shell = ExampleShell(directory: directory.url, logs: logs.url, environment: ["TMPDIR": directory.url.path])
        for command in Self.setup {
            let done = try shell.run(command)
            try #require(done.status == 0, "the setup `\(command)` failed: \(done.stderr)")
        }
        for fixture in Self.fixtures {
            let plain = fixture.name.hasSuffix(".gz") ? String(fixture.name.dropLast(3)) : fixture.name
            _ = try directory.write(plain, fixture.lines.joined(separator: "\n") + "\n")
            if plain != fixture.name {
                let gzip = try shell.run("gzip -n \(plain)")
                try #require(gzip.status == 0, "gzip: \(gzip.stderr)")
            }
        }
        let standIns = try Self.standIns(shell)

        // In the order `--help` lists the commands, each help's examples in its order (a later one reads what an
        // earlier one wrote).
        for (source, printed) in examples {
            var command = printed
            for (id, standIn) in standIns { command = command.replacingOccurrences(of: id, with: standIn) }
            let stopped = Self.stoppedAfterStarting[Example(source: source, command: printed).key] != nil
            if stopped { command = "exec timeout \(Self.startSeconds) /bin/sh -c \(Self.quoted(command))" }
            let result = try shell.run(command)
            let place = "`\(source) --help`: `\(command)` exited \(result.status)"
            #expect(result.status != 127 && result.status != 126 && !result.stderr.contains(": not found"),
                    "\(place): a command not found (a wrapped line?): \(result.stderr)")
            #expect(result.status != 64 && !result.stderr.contains("Usage: plp-ledger"),
                    "\(place): a usage error: \(result.stderr)")
            #expect(result.status == 0 || (stopped && result.status == 124), "\(place): \(result.stderr)")
        }
    }

    // MARK: - The help tree

    /// One command's help: its name, and the text before `USAGE:` (the abstract and the discussion, with the
    /// examples) at 80 columns and on a screen of 1,000.
    struct Help {
        let name: String
        let narrow: [String]
        let wide: [String]
    }

    /// Every command's and subcommand's help, walking the tree as `SUBCOMMANDS:` lists it.
    static func helps() throws -> [Help] {
        var helps: [Help] = []
        var pending: [[String]] = [[]]
        while !pending.isEmpty {
            let path = pending.removeFirst()
            let name = (["plp-ledger"] + path).joined(separator: " ")
            var texts: [[String]] = []
            for width in [columns, 1_000] {
                let result = try CLI.run(["help"] + path, environment: ["COLUMNS": String(width)])
                #expect(result.status == 0, "`\(name) --help` exited \(result.status): \(result.stderr)")
                texts.append(result.stdout.components(separatedBy: "\n"))
            }
            helps.append(Help(name: name, narrow: overview(texts[0]), wide: overview(texts[1])))
            pending += ExamplesTests.subcommands(in: texts[1]).map { path + [$0] }
        }
        return helps
    }

    /// The lines before `USAGE:`.
    static func overview(_ lines: [String]) -> [String] {
        Array(lines.prefix { !$0.hasPrefix("USAGE:") })
    }

    // MARK: - Running them

    /// The demo ledger's ids that examples name, each with the id that stands for it in the prepared ledger.
    static func standIns(_ shell: ExampleShell) throws -> [(String, String)] {
        let plps = try rows(shell, "plp-ledger project registry --format csv").map { $0[0] }
        let members = try rows(shell, "plp-ledger project members --format csv").filter { $0.last == "active" }.map { $0[1] }
        try #require(plps.count >= demoPLPs.count && !members.isEmpty, "the prepared ledger has too few PLPs or members")
        return Array(zip(demoPLPs, plps)) + [(demoMember, members[0])]
    }

    /// The rows of a CSV that `command` prints (without its header; no quoted commas in the columns read).
    static func rows(_ shell: ExampleShell, _ command: String) throws -> [[String]] {
        let result = try shell.run(command)
        try #require(result.status == 0, "`\(command)`: \(result.stderr)")
        return result.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.components(separatedBy: ",") }
    }

    /// `text` as one single-quoted shell word.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
