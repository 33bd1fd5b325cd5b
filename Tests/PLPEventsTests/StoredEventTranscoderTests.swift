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
        let line = CanonicalEventLine.lineBuffer()
        try ledger.store.forEachStoredEvent { seq, bytes in
            let event = try StoredEventCodec.decode(seq: seq, bytes)
            types.insert(event.type)
            for includingHash in [false, true] {
                typed.reset()
                direct.reset()
                CanonicalEventLine.write(event, includingHash: includingHash, into: &typed)
                try StoredEventTranscoder.write(seq: seq, stored: bytes, includingHash: includingHash, into: &direct)
                #expect(direct.bytes == typed.bytes, "seq \(seq) \(event.type)")
                // The fixed buffer of verify and export writes the same bytes.
                let fixed = try line.withWriter { (w: inout FixedJSONWriter) throws(BinaryFormatError) in
                    try StoredEventTranscoder.write(seq: seq, stored: bytes, includingHash: includingHash, into: &w)
                    return Array(w.written)
                }
                #expect(fixed == typed.bytes, "seq \(seq) \(event.type), fixed buffer")
            }
            let hashes = try StoredEventTranscoder.hashes(seq: seq, stored: bytes, buffer: line)
            #expect(hashes.stored == hashes.recomputed)
            return true
        }
        #expect(Set(EventType.allCases).subtracting(types).isEmpty, "not covered: \(Set(EventType.allCases).subtracting(types).map(\.rawValue))")
    }
}

/// The fixed-buffer writer: the same canonical JSON as the growing one, and a text too long for its buffer is
/// reported, never written past the end.
@Suite struct FixedJSONWriterTests {
    @Test func writesWhatTheGrowingWriterWrites() throws {
        func write<W: JSONLineWriting>(_ w: inout W) {
            w.beginObject()
            w.key("a"); w.string("tab\there \"quoted\" \\ \u{01} Zoë 🚓 and a long tail to pass eight bytes")
            w.key("b"); w.beginArray(); w.integer(-42); w.integer(0); w.bool(true); w.null(); w.endArray()
            w.key("c"); w.beginObject(); w.endObject()
            w.key("d"); w.asciiString { $0.appendUTF8("21004-0001") }
            w.key("e\"q"); w.integer(Int64.min)
            w.endObject()
        }
        var growing = CanonicalJSONWriter()
        write(&growing)
        let buffer = FixedJSONBuffer(capacity: 1024)
        let fixed = buffer.withWriter { (w: inout FixedJSONWriter) -> [UInt8] in
            write(&w)
            #expect(!w.overflowed)
            return Array(w.written)
        }
        #expect(fixed == growing.bytes)
    }

    @Test func aTextLongerThanTheBufferIsReportedNotWritten() throws {
        for capacity in [0, 1, 7, 8, 9, 20] {
            let buffer = FixedJSONBuffer(capacity: capacity)
            buffer.withWriter { (w: inout FixedJSONWriter) in
                w.beginObject()
                w.key("name"); w.string(String(repeating: "x", count: 40))
                w.endObject()
                #expect(w.overflowed, "capacity \(capacity)")
                #expect(w.count <= capacity)
            }
        }
    }
}
