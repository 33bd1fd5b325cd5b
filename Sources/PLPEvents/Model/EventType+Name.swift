// The cases, storage codes and stream kinds of `EventType` are generated from the catalogue
// (Generated/EventType.swift); what follows is written by hand.

extension EventType {
    /// Appends the type's name as UTF-8.
    @inline(__always)
    public func writeName<Sink: ByteSink>(into bytes: inout Sink) {
        bytes.appendUTF8(rawValue)
    }
}
