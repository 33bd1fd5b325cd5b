/// The data of one event type: its fields, checked on the way in, and its JSON and stored forms.
public protocol EventBody: Sendable, Hashable {
    /// The event type whose `data` this is.
    static var eventType: EventType { get }
    /// The field names, in canonical (RFC 8785) order, for error messages.
    static var fieldNames: [String] { get }
    /// Reads and checks a `data` object.
    init(decoding d: inout DataDecoder) throws(EventLineError)
    /// Writes the `data` object in canonical JSON (keys sorted).
    func encodeJSON<Writer: JSONLineWriting>(into w: inout Writer)
    /// Reads the stored form.
    init(reading r: inout BinaryReader) throws(BinaryFormatError)
    /// Writes the stored form.
    func encodeBinary(into w: inout BinaryWriter)
}
