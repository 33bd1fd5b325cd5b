/// The `seq`s voided within a selection, sorted, with a cursor that moves forward as the fold does: the void test
/// costs a comparison per event and no hashing.
struct VoidedSeqs {
    private let sorted: [UInt64]
    private var next = 0

    /// The voided seqs from a map voided seq → voiding seq.
    init(_ voided: [UInt64: UInt64]) {
        sorted = voided.keys.sorted()
    }

    /// True when `seq` is voided; calls must come in increasing `seq` order.
    @inline(__always)
    mutating func contains(_ seq: UInt64) -> Bool {
        while next < sorted.count && sorted[next] < seq { next += 1 }
        return next < sorted.count && sorted[next] == seq
    }
}
