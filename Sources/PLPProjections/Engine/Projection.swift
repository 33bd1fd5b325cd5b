import PLPEvents

/// A fold over the event log: it reads events in `seq` order and keeps what its figures need.
///
/// The engine decodes only the event types named in `reads` (checked on the stored header, before any decoding),
/// skips every event voided within the selection and never hands over an `EventVoided`.
public protocol Projection {
    /// The event types whose events `apply` receives.
    var reads: EventTypeSet { get }
    /// Takes one standing event of a type in `reads` into the state.
    mutating func apply(_ event: RecordedEvent) throws
    /// Takes one standing event straight from its stored bytes when the projection can do so without decoding it
    /// (a hot path); returns false to have it decoded and passed to ``apply(_:)``.
    mutating func applyStored(_ bytes: UnsafeRawBufferPointer) throws -> Bool
    /// ``applyStored(_:)`` with the event's `seq`, for a projection that keeps it; by default ``applyStored(_:)``.
    mutating func applyStored(seq: UInt64, _ bytes: UnsafeRawBufferPointer) throws -> Bool
}

extension Projection {
    /// By default every event is decoded.
    public mutating func applyStored(_ bytes: UnsafeRawBufferPointer) throws -> Bool { false }

    /// By default the `seq` is not needed.
    public mutating func applyStored(seq: UInt64, _ bytes: UnsafeRawBufferPointer) throws -> Bool { try applyStored(bytes) }
}

/// A projection whose state is saved in the ledger and caught up incrementally.
///
/// Its fold must be order-independent (a sum of per-event contributions), so that `revert` can take back an event
/// folded before the checkpoint when a later `EventVoided` voids it: catch-up then equals a fold from nothing.
public protocol CheckpointedProjection: Projection {
    /// The name the state is saved under; change it when the state's byte form changes.
    static var checkpointName: String { get }
    /// The empty state.
    init()
    /// The state saved by `checkpointBytes()`.
    init(checkpoint bytes: [UInt8]) throws
    /// The state as bytes.
    func checkpointBytes() -> [UInt8]
    /// Takes back an event that `apply` took in (it has been voided since).
    mutating func revert(_ event: RecordedEvent) throws
}

/// A set of event types as a bit mask over their storage codes: the test the fold loop runs on every header.
public struct EventTypeSet: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// Bit `code` set for each member type.
    public let mask: UInt64

    /// The set of `types`.
    public init(_ types: [EventType]) {
        var mask: UInt64 = 0
        for type in types { mask |= 1 << UInt64(type.code) }
        self.mask = mask
    }

    /// The set of the listed types.
    public init(arrayLiteral elements: EventType...) { self.init(elements) }

    /// True when the type stored under `code` is in the set.
    @inline(__always)
    public func contains(code: UInt8) -> Bool { code < 64 && mask & (1 << UInt64(code)) != 0 }

    /// True when `type` is in the set.
    public func contains(_ type: EventType) -> Bool { contains(code: type.code) }

    /// Both sets together.
    public func union(_ other: EventTypeSet) -> EventTypeSet { EventTypeSet(mask: mask | other.mask) }

    private init(mask: UInt64) { self.mask = mask }
}
