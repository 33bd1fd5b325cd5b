import Foundation
import PLPTestSupport
import Testing
@testable import PLPEvents

/// Contract section 9: each bound is accepted at the limit and refused one above, with a message naming the field.
@Suite struct LimitsTests {
    static let course = #"{"academy":"ANPA","participants":18}"#

    /// The error the decoder gives for `line`, or nil when it is accepted.
    func refusal(_ line: String) -> EventLineError? {
        do {
            _ = try Lines.decode(line)
            return nil
        } catch let error as EventLineError {
            return error
        } catch {
            return EventLineError(field: nil, "\(error)")
        }
    }

    /// The errors of importing `lines` into `ledger` (none when it was accepted).
    func importErrors(_ lines: [String], into ledger: TemporaryLedger, preserve: Bool = false) throws -> [String] {
        do {
            _ = try ledger.store.importEvents(from: try ledger.file("in-\(UUID().uuidString).ndjson", lines: lines),
                                              options: ImportOptions(preserve: preserve))
            return []
        } catch let failure as ImportFailure {
            return failure.errors.map { "line \($0.line): \($0.error.description)" }
        }
    }

    // MARK: Counts

    @Test(arguments: [
        ("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":COUNT}"#, "participants"),
        ("alert/a1", "AlertSent", #"{"plp":"p1","kind":"urgent","channel":"sms","advice":"Fermez","recipients":COUNT}"#, "recipients"),
        ("plp/p1", "InformationSessionHeld", #"{"attendees":COUNT,"supportSufficient":true}"#, "attendees"),
    ])
    func countsStopAtOneMillion(stream: String, type: String, data: String, field: String) {
        func line(_ count: Int) -> String { Lines.event(stream, type, data.replacingOccurrences(of: "COUNT", with: String(count))) }
        #expect(refusal(line(1_000_000)) == nil)
        #expect(refusal(line(0)) == nil)
        #expect(refusal(line(1_000_001))?.description == "data.\(field): 1000001 is above the limit of 1,000,000")
        #expect(refusal(line(2_000_000))?.description == "data.\(field): 2000000 is above the limit of 1,000,000")
        #expect(refusal(line(-1))?.description == "data.\(field): must be 0 or more, not -1")
    }

    @Test func anImportRefusesACountAboveTheLimitAndWritesNothing() throws {
        let ledger = try TemporaryLedger()
        let lines = [Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":1000000}"#),
                     Lines.event("programme/BE", "CourseDelivered", #"{"academy":"ANPA","participants":1000001}"#)]
        #expect(try importErrors(lines, into: ledger) == ["line 2: data.participants: 1000001 is above the limit of 1,000,000"])
        #expect(try ledger.store.count() == 0)
        #expect(try importErrors([lines[0]], into: ledger).isEmpty)
        #expect(try ledger.store.count() == 1)
    }

    // MARK: Years

    @Test func occurredAtYearsAre1900To2100() {
        func line(_ at: String) -> String { Lines.event("programme/BE", "CourseDelivered", Self.course, at: at) }
        #expect(refusal(line("1900-01-01T00:00:00+01:00")) == nil)
        #expect(refusal(line("2100-12-31T23:59:59Z")) == nil)
        #expect(refusal(line("1899-12-31T23:59:59+01:00"))?.description
            == "occurredAt: '1899-12-31T23:59:59+01:00': 1899 is not a plausible year (1900–2100)")
        #expect(refusal(line("2101-01-01T00:00:00Z"))?.description
            == "occurredAt: '2101-01-01T00:00:00Z': 2101 is not a plausible year (1900–2100)")
        // The year as written counts, not the instant's year in UTC.
        #expect(refusal(line("1900-01-01T00:30:00+01:00")) == nil)
        #expect(refusal(line("2100-12-31T23:30:00-05:00")) == nil)
    }

    @Test func occurredOnYearsAre1900To2100() {
        func line(_ on: String, at: String) -> String {
            Lines.event("commune/72004", "CrimeRecorded", #"{"category":"burglary-home","attempted":false,"occurredOn":"\#(on)"}"#, at: at)
        }
        #expect(refusal(line("2100-12-31", at: "2100-12-31T12:00:00+01:00")) == nil)
        // In 1900 the year is fine; the commune (in force from 1977) is what is refused.
        #expect(refusal(line("1900-01-01", at: "1900-01-02T12:00:00+01:00"))?.field == "stream")
        #expect(refusal(line("1899-12-31", at: "1900-01-02T12:00:00+01:00"))?.description
            == "data.occurredOn: '1899-12-31': 1899 is not a plausible year (1900–2100)")
        #expect(refusal(line("2101-01-01", at: "2100-12-31T12:00:00+01:00"))?.description
            == "data.occurredOn: '2101-01-01': 2101 is not a plausible year (1900–2100)")
    }

    @Test func dataYearsAre1900To2100() {
        func committee(_ year: Int) -> String { Lines.event("programme/BE", "SteeringCommitteeMet", #"{"year":\#(year)}"#) }
        func evaluation(_ year: Int) -> String { Lines.event("plp/p1", "PLPEvaluated", #"{"year":\#(year),"assessment":"continue"}"#) }
        for line in [committee, evaluation] {
            #expect(refusal(line(1900)) == nil)
            #expect(refusal(line(2100)) == nil)
            #expect(refusal(line(1899))?.description == "data.year: 1899 is not a plausible year (1900–2100)")
            #expect(refusal(line(2101))?.description == "data.year: 2101 is not a plausible year (1900–2100)")
        }
    }

    // MARK: Preserved recordedAt

    /// An export line of a course recorded at `recordedAt`, with its correct hash.
    func exportedCourse(recordedAt: Int64) throws -> String {
        let new = try Lines.decode(Lines.event("programme/BE", "CourseDelivered", Self.course))
        var event = RecordedEvent(id: EventID.random(), stream: new.stream, seq: 1, version: 1, recordedAt: recordedAt,
                                  occurredAt: new.occurredAt, actor: new.actor, schema: 1, payload: new.payload,
                                  hash: MerkleHash.emptyRoot)
        var scratch = CanonicalJSONWriter()
        event.hash = CanonicalEventLine.leafHash(of: event, scratch: &scratch)
        return String(decoding: CanonicalEventLine.exportLine(of: event).dropLast(), as: UTF8.self)
    }

    @Test func aPreservedRecordedAtInTheFutureIsRefused() throws {
        let day: Int64 = 86_400_000_000
        let future = RecordedAt.now() + day
        let ledger = try TemporaryLedger()
        let errors = try importErrors([try exportedCourse(recordedAt: future)], into: ledger, preserve: true)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("line 1: recordedAt: \(RecordedAt.format(future)) is in the future") == true)
        #expect(try ledger.store.count() == 0)
        // The same line recorded a day ago is an ordinary export.
        #expect(try importErrors([try exportedCourse(recordedAt: RecordedAt.now() - day)], into: ledger, preserve: true).isEmpty)
        #expect(try ledger.store.count() == 1)
    }

    // MARK: Leaf bytes

    /// The leaf bytes of an exported line: the line without `"hash":"…",` (74 bytes) and its `\n`.
    static func leafSize(ofExportLine line: ArraySlice<UInt8>) -> Int { line.count - 74 }

    /// The leaf size of the only event of a fresh ledger after appending `line`.
    func storedLeafSize(_ line: String) throws -> Int {
        let ledger = try TemporaryLedger()
        try ledger.append(line)
        let export = try ledger.export()
        #expect(export.last == UInt8(ascii: "\n"))
        return Self.leafSize(ofExportLine: export.dropLast())
    }

    func course(academyLength: Int) -> String {
        Lines.event("programme/BE", "CourseDelivered", #"{"academy":"\#(String(repeating: "a", count: academyLength))","participants":18}"#)
    }

    @Test func anEventOf65535LeafBytesIsAcceptedAnd65536Refused() throws {
        let base = try storedLeafSize(course(academyLength: 1)) - 1
        let fits = EventLimits.leafBytes - base
        #expect(try storedLeafSize(course(academyLength: fits)) == 65_535)

        // Import: the check pass refuses the longer one, nothing is written.
        let imported = try TemporaryLedger()
        #expect(try importErrors([course(academyLength: fits + 1)], into: imported)
            == ["line 1: data.academy: is \(EventLimits.grouped(fits + 1)) bytes long, so the event's stored form is 65,536 bytes, above the limit of 65,535 (contract section 9)"])
        #expect(try imported.store.count() == 0)
        #expect(try importErrors([course(academyLength: fits)], into: imported).isEmpty)
        #expect(try imported.store.count() == 1)

        // Append refuses it too.
        let appended = try TemporaryLedger()
        #expect(throws: AppendError.self) { try appended.append(course(academyLength: fits + 1)) }
        #expect(try appended.store.count() == 0)
        #expect(try appended.store.verify().isIntact)
    }

    @Test func anEventLongerThanTheLineBufferIsRefusedWithItsSize() throws {
        // Leaf bytes beyond the fixed buffer the ledger hashes lines in: measured where they fit, refused as any other.
        let length = CanonicalEventLine.lineBufferBytes + 10_000
        let base = try storedLeafSize(course(academyLength: 1)) - 1
        let ledger = try TemporaryLedger()
        #expect(try importErrors([course(academyLength: length)], into: ledger)
            == ["line 1: data.academy: is \(EventLimits.grouped(length)) bytes long, so the event's stored form is \(EventLimits.grouped(base + length)) bytes, above the limit of 65,535 (contract section 9)"])
        #expect(try ledger.store.count() == 0)
    }

    @Test func escapedTextCountsAsItIsStored() throws {
        // `\u0061` is one byte once stored: a line much longer than the limit can still be a small event.
        let escaped = String(repeating: #"\u0061"#, count: 20_000)
        let line = Lines.event("programme/BE", "CourseDelivered", #"{"academy":"\#(escaped)","participants":18}"#)
        #expect(line.utf8.count > 100_000)
        #expect(try storedLeafSize(line) < 21_000)
        // A quote is stored escaped (two bytes).
        let quotes = String(repeating: #"\""#, count: 33_000)
        let ledger = try TemporaryLedger()
        let errors = try importErrors([Lines.event("programme/BE", "CourseDelivered", #"{"academy":"\#(quotes)","participants":18}"#)], into: ledger)
        #expect(errors.first?.contains("above the limit of 65,535") == true)
    }

    // MARK: Contacts, sealed

    /// A member joining `p1` with a name of `length` letters.
    func joined(nameLength: Int) -> String {
        Lines.memberJoined("m1", plp: "p1", name: String(repeating: "n", count: nameLength))
    }

    @Test func aContactThatOnlyGoesOverOnceSealedIsRefusedAndNothingIsWritten() throws {
        // 50,000 bytes in clear fits; sealed (AES-GCM, then base64) it is about 66,700 and does not.
        let line = joined(nameLength: 50_000)
        #expect(line.utf8.count < 60_000)
        let ledger = try TemporaryLedger()
        let errors = try importErrors(Lines.approvedPLP("p1") + [line], into: ledger)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("line 6: data.contact: once sealed it is ") == true)
        #expect(errors.first?.contains("above the limit of 65,535 (contract section 9)") == true)
        #expect(try ledger.store.count() == 0)
        // Appended on its own, after the PLP: refused as well, and the ledger is as it was.
        for plp in Lines.approvedPLP("p1") { try ledger.append(plp) }
        #expect(throws: AppendError.self) { try ledger.append(line) }
        #expect(try ledger.store.count() == 5)
        #expect(try ledger.store.verify().isIntact)
    }

    @Test func theCheckCountsAContactAtItsSealedSizeExactly() throws {
        // The leaf size grows by 4 bytes every 3 bytes of name: find the longest name that fits once sealed, from
        // what the ledger really stores for a short one.
        func leaf(_ nameLength: Int) throws -> Int {
            let ledger = try TemporaryLedger()
            for plp in Lines.approvedPLP("p1") { try ledger.append(plp) }
            try ledger.append(joined(nameLength: nameLength))
            let lines = try ledger.export().split(separator: UInt8(ascii: "\n"))
            return Self.leafSize(ofExportLine: try #require(lines.last))
        }
        let small = try leaf(3)
        var details = CanonicalJSONWriter()
        ContactDetails(name: "nnn", phone: "+32 470 00 00 00").encodeJSON(into: &details)
        let sealed3 = 12 + details.bytes.count + 16   // nonce, ciphertext, tag
        func base64(_ bytes: Int) -> Int { 4 * ((bytes + 2) / 3) }
        func predicted(_ n: Int) -> Int { small - base64(sealed3) + base64(sealed3 + n - 3) }
        var n = 3
        while predicted(n + 1) <= EventLimits.leafBytes { n += 1 }
        // The first name length that goes over: the check pass refuses it, the import of the longest that fits works.
        let over = try TemporaryLedger()
        let refused = try importErrors(Lines.approvedPLP("p1") + [joined(nameLength: n + 1)], into: over)
        #expect(refused.count == 1 && refused.first?.hasPrefix("line 6: data.contact: once sealed") == true)
        #expect(try over.store.count() == 0)
        let fits = try TemporaryLedger()
        #expect(try importErrors(Lines.approvedPLP("p1") + [joined(nameLength: n)], into: fits).isEmpty)
        let stored = try fits.export().split(separator: UInt8(ascii: "\n"))
        let size = Self.leafSize(ofExportLine: try #require(stored.last))
        #expect(size <= 65_535 && size > 65_535 - 4)
        #expect(try fits.store.verify().isIntact)
    }
}
