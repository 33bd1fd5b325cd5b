import Foundation
import PLPTestSupport
import Testing

/// README's "An auditor's year" as a test (issue 14, item 6): the commands of its code blocks, as written and in
/// order, in the shell of ``ExamplesTests``, on a small generated ledger (not the demo) that grows between the two
/// years.
@Suite struct AuditorsYearTests {
    /// Where the story starts and ends in README.md.
    static let opening = "**An auditor's year.**", closing = "**Published tiles.**"

    /// The commands of the story's code blocks, in order.
    static func commands() throws -> [String] {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        guard let start = text.range(of: opening), let end = text.range(of: closing, range: start.upperBound..<text.endIndex)
        else { return [] }
        var commands: [String] = []
        var block: [String]?
        for line in text[start.upperBound..<end.lowerBound].components(separatedBy: "\n") {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                if let lines = block { commands += ExamplesTests.commands(in: lines) }
                block = block == nil ? [] : nil
            } else {
                block?.append(line)
            }
        }
        return commands
    }

    @Test(.timeLimit(.minutes(5)))
    func theAuditorsYearRunsAsWrittenOnALedgerThatGrows() throws {
        let commands = try Self.commands()
        let keys = commands.map { Example(source: "README.md", command: $0).key }
        func step(_ prefix: String, after earlier: Int = -1) -> Int? {
            keys.indices.first { $0 > earlier && keys[$0].hasPrefix("plp-ledger " + prefix) }
        }
        func words(_ index: Int) -> [String] { keys[index].split(separator: " ").map(String.init) }
        func value(_ option: String, _ index: Int) -> String? {
            let words = words(index)
            return words.firstIndex(of: option).flatMap { $0 + 1 < words.count ? words[$0 + 1] : nil }
        }

        // The story, step by step: keys first, year 1, the ledger grows, year 2.
        let keygen = try #require(step("keygen "), "no keygen in \(keys)")
        let witnessInit = try #require(step("witness init "), "no witness init in \(keys)")
        let firstPublish = try #require(step("publish ", after: max(keygen, witnessInit)), "\(keys)")
        let firstCosign = try #require(step("witness cosign ", after: firstPublish), "\(keys)")
        let growth = try #require(step("import ", after: firstCosign), "the ledger does not grow: \(keys)")
        let secondPublish = try #require(step("publish ", after: growth), "\(keys)")
        let consistency = try #require(step("prove consistency ", after: secondPublish), "\(keys)")
        let secondCosign = try #require(step("witness cosign ", after: consistency), "\(keys)")
        let tilesCheck = try #require(step("verify --tiles ", after: secondPublish), "\(keys)")
        let consistencyCheck = try #require(step("verify-proof ", after: secondCosign), "\(keys)")
        let inclusion = try #require(step("prove inclusion ", after: secondCosign), "\(keys)")
        let inclusionCheck = try #require(step("verify-proof ", after: inclusion), "\(keys)")
        #expect(value("--proof", secondCosign) != nil, "the witness cosigns year 2 without the consistency proof")
        #expect(value("--witness", inclusionCheck) != nil && value("--quorum", inclusionCheck) != nil)
        #expect(words(consistency).contains("--old-head") && words(consistencyCheck).contains("--old-head"))
        #expect(value("--format", inclusion) == "tlog-proof")
        let tiles = words(firstPublish)[2]
        #expect(words(secondPublish)[2] == tiles && words(tilesCheck)[2] == "--tiles" && words(tilesCheck)[3] == tiles)
        let logKey = try #require(value("-o", keygen)) + ".pub"
        let cosigned = [firstCosign, secondCosign].map { words($0).last ?? "" }

        // A fresh small ledger as ./plp.ledger ($PLP_LEDGER), with the input the story imports.
        let fixture = try LedgerFixture()
        let directory = fixture.scratch.url
        let inputs = ExamplesTests.fixtures.filter { keys[growth].contains(" \($0.name)") }
        #expect(inputs.count == 1, "`\(keys[growth])` imports no fixture of ExamplesTests")
        for input in inputs { _ = try fixture.scratch.write(input.name, input.lines.joined(separator: "\n") + "\n") }
        let logs = try Scratch()
        let shell = ExampleShell(directory: directory, logs: logs.url)
        let published = directory.appendingPathComponent(tiles)

        var outcomes: [Int: ExampleShell.Outcome] = [:]
        var beforeSecondPublish: [String: PublishedFile] = [:]
        for (index, command) in commands.enumerated() {
            if index == secondPublish { beforeSecondPublish = try Self.files(under: published) }
            let result = try shell.run(command)
            outcomes[index] = result
            try #require(result.status == 0, "`\(command)` exited \(result.status): \(result.stderr)")
        }

        // The ledger grew between the two checkpoints the witness cosigned.
        let sizes = try cosigned.map { name -> Int in
            let lines = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                .components(separatedBy: "\n")
            #expect(lines.filter { $0.hasPrefix("— ") }.count == 2, "\(name) is not the log's checkpoint cosigned: \(lines)")
            return try #require(Int(lines.count > 1 ? lines[1] : ""), "\(name): \(lines)")
        }
        #expect(sizes[1] > sizes[0], "the ledger did not grow: \(sizes)")

        // The second publish wrote only what is new: every earlier file is the same file with the same bytes,
        // except the checkpoint (and partial tiles superseded by a full one, which go).
        let afterSecondPublish = try Self.files(under: published)
        let added = Set(afterSecondPublish.keys).subtracting(beforeSecondPublish.keys)
        #expect(!added.isEmpty, "the second publish wrote no new tile")
        #expect(added.allSatisfy { $0.hasPrefix("tile/") }, "\(added.sorted())")
        for (path, earlier) in beforeSecondPublish {
            guard let later = afterSecondPublish[path] else {
                #expect(path.contains(".p/"), "the second publish removed \(path)")
                continue
            }
            if path == "checkpoint" {
                #expect(later.bytes != earlier.bytes, "the checkpoint was not replaced")
            } else {
                #expect(later == earlier, "the second publish rewrote \(path)")
            }
        }

        // The auditor's checks print their "ok" lines, about the two sizes.
        let head = try CLI.run(["checkpoint", "verify", directory.appendingPathComponent(cosigned[1]).path,
                                "--key", directory.appendingPathComponent(logKey).path, "--format", "json"])
        #expect(head.stdout.hasPrefix("{\"size\":\(sizes[1]),\"root\":\""), "\(head.stdout) \(head.stderr)")
        let root = head.stdout.split(separator: "\"").dropFirst(5).first.map(String.init) ?? "?"
        let tilesOutput = outcomes[tilesCheck]?.stdout ?? ""
        #expect(tilesOutput.hasPrefix("ok: ") && tilesOutput.contains("tree head size \(sizes[1]), root \(root)"),
                "\(tilesOutput)")
        let consistencyOutput = outcomes[consistencyCheck]?.stdout ?? ""
        #expect(consistencyOutput.hasPrefix("ok: the tree of \(sizes[0]) events"), "\(consistencyOutput)")
        #expect(consistencyOutput.contains("is a prefix of the tree of \(sizes[1]) events (root \(root))"),
                "\(consistencyOutput)")
        let inclusionOutput = outcomes[inclusionCheck]?.stdout ?? ""
        let seq = words(inclusion)[3]
        #expect(inclusionOutput.hasPrefix("ok: seq \(seq) "), "\(inclusionOutput)")
        #expect(inclusionOutput.contains("is in the tree of \(sizes[1]) events with root \(root)"), "\(inclusionOutput)")
        #expect(inclusionOutput.contains("; cosigned by ") && inclusionOutput.contains("(1 of 1 needed)"),
                "\(inclusionOutput)")
    }

    /// One published file: which file it is (a file replaced by rename is another one) and its bytes.
    struct PublishedFile: Equatable {
        let inode: UInt64
        let bytes: Data
    }

    /// Every file under `directory`, by its path relative to it.
    static func files(under directory: URL) throws -> [String: PublishedFile] {
        var files: [String: PublishedFile] = [:]
        let manager = FileManager.default
        guard let walk = manager.enumerator(atPath: directory.path) else { return files }
        for case let relative as String in walk {
            let path = directory.appendingPathComponent(relative).path
            let attributes = try manager.attributesOfItem(atPath: path)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            let inode = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
            files[relative] = PublishedFile(inode: inode, bytes: try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        return files
    }
}
