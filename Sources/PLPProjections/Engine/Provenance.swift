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

    /// Makes a provenance record.
    public init(size: UInt64, excludedByAsOf: UInt64 = 0, root: String? = nil, caughtUp: Bool = false) {
        self.size = size
        self.excludedByAsOf = excludedByAsOf
        self.root = root
        self.caughtUp = caughtUp
    }

    /// One line for people, e.g. `computed from 1,234,567 events (seq ≤ 1,234,567), root 3f2a…`.
    public var sentence: String {
        var text = "computed from \(Self.grouped(size - excludedByAsOf)) events (seq ≤ \(Self.grouped(size))"
        if excludedByAsOf > 0 { text += ", \(Self.grouped(excludedByAsOf)) recorded after --as-of left out" }
        text += ")"
        text += root.map { ", root \($0)" } ?? ", root not available yet"
        return text
    }

    static func grouped(_ value: UInt64) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
