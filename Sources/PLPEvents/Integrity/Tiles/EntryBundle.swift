/// An entry bundle of C2SP tlog-tiles: log entries one after the other, each prefixed by its length as a big-endian
/// `UInt16`. Here an entry is an event's leaf bytes (contract section 5), so it hashes to the event's `hash`.
public enum EntryBundle {
    /// The most bytes one entry can have: the largest `UInt16` (the ledger bounds leaf bytes to the same,
    /// ``EventLimits/leafBytes``).
    public static let maximumEntryBytes = Int(UInt16.max)

    /// The largest bundle: 256 entries of the largest size with their length prefixes.
    public static let maximumBundleBytes = Tile.fullWidth * (2 + maximumEntryBytes)

    /// Appends one entry with its big-endian `UInt16` length.
    ///
    /// - Throws: ``TileError`` when the entry is longer than 65,535 bytes.
    public static func append(_ entry: some Collection<UInt8>, to bundle: inout [UInt8]) throws(TileError) {
        guard entry.count <= maximumEntryBytes else {
            throw TileError("an entry of \(entry.count) bytes does not fit an entry bundle (at most \(maximumEntryBytes) bytes)")
        }
        bundle.append(UInt8(truncatingIfNeeded: entry.count >> 8))
        bundle.append(UInt8(truncatingIfNeeded: entry.count))
        bundle.append(contentsOf: entry)
    }

    /// Splits a bundle into its entries (slices of `bundle`).
    ///
    /// - Returns: the entries, or nil when the bytes are not a sequence of whole length-prefixed entries (a length
    ///   that runs past the end, or a single byte left over).
    public static func entries(of bundle: [UInt8]) -> [ArraySlice<UInt8>]? {
        var entries: [ArraySlice<UInt8>] = []
        var offset = 0
        while offset < bundle.count {
            guard bundle.count - offset >= 2 else { return nil }
            let length = Int(bundle[offset]) << 8 | Int(bundle[offset + 1])
            let start = offset + 2
            guard bundle.count - start >= length else { return nil }
            entries.append(bundle[start..<(start + length)])
            offset = start + length
        }
        return entries
    }
}

/// A tile directory that cannot be written or read as C2SP tlog-tiles: one sentence a person can act on.
public struct TileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The sentence.
    public let message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
