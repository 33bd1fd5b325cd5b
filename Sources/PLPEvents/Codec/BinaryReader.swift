/// A stored event that cannot be read: the log is damaged or was written by another format.
public struct BinaryFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What could not be read.
    public let reason: String
    /// Makes an error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "stored event unreadable: \(reason)" }
}

/// Reads the stored form written by ``BinaryWriter``; every read is bounds-checked and throws on damage.
public struct BinaryReader {
    /// The bytes being read; valid while the caller keeps them alive.
    public let bytes: UnsafeRawBufferPointer
    /// The next position.
    public private(set) var offset: Int

    /// Reads `bytes` from `offset`.
    public init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// True when everything was read.
    public var isAtEnd: Bool { offset == bytes.count }

    @inline(__always) private func need(_ count: Int) throws(BinaryFormatError) {
        guard count >= 0, bytes.count - offset >= count else { throw BinaryFormatError("truncated at byte \(offset)") }
    }

    /// One byte.
    @inline(__always) public mutating func byte() throws(BinaryFormatError) -> UInt8 {
        try need(1)
        defer { offset += 1 }
        return bytes[offset]
    }

    /// A little-endian 64-bit integer.
    @inline(__always) public mutating func uint64LittleEndian() throws(BinaryFormatError) -> UInt64 {
        try need(8)
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// A little-endian 32-bit integer.
    @inline(__always) public mutating func int32LittleEndian() throws(BinaryFormatError) -> Int32 {
        try need(4)
        defer { offset += 4 }
        return Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
    }

    /// An unsigned LEB128 varint.
    @inline(__always) public mutating func varint() throws(BinaryFormatError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw BinaryFormatError("varint too long at byte \(offset)") }
        }
    }

    /// A zigzag varint.
    @inline(__always) public mutating func int() throws(BinaryFormatError) -> Int {
        let raw = try varint()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    /// `count` raw bytes, valid while the underlying buffer is.
    @inline(__always) public mutating func raw(_ count: Int) throws(BinaryFormatError) -> UnsafeRawBufferPointer {
        try need(count)
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    @inline(__always) private mutating func length() throws(BinaryFormatError) -> Int {
        let count = try varint()
        guard count <= UInt64(bytes.count) else { throw BinaryFormatError("length \(count) beyond the record") }
        return Int(count)
    }

    /// A length-prefixed UTF-8 string.
    @inline(__always) public mutating func string() throws(BinaryFormatError) -> String {
        String(decoding: try raw(try length()), as: UTF8.self)
    }

    /// A length-prefixed string's UTF-8 bytes, without building a `String` (valid while the buffer is).
    @inline(__always) public mutating func rawString() throws(BinaryFormatError) -> UnsafeRawBufferPointer {
        try raw(try length())
    }

    /// An optional string's UTF-8 bytes.
    @inline(__always) public mutating func optionalRawString() throws(BinaryFormatError) -> UnsafeRawBufferPointer? {
        let stored = try length()
        if stored == 0 { return nil }
        return try raw(stored - 1)
    }

    /// An optional string.
    @inline(__always) public mutating func optionalString() throws(BinaryFormatError) -> String? {
        let stored = try length()
        if stored == 0 { return nil }
        return String(decoding: try raw(stored - 1), as: UTF8.self)
    }

    /// A Boolean.
    @inline(__always) public mutating func bool() throws(BinaryFormatError) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let other: throw BinaryFormatError("bad Boolean \(other)")
        }
    }

    /// An optional Boolean.
    @inline(__always) public mutating func optionalBool() throws(BinaryFormatError) -> Bool? {
        switch try byte() {
        case 0: return nil
        case 1: return false
        case 2: return true
        case let other: throw BinaryFormatError("bad optional Boolean \(other)")
        }
    }

    /// An enumeration value.
    @inline(__always) public mutating func choice<V: Vocabulary>(_: V.Type) throws(BinaryFormatError) -> V {
        let code = try byte()
        guard let value = V(code: code) else { throw BinaryFormatError("bad \(V.self) code \(code)") }
        return value
    }

    /// An optional enumeration value.
    @inline(__always) public mutating func optionalChoice<V: Vocabulary>(_: V.Type) throws(BinaryFormatError) -> V? {
        let code = try byte()
        if code == 0 { return nil }
        guard let value = V(code: code &- 1) else { throw BinaryFormatError("bad \(V.self) code \(code)") }
        return value
    }

    /// A list of enumeration values.
    public mutating func choiceList<V: Vocabulary>(_: V.Type) throws(BinaryFormatError) -> [V] {
        let count = try length()
        var values: [V] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try choice(V.self)) }
        return values
    }

    /// A NIS code.
    @inline(__always) public mutating func nis() throws(BinaryFormatError) -> NISCode {
        let raw = try varint()
        guard raw <= 99999, let code = NISCode(value: Int(raw)) else { throw BinaryFormatError("bad NIS code \(raw)") }
        return code
    }

    /// A date.
    @inline(__always) public mutating func date() throws(BinaryFormatError) -> CivilDate {
        let days = try int()
        guard abs(days) < 3_000_000 else { throw BinaryFormatError("bad date \(days)") }
        return CivilDate(daysSinceEpoch: days)
    }

    /// A UUID.
    @inline(__always) public mutating func eventID() throws(BinaryFormatError) -> EventID {
        let high = try uint64LittleEndian()
        let low = try uint64LittleEndian()
        return EventID(high: high, low: low)
    }

    /// A contact.
    public mutating func contact() throws(BinaryFormatError) -> Contact {
        switch try byte() {
        case 0:
            let name = try string()
            let phone = try optionalString()
            let email = try optionalString()
            return .clear(ContactDetails(name: name, phone: phone, email: email))
        case 1:
            let count = try length()
            return .sealed([UInt8](try raw(count)))
        case let other:
            throw BinaryFormatError("bad contact tag \(other)")
        }
    }
}
