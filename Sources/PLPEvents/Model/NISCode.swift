/// A 5-digit Statbel (REFNIS) commune code, e.g. 21004 for Bruxelles.
public struct NISCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The code as a number (10000…99999).
    public let value: Int

    /// Makes a code from its number; nil outside 10000…99999.
    public init?(value: Int) {
        guard (10000...99999).contains(value) else { return nil }
        self.value = value
    }

    /// Parses exactly five digits.
    public init?(_ text: String) {
        guard text.utf8.count == 5 else { return nil }
        var number = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        self.init(value: number)
    }

    /// The five digits.
    public var description: String { String(value) }

    /// Appends the five digits (always five: the code is 10000…99999).
    func write<Sink: ByteSink>(into bytes: inout Sink) { TimeDigits.append(value, width: 5, to: &bytes) }

    public static func < (lhs: NISCode, rhs: NISCode) -> Bool { lhs.value < rhs.value }
}
