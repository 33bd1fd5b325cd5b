/// The outcome of `verify`: every stored event's hash recomputed from its content, and the tree head.
public struct VerificationReport: Sendable, Equatable {
    /// Events checked.
    public var checked: UInt64 = 0
    /// The first seq found wrong, with what is wrong; nil when all is well.
    public var firstProblem: (seq: UInt64, reason: String)?
    /// The RFC 6962 root over the leaves checked.
    public var root: Digest32 = MerkleHash.emptyRoot

    /// True when nothing is wrong.
    public var isIntact: Bool { firstProblem == nil }

    public static func == (lhs: VerificationReport, rhs: VerificationReport) -> Bool {
        lhs.checked == rhs.checked && lhs.firstProblem?.seq == rhs.firstProblem?.seq
            && lhs.firstProblem?.reason == rhs.firstProblem?.reason && lhs.root == rhs.root
    }
}

extension EventStore {
    /// Recomputes every event's hash from its stored content and checks that `seq` runs 1, 2, 3 … without a gap;
    /// stops at the first problem.
    public func verify(progress: ((UInt64) -> Void)? = nil) throws -> VerificationReport {
        var report = VerificationReport()
        var tree = CompactRange()
        var scratch = CanonicalJSONWriter(capacity: 1024)
        var expected: UInt64 = 1
        try forEachStoredEvent { seq, bytes in
            guard seq == expected else {
                report.firstProblem = (expected, seq > expected ? "missing: the next stored event is seq \(seq)" : "out of order")
                return false
            }
            expected += 1
            let event: RecordedEvent
            do {
                event = try StoredEventCodec.decode(seq: seq, bytes)
            } catch {
                report.firstProblem = (seq, "\(error)")
                return false
            }
            let recomputed = CanonicalEventLine.leafHash(of: event, scratch: &scratch)
            guard recomputed == event.hash else {
                report.firstProblem = (seq, "its content does not match its hash (stored \(event.hash.hex), recomputed \(recomputed.hex))")
                return false
            }
            tree.append(recomputed)
            report.checked = seq
            if seq % 100_000 == 0 { progress?(seq) }
            return true
        }
        report.root = tree.root()
        return report
    }
}
