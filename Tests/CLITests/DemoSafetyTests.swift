import Foundation
import PLPEvents
import PLPTestSupport
import Testing

/// `demo` rebuilds only a ledger it made, and never removes anything else.
@Suite struct DemoSafetyTests {
    @Test func demoRefusesALedgerItDidNotMakeAndLeavesIt() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("mine.ledger")
        #expect(try CLI.run(["--ledger", ledger, "init"]).status == 0)
        let lines = (0..<20).map { Events.burglary("21004", day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        let before = try CLI.run(["--ledger", ledger, "export"]).stdout
        let key = try Data(contentsOf: URL(fileURLWithPath: ledger + ".key"))
        let result = try CLI.run(["demo", "--ledger", ledger])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(ledger) is a ledger that demo did not make; it is left as it is; name another path with --ledger"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("USAGE"))
        #expect(try CLI.run(["--ledger", ledger, "export"]).stdout == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger + ".key")) == key)
        #expect(try CLI.run(["--ledger", ledger, "verify"]).status == 0)
    }

    @Test func demoRefusesAPathThatIsNotALedger() throws {
        let scratch = try Scratch()
        let directory = scratch.path("photos")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let photo = try scratch.write("photos/holiday.jpg", "not a ledger")
        let refused = try CLI.run(["demo", "--ledger", directory])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(directory) is not a ledger that demo made; it is left as it is"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: photo))
        let file = try scratch.write("notes.txt", "hello")
        let onFile = try CLI.run(["demo", "--ledger", file])
        #expect(onFile.status == 1)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "hello")
    }

    @Test func demoRebuildsALedgerItMade() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("old-demo.ledger")
        // A small ledger carrying the demo mark, as an earlier demo leaves it.
        do {
            var options = EventStore.Options(create: true)
            options.masterKey = MasterKey.generate()
            try options.masterKey?.write(to: ledger + ".key")
            let store = try EventStore.open(at: ledger, options: options)
            try store.markAsDemo()
        }
        let lines = (0..<7).map { Events.burglary("21004", day: $0) }.joined(separator: "\n") + "\n"
        #expect(try CLI.run(["--ledger", ledger, "import", "-"], stdin: lines).status == 0)
        let key = try Data(contentsOf: URL(fileURLWithPath: ledger + ".key"))
        let rebuilt = try CLI.run(["demo", "--ledger", ledger])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let stats = try CLI.run(["--ledger", ledger, "stats", "--format", "json"]).stdout
        #expect(!stats.contains(#""events":7,"#), "the old demo ledger was not rebuilt")
        #expect(try Data(contentsOf: URL(fileURLWithPath: ledger + ".key")) == key, "the demo's key file was replaced")
        #expect(stats.contains(#""events":"#))
    }
}
