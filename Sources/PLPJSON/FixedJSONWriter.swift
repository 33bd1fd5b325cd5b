/// Writes RFC 8785 canonical JSON into a fixed buffer of raw memory, byte for byte what ``CanonicalJSONWriter``
/// writes, without the bookkeeping of a growing array on every byte: the hot path of `verify` and `export`, which
/// rebuild the canonical line of every stored event.
///
/// The buffer is the caller's (``FixedJSONBuffer``) and is never grown: a text that does not fit stops being written,
/// and ``overflowed`` tells the caller, who then treats the text as one no valid input produces (an event's leaf
/// bytes are at most 65,535: the ledger's buffers hold several times that).
public struct FixedJSONWriter: JSONLineWriting, ByteSink {
    /// The buffer written into.
    let base: UnsafeMutablePointer<UInt8>
    /// Its size.
    let capacity: Int
    /// The bytes written so far.
    public private(set) var count = 0
    /// True once a write did not fit: the text is cut short and must not be used.
    public private(set) var overflowed = false
    var nesting = JSONNesting()

    /// A writer over `buffer`, empty.
    public init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        // An empty buffer has no base address: any write then overflows.
        base = buffer.baseAddress ?? UnsafeMutablePointer(bitPattern: 1).unsafelyUnwrapped
        capacity = buffer.baseAddress == nil ? 0 : buffer.count
    }

    /// The bytes written, valid while the buffer is.
    public var written: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// The number of containers begun and not yet ended.
    public var depth: Int { nesting.openCount }

    /// Appends canonical JSON text as it is (see ``JSONLineWriting/fragment(_:)``).
    @inline(__always)
    public mutating func fragment(_ canonical: StaticString) {
        appendLiteral(canonical)
    }

    /// Empties the writer (the buffer is kept).
    public mutating func reset() {
        count = 0
        overflowed = false
        nesting.reset()
    }

    // MARK: Bytes

    @inline(__always)
    public mutating func appendByte(_ byte: UInt8) {
        guard count < capacity else { overflowed = true; return }
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    public mutating func appendBytes(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        let n = bytes.count
        guard capacity - count >= n else { overflowed = true; return }
        let target = UnsafeMutableRawPointer(base + count)
        if n <= 16 {
            // Most pieces are short (a name, a code, a few digits): two overlapping words or a few bytes, no call.
            if n >= 8 {
                target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
                (target + n - 8).storeBytes(of: source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self), as: UInt64.self)
            } else if n >= 4 {
                target.storeBytes(of: source.loadUnaligned(as: UInt32.self), as: UInt32.self)
                (target + n - 4).storeBytes(of: source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self), as: UInt32.self)
            } else {
                for i in 0..<n { target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self) }
            }
        } else {
            target.copyMemory(from: source, byteCount: n)
        }
        count &+= n
    }

    // MARK: Containers and keys

    @inline(__always)
    public mutating func beginObject() {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendByte(UInt8(ascii: "{"))
        nesting.push()
    }

    @inline(__always)
    public mutating func endObject() {
        appendByte(UInt8(ascii: "}"))
        nesting.pop()
    }

    @inline(__always)
    public mutating func beginArray() {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendByte(UInt8(ascii: "["))
        nesting.push()
    }

    @inline(__always)
    public mutating func endArray() {
        appendByte(UInt8(ascii: "]"))
        nesting.pop()
    }

    @inline(__always)
    public mutating func key(_ name: StaticString) {
        if nesting.beforeKey() { appendByte(UInt8(ascii: ",")) }
        name.withUTF8Buffer { appendQuotedJSON(UnsafeRawBufferPointer($0)) }
        appendByte(UInt8(ascii: ":"))
        nesting.afterKey = true
    }

    // MARK: Values

    @inline(__always)
    public mutating func string(_ value: String) {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendQuotedJSON(value)
    }

    @inline(__always)
    public mutating func rawString(_ utf8: UnsafeRawBufferPointer) {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendQuotedJSON(utf8)
    }

    @inline(__always)
    public mutating func asciiString(_ fill: (inout FixedJSONWriter) -> Void) {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendByte(UInt8(ascii: "\""))
        fill(&self)
        appendByte(UInt8(ascii: "\""))
    }

    public mutating func integer(_ value: Int64) {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendDecimal(value)
    }

    @inline(__always)
    public mutating func bool(_ value: Bool) {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendLiteral(value ? "true" : "false")
    }

    @inline(__always)
    public mutating func null() {
        if nesting.beforeValue() { appendByte(UInt8(ascii: ",")) }
        appendLiteral("null")
    }
}

/// The memory a ``FixedJSONWriter`` writes into, owned: one per thread, kept from line to line.
public final class FixedJSONBuffer: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<UInt8>
    /// The bytes a writer may use.
    public let capacity: Int

    /// A buffer of `capacity` bytes.
    public init(capacity: Int) {
        self.capacity = max(capacity, 0)
        storage = .allocate(capacity: max(capacity, 1))
    }

    deinit { storage.deallocate() }

    /// Runs `body` with an empty writer over the buffer (the writer's bytes are valid during the call only).
    @inline(__always)
    public func withWriter<Result, Failure: Error>(_ body: (inout FixedJSONWriter) throws(Failure) -> Result) throws(Failure) -> Result {
        var writer = FixedJSONWriter(UnsafeMutableBufferPointer(rebasing: storage[..<capacity]))
        return try body(&writer)
    }
}
