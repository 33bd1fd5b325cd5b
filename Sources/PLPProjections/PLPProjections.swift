import PLPEvents

/// Folds over the event log: the projections and figures built from the ledger (see the analytics issue).
public enum PLPProjections {
    /// The contract version the figures follow.
    public static let contract = "ledger-v1"
}
