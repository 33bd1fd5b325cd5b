internal import LMDBKit
/// Removes what an import left beyond the head when its process died (a kill, a power cut) or when it stopped
/// (an invalid line, a full disk): its batches of events and their tree nodes, voids and member keys, the index
/// entries its merge had written, and its staging database. The visible ledger is never touched.
///
/// Each step commits in slices of bounded size and can be interrupted in its turn: the next writer (an import or an
/// append) runs the rollback again before it writes, under the import lock, and it goes on where it stopped.
enum ImportRollback {
    /// Deletions per transaction.
    static let slice = 100_000

    /// What an import left: work beyond the head (to roll back), or only the runs of a finished import (to empty).
    private enum Leftover { case none, runsOfAFinishedImport, workBeyondTheHead }

    private static func leftover(_ store: EventStore) throws -> Leftover {
        try store.environment.read { txn in
            let reads = LedgerReads(store: store)
            if try reads.lastSeq(txn) > reads.head(txn) || !ImportStaging.isEmpty(txn, store: store) { return .workBeyondTheHead }
            guard let staging = store.existingStaging, try txn.count(staging) > 0 else { return .none }
            return .runsOfAFinishedImport
        }
    }

    /// Whether an import left something to roll back or empty (a backup leaves it out of its copy).
    static func isNeeded(_ store: EventStore) throws -> Bool {
        try store.currentStaging()
        return try leftover(store) != .none
    }

    /// Rolls back; returns the number of events removed.
    @discardableResult
    /// `starting` is called first when there is an interrupted import's work to remove.
    static func run(_ store: EventStore, starting: () -> Void = {}) throws -> UInt64 {
        // An import that began after this store was opened made its staging database in another process.
        try store.currentStaging()
        switch try leftover(store) {
        case .none: return 0
        case .runsOfAFinishedImport:
            // A kill came after the import's last commit, before its runs were emptied.
            try ImportStaging.clear(store)
            return 0
        case .workBeyondTheHead: starting()
        }
        let staging = try store.stagingDatabase()
        let merging = try store.environment.read { txn in (try txn.get(staging, key: ImportStaging.markKey)?.count ?? 0) > 8 }
        if merging {
            try removeMergedEntries(store, staging: staging, tag: ImportStaging.idRunTag)
            try removeMergedEntries(store, staging: staging, tag: ImportStaging.streamRunTag)
        }
        try restorePriorFacts(store, staging: staging)
        try removeCreatedKeys(store, staging: staging)
        let removed = try removeEvents(store)
        try ImportStaging.clear(store)
        return removed
    }

    /// Deletes the index entries of the runs of `tag` (and the run entries themselves, so that a rollback interrupted
    /// here goes on with the rest).
    private static func removeMergedEntries(_ store: EventStore, staging: LMDBDatabase, tag: UInt8) throws {
        var done = false
        while !done {
            try store.environment.write { txn in
                let block = try ImportStaging.block(txn, staging, from: [tag], limit: slice) { $0.first == tag && $0.count > 5 }
                done = block.count < slice
                for (key, value) in block {
                    let rest = Array(key[5...])
                    if tag == ImportStaging.idRunTag {
                        if let seq = try txn.get(store.ids, key: rest), seq.elementsEqual(value) { _ = try txn.delete(store.ids, key: rest) }
                    } else if rest.count > 9 {
                        _ = try txn.delete(store.streamEvents, key: Array(rest[0..<(rest.count - 9)]), value: Array(rest[(rest.count - 8)...]))
                    }
                    _ = try txn.delete(staging, key: key)
                }
            }
        }
    }

    /// Puts back the facts of the streams whose facts the import had moved into `streams` (deleting those of the
    /// streams it made), removing each kept entry as it goes.
    private static func restorePriorFacts(_ store: EventStore, staging: LMDBDatabase) throws {
        var done = false
        while !done {
            try store.environment.write { txn in
                let block = try ImportStaging.block(txn, staging, from: [ImportStaging.priorFactsTag], limit: slice) {
                    $0.first == ImportStaging.priorFactsTag
                }
                done = block.count < slice
                for (key, prior) in block {
                    let name = Array(key.dropFirst())
                    if prior.isEmpty { _ = try txn.delete(store.streams, key: name) } else { _ = try txn.put(store.streams, key: name, value: prior) }
                    _ = try txn.delete(staging, key: key)
                }
            }
            store.environment.releaseMappedPages()
        }
    }

    /// Deletes the member keys the import created for members the visible ledger does not know.
    private static func removeCreatedKeys(_ store: EventStore, staging: LMDBDatabase) throws {
        var done = false
        while !done {
            try store.environment.write { txn in
                let members = try ImportStaging.block(txn, staging, from: [ImportStaging.createdKeyTag], limit: slice) {
                    $0.first == ImportStaging.createdKeyTag
                }.map { Array($0.key.dropFirst()) }
                done = members.count < slice
                for member in members {
                    let stream = Array("member/".utf8) + member
                    if try txn.get(store.streams, key: stream) == nil { _ = try txn.delete(store.memberKeys, key: member) }
                    _ = try txn.delete(staging, key: [ImportStaging.createdKeyTag] + member)
                }
            }
            store.environment.releaseMappedPages()
        }
    }

    /// Deletes the events beyond the head from the last one, with the tree nodes and voids beyond it.
    private static func removeEvents(_ store: EventStore) throws -> UInt64 {
        var removed: UInt64 = 0
        var done = false
        while !done {
            try store.environment.write { txn in
                let reads = LedgerReads(store: store)
                let head = try reads.head(txn)
                var count = 0
                while count < slice {
                    let last = try reads.lastSeq(txn)
                    guard last > head else { break }
                    _ = try last.withBigEndianBytes { key in try txn.delete(store.events, key: key) }
                    count += 1
                }
                removed += UInt64(count)
                done = count < slice
                guard done else { return }
                // The tree nodes completed by the removed events, and their voids.
                let firstBeyond = TreeNodes.interiorCount(size: head)
                for node in try ImportStaging.block(txn, store.tree, from: firstBeyond.bigEndianBytes) {
                    _ = try txn.delete(store.tree, key: node.key)
                }
                for void in try ImportStaging.block(txn, store.voided, from: nil) where (UInt64(bigEndianBytes: void.value) ?? 0) > head {
                    _ = try txn.delete(store.voided, key: void.key)
                }
            }
        }
        return removed
    }
}
