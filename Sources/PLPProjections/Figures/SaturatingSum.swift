extension Int {
    /// `self + other`, held at `Int.max` (or `Int.min`) where the sum would not fit, instead of trapping.
    ///
    /// The figures add up counts read from the ledger (`recipients`, `participants`): a ledger written before the
    /// bounds of contract section 9 can hold counts as large as 2^63 − 1, and no stored data may make a figure trap.
    /// A saturated sum reads as "at least this many".
    func saturatingAdding(_ other: Int) -> Int {
        let (sum, overflow) = addingReportingOverflow(other)
        guard overflow else { return sum }
        return other > 0 ? .max : .min
    }
}
