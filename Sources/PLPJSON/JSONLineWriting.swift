/// What the canonical line of an event is written with: ``CanonicalJSONWriter`` (a growing `[UInt8]`) or
/// ``FixedJSONWriter`` (a fixed buffer, the hot path of `verify` and `export`). Code written against it — the
/// stored-bytes transcoder, contact data — writes the same bytes with either, specialised for each.
public protocol JSONLineWriting {
    /// Where ``asciiString(_:)`` appends.
    associatedtype ASCIIOutput: ByteSink
    /// Writes '{' (preceded by ',' if needed).
    mutating func beginObject()
    /// Writes '}'.
    mutating func endObject()
    /// Writes '[' (preceded by ',' if needed).
    mutating func beginArray()
    /// Writes ']'.
    mutating func endArray()
    /// Writes the ',' if needed, then `"name":`.
    mutating func key(_ name: StaticString)
    /// Writes a string with RFC 8785 escaping.
    mutating func string(_ value: String)
    /// Writes a string given as valid UTF-8 bytes, with RFC 8785 escaping.
    mutating func rawString(_ utf8: UnsafeRawBufferPointer)
    /// Writes a string whose bytes `fill` appends and which needs no escaping (ids, times, names of the vocabulary).
    mutating func asciiString(_ fill: (inout ASCIIOutput) -> Void)
    /// Writes a whole number in plain decimal.
    mutating func integer(_ value: Int64)
    /// Writes `true` or `false`.
    mutating func bool(_ value: Bool)
    /// Writes `null`.
    mutating func null()
    /// Appends canonical JSON text as it is, unchecked: whole members of a top-level object with their commas
    /// (`,"seq":`), written where the writer's own comma bookkeeping is not needed (at depth 0).
    mutating func fragment(_ canonical: StaticString)
    /// The number of containers begun and not yet ended.
    var depth: Int { get }
}

extension CanonicalJSONWriter: JSONLineWriting {}
