import Crypto
import Foundation

/// The ledger's master key: it wraps every member's own key (contract section 4). Whoever holds it can read contact
/// data in clear; without it the ledger still imports sealed data, exports, verifies and computes every figure.
///
/// Where it is looked for, in order: `$PLP_LEDGER_KEY` (the key itself, base64, or the path of a key file), then the
/// file next to the ledger directory, `<ledger>.key`, which `plp-ledger init` creates (mode 0600).
// @unchecked: the key is immutable once made.
public struct MasterKey: @unchecked Sendable {
    /// The 256-bit key.
    let key: SymmetricKey

    /// A new random key.
    public static func generate() -> MasterKey { MasterKey(key: SymmetricKey(size: .bits256)) }

    /// A key from its base64 text (32 bytes).
    public init?(base64 text: String) {
        guard let bytes = Base64.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
    }

    private init(key: SymmetricKey) { self.key = key }

    /// The key as base64 text.
    public var base64: String { key.withUnsafeBytes { Base64.encode(Array($0)) } }

    /// A short public identifier of the key (first 8 bytes of SHA-256 of the key, hex), to tell keys apart.
    public var identifier: String {
        let digest = key.withUnsafeBytes { SHA256.hash(data: $0) }
        return digest.prefix(8).map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }

    /// The default key file of the ledger at `ledgerPath`.
    public static func defaultFile(forLedger ledgerPath: String) -> String {
        var path = ledgerPath
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path + ".key"
    }

    /// Finds the master key of the ledger at `ledgerPath`, or nil when none is available.
    public static func locate(forLedger ledgerPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MasterKey? {
        if let value = environment["PLP_LEDGER_KEY"], !value.isEmpty {
            if let key = MasterKey(base64: value) { return key }
            return try read(file: value, origin: "PLP_LEDGER_KEY")
        }
        let file = defaultFile(forLedger: ledgerPath)
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        return try read(file: file, origin: nil)
    }

    /// Reads a key file: opened without blocking and read bounded (``InputFile``), so a FIFO or a device where
    /// the key should be is refused, and a large file costs one small read.
    public static func read(file: String, origin: String?) throws -> MasterKey {
        let from = origin.map { " (named by \($0))" } ?? ""
        let data: [UInt8]
        do throws(InputError) {
            let input = try InputFile.open(file, subject: "the master key file \(file)\(from)", acceptsStreams: false)
            data = try input.readWhole(limit: 4096, what: "a master key (32 bytes in base64)")
        } catch {
            throw LedgerError(error.kind == .tooLarge ? .invalidArgument : .unreadableInput, error.message)
        }
        guard let key = MasterKey(base64: String(decoding: data, as: UTF8.self)) else {
            throw LedgerError(.invalidArgument, "\(file) is not a master key (32 bytes in base64)")
        }
        return key
    }

    /// Writes the key to `file`, readable by its owner only; refuses to overwrite.
    public func write(to file: String) throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw LedgerError(.exists, "\(file) exists already; not overwritten") }
        guard FileManager.default.createFile(atPath: file, contents: Data((base64 + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw LedgerError(.permissionDenied, "cannot write the master key to \(file)")
        }
    }
}
