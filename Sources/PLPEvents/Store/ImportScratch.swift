import Foundation

/// A scratch LMDB environment next to the ledger that holds what the check of an import learns from the file
/// (stream facts, the file's ids, rule tokens), so that checking a file of any size needs bounded memory.
/// It is written without fsync and removed when the check ends.
final class ImportScratch: @unchecked Sendable {
    let directory: String
    let environment: LMDBEnvironment
    /// stream name → ``StreamFacts`` after the file's lines so far.
    let facts: LMDBDatabase
    /// event id (16 bytes) → seq (u64 LE), rule token (2 bytes), content fingerprint (16 bytes), stream name.
    let events: LMDBDatabase
    /// stream name, 0x00, version (u64 big-endian) → rule token (2 bytes), then the event id (16 bytes) if it had one.
    let tokens: LMDBDatabase

    /// Creates an empty scratch environment inside the ledger directory.
    init(ledgerPath: String) throws {
        Self.removeStale(in: ledgerPath)
        directory = "\(ledgerPath)/import-check-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try? FileManager.default.removeItem(atPath: directory)
        var options = LMDBOptions()
        options.durable = false
        options.initialMapSize = 1 << 32
        options.maxDatabases = 4
        environment = try LMDBEnvironment.open(directory: directory, options: options)
        facts = try environment.openDatabase("facts", flags: [.create])
        events = try environment.openDatabase("events", flags: [.create])
        tokens = try environment.openDatabase("tokens", flags: [.create])
    }

    /// Closes and deletes the scratch environment.
    func remove() {
        try? environment.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Deletes scratch directories left by checks whose process died.
    static func removeStale(in ledgerPath: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: ledgerPath) else { return }
        for name in names where name.hasPrefix("import-check-") {
            let parts = name.split(separator: "-")
            if parts.count >= 3, let pid = Int32(parts[2]), pid != getpid(), kill(pid, 0) != 0 {
                try? FileManager.default.removeItem(atPath: "\(ledgerPath)/\(name)")
            }
        }
    }

    /// The key of a stream's token at `version`.
    static func tokenKey(_ stream: [UInt8], version: UInt64) -> [UInt8] {
        var key = stream
        key.append(0)
        withUnsafeBytes(of: version.bigEndian) { key.append(contentsOf: $0) }
        return key
    }

    /// A rule token as two bytes.
    static func encode(_ token: RuleToken) -> (UInt8, UInt8) { (token.type.code, token.supportSufficient ? 1 : 0) }

    /// Reads a rule token from two bytes.
    static func decodeToken(_ bytes: UnsafeRawBufferPointer) throws -> RuleToken {
        guard bytes.count >= 2, let type = EventType(code: bytes[0]) else { throw BinaryFormatError("bad scratch token") }
        return RuleToken(type: type, supportSufficient: bytes[1] == 1)
    }
}
