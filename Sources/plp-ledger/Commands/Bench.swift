import ArgumentParser
import Foundation
import PLPEvents
import PLPSynthetic

/// `plp-ledger bench`: measures ingest, replay and verify on a fresh ledger (see BENCHMARKS.md).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure ingest, replay and verify speed on a fresh temporary ledger (use a release build).",
        discussion: """
        The events are the national generator's mix (`plp-ledger generate`), cut at --events. \
        Prints one JSON line: ingest events/s (NDJSON → durable LMDB, validated and hashed, visible in one last transaction), \
        replay events/s (every event decoded), verify events/s, mean stored event size and peak memory.
        scripts/bench runs it next to the reference tools (raw LMDB, Python eventsourcing) and writes the ratios.
          swift build -c release && .build/release/plp-ledger bench --events 1000000
          # the same, keeping the ledger in /tmp/b1m; then replay and verify it
          # again (five rounds, the medians):
          .build/release/plp-ledger bench --events 1000000 --directory /tmp/b1m
          .build/release/plp-ledger bench --existing /tmp/b1m/bench.ledger \\
            --rounds 5
        """)

    @Option(help: "Number of events: the first N of the national generator's history (seed 1, 2019–2025, scaled to fit).")
    var events = 1_000_000
    @Option(help: ArgumentHelp("Use this NDJSON file instead of the synthetic mix.", valueName: "file")) var source: String?
    @Option(help: ArgumentHelp("Work directory (default: a temporary one, removed after).", valueName: "dir")) var directory: String?
    @Flag(help: "Store contact data unsealed, only to measure what sealing costs (a real ledger always seals).")
    var noSealing = false
    @Flag(help: "A member-heavy mix: every event a MemberJoined or MemberContactChanged (to measure sealing).")
    var members = false
    @Option(help: ArgumentHelp("Measure replay and verify of this existing ledger only (nothing is imported or written).",
                               valueName: "dir"))
    var existing: String?
    @Option(help: "With --existing: replay and verify this many times and report the medians (the machine is noisy).")
    var rounds = 1

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1.") }
        guard rounds == 1 || existing != nil else { throw ValidationError("--rounds goes with --existing.") }
    }

    func run() throws {
        if let existing {
            var options = EventStore.Options()
            options.readOnly = true
            return try Self.measureReads(of: EventStore.open(at: existing, options: options), appended: nil, rounds: rounds)
        }
        let work = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("plp-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: work) } }
        let input: String
        if let source {
            input = source
        } else {
            input = work + "/mix.ndjson"
            if members { try Self.writeMemberMix(events: events, to: input) } else { try Self.writeMix(events: events, to: input) }
        }
        var options = EventStore.Options(create: true)
        options.masterKey = MasterKey.generate()
        options.sealsContacts = !noSealing
        let store = try EventStore.open(at: work + "/bench.ledger", options: options)
        let started = Date()
        let report = try store.importEvents(from: input)
        let ingestSeconds = Date().timeIntervalSince(started)
        try Self.measureReads(of: store, appended: (report, ingestSeconds))
    }

    /// Replays and verifies `store` (`rounds` times each, the medians kept), then prints the JSON line (with the
    /// ingest figures when `appended` has them).
    static func measureReads(of store: EventStore, appended: (report: ImportReport, seconds: Double)?, rounds: Int = 1) throws {
        var storedBytes = 0
        var events = 0
        var checksum = 0
        var replays: [Double] = [], verifies: [Double] = []
        for _ in 0..<rounds {
            (storedBytes, events, checksum) = (0, 0, 0)
            let replayStarted = Date()
            try store.forEachStoredEvent { seq, bytes in
                let event = try StoredEventCodec.decode(seq: seq, bytes)
                storedBytes += bytes.count
                events += 1
                checksum &+= Int(event.version)
                return true
            }
            replays.append(Date().timeIntervalSince(replayStarted))
            let verifyStarted = Date()
            let verification = try store.verify()
            verifies.append(Date().timeIntervalSince(verifyStarted))
            guard verification.isIntact else { throw CommandFailure("the benchmark ledger does not verify", code: .damaged) }
        }
        let replaySeconds = replays.sorted()[rounds / 2], verifySeconds = verifies.sorted()[rounds / 2]
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let count = Double(max(1, events))
        var result: [(String, String)] = [("events", String(events))]
        if let (report, ingestSeconds) = appended {
            result += [
                ("ingest_per_s", String(Int(count / ingestSeconds))),
                ("admit_per_s", String(Int(count / max(report.admitSeconds, 1e-9)))),
                ("commit_s", String(format: "%.3f", report.commitSeconds)),
            ]
        }
        result += [
            ("replay_per_s", String(Int(count / replaySeconds))),
            ("verify_per_s", String(Int(count / verifySeconds))),
            ("mean_stored_bytes", String(storedBytes / max(1, events))),
            ("peak_rss_mb", String(usage.ru_maxrss / 1024)),
            ("ledger_mb", String((try? store.statistics().usedBytes / 1_000_000) ?? 0)),
            ("check", String(checksum)),
        ]
        Console.print("{" + result.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n")
    }
}

extension Bench {
    /// The generator emits about 7.8 million events at scale 1 over 2019–2025: scale to a little more than `events`
    /// and keep the first `events` lines (a prefix of a valid history is valid).
    static func writeMix(events: Int, to path: String) throws {
        let scale = max(0.005, Double(events) / 7_000_000)
        let generator = HistoryGenerator(HistoryConfiguration(seed: 1, fromYear: 2019, toYear: 2025, scale: scale))
        let sink = try OutputSink.file(path)
        var writer = SubmissionWriter(sink)
        do {
            while writer.count < events, let event = generator.next() { try writer.write(event) }
            try writer.close()
        } catch {
            sink.abandon()
            throw error
        }
    }
}

extension Bench {
    /// One PLP and `events - 5` member events: joins, then contact changes, each with contact data to seal.
    static func writeMemberMix(events: Int, to path: String) throws {
        let sink = try OutputSink.file(path)
        var writer = SubmissionWriter(sink)
        let plp = StreamName(kind: .plp, id: "21004-0001")
        let at = try RFC3339Timestamp.parse("2024-01-10T19:00:00+01:00")
        let police = Actor(role: .police, id: "z5339")
        guard let brussels = NISCode(value: 21004) else { return }
        let founding: [EventPayload] = [
            .plpProposed(PLPProposed(name: "PLP Bruxelles-Centre", kind: .residential, commune: brussels, initiator: .residents)),
            .consultationHeld(ConsultationHeld(parties: [.authority, .police])),
            .informationSessionHeld(InformationSessionHeld(attendees: 80, supportSufficient: true)),
            .charterSigned(CharterSigned(mayor: "M", chiefOfPolice: "C", mandatedOfficer: "O", coordinator: "K", financingPlan: true, communicationPlan: true)),
            .plpApproved(PLPApproved(approvalRef: "SPF-1")),
        ]
        let lines: [NewEvent] = founding.map { NewEvent(stream: plp, occurredAt: at, actor: police, payload: $0) }
        let members = max(1, (events - 5) / 2)
        func contact(_ index: Int, _ round: Int) -> Contact {
            .clear(ContactDetails(name: "Member \(index) round \(round)", phone: "+32 470 \(100_000 + index)", email: "m\(index)@example.be"))
        }
        do {
            for event in lines { try writer.write(event) }
            var index = 0
            while writer.count < events {
                let member = StreamName(kind: .member, id: "m\(index % members)")
                let payload: EventPayload = index < members
                    ? .memberJoined(MemberJoined(plp: plp.id, kind: .resident, channels: [.sms, .email], newsletter: true, contact: contact(index, 0)))
                    : .memberContactChanged(MemberContactChanged(contact: contact(index % members, index / members)))
                try writer.write(NewEvent(stream: member, occurredAt: at, actor: police, payload: payload))
                index += 1
            }
            try writer.close()
        } catch {
            sink.abandon()
            throw error
        }
    }
}
