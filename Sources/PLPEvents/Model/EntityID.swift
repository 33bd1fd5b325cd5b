/// Checks the IDs that name streams and actors: 1–64 characters of `A-Z a-z 0-9 . _ -` (contract, section 2).
public enum EntityID {
    /// The longest ID allowed.
    public static let maximumLength = 64

    /// Why `text` is not a valid ID, or nil when it is.
    public static func problem(_ text: Substring) -> String? {
        let utf8 = text.utf8
        if utf8.isEmpty { return "the ID is empty" }
        if utf8.count > maximumLength { return "the ID has \(utf8.count) characters, at most \(maximumLength) are allowed" }
        for byte in utf8 where !isAllowed(byte) {
            let shown = byte < 0x80 ? "'\(Character(Unicode.Scalar(byte)))'" : "a non-ASCII character"
            return "the ID contains \(shown); only A-Z a-z 0-9 . _ - are allowed"
        }
        return nil
    }

    /// True for the bytes an ID may contain.
    @inline(__always)
    public static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
