import PLPEvents

/// What a figure was computed from: the size of the ledger prefix it covers and, once the integrity issue provides
/// it, the root hash of that prefix. Every figure output carries it.
public struct Provenance: Sendable, Hashable {
    /// The number of events of the log the figure looked at (the last `seq` of the selection's prefix).
    public var size: UInt64
    /// The events of that prefix left out by `--as-of` (recorded later), usually 0.
    public var excludedByAsOf: UInt64
    /// The RFC 6962 root of events 1…`size`, lowercase hex; nil until the store offers a tree head.
    public var root: String?
    /// True when a checkpointed state was caught up rather than folded from nothing.
    public var caughtUp: Bool
    /// The business time of `--at` (µs since 1970 UTC), when given.
    public var at: Int64?
    /// Events the figure reads that occurred after `--at`, left out.
    public var excludedByAt: UInt64 = 0
    /// Every event of the log left out by `--as-of` (recorded later), also those after the last one selected.
    public var recordedAfterAsOf: UInt64 = 0

    /// Makes a provenance record.
    public init(size: UInt64, excludedByAsOf: UInt64 = 0, root: String? = nil, caughtUp: Bool = false) {
        self.size = size
        self.excludedByAsOf = excludedByAsOf
        self.root = root
        self.caughtUp = caughtUp
    }

    /// One line for people, e.g. `computed from 1,234,567 events (seq ≤ 1,234,567), root 3f2a…`.
    public var sentence: String {
        var text = "computed from \(Self.counted(size - excludedByAsOf, "event")) (seq ≤ \(Self.grouped(size))"
        if excludedByAsOf > 0 { text += ", \(Self.grouped(excludedByAsOf)) recorded after --as-of left out" }
        text += ")"
        if let at {
            text += ", as the network stood at \(RecordedAt.format(at))"
            if excludedByAt > 0 { text += " (\(Self.counted(excludedByAt, "event")) that occurred later left out)" }
        }
        text += root.map { ", root \($0)" } ?? ", root not available yet"
        return text
    }

    /// True when the selection held no event at all: the figure is not a figure of this ledger.
    public var selectedNothing: Bool { size <= excludedByAsOf }

    /// A warning for people when the selection held no event (nil otherwise), e.g. an `--as-of` date before an
    /// import that recorded a whole history today.
    public var emptySelectionWarning: String? {
        guard selectedNothing else { return nil }
        if recordedAfterAsOf > 0 {
            let all = recordedAfterAsOf == 1 ? "the one event was" : "all \(Self.grouped(recordedAfterAsOf)) were"
            return "warning: the selection holds no event: \(all) recorded after --as-of "
                + "(record time); to see the network as it stood at a date, use --at (business time)"
        }
        return "warning: the selection holds no event: the figures below describe an empty ledger"
    }

    /// A count and its noun, singular for one: `1 event`, `1,234,567 events`.
    static func counted(_ value: UInt64, _ noun: String) -> String {
        grouped(value) + " " + (value == 1 ? noun : noun + "s")
    }

    /// `1234567` as `1,234,567`, as the provenance line writes counts.
    public static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
