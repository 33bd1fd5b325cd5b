import Foundation
internal import LMDBKit

/// The handles of the ledger's nine LMDB databases (format 1).
struct LedgerDatabases {
    var events, ids, streams, streamEvents, voided, meta, memberKeys, projections, tree: LMDBDatabase
    /// The staging database of imports (``ImportStaging``): made by the first import, so older ledgers lack it.
    var staging: LMDBDatabase?
}

/// The one way into a ledger: every command opens it through these checks, so that a damaged or foreign directory
/// gets one sentence instead of a crash, a silent "0 events", or writes into someone else's database.
///
/// 1. The directory: a ledger is a directory, its `data.mdb` and `lock.mdb` regular files; a new one needs a new or
///    empty directory.
/// 2. The data file: not shorter than its newest commit needs (checked before LMDB maps it: a file cut short would
///    fault on the first read past its end), and an LMDB file at all.
/// 3. The format: the `format` marker in `meta` is `plp-ledger/1`; a later format is named as such.
/// 4. The databases: all nine of the format are there; nothing is created or repaired, but for a new ledger.
/// 5. The indexes agree with the events (constant-time counts): as many ids and stream entries as events, keys
///    1…N without a gap, a tree head of N leaves.
/// 6. A backup (``BackupMark``) is not opened for writing: it is restored first.
enum LedgerOpening {
    /// The databases of format 1, with their persistent flags.
    static let layout: [(name: String, flags: LMDBDatabaseFlags)] = [
        (StoreKeys.events, []), (StoreKeys.ids, []), (StoreKeys.streams, []),
        (StoreKeys.streamEvents, [.dupSort, .dupFixed]), (StoreKeys.voided, []), (StoreKeys.meta, []),
        (StoreKeys.memberKeys, []), (StoreKeys.projections, []), (StoreKeys.tree, []),
    ]

    /// The `meta` key of the format marker.
    static let formatKey = Array("format".utf8)

    static func open(at path: String, options: EventStore.Options) throws -> EventStore {
        if options.create && options.readOnly { throw LedgerError(.invalidArgument, "a ledger cannot be created read-only") }
        try checkDirectory(path, creating: options.create)
        let environment = try openEnvironment(path, options: options)
        if try environment.namedDatabaseCount() == 0 {
            guard options.create else {
                throw LedgerError(.noLedger, "there is no ledger at \(path) (an empty LMDB environment); `plp-ledger init` makes one there")
            }
            try create(environment, path: path)
        }
        let databases = try openDatabases(environment, path: path)
        if !options.readOnly && !options.opensBackupForWriting,
           try environment.read({ txn in try BackupMark.isPresent(txn, meta: databases.meta) }) {
            throw BackupMark.refusal(path)
        }
        let store = EventStore(path: path, environment: environment, databases: databases, masterKey: options.masterKey,
                               sealsContacts: options.sealsContacts)
        try checkConsistency(store)
        return store
    }

    // MARK: 1. The directory

    private static func checkDirectory(_ path: String, creating: Bool) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw LedgerError(.notALedger, "\(path) is a file, not a ledger directory") }
        let hasData = FileManager.default.fileExists(atPath: path + "/data.mdb")
        try checkFiles(path)
        if hasData { return }
        guard creating else {
            if exists, let entries = try? FileManager.default.contentsOfDirectory(atPath: path), !entries.isEmpty {
                throw LedgerError(.notALedger, "\(path) is not a ledger (it holds no data.mdb)")
            }
            throw LedgerError.noLedger(path)
        }
        if exists {
            let entries: [String]
            do { entries = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                throw LedgerError(.permissionDenied, "cannot read the directory \(path)")
            }
            guard entries.allSatisfy({ $0 == "lock.mdb" }) else {
                throw LedgerError(.exists, "\(path) is a directory that holds other files; a new ledger needs a new or empty directory")
            }
        }
    }

    /// LMDB's two files, when they are there, are regular files: a FIFO put in their place (a ledger or a backup
    /// copied from someone else) would make LMDB wait for a writer for ever, or fail with a system error's words.
    private static func checkFiles(_ path: String) throws {
        for name in ["data.mdb", "lock.mdb"] {
            var info = stat()
            guard stat(path + "/" + name, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG else { continue }
            throw LedgerError(.notALedger, "the ledger at \(path) cannot be opened: its \(name) is \(InputFile.kindName(info.st_mode)), not a file")
        }
    }

    // MARK: 2. The data file

    private static func openEnvironment(_ path: String, options: EventStore.Options) throws -> LMDBEnvironment {
        var lmdb = LMDBOptions()
        lmdb.initialMapSize = options.initialMapSize
        lmdb.durable = options.durable
        lmdb.maxDatabases = 16
        lmdb.readOnly = options.readOnly
        do {
            return try LMDBEnvironment.open(directory: path, options: lmdb)
        } catch let error where options.readOnly && (error.code == EACCES || error.code == EPERM) {
            // A ledger this user may read but not write (an auditor's copy owned by someone else, `chattr +i`):
            // LMDB cannot open lock.mdb for writing, so it is read without the lock file, as on read-only media.
            lmdb.withoutLockFile = true
            do {
                return try LMDBEnvironment.open(directory: path, options: lmdb)
            } catch {
                throw openingFailure(error, path: path, readOnly: true)
            }
        } catch {
            throw openingFailure(error, path: path, readOnly: options.readOnly)
        }
    }

    /// The sentence for an environment that LMDB would not open.
    static func openingFailure(_ error: LMDBError, path: String, readOnly: Bool) -> LedgerError {
        switch error.code {
        case LMDBError.corrupted.code:
            // Only the data-file check reports this at open: the file is shorter than its last commit needs.
            let detail = error.message.components(separatedBy: ": ").last ?? ""
            return LedgerError.damaged(path, "its data file is cut short (\(detail)): an interrupted copy or a full disk")
        case LMDBError.invalid.code:
            return LedgerError(.notALedger, "\(path) is not a plp-ledger ledger: its data.mdb is not an LMDB data file")
        case LMDBError.versionMismatch.code:
            return LedgerError(.incompatibleStorage, "the ledger at \(path) is in use by, or was written by, an incompatible LMDB version")
        case LMDBError.readOnlyFileSystem.code where !readOnly, EACCES where !readOnly, EPERM where !readOnly:
            return LedgerError.readOnly(path)
        case LMDBError.readOnlyFileSystem.code:
            return LedgerError(.readOnly, "the ledger at \(path) is on a read-only file system and could not be opened there")
        case EACCES, EPERM:
            return LedgerError(.permissionDenied, "permission denied reading the ledger at \(path)")
        default:
            return LedgerError(PlainSentence.code(of: error), PlainSentence.describe(error, ledger: path))
        }
    }

    // MARK: 3 and 4. The format and its databases

    /// Creates the databases of the format and its marker in one transaction: a kill leaves no half-made ledger.
    private static func create(_ environment: LMDBEnvironment, path: String) throws {
        do {
            try environment.write { txn in
                var meta: LMDBDatabase?
                for (name, flags) in layout {
                    let database = try txn.openDatabase(name, flags: flags.union(.create), path: path)
                    if name == StoreKeys.meta { meta = database }
                }
                guard let meta else { throw LedgerError(.internalError, "the format has no meta database") }
                _ = try txn.put(meta, key: formatKey, value: StoreKeys.formatValue)
            }
        } catch let error as LMDBError {
            throw LedgerError(PlainSentence.code(of: error), PlainSentence.describe(error, ledger: path))
        }
    }

    private static func openDatabases(_ environment: LMDBEnvironment, path: String) throws -> LedgerDatabases {
        func open(_ index: Int) throws -> LMDBDatabase {
            let (name, flags) = layout[index]
            do {
                return try environment.openDatabase(name, flags: flags)
            } catch {
                switch error.code {
                case LMDBError.notFound.code where name == StoreKeys.meta:
                    throw LedgerError(.notALedger, "\(path) is an LMDB environment but not a plp-ledger ledger (it has no format marker)")
                case LMDBError.notFound.code:
                    throw LedgerError.damaged(path, "its '\(name)' database is missing")
                case LMDBError.incompatible.code:
                    throw LedgerError.damaged(path, "its '\(name)' database is not of the ledger's kind")
                default:
                    throw LedgerError(PlainSentence.code(of: error), PlainSentence.describe(error, ledger: path))
                }
            }
        }
        // meta first: a foreign environment is named as such before any database of ours is looked for.
        let meta = try open(5)
        try checkFormat(environment, meta: meta, path: path)
        return LedgerDatabases(events: try open(0), ids: try open(1), streams: try open(2), streamEvents: try open(3),
                               voided: try open(4), meta: meta, memberKeys: try open(6), projections: try open(7),
                               tree: try open(8), staging: try? environment.openDatabase(StoreKeys.staging))
    }

    private static func checkFormat(_ environment: LMDBEnvironment, meta: LMDBDatabase, path: String) throws {
        let format = try environment.read { txn in try txn.get(meta, key: formatKey).map { [UInt8]($0) } }
        guard let format else {
            throw LedgerError(.notALedger, "\(path) is an LMDB environment but not a plp-ledger ledger (it has no format marker)")
        }
        if format == StoreKeys.formatValue { return }
        let text = String(decoding: format, as: UTF8.self)
        if text.hasPrefix("plp-ledger/"), text.count < 32 {
            throw LedgerError(.laterFormat, "the ledger at \(path) is of format \(text.dropFirst("plp-ledger/".count)), which this "
                + "version of plp-ledger (format 1) does not read")
        }
        throw LedgerError(.notALedger, "\(path) is an LMDB environment but not a plp-ledger ledger (unknown format marker)")
    }

    // MARK: 5. The indexes agree with the events

    private static func checkConsistency(_ store: EventStore) throws {
        let problem: String? = try store.environment.read { txn in
            let events = try txn.stat(store.events).entries
            let last = try LedgerReads(store: store).lastSeq(txn)
            if UInt64(events) != last {
                return "its events are numbered up to seq \(last) but it holds \(events)"
            }
            // Events beyond the head are an import's batches (running, or killed: the next write removes them); the
            // indexes hold every event up to the head, and at most those of the batches beyond it.
            let head = try TreeNodes.loadRange(txn, store: store)?.size ?? 0
            if head > last { return "its tree head covers \(head) events, not \(last)" }
            func agrees(_ count: Int) -> Bool { UInt64(count) >= head && UInt64(count) <= last }
            let ids = try txn.stat(store.ids).entries
            if !agrees(ids) { return "its 'ids' index holds \(ids) entries for \(head == last ? "\(events)" : "\(head) to \(last)") events" }
            let streamEntries = try txn.stat(store.streamEvents).entries
            if !agrees(streamEntries) {
                return "its 'stream-events' index holds \(streamEntries) entries for \(head == last ? "\(events)" : "\(head) to \(last)") events"
            }
            if head > 0 {
                if try txn.stat(store.streams).entries == 0 { return "its 'streams' index is empty" }
                let treeNodes = try txn.stat(store.tree).entries
                if head > 1 && treeNodes == 0 { return "its Merkle tree is empty" }
            } else if events > 0, try txn.get(store.meta, key: StoreKeys.treeRange) == nil, try ImportStaging.isEmpty(txn, store: store) {
                return "its tree head is missing"
            }
            return nil
        }
        if let problem { throw LedgerError.damaged(store.path, problem) }
    }
}
