import Foundation
import Synchronization

/// Fault injection at the stages of an import, for the tests that kill or hold a real import process at a known
/// point. Driven by the environment and inert without it:
///
/// - `PLP_LEDGER_FAULT=STAGE:kill` — the process sends itself SIGKILL when it reaches STAGE (a kill -9 there);
/// - `PLP_LEDGER_FAULT=STAGE:hold` — it creates the file named by `PLP_LEDGER_FAULT_HOLD` and waits while that
///   file exists (at most 120 s), so that a test can run readers and writers against it meanwhile.
enum ImportFault {
    /// Where an import can be stopped.
    enum Stage: String {
        /// The first batch of lines is admitted and committed beyond the head.
        case firstChunk = "first-chunk"
        /// A slice of a merge of staged runs (stream facts or index entries, ``RunTiers``) is committed, between two
        /// batches.
        case mergingRuns = "merging-runs"
        /// A slice of the merge of the staged index entries is committed.
        case merging = "merging"
        /// A slice of the import's stream facts is moved into `streams` (readers still see the facts of before).
        case movingFacts = "moving-facts"
        /// A slice of the member keys the import created is moved into `member-keys` (their members are not visible).
        case movingKeys = "moving-keys"
        /// Every line and index entry is in; the last transaction, which moves the head, is next.
        case beforeCommit = "before-commit"
        /// The last transaction is committed (the import is visible); its staged runs are emptied next.
        case committed = "committed"
        /// Not an import's: a `--reveal` reader between its fold and the contacts it opens (held once per process).
        case revealing = "revealing"
    }

    private static let heldOnce = Mutex(false)

    private static let plan: (stage: String, action: String)? = {
        guard let value = ProcessInfo.processInfo.environment["PLP_LEDGER_FAULT"] else { return nil }
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }()

    /// Called by the import at `stage`.
    static func reach(_ stage: Stage) {
        guard let plan, plan.stage == stage.rawValue else { return }
        switch plan.action {
        case "kill":
            kill(getpid(), SIGKILL)
        case "hold":
            guard let hold = ProcessInfo.processInfo.environment["PLP_LEDGER_FAULT_HOLD"] else { return }
            if stage == .revealing {
                guard heldOnce.withLock({ held in defer { held = true }; return !held }) else { return }
            }
            _ = FileManager.default.createFile(atPath: hold, contents: Data())
            let deadline = Date().addingTimeInterval(120)
            while FileManager.default.fileExists(atPath: hold) && Date() < deadline { usleep(10_000) }
        default:
            return
        }
    }
}

extension EventStore {
    /// The fault point of a `--reveal` reader between its fold and the contacts it opens (inert without
    /// `PLP_LEDGER_FAULT=revealing:hold`; see ``ImportFault``).
    public func reachRevealingFaultPoint() { ImportFault.reach(.revealing) }
}
