import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// The string-free transcoder writes exactly what the typed path writes, for every event type.
@Suite struct StoredEventTranscoderTests {
    @Test func everyStoredEventTranscodesToItsCanonicalLine() throws {
        let ledger = try TemporaryLedger()
        let lines = try ImportExportTests.contractExamples.split(separator: "\n").map(String.init)
        _ = try ledger.store.importEvents(from: try ledger.file("examples.ndjson", lines: lines))
        // Every type of the catalogue, with optional fields present and absent, escapes and non-ASCII text.
        var extra = Lines.approvedPLP("p1")
        extra += [
            Lines.event("plp/p1", "CoordinatorChanged", #"{"coordinator":"Zoë \"Zo\" D'Hondt\\n","reason":"other"}"#),
            Lines.event("plp/p1", "CharterAmended", #"{"changes":"tab\there, control \u0001, emoji 🚓"}"#),
            Lines.event("plp/p1", "PLPEvaluated", #"{"year":2024,"assessment":"adjust"}"#),
            Lines.memberJoined("m1", plp: "p1"),
            Lines.event("member/m1", "MemberLeft", "{}"),
            Lines.event("report/r1", "ReportFiled", #"{"commune":"72004","category":"other","via":"112"}"#),
            Lines.event("report/r1", "ReportAssessed", #"{"outcome":"unfounded"}"#),
            Lines.event("report/r1", "FeedbackGiven", #"{"plp":"p1","outcome":"no-offence"}"#),
            Lines.event("alert/a1", "AlertSent", #"{"plp":"p1","kind":"bulletin","channel":"email","advice":"Été","recipients":0}"#),
            Lines.event("programme/BE", "BestPracticeShared", #"{"title":"t","theme":"x"}"#),
            Lines.event("programme/BE", "SteeringCommitteeMet", #"{"year":2024,"decisions":""}"#),
            Lines.event("member/m1", "MemberErased", "{}"),
            Lines.event("plp/p1", "PLPDissolved", #"{"reason":"fin"}"#),
        ]
        _ = try ledger.store.importEvents(from: try ledger.file("extra.ndjson", lines: extra))
        var types = Set<EventType>()
        var typed = CanonicalJSONWriter()
        var direct = CanonicalJSONWriter()
        try ledger.store.forEachStoredEvent { seq, bytes in
            let event = try StoredEventCodec.decode(seq: seq, bytes)
            types.insert(event.type)
            for includingHash in [false, true] {
                typed.reset()
                direct.reset()
                CanonicalEventLine.write(event, includingHash: includingHash, into: &typed)
                try StoredEventTranscoder.write(seq: seq, stored: bytes, includingHash: includingHash, into: &direct)
                #expect(direct.bytes == typed.bytes, "seq \(seq) \(event.type)")
            }
            let hashes = try StoredEventTranscoder.hashes(seq: seq, stored: bytes, scratch: &direct)
            #expect(hashes.stored == hashes.recomputed)
            return true
        }
        #expect(Set(EventType.allCases).subtracting(types).isEmpty, "not covered: \(Set(EventType.allCases).subtracting(types).map(\.rawValue))")
    }
}
