/// Appends the ledger's compact stored form: little-endian fixed-width integers, LEB128 varints,
/// length-prefixed UTF-8 strings, one-byte enumeration codes.
public struct BinaryWriter {
    /// The bytes written so far.
    public var bytes: [UInt8]

    /// An empty writer with room for `capacity` bytes.
    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer, keeping its capacity.
    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// One byte.
    @inline(__always) public mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// A little-endian 64-bit integer.
    @inline(__always) public mutating func uint64LittleEndian(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A little-endian 32-bit integer.
    @inline(__always) public mutating func int32LittleEndian(_ value: Int32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// An unsigned LEB128 varint.
    @inline(__always) public mutating func varint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: rest))
    }

    /// A signed integer, zigzag-encoded as a varint.
    @inline(__always) public mutating func int(_ value: Int) {
        let wide = Int64(value)
        varint(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    /// A length-prefixed UTF-8 string.
    @inline(__always) public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// An optional string: length + 1, or 0 when absent.
    @inline(__always) public mutating func optionalString(_ value: String?) {
        guard var value else { bytes.append(0); return }
        value.withUTF8 { utf8 in
            varint(UInt64(utf8.count) + 1)
            bytes.append(contentsOf: utf8)
        }
    }

    /// `true` as 1, `false` as 0.
    @inline(__always) public mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    /// An optional Boolean: 0 absent, 1 false, 2 true.
    @inline(__always) public mutating func optionalBool(_ value: Bool?) {
        bytes.append(value.map { $0 ? 2 : 1 } ?? 0)
    }

    /// An enumeration value by its code.
    @inline(__always) public mutating func choice<V: Vocabulary>(_ value: V) { bytes.append(value.code) }

    /// An optional enumeration value: 0 absent, else code + 1.
    @inline(__always) public mutating func optionalChoice<V: Vocabulary>(_ value: V?) {
        bytes.append(value.map { $0.code &+ 1 } ?? 0)
    }

    /// A list of enumeration values: count, then codes.
    public mutating func choiceList<V: Vocabulary>(_ values: [V]) {
        varint(UInt64(values.count))
        for value in values { bytes.append(value.code) }
    }

    /// A NIS code.
    @inline(__always) public mutating func nis(_ value: NISCode) { varint(UInt64(value.value)) }

    /// A date, as days since 1970-01-01.
    @inline(__always) public mutating func date(_ value: CivilDate) { int(value.daysSinceEpoch) }

    /// A UUID's 16 bytes.
    @inline(__always) public mutating func eventID(_ value: EventID) {
        uint64LittleEndian(value.high)
        uint64LittleEndian(value.low)
    }

    /// A contact: tag 0 + fields in clear, or tag 1 + the sealed box.
    public mutating func contact(_ value: Contact) {
        switch value {
        case .clear(let details):
            bytes.append(0)
            string(details.name)
            optionalString(details.phone)
            optionalString(details.email)
        case .sealed(let box):
            bytes.append(1)
            varint(UInt64(box.count))
            bytes.append(contentsOf: box)
        }
    }

    /// Raw bytes.
    @inline(__always) public mutating func raw(_ value: UnsafeRawBufferPointer) { bytes.append(contentsOf: value) }
}
