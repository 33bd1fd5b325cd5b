/// The facts of a stored `CrimeRecorded` that the figures count, read without decoding strings.
public struct StoredCrime: Sendable, Hashable {
    /// The commune of the `commune/NIS` stream.
    public let commune: NISCode
    /// The category.
    public let category: CrimeCategory
    /// Attempted or completed.
    public let attempted: Bool
    /// The day it occurred.
    public let occurredOn: CivilDate
}

extension StoredEventCodec {
    /// Reads a stored `CrimeRecorded` on the hot path of the figures (crime facts are most of the log): no string is
    /// built. Nil when the record is another type.
    public static func crime(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) -> StoredCrime? {
        guard bytes.count > headerSize, bytes[1] == EventType.crimeRecorded.code else { return nil }
        var r = BinaryReader(bytes, offset: headerSize)
        return try readCrime(&r).0
    }

    /// A stored `CrimeRecorded` and its police zone (for the flat tables; the figures need no string). Nil when the
    /// record is another type.
    public static func crimeAndPoliceZone(_ bytes: UnsafeRawBufferPointer) throws(BinaryFormatError) -> (StoredCrime, String?)? {
        guard bytes.count > headerSize, bytes[1] == EventType.crimeRecorded.code else { return nil }
        var r = BinaryReader(bytes, offset: headerSize)
        let (crime, policeZone) = try readCrime(&r)
        return (crime, policeZone.map { String(decoding: $0, as: UTF8.self) })
    }

    /// Reads the crime fact's stream and envelope, then its fields in place (``CrimeRecorded/StoredView``, generated
    /// from the catalogue).
    private static func readCrime(_ r: inout BinaryReader) throws(BinaryFormatError) -> (StoredCrime, policeZone: UnsafeRawBufferPointer?) {
        let streamID = try r.raw(Int(try r.varint()))
        var nis = 0
        for byte in streamID {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { throw BinaryFormatError("bad commune stream") }
            nis = nis * 10 + Int(byte - UInt8(ascii: "0"))
        }
        guard let commune = NISCode(value: nis) else { throw BinaryFormatError("bad commune stream \(nis)") }
        _ = try r.byte()                       // actor role
        _ = try r.raw(Int(try r.varint()))     // actor id
        _ = try r.raw(Int(try r.varint()))     // occurredAt as written
        let fields = try CrimeRecorded.StoredView(reading: &r)
        let crime = StoredCrime(commune: commune, category: fields.category, attempted: fields.attempted, occurredOn: fields.occurredOn)
        return (crime, fields.policeZone)
    }
}
