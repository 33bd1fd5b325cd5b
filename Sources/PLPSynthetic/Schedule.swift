import PLPEvents

/// A step of a PLP's life the generator has planned.
enum PLPStep: UInt8, Sendable {
    case propose, consult, holdSession, signCharter, approve, evaluate
    case changeCoordinator, changeOfficer, amendCharter, suspend, reinstate
    case dissolveForLackOfSupport, dissolveAfterEvaluation, dissolve
}

/// The stream an `EventVoided` goes to.
enum VoidTarget: Sendable {
    case plp(Int32)
    case report(UInt32)
    case commune(Int32)
}

/// Something the generator will do at an instant; most actions produce one event when their time comes, after
/// checking that the ledger's rules still allow it then (a PLP may have been dissolved in the meantime).
enum Action: Sendable {
    /// The start of a month: draw the month's arrivals.
    case monthOpens
    /// A step of a PLP's life.
    case plp(Int32, PLPStep)
    /// A member joins this PLP.
    case memberJoins(plp: Int32)
    /// A member's contact data changes.
    case memberContactChanges(UInt32)
    /// A member leaves.
    case memberLeaves(UInt32, LeaveReason)
    /// A member's data is erased.
    case memberErased(UInt32)
    /// A citizen files a report: near a PLP (index, or −1), in a place (index) and part of it.
    case reportFiled(plp: Int32, place: Int32, part: UInt32, category: ReportCategory)
    /// The police assess a report.
    case reportAssessed(report: UInt32, plp: Int32, category: ReportCategory)
    /// An urgent alert after a confirmed report.
    case urgentAlert(report: UInt32, plp: Int32)
    /// The police give feedback on a report to its PLP.
    case feedback(report: UInt32, plp: Int32, confirmed: Bool)
    /// A prevention message or a bulletin to a PLP's members.
    case message(plp: Int32, kind: AlertKind)
    /// The police record a crime fact that occurred on `day` (days since 1970).
    case crime(place: Int32, part: UInt32, category: CrimeCategory, attempted: Bool, day: Int32)
    /// A correction of an earlier event.
    case void(VoidTarget, EventID, reason: UInt8)
    /// A police-academy course for PLP coordinators and members.
    case course
    /// A best practice shared by the programme.
    case bestPractice
    /// The comité d'accompagnement's yearly meeting.
    case committeeMeets
}

/// The actions waiting for their time, in a binary min-heap ordered by instant, then by the order they were planned
/// in (so that equal instants keep a deterministic order).
struct Schedule: Sendable {
    private struct Entry: Sendable {
        var instant: Int64
        var order: UInt64
        var action: Action

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            instant < other.instant || (instant == other.instant && order < other.order)
        }
    }

    private var heap: [Entry] = []
    private var planned: UInt64 = 0
    /// The most actions that were ever waiting at once (a bound on the generator's memory).
    private(set) var peak = 0

    /// Actions waiting.
    var count: Int { heap.count }

    /// Plans `action` at `instant`.
    mutating func plan(_ action: Action, at instant: Int64) {
        planned &+= 1
        heap.append(Entry(instant: instant, order: planned, action: action))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].precedes(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
        if heap.count > peak { peak = heap.count }
    }

    /// The earliest action, removed.
    mutating func next() -> (instant: Int64, action: Action)? {
        guard let first = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            let count = heap.count
            while true {
                let left = 2 * parent + 1
                if left >= count { break }
                var best = left
                if left + 1 < count && heap[left + 1].precedes(heap[left]) { best = left + 1 }
                guard heap[best].precedes(heap[parent]) else { break }
                heap.swapAt(best, parent)
                parent = best
            }
        }
        return (first.instant, first.action)
    }
}
