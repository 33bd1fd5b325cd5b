/// Why an input could not be read: one sentence naming the file, and what kind of problem it is, for the callers
/// that word it their own way (a missing tile is not an error, a key file too large for a key is an invalid argument).
public struct InputError: Error, Sendable, CustomStringConvertible {
    /// The kinds of problem an input can have.
    public enum Kind: Sendable, Equatable {
        /// There is no such file (or a component of its path is not a directory).
        case missing
        /// The path names something that is not what the command reads: a directory, a device, a FIFO or a socket
        /// where a regular file is expected, a symbolic link where links are not followed.
        case notAFile
        /// The input holds more bytes than what it claims to be can hold.
        case tooLarge
        /// A FIFO that no program opened for writing in the time allowed.
        case noWriter
        /// The system refused to open or read it (permissions, an I/O error), or its bytes cannot be read as what
        /// they claim to be (damaged gzip data, a line longer than the limit).
        case unreadable
    }

    /// What kind of problem it is.
    public let kind: Kind
    /// One sentence.
    public let message: String

    /// Makes an error.
    public init(_ message: String, kind: Kind = .unreadable) {
        self.message = message
        self.kind = kind
    }

    public var description: String { message }
}
