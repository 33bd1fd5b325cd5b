import Foundation
@testable import PLPEvents

/// A ledger of its own for one test, in a fresh temporary directory, removed when the test ends.
final class TemporaryLedger {
    let directory: URL
    let store: EventStore

    var path: String { directory.appendingPathComponent("test.ledger").path }

    /// The ledger's master key.
    let masterKey = MasterKey.generate()

    init(initialMapSize: Int? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("plp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = EventStore.Options(create: true)
        options.masterKey = masterKey
        if let initialMapSize { options.initialMapSize = initialMapSize }
        store = try EventStore.open(at: directory.appendingPathComponent("test.ledger").path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Writes `lines` to a file in the test's directory and returns its path.
    func file(_ name: String, lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url.path
    }

    /// Decodes and appends event lines one transaction each, returning the recorded events.
    @discardableResult
    func append(_ lines: String...) throws -> [RecordedEvent] {
        var recorded: [RecordedEvent] = []
        for line in lines {
            let event = try Lines.decode(line)
            if case .appended(let event) = try store.append([event])[0] { recorded.append(event) }
        }
        return recorded
    }

    /// The export of the whole ledger, as bytes.
    func export() throws -> [UInt8] {
        var bytes: [UInt8] = []
        try store.forEachEvent { event in
            bytes += CanonicalEventLine.exportLine(of: event)
            return true
        }
        return bytes
    }
}

/// Builders of event lines for tests.
enum Lines {
    static func decode(_ line: String, preserve: Bool = false) throws -> NewEvent {
        var copy = line
        return try copy.withUTF8 { try EventLineDecoder(preserve: preserve).decode(UnsafeRawBufferPointer($0)) }
    }

    /// One event line; `data` is JSON text.
    static func event(_ stream: String, _ type: String, _ data: String, at occurredAt: String = "2024-03-05T10:00:00+01:00",
                      actor: String = "police:z5340", id: String? = nil, extra: String = "") -> String {
        let idPart = id.map { "\"id\":\"\($0)\"," } ?? ""
        return "{\(idPart)\"stream\":\"\(stream)\",\"type\":\"\(type)\",\"occurredAt\":\"\(occurredAt)\",\"actor\":\"\(actor)\",\"data\":\(data)\(extra)}"
    }

    /// The events that found and approve PLP `id` in commune 72004 (Bree).
    static func approvedPLP(_ id: String, commune: String = "72004") -> [String] {
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
    static func memberJoined(_ member: String, plp: String, name: String = "Jan Peeters", id: String? = nil) -> String {
        event("member/\(member)", "MemberJoined",
              #"{"plp":"\#(plp)","kind":"resident","channels":["sms","email"],"contact":{"name":"\#(name)","phone":"+32 470 00 00 00"}}"#,
              at: "2020-01-10T19:00:00+01:00", actor: "coordinator:\(plp)", id: id)
    }

    /// A burglary in commune `nis`.
    static func burglary(_ nis: String, on day: String = "2024-01-15", id: String? = nil) -> String {
        event("commune/\(nis)", "CrimeRecorded", #"{"category":"burglary-home","attempted":false,"occurredOn":"\#(day)"}"#,
              at: "\(day)T18:00:00+01:00", id: id)
    }
}

/// Builders of the histories of the figure tests.
enum History {
    static let charter = #"{"mayor":"M","chiefOfPolice":"C","mandatedOfficer":"O","coordinator":"K","financingPlan":true,"communicationPlan":true}"#

    /// A PLP proposed, consulted and chartered in 2019, approved at `approvedAt` (nil: not approved).
    static func plp(_ id: String, commune: String = "72004", kind: String = "residential", approvedAt: String?) -> [String] {
        let s = "plp/\(id)"
        var lines = [
            Lines.event(s, "PLPProposed", #"{"name":"PLP \#(id)","kind":"\#(kind)","commune":"\#(commune)","initiator":"residents"}"#, at: "2019-02-08T10:00:00+01:00"),
            Lines.event(s, "ConsultationHeld", #"{"parties":["authority","police"]}"#, at: "2019-03-14T10:00:00+01:00"),
            Lines.event(s, "InformationSessionHeld", #"{"attendees":120,"supportSufficient":true}"#, at: "2019-04-01T20:00:00+02:00"),
            Lines.event(s, "CharterSigned", charter, at: "2019-05-01T10:00:00+02:00"),
        ]
        if let approvedAt { lines.append(Lines.event(s, "PLPApproved", #"{"approvalRef":"SPF-\#(id)"}"#, at: approvedAt)) }
        return lines
    }

    static func joined(_ member: String, plp: String, at: String, id: String? = nil) -> String {
        Lines.event("member/\(member)", "MemberJoined",
                    #"{"plp":"\#(plp)","kind":"resident","channels":["sms"],"newsletter":true,"contact":{"name":"N \#(member)","phone":"+32 470 00 00 00"}}"#,
                    at: at, actor: "coordinator:\(plp)", id: id)
    }

    static func left(_ member: String, at: String) -> String {
        Lines.event("member/\(member)", "MemberLeft", #"{"reason":"moved"}"#, at: at)
    }

    static func report(_ id: String, at: String, commune: String = "72004", plp: String? = "A", eventID: String? = nil) -> String {
        let plpPart = plp.map { #","plp":"\#($0)""# } ?? ""
        return Lines.event("report/\(id)", "ReportFiled", #"{"commune":"\#(commune)","category":"suspicious-person","via":"app"\#(plpPart)}"#,
                           at: at, actor: "citizen:c1", id: eventID)
    }

    static func assessed(_ id: String, _ outcome: String, at: String, eventID: String? = nil) -> String {
        Lines.event("report/\(id)", "ReportAssessed", #"{"outcome":"\#(outcome)"}"#, at: at, id: eventID)
    }

    static func feedback(_ id: String, at: String, plp: String = "A") -> String {
        Lines.event("report/\(id)", "FeedbackGiven", #"{"plp":"\#(plp)","outcome":"no-trace"}"#, at: at)
    }

    static func alert(_ id: String, _ kind: String, at: String, plp: String = "A", recipients: Int = 10, report: String? = nil,
                      eventID: String? = nil) -> String {
        let reportPart = report.map { #","report":"\#($0)""# } ?? ""
        return Lines.event("alert/\(id)", "AlertSent",
                           #"{"plp":"\#(plp)","kind":"\#(kind)","channel":"sms","advice":"Fermez vos portes","recipients":\#(recipients)\#(reportPart)}"#,
                           at: at, id: eventID)
    }

    static func crime(_ nis: String, on day: String, at: String? = nil, category: String = "burglary-home", attempted: Bool = false,
                      id: String? = nil) -> String {
        Lines.event("commune/\(nis)", "CrimeRecorded", #"{"category":"\#(category)","attempted":\#(attempted),"occurredOn":"\#(day)"}"#,
                    at: at ?? "\(day)T18:00:00+01:00", id: id)
    }

    static func course(at: String, participants: Int, id: String? = nil) -> String {
        Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":\#(participants)}"#, at: at, actor: "spf:expertise", id: id)
    }

    static func void(_ stream: String, _ ref: String, at: String = "2025-06-01T10:00:00+02:00") -> String {
        Lines.event(stream, "EventVoided", #"{"ref":"\#(ref)","reason":"entered by mistake"}"#, at: at)
    }

    /// A fixed event ID with a readable tail.
    static func id(_ n: Int) -> String {
        let tail = String(n)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - tail.count) + tail
    }
}

extension TemporaryLedger {
    /// Appends `lines` one by one.
    func append(_ lines: [String]) throws {
        for line in lines { try append(line) }
    }
}
