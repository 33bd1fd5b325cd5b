/// What the stream rules need to know of a stream: its version and a few facts folded from its events that are not voided.
public struct StreamFacts: Sendable, Hashable {
    /// The facts, one bit each.
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        /// The stream's first event (proposal, joining, filing, alert) stands and is not voided.
        public static let exists = Flags(rawValue: 1 << 0)
        /// A PLP's *concertation* was held.
        public static let consulted = Flags(rawValue: 1 << 1)
        /// An information session with sufficient support was held.
        public static let supported = Flags(rawValue: 1 << 2)
        /// The charter is signed.
        public static let charterSigned = Flags(rawValue: 1 << 3)
        /// The PLP is approved by the SPF.
        public static let approved = Flags(rawValue: 1 << 4)
        /// The PLP is suspended.
        public static let suspended = Flags(rawValue: 1 << 5)
        /// The PLP is dissolved.
        public static let dissolved = Flags(rawValue: 1 << 6)
        /// The member left.
        public static let left = Flags(rawValue: 1 << 7)
        /// The member's contact data was erased.
        public static let erased = Flags(rawValue: 1 << 8)
        /// The report was assessed.
        public static let assessed = Flags(rawValue: 1 << 9)
    }

    /// Events in the stream so far, voided or not (the next event gets `version + 1`).
    public var version: UInt64
    /// The folded facts.
    public var flags: Flags
    /// When the stream's first live event (proposal, joining, filing) occurred; nil for a stream without one, for the
    /// kinds that keep no time order (``TimeOrder/isOrdered(_:)``), and for facts stored before the ledger kept them.
    public var opened: OccurrenceMark?
    /// When the stream's latest live event occurred (nil as for ``opened``).
    public var latest: OccurrenceMark?

    /// The facts of a stream with no events.
    public static let empty = StreamFacts(version: 0, flags: [])

    /// Makes facts.
    public init(version: UInt64, flags: Flags) {
        self.version = version
        self.flags = flags
    }

    /// A PLP's status, from its facts (contract section 3).
    public var plpStatus: PLPStatus? {
        guard flags.contains(.exists) else { return nil }
        if flags.contains(.dissolved) { return .dissolved }
        if flags.contains(.suspended) { return .suspended }
        if flags.contains(.approved) { return .active }
        return .proposed
    }

    /// Takes in the time of a live event appended to a stream of `kind` (nothing for a kind without time order).
    public mutating func noteOccurrence(_ mark: OccurrenceMark, kind: StreamKind) {
        guard TimeOrder.isOrdered(kind) else { return }
        if opened == nil { opened = mark }
        latest = mark
    }

    /// The stored form: version (u64 LE), flags (u32 LE) — 12 bytes, the whole form of a stream without times —
    /// then, for a stream with times, `opened` and `latest` as instant (i64 LE), offset (i32 LE), type code (u8).
    public var storedBytes: [UInt8] {
        var writer = BinaryWriter(capacity: 38)
        writer.uint64LittleEndian(version)
        writer.int32LittleEndian(Int32(bitPattern: flags.rawValue))
        if let opened, let latest {
            for mark in [opened, latest] {
                writer.uint64LittleEndian(UInt64(bitPattern: mark.instant))
                writer.int32LittleEndian(mark.offsetSeconds)
                writer.byte(mark.type.code)
            }
        }
        return writer.bytes
    }

    /// Reads the stored form (12 bytes: facts stored before the ledger kept times, or a stream without them).
    public init(stored: UnsafeRawBufferPointer) throws(BinaryFormatError) {
        var reader = BinaryReader(stored)
        version = try reader.uint64LittleEndian()
        flags = Flags(rawValue: UInt32(bitPattern: try reader.int32LittleEndian()))
        guard !reader.isAtEnd else { return }
        func mark() throws(BinaryFormatError) -> OccurrenceMark {
            let instant = Int64(bitPattern: try reader.uint64LittleEndian())
            let offset = try reader.int32LittleEndian()
            guard let type = EventType(code: try reader.byte()) else { throw BinaryFormatError("unknown event type in stream facts") }
            return OccurrenceMark(instant: instant, offsetSeconds: offset, type: type)
        }
        opened = try mark()
        latest = try mark()
    }
}

/// A PLP's status: `proposed` until approved, then `active`; `suspended`; `dissolved` at the end.
public enum PLPStatus: String, Sendable, CaseIterable, Hashable {
    case proposed, active, suspended, dissolved
}
