import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A witness's state on disk: a directory (mode 0700, created on first use) with one file per log,
/// `<SHA-256 of the origin, hex>.json` holding `{"checkpoint":…,"logKey":…,"origin":…,"root":…,"size":…}`, and a
/// `lock` file. Checking a submission and recording its result happen under an exclusive lock, so that two
/// cosignings at once can never roll a log back (tlog-witness); a record is replaced atomically (a temporary file
/// flushed to disk, renamed over the old one, the directory flushed).
public struct WitnessStateDirectory: Sendable {
    /// The directory.
    public let path: String

    /// Opens the directory, creating it when it does not exist.
    ///
    /// - Throws: ``CheckpointError`` when the path is a file or the directory cannot be created.
    public init(path: String) throws {
        self.path = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CheckpointError("the witness state \(path) is a file, not a directory") }
        } else if mkdir(path, 0o700) != 0 && errno != EEXIST {
            throw CheckpointError("cannot create the witness state directory \(path): \(Self.reason(errno))")
        }
    }

    /// Runs `body` holding the directory's exclusive lock (other cosignings with this state wait).
    public func withExclusiveLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = path + "/lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CheckpointError("cannot open the witness state's lock \(lockPath): \(Self.reason(errno))") }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw CheckpointError("cannot lock the witness state \(path): \(Self.reason(errno))") }
        }
        return try body()
    }

    /// Every log the witness knows.
    ///
    /// - Throws: ``CheckpointError`` naming a record that cannot be read.
    public func records() throws -> [WitnessRecord] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw CheckpointError("cannot read the witness state directory \(path)")
        }
        return try names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted().map { try record(file: path + "/" + $0) }
    }

    /// Records `record` (and the checkpoint it comes from) in place of the log's previous record.
    ///
    /// - Throws: ``CheckpointError`` when the record cannot be written and flushed to disk.
    public func save(_ record: WitnessRecord, checkpoint note: String) throws {
        var w = CanonicalJSONWriter(capacity: 1024)
        w.beginObject()
        w.key("checkpoint"); w.string(note)
        w.key("logKey"); w.string(record.logKey.text)
        w.key("origin"); w.string(record.origin)
        w.key("root"); w.string(record.treeHead.root.hex)
        w.key("size"); w.integer(Int64(bitPattern: record.treeHead.size))
        w.endObject()
        w.bytes.append(0x0A)
        let final = path + "/" + Self.fileName(origin: record.origin)
        let temporary = path + "/." + Self.fileName(origin: record.origin) + ".partial-\(getpid())"
        try Self.write(w.bytes, to: temporary)
        guard rename(temporary, final) == 0 else {
            let code = errno
            unlink(temporary)
            throw CheckpointError("cannot record the witness state in \(final): \(Self.reason(code))")
        }
        let directory = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            defer { close(directory) }
            if fsync(directory) != 0 && errno != EINVAL && errno != EROFS {
                throw CheckpointError("cannot flush the witness state directory \(path) to disk: \(Self.reason(errno))")
            }
        }
    }

    /// The record's file name for an origin: 64 hex digits and `.json`.
    static func fileName(origin: String) -> String {
        SHA256.hash(data: Array(origin.utf8)).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined() + ".json"
    }

    private func record(file: String) throws -> WitnessRecord {
        let damaged = { (what: String) in CheckpointError("the witness state file \(file) is damaged (\(what)); restore it from a backup, never by hand") }
        let data: [UInt8]
        do throws(InputError) {
            // The witness wrote it, as a regular file: anything else (a FIFO, a link) was put there by someone else.
            let input = try InputFile.open(file, subject: "the witness state file \(file)", acceptsStreams: false,
                                           followsLinks: false)
            // A record holds a checkpoint of at most 1 MiB, escaped in JSON.
            data = try input.readWhole(limit: 8 << 20)
        } catch {
            throw CheckpointError(error.message)
        }
        guard let value = try? JSONValue.parse(data) else { throw damaged("not JSON") }
        guard let origin = value["origin"]?.stringValue, let keyText = value["logKey"]?.stringValue,
              let size = value["size"]?.integerValue, size >= 0,
              let rootText = value["root"]?.stringValue, let root = Digest32(hex: rootText) else {
            throw damaged("a member is missing or malformed")
        }
        guard let key = try? NoteVerifierKey(text: keyText) else { throw damaged("the log key is not a public key") }
        guard file.hasSuffix("/" + Self.fileName(origin: origin)) else { throw damaged("the file's name is not that of its origin") }
        return WitnessRecord(origin: origin, logKey: key, treeHead: TreeHead(size: UInt64(size), root: root))
    }

    private static func write(_ bytes: [UInt8], to file: String) throws {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CheckpointError("cannot write the witness state file \(file): \(reason(errno))") }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Foundation.write(fd, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                unlink(file)
                throw CheckpointError("cannot write the witness state file \(file): \(reason(code))")
            }
            offset += written
        }
        if fsync(fd) != 0 {
            let code = errno
            close(fd)
            unlink(file)
            throw CheckpointError("cannot flush the witness state file \(file) to disk: \(reason(code))")
        }
        close(fd)
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
