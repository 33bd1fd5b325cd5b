import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger bench`: measures ingest, replay and verify on a fresh ledger (see BENCHMARKS.md).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure ingest, replay and verify speed on a fresh temporary ledger (use a release build).",
        discussion: """
        Prints one JSON line: ingest events/s (NDJSON → durable LMDB, validated and hashed, both import passes), \
        replay events/s (every event decoded), verify events/s, mean stored event size and peak memory.
        scripts/bench runs it next to the reference tools (raw LMDB, Python eventsourcing) and writes the ratios.
          swift build -c release && .build/release/plp-ledger bench --events 1000000
        """)

    @Option(help: "Number of events of the synthetic mix.") var events = 1_000_000
    @Option(help: ArgumentHelp("Use this NDJSON file instead of the synthetic mix.", valueName: "file")) var source: String?
    @Option(help: ArgumentHelp("Work directory (default: a temporary one, removed after).", valueName: "dir")) var directory: String?

    func run() throws {
        let work = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("plp-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if directory == nil { try? FileManager.default.removeItem(atPath: work) } }
        let input: String
        if let source {
            input = source
        } else {
            input = work + "/mix.ndjson"
            let sink = try OutputSink.file(input)
            try BenchMix.write(events: events, to: sink)
            try sink.close()
        }
        let store = try EventStore.open(at: work + "/bench.ledger", options: .init(create: true))
        let started = Date()
        let report = try store.importEvents(from: input)
        let ingestSeconds = Date().timeIntervalSince(started)
        let count = Double(report.appended)

        var storedBytes = 0
        var checksum = 0
        let replayStarted = Date()
        try store.forEachStoredEvent { seq, bytes in
            let event = try StoredEventCodec.decode(seq: seq, bytes)
            storedBytes += bytes.count
            checksum &+= Int(event.version)
            return true
        }
        let replaySeconds = Date().timeIntervalSince(replayStarted)
        let verifyStarted = Date()
        let verification = try store.verify()
        let verifySeconds = Date().timeIntervalSince(verifyStarted)
        guard verification.isIntact else { throw ValidationError("the benchmark ledger does not verify") }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let result: [(String, String)] = [
            ("events", String(report.appended)),
            ("ingest_per_s", String(Int(count / ingestSeconds))),
            ("check_per_s", String(Int(count / report.checkSeconds))),
            ("write_per_s", String(Int(count / report.writeSeconds))),
            ("replay_per_s", String(Int(count / replaySeconds))),
            ("verify_per_s", String(Int(count / verifySeconds))),
            ("mean_stored_bytes", String(storedBytes / max(1, report.appended))),
            ("peak_rss_mb", String(usage.ru_maxrss / 1024)),
            ("ledger_mb", String((try? store.statistics().usedBytes / 1_000_000) ?? 0)),
            ("check", String(checksum)),
        ]
        Console.print("{" + result.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n")
    }
}

/// A simple synthetic mix of the contract's event types (PLPs founded, members, reports, alerts, crimes),
/// used by the benchmark until the national generator replaces it.
enum BenchMix {
    static func write(events total: Int, to sink: OutputSink) throws {
        var rng = SplitMix(seed: 42)
        var writer = CanonicalJSONWriter(capacity: 1024)
        let communes = CommuneRegistry.shared.communes.filter { $0.validUntil == nil && $0.population2020 != nil }
        var written = 0
        var plps: [String] = []
        var members = 0, reports = 0, alerts = 0
        var seconds: Int64 = 1_735_776_000  // 2025-01-02
        func emit(_ stream: String, _ type: String, _ data: String, actor: String = "police:z5340") throws {
            seconds += Int64(rng.next() % 60)
            let instant = seconds * 1_000_000
            let local = Brussels.localDateTime(ofInstant: instant)
            let offset = Brussels.offsetSeconds(atInstant: instant) / 3600
            func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
            let time = "\(local.date)T\(two(local.hour)):\(two(local.minute)):\(two(local.second))+0\(offset):00"
            let line = "{\"stream\":\"\(stream)\",\"type\":\"\(type)\",\"occurredAt\":\"\(time)\",\"actor\":\"\(actor)\",\"data\":\(data)}\n"
            try sink.write(line)
            written += 1
        }
        _ = writer
        while written < total {
            let roll = rng.next() % 100
            if plps.count < 20 || roll < 2 {
                let commune = communes[Int(rng.next() % UInt64(communes.count))].nis
                let id = "\(commune)-\(plps.count)"
                let s = "plp/\(id)"
                try emit(s, "PLPProposed", #"{"name":"PLP \#(id)","kind":"residential","commune":"\#(commune)","initiator":"residents"}"#, actor: "commune:\(commune)")
                try emit(s, "ConsultationHeld", #"{"parties":["authority","police"]}"#)
                try emit(s, "InformationSessionHeld", #"{"attendees":\#(rng.next() % 300),"supportSufficient":true}"#)
                try emit(s, "CharterSigned", #"{"mayor":"Bourgmestre","chiefOfPolice":"Chef de corps","mandatedOfficer":"Insp. Maes","coordinator":"Coordinator \#(id)","financingPlan":true,"communicationPlan":true}"#)
                try emit(s, "PLPApproved", #"{"approvalRef":"SPF-\#(id)"}"#, actor: "spf:dgsp")
                plps.append(id)
            } else if roll < 35 {
                let plp = plps[Int(rng.next() % UInt64(plps.count))]
                members += 1
                try emit("member/m\(members)", "MemberJoined", #"{"plp":"\#(plp)","kind":"resident","channels":["sms","email"],"newsletter":true,"contact":{"name":"Member \#(members)","phone":"+32 470 \#(100000 + members)","email":"m\#(members)@example.be"}}"#, actor: "coordinator:\(plp)")
            } else if roll < 65 {
                let plp = plps[Int(rng.next() % UInt64(plps.count))]
                reports += 1
                let commune = plp.prefix(5)
                try emit("report/r\(reports)", "ReportFiled", #"{"commune":"\#(commune)","category":"suspicious-vehicle","via":"101","plp":"\#(plp)"}"#, actor: "citizen:c\(reports)")
                try emit("report/r\(reports)", "ReportAssessed", #"{"outcome":"\#(rng.next() % 4 == 0 ? "false-alarm" : "confirmed")"}"#)
            } else if roll < 75 {
                let plp = plps[Int(rng.next() % UInt64(plps.count))]
                alerts += 1
                try emit("alert/a\(alerts)", "AlertSent", #"{"plp":"\#(plp)","kind":"prevention","channel":"sms","advice":"Fermez portes et fenêtres / Sluit deuren en ramen","recipients":\#(rng.next() % 400)}"#)
            } else {
                let commune = communes[Int(rng.next() % UInt64(communes.count))].nis
                let instant = seconds * 1_000_000
                try emit("commune/\(commune)", "CrimeRecorded", #"{"category":"burglary-home","attempted":\#(rng.next() % 3 == 0),"occurredOn":"\#(Brussels.date(ofInstant: instant - 86_400_000_000))"}"#)
            }
        }
    }
}

/// A small deterministic PRNG (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
