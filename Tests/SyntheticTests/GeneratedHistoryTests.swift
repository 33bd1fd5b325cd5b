import Foundation
import PLPEvents
@testable import PLPSynthetic
import Testing

/// A generated history is reproducible, in time order, and accepted whole by the ledger's own import.
@Suite struct GeneratedHistoryTests {
    @Test func theSameSeedGivesTheSameBytes() throws {
        let configuration = HistoryConfiguration(seed: 11, fromYear: 2024, toYear: 2024, scale: 0.01)
        let first = try History.bytes(configuration)
        let second = try History.bytes(configuration)
        #expect(first.count > 10_000)
        #expect(first == second)
        var other = configuration
        other.seed = 12
        #expect(try History.bytes(other) != first)
    }

    @Test func eventsComeInTimeOrderWithExplicitIDs() {
        var last = Int64.min
        var unordered = 0
        var missingIDs = 0
        for event in HistoryGenerator(HistoryConfiguration(seed: 3, fromYear: 2024, toYear: 2024, scale: 0.01)) {
            if event.occurredAt.instant < last { unordered += 1 }
            if event.id == nil { missingIDs += 1 }
            last = event.occurredAt.instant
        }
        #expect(unordered == 0)
        #expect(missingIDs == 0)
    }

    @Test func aSmallHistoryImportsWholeWithEveryEventType() throws {
        let ledger = try ScratchLedger()
        let configuration = HistoryConfiguration(seed: 5, fromYear: 2023, toYear: 2024, scale: 0.04)
        let summary = try HistoryWriter.write(configuration, to: try OutputSink.file(ledger.historyPath))
        let report = try ledger.store.importEvents(from: ledger.historyPath)
        #expect(report.appended == summary.events)
        #expect(report.skipped == 0)
        let verification = try ledger.store.verify()
        #expect(verification.isIntact)
        #expect(verification.checked == UInt64(summary.events))
        let missing = EventType.allCases.filter { (summary.eventsByType[$0] ?? 0) == 0 }
        #expect(missing.isEmpty, "types never generated: \(missing.map(\.rawValue))")
    }

    @Test func aHistoryFrom2018To2025CrossesBothMergers() throws {
        let ledger = try ScratchLedger()
        let configuration = HistoryConfiguration(seed: 9, fromYear: 2018, toYear: 2025, scale: 0.01)
        _ = try HistoryWriter.write(configuration, to: try OutputSink.file(ledger.historyPath))
        let report = try ledger.store.importEvents(from: ledger.historyPath)
        #expect(report.appended > 0)
        // Crime was recorded under codes that ended with the 2019 and the 2025 mergers, and under their successors.
        var streams = Set<String>()
        var newYearNight = 0
        for event in HistoryGenerator(configuration) {
            if event.stream.kind == .commune { streams.insert(event.stream.id) }
            let text = event.occurredAt.text
            if text.contains("-01-01T00:") && !text.hasSuffix("Z") { newYearNight += 1 }
        }
        let registry = CommuneRegistry.shared
        func used(_ test: (Commune) -> Bool) -> Bool {
            streams.contains { NISCode($0).flatMap(registry.commune).map(test) ?? false }
        }
        #expect(used { $0.validUntil == CivilDate(year: 2018, month: 12, day: 31) })
        #expect(used { $0.validFrom == CivilDate(year: 2019, month: 1, day: 1) })
        #expect(used { $0.validUntil == CivilDate(year: 2024, month: 12, day: 31) })
        #expect(used { $0.validFrom == CivilDate(year: 2025, month: 1, day: 1) })
        #expect(newYearNight > 0)
    }
}

/// Where the generated network is: like the real one.
@Suite struct NetworkPlanTests {
    @Test func theRegionalSplitIsLikeTheRealNetwork() {
        var random = SeededRandom(seed: 1)
        let plan = NetworkPlan.make(HistoryConfiguration(fromYear: 2019, toYear: 2025), atlas: .shared, random: &random)
        // PLPs proposed by mid-2023 are (nearly all) approved by the end of 2023.
        let cutoff = SyntheticClock.monthStart(year: 2023, month: 7)
        var byRegion: [Region: Int] = [:]
        var independents = 0
        var total = 0
        for (record, proposedAt) in plan where proposedAt < cutoff {
            byRegion[CommuneAtlas.shared.places[Int(record.place)].region, default: 0] += 1
            if record.kind == .independents { independents += 1 }
            total += 1
        }
        #expect((960...1160).contains(byRegion[.flanders] ?? 0))
        #expect((270...350).contains(byRegion[.wallonia] ?? 0))
        #expect((10...22).contains(byRegion[.brussels] ?? 0))
        let share = Double(independents) / Double(total)
        #expect(share > 0.08 && share < 0.14)
    }
}

/// The generator keeps planned actions, not events: its memory does not grow with the number of events.
@Suite struct BoundedMemoryTests {
    @Test func aMillionEventsStreamThroughASmallWindow() {
        let generator = HistoryGenerator(HistoryConfiguration(seed: 2, fromYear: 2019, toYear: 2025, scale: 0.14))
        var events = 0
        while generator.next() != nil { events += 1 }
        #expect(events >= 1_000_000)
        // What waits is a month of arrivals and the members' next steps: a small fraction of what went through.
        #expect(generator.peakPending < events / 10)
    }

    @Test func aLongerHistoryNeedsNoMoreWindow() {
        func run(_ years: Int) -> (events: Int, peak: Int) {
            let generator = HistoryGenerator(HistoryConfiguration(seed: 4, fromYear: 2020, toYear: 2020 + years - 1, scale: 0.02))
            var events = 0
            while generator.next() != nil { events += 1 }
            return (events, generator.peakPending)
        }
        let short = run(1)
        let long = run(5)
        #expect(long.events > 4 * short.events)
        #expect(Double(long.peak) < 1.5 * Double(short.peak))
    }
}

/// Helpers: the bytes of a history, and a ledger of a test's own.
enum History {
    static func bytes(_ configuration: HistoryConfiguration) throws -> [UInt8] {
        var bytes: [UInt8] = []
        _ = try HistoryWriter.write(HistoryGenerator(configuration)) { bytes += $0 }
        return bytes
    }
}

/// A fresh ledger and a history file in a temporary directory, removed when the test ends.
final class ScratchLedger {
    let directory: URL
    let store: EventStore
    var historyPath: String { directory.appendingPathComponent("history.ndjson").path }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("plp-synthetic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var options = EventStore.Options(create: true)
        options.masterKey = MasterKey.generate()
        store = try EventStore.open(at: directory.appendingPathComponent("test.ledger").path, options: options)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }
}
