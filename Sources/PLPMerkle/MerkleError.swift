/// An error from building or decoding Merkle-tree structures, with a plain-English message.
public struct MerkleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for programmatic handling.
    public enum Kind: Sendable, Equatable {
        /// A leaf index was not below the tree size.
        case leafIndexOutOfRange
        /// A requested tree size (or subtree) lies beyond the leaves that exist.
        case sizeBeyondTree
        /// A consistency proof was asked from a larger size to a smaller one.
        case sizesOutOfOrder
        /// A compact range's peaks did not match its size.
        case invalidPeaks
        /// Serialized bytes could not be decoded.
        case invalidSerialization
        /// A subtree coordinate was malformed (level outside 0...63, or index overflowing).
        case invalidSubtree
    }

    /// The category of the error.
    public let kind: Kind
    /// A complete English sentence describing the error.
    public let message: String

    /// Creates an error of `kind` with a sentence describing it.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message sentence.
    public var description: String { message }

    static func leafIndexOutOfRange(_ index: UInt64, size: UInt64) -> MerkleError {
        MerkleError(.leafIndexOutOfRange,
                    "Leaf index \(index) is out of range for a tree of \(size) leaves (valid indexes are 0 to \(size == 0 ? "none" : String(size - 1))).")
    }

    static func sizeBeyondTree(_ size: UInt64, available: UInt64) -> MerkleError {
        MerkleError(.sizeBeyondTree,
                    "Tree size \(size) is beyond the tree, which has only \(available) leaves.")
    }

    static func sizesOutOfOrder(from m: UInt64, to n: UInt64) -> MerkleError {
        MerkleError(.sizesOutOfOrder,
                    "A consistency proof needs the old size to be at most the new size, but \(m) is greater than \(n).")
    }
}
