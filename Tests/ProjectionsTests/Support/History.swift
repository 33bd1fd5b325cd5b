import PLPTestSupport

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
