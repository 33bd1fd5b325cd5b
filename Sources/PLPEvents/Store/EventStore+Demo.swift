import Foundation
internal import LMDBKit

/// What a path holds, as `plp-ledger demo` sees it before it builds a demo ledger there.
public enum DemoPlace: Sendable, Equatable {
    /// Nothing, or an empty directory: the demo may build there.
    case free
    /// A ledger the demo made (it carries the demo mark): the demo may remove and rebuild it.
    case demoLedger
    /// A ledger the demo did not make: it must be left as it is.
    case otherLedger
    /// Something that is not a ledger (a file, a directory with other contents, a damaged ledger): left as it is.
    case notALedger
}

extension EventStore {
    /// Marks the ledger as made by `plp-ledger demo` (`demo` = 1 in `meta`), so that a later demo may rebuild it.
    public func markAsDemo() throws {
        try environment.write { txn in
            _ = try txn.put(meta, key: StoreKeys.demoMark, value: [1])
        }
    }

    /// Whether the ledger carries the demo mark.
    public func isDemo() throws -> Bool {
        try environment.read { txn in try txn.get(meta, key: StoreKeys.demoMark).map { [UInt8]($0) } == [1] }
    }

    /// What `path` holds, for the demo: the ledger there, if any, is opened read-only to read its mark and closed
    /// again (so that it can be removed and made anew in this process); nothing is written to it.
    public static func demoPlace(_ path: String) -> DemoPlace {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .free }
        guard isDirectory.boolValue else { return .notALedger }
        let data = path + "/data.mdb"
        guard FileManager.default.fileExists(atPath: data) else {
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? ["?"]).isEmpty ? .free : .notALedger
        }
        var options = EventStore.Options()
        options.readOnly = true
        // The open checks the data file before LMDB maps it, the format and every database.
        guard let store = try? EventStore.open(at: path, options: options) else { return .notALedger }
        defer { try? store.environment.close() }
        return (try? store.isDemo()) == true ? .demoLedger : .otherLedger
    }
}
