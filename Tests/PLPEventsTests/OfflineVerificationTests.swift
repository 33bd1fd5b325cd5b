import Crypto
import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// What an auditor can check with no ledger at hand: an export, proofs, signed checkpoints.
@Suite struct OfflineVerificationTests {
    static func contractLedger() throws -> TemporaryLedger {
        let ledger = try TemporaryLedger()
        let lines = try ImportExportTests.contractExamples.split(separator: "\n").map(String.init)
        _ = try ledger.store.importEvents(from: try ledger.file("examples.ndjson", lines: lines))
        return ledger
    }

    @Test func verifyingTheExportGivesTheDigest() throws {
        let ledger = try Self.contractLedger()
        let export = try ledger.export()
        let inMemory = ExportVerifier.verify(lines: export)
        #expect(inMemory.isIntact)
        #expect(inMemory.treeHead == (try ledger.store.treeHead()))
        let file = ledger.directory.appendingPathComponent("export.ndjson")
        try Data(export).write(to: file)
        #expect(try ExportVerifier.verify(path: file.path).treeHead == (try ledger.store.treeHead()))
    }

    @Test func aBadExportLineIsNamed() throws {
        let ledger = try Self.contractLedger()
        var lines = String(decoding: try ledger.export(), as: UTF8.self).split(separator: "\n").map(String.init)
        var altered = lines
        altered[4] = altered[4].replacingOccurrences(of: "\"schema\":1", with: "\"schema\":2")
        let changed = ExportVerifier.verify(lines: Array((altered.joined(separator: "\n") + "\n").utf8))
        #expect(changed.firstProblem?.line == 5 && changed.firstProblem?.seq == 5)
        lines.remove(at: 2)
        let dropped = ExportVerifier.verify(lines: Array((lines.joined(separator: "\n") + "\n").utf8))
        #expect(dropped.firstProblem?.line == 3 && dropped.checked == 2)
        let spaced = ExportVerifier.verify(lines: Array((lines[0].replacingOccurrences(of: ",", with: ", ") + "\n").utf8))
        #expect(spaced.firstProblem?.reason.contains("canonical") == true)
    }

    // MARK: An independent implementation

    /// RFC 8785 for the values of the contract examples (strings, integers, booleans, null, arrays, objects),
    /// written from scratch on Foundation's JSON parser.
    static func canonical(_ value: Any) -> String {
        switch value {
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\(canonical($0)):\(canonical(object[$0]!))" }.joined(separator: ",") + "}"
        case let array as [Any]:
            return "[" + array.map(canonical).joined(separator: ",") + "]"
        case let string as String:
            var out = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            return String(number.int64Value)
        default:
            return "null"
        }
    }

    /// RFC 6962 MTH, written from the RFC's recursive definition.
    static func mth(_ leaves: ArraySlice<[UInt8]>) -> [UInt8] {
        if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        if leaves.count == 1 { return Array(SHA256.hash(data: [0x00] + leaves.first!)) }
        var k = 1
        while k * 2 < leaves.count { k *= 2 }
        let split = leaves.startIndex + k
        return Array(SHA256.hash(data: [0x01] + mth(leaves[..<split]) + mth(leaves[split...])))
    }

    @Test func anIndependentRootOfTheExportEqualsTheDigest() throws {
        let ledger = try Self.contractLedger()
        let text = String(decoding: try ledger.export(), as: UTF8.self)
        var leaves: [[UInt8]] = []
        for line in text.split(separator: "\n") {
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let stated = try #require(object.removeValue(forKey: "hash") as? String)
            let leaf = Array(Self.canonical(object).utf8)
            let hash = SHA256.hash(data: [0x00] + leaf).map { String(format: "%02x", $0) }.joined()
            #expect(hash == stated)
            leaves.append(leaf)
        }
        let root = Self.mth(leaves[...]).map { String(format: "%02x", $0) }.joined()
        let head = try ledger.store.treeHead()
        #expect(head.size == UInt64(leaves.count))
        #expect(root == head.root.hex)
    }

    // MARK: Signed checkpoints

    @Test func theGoReferenceKeyAndSignatureAreReproduced() throws {
        // golang.org/x/mod/sumdb/note's own test vector.
        let signer = try NoteSigningKey(text: "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")
        #expect(signer.verifierKey.text == "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        let text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
        let note = try SignedNote.sign(text, with: signer)
        #expect(note == text + "\n\u{2014} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n")
        let verifier = try NoteVerifierKey(text: "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")
        #expect(try SignedNote.open(note, key: verifier) == text)
    }

    @Test func aCheckpointRoundTripsAndAnyChangeFails() throws {
        let ledger = try Self.contractLedger()
        let key = try NoteSigningKey(generatingNamed: "plp-ledger.example.be")
        let checkpoint = try Checkpoint(origin: "plp-ledger/test", treeHead: try ledger.store.treeHead())
        let note = try checkpoint.signed(with: key)
        let lines = note.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "plp-ledger/test" && lines[1] == "\(checkpoint.treeHead.size)" && lines[3] == "")
        #expect(lines[4].hasPrefix("\u{2014} plp-ledger.example.be "))
        #expect(try Checkpoint.open(note, key: key.verifierKey) == checkpoint)
        // Keys read back from their text.
        #expect(try NoteSigningKey(text: key.text + "\n").verifierKey == key.verifierKey)
        #expect(try NoteVerifierKey(text: key.verifierKey.text) == key.verifierKey)
        // Another key, an altered body, a private key given as public key.
        let other = try NoteSigningKey(generatingNamed: "plp-ledger.example.be")
        #expect(throws: CheckpointError.self) { try Checkpoint.open(note, key: other.verifierKey) }
        let altered = note.replacingOccurrences(of: "\n\(checkpoint.treeHead.size)\n", with: "\n\(checkpoint.treeHead.size + 1)\n")
        #expect(throws: CheckpointError.self) { try Checkpoint.open(altered, key: key.verifierKey) }
        #expect(throws: CheckpointError.self) { try NoteVerifierKey(text: key.text) }
        #expect(throws: CheckpointError.self) { try NoteSigningKey(text: key.verifierKey.text) }
        #expect(throws: CheckpointError.self) { try NoteVerifierKey(text: "garbage") }
        #expect(throws: CheckpointError.self) { try NoteSigningKey(generatingNamed: "two words") }
    }
}
