import ArgumentParser
import Foundation
import PLPEvents

/// `plp-ledger stats`: what the ledger holds.
struct Stats: LedgerCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Show what the ledger holds: events by type, streams by kind, size on disk.")

    @ParentCommand var parent: PLPLedger
    @OptionGroup(title: "Ledger") var own: GlobalOptions

    @Option(help: "table, json or csv.") var format: OutputFormat = .table

    func run() throws {
        let store = try global.openStore(for: .reading)
        let stats = try store.statistics()
        Console.print(Self.render(stats, path: global.ledgerPath, format: format))
    }

    static func render(_ stats: LedgerStatistics, path: String, format: OutputFormat) -> String {
        let types = EventType.allCases.filter { stats.eventsByType[$0] != nil }
        let kinds = StreamKind.allCases.filter { stats.streamsByKind[$0] != nil }
        switch format {
        case .json:
            var w = CanonicalJSONWriter()
            w.beginObject()
            w.key("events"); w.integer(Int64(stats.events))
            w.key("eventsByType"); w.beginObject()
            for type in types.sorted(by: { $0.rawValue < $1.rawValue }) { w.key(type.rawValue); w.integer(Int64(stats.eventsByType[type] ?? 0)) }
            w.endObject()
            w.key("fileBytes"); w.integer(Int64(stats.fileBytes))
            w.key("root"); w.string(stats.treeHead.root.hex)
            w.key("streamsByKind"); w.beginObject()
            for kind in kinds.sorted(by: { $0.rawValue < $1.rawValue }) { w.key(kind.rawValue); w.integer(Int64(stats.streamsByKind[kind] ?? 0)) }
            w.endObject()
            w.key("usedBytes"); w.integer(Int64(stats.usedBytes))
            w.key("voidedEvents"); w.integer(Int64(stats.voidedEvents))
            w.endObject()
            return String(decoding: w.bytes, as: UTF8.self) + "\n"
        case .csv:
            var out = csvLine(["section", "name", "count"])
            out += csvLine(["ledger", "events", String(stats.events)])
            for type in types { out += csvLine(["type", type.rawValue, String(stats.eventsByType[type] ?? 0)]) }
            for kind in kinds { out += csvLine(["streams", kind.rawValue, String(stats.streamsByKind[kind] ?? 0)]) }
            out += csvLine(["ledger", "voidedEvents", String(stats.voidedEvents)])
            out += csvLine(["disk", "fileBytes", String(stats.fileBytes)])
            out += csvLine(["disk", "usedBytes", String(stats.usedBytes)])
            out += csvLine(["tree", "root", stats.treeHead.root.hex])
            return out
        case .table:
            var out = "Ledger \(path): \(counted(stats.events, "event"))"
            if let first = stats.firstOccurredAt, let last = stats.lastOccurredAt { out += ", occurred \(first) … \(last)" }
            out += "\n\n"
            var byType = TextTable(header: ["event type", "events"], rightAligned: [1])
            for type in types { byType.rows.append([type.rawValue, grouped(stats.eventsByType[type] ?? 0)]) }
            out += byType.render() + "\n"
            var byKind = TextTable(header: ["stream kind", "streams"], rightAligned: [1])
            for kind in kinds { byKind.rows.append([kind.rawValue, grouped(stats.streamsByKind[kind] ?? 0)]) }
            out += byKind.render() + "\n"
            out += "voided events: \(grouped(stats.voidedEvents))\n"
            out += "on disk: \(megabytes(stats.fileBytes)) (\(megabytes(stats.usedBytes)) in use)\n"
            out += "computed from tree head: size \(stats.treeHead.size), root \(stats.treeHead.root.hex)\n"
            return out
        }
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1_000_000) }
}
