import Foundation
import PLPEvents

/// A ledger of its own for one test, in a fresh temporary directory, removed when the test ends.
public final class TemporaryLedger {
    public let directory: URL
    public let store: EventStore

    public var path: String { directory.appendingPathComponent("test.ledger").path }

    /// The ledger's master key.
    public let masterKey = MasterKey.generate()

    public init(initialMapSize: Int? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("plp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = EventStore.Options(create: true)
        options.masterKey = masterKey
        if let initialMapSize { options.initialMapSize = initialMapSize }
        store = try EventStore.open(at: directory.appendingPathComponent("test.ledger").path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `lines` to a file in the test's directory and returns its path.
    public func file(_ name: String, lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// Decodes and appends event lines one transaction each, returning the recorded events.
    @discardableResult
    public func append(_ lines: String...) throws -> [RecordedEvent] {
        var recorded: [RecordedEvent] = []
        for line in lines {
            let event = try Lines.decode(line)
            if case .appended(let event) = try store.append([event])[0] { recorded.append(event) }
        }
        return recorded
    }

    /// The export of the whole ledger, as bytes.
    public func export() throws -> [UInt8] {
        var bytes: [UInt8] = []
        try store.forEachEvent { event in
            bytes += CanonicalEventLine.exportLine(of: event)
            return true
        }
        return bytes
    }
}

/// Builders of event lines for tests.
public enum Lines {
    public static func decode(_ line: String, preserve: Bool = false) throws -> NewEvent {
        var copy = line
        return try copy.withUTF8 { try EventLineDecoder(preserve: preserve).decode(UnsafeRawBufferPointer($0)) }
    }

    /// One event line; `data` is JSON text.
    public static func event(_ stream: String, _ type: String, _ data: String, at occurredAt: String = "2024-03-05T10:00:00+01:00",
                      actor: String = "police:z5340", id: String? = nil, extra: String = "") -> String {
        let idPart = id.map { "\"id\":\"\($0)\"," } ?? ""
        return "{\(idPart)\"stream\":\"\(stream)\",\"type\":\"\(type)\",\"occurredAt\":\"\(occurredAt)\",\"actor\":\"\(actor)\",\"data\":\(data)\(extra)}"
    }

    /// The events that found and approve PLP `id` in commune 72004 (Bree).
    public static func approvedPLP(_ id: String, commune: String = "72004") -> [String] {
        let s = "plp/\(id)"
        return [
            event(s, "PLPProposed", #"{"name":"PLP \#(id)","kind":"residential","commune":"\#(commune)","initiator":"residents"}"#, at: "2019-02-08T10:00:00+01:00"),
            event(s, "ConsultationHeld", #"{"parties":["authority","police"]}"#, at: "2019-03-14T10:00:00+01:00"),
            event(s, "InformationSessionHeld", #"{"attendees":120,"supportSufficient":true}"#, at: "2019-04-01T20:00:00+02:00"),
            event(s, "CharterSigned", #"{"mayor":"M","chiefOfPolice":"C","mandatedOfficer":"O","coordinator":"K","financingPlan":true,"communicationPlan":true}"#, at: "2019-05-01T10:00:00+02:00"),
            event(s, "PLPApproved", #"{"approvalRef":"SPF-\#(id)"}"#, at: "2019-06-01T10:00:00+02:00"),
        ]
    }

    /// A member joining PLP `plp`.
    public static func memberJoined(_ member: String, plp: String, name: String = "Jan Peeters", id: String? = nil) -> String {
        event("member/\(member)", "MemberJoined",
              #"{"plp":"\#(plp)","kind":"resident","channels":["sms","email"],"contact":{"name":"\#(name)","phone":"+32 470 00 00 00"}}"#,
              at: "2020-01-10T19:00:00+01:00", actor: "coordinator:\(plp)", id: id)
    }

    /// A burglary in commune `nis`.
    public static func burglary(_ nis: String, on day: String = "2024-01-15", id: String? = nil) -> String {
        event("commune/\(nis)", "CrimeRecorded", #"{"category":"burglary-home","attempted":false,"occurredOn":"\#(day)"}"#,
              at: "\(day)T18:00:00+01:00", id: id)
    }
}
