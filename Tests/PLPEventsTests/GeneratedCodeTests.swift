import Foundation
import PLPCatalogue
import Testing
@testable import PLPEvents

/// `Sources/PLPEvents/Generated/` is what the catalogue gives, and a new event type is one description.
@Suite struct GeneratedCodeTests {
    /// The package root, from this file's path (`Tests/PLPEventsTests/GeneratedCodeTests.swift`).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A type the contract does not have, to show what adding one takes.
    static let neighbourhoodWalkHeld = EventTypeDescription(
        "NeighbourhoodWalkHeld", code: 26, stream: "plp", "The PLP's members walked their neighbourhood together.", fields: [
            .required("route", .text),
            .required("walkers", .count),
            .required("heldOn", .date),
            .optional("channel", .choice("Channel")),
            .optional("notes", .anyText),
        ], storedView: true)

    @Test func regeneratingChangesNothing() throws {
        let files = try CatalogueRenderer.render(EventCatalogue.contract)
        for file in files {
            let committed = try Data(contentsOf: Self.packageRoot.appendingPathComponent(file.path))
            #expect(committed == Data(file.contents.utf8), "\(file.path) is not what the catalogue gives: run swift run plp-codegen")
        }
        // Nothing else in the folder: a file the renderer no longer writes would still be compiled.
        let folder = Self.packageRoot.appendingPathComponent(CatalogueRenderer.directory)
        let present = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        #expect(Set(present.map { "\(CatalogueRenderer.directory)/\($0)" }) == Set(files.map(\.path)))
        // Rendering depends on the catalogue only.
        #expect(try CatalogueRenderer.render(EventCatalogue.contract) == files)
    }

    @Test func theCatalogueIsTheCompiledModel() {
        #expect(EventCatalogue.contract.map(\.name) == EventType.allCases.map(\.rawValue))
        #expect(EventCatalogue.contract.map(\.code) == EventType.allCases.map(\.code))
        #expect(EventCatalogue.contract.map(\.streamKind) == EventType.allCases.map { $0.streamKind?.rawValue })
        #expect(EventCatalogue.contract.map(\.caseName) == EventType.allCases.map { "\($0)" })
        #expect(EventCatalogue.contract.first { $0.name == "PLPProposed" }?.canonicalFields.map(\.name) == PLPProposed.fieldNames)
        #expect(EventCatalogue.contract.first { $0.name == "MemberJoined" }?.canonicalFields.map(\.name) == MemberJoined.fieldNames)
    }

    @Test func aTwentySixthTypeIsOneDescription() throws {
        let today = try CatalogueRenderer.render(EventCatalogue.contract)
        let extended = try CatalogueRenderer.render(EventCatalogue.contract + [Self.neighbourhoodWalkHeld])
        #expect(extended.map(\.path) == today.map(\.path))
        let text = Dictionary(uniqueKeysWithValues: extended.map { ($0.path.split(separator: "/").last.map(String.init) ?? $0.path, $0.contents) })
        // Every file gains the type, and nothing of the 25 types changes: today's lines stay, in order.
        for (before, after) in zip(today, extended) {
            #expect(before.contents != after.contents, "\(before.path) does not know the new type")
            #expect(isSubsequence(lines(before.contents), of: lines(after.contents)), "\(before.path): an existing line changed")
        }
        expect(text["EventType.swift"], contains: [
            #"case neighbourhoodWalkHeld = "NeighbourhoodWalkHeld""#, "case .neighbourhoodWalkHeld: 26",
            "case 26: self = .neighbourhoodWalkHeld", "case .neighbourhoodWalkHeld: .plp",
        ])
        expect(text["EventPayloads.swift"], contains: [
            "/// The PLP's members walked their neighbourhood together.", "public struct NeighbourhoodWalkHeld: EventBody {",
            #"public static let fieldNames: [String] = ["channel", "heldOn", "notes", "route", "walkers"]"#,
            "public var heldOn: CivilDate", "public var channel: Channel?",
            "public init(route: String, walkers: Int, heldOn: CivilDate, channel: Channel? = nil, notes: String? = nil) {",
            "case neighbourhoodWalkHeld(NeighbourhoodWalkHeld)", "case .neighbourhoodWalkHeld: .neighbourhoodWalkHeld",
        ])
        expect(text["EventPayloads+LineDecoder.swift"], contains: [
            "extension NeighbourhoodWalkHeld {", #"case "route": route = try d.text(key)"#, #"case "walkers": walkers = try d.count(key)"#,
            #"case "heldOn": heldOn = try d.date(key)"#, #"case "channel": channel = try d.choice(key, Channel.self)"#,
            #"case "notes": notes = try d.optionalText(key)"#, #"walkers: try d.required(walkers, "walkers"),"#, "notes: notes",
            "case .neighbourhoodWalkHeld: .neighbourhoodWalkHeld(try NeighbourhoodWalkHeld(decoding: &d))",
        ])
        expect(text["EventPayloads+StoredView.swift"], contains: [
            "extension NeighbourhoodWalkHeld {", "public struct StoredView {", "public let route: UnsafeRawBufferPointer",
            "public let walkers: Int", "public let channel: Channel?", "public let notes: UnsafeRawBufferPointer?",
            "route = try r.rawString()", "heldOn = try r.date()", "notes = try r.optionalRawString()",
        ])
        expect(text["EventPayloads+StoredForm.swift"], contains: [
            "route: try r.string(),", "walkers: try r.int(),", "heldOn: try r.date(),", "channel: try r.optionalChoice(Channel.self),",
            "notes: try r.optionalString()", "w.string(route)\n        w.int(walkers)\n        w.date(heldOn)\n        w.optionalChoice(channel)\n        w.optionalString(notes)",
            "case .neighbourhoodWalkHeld: .neighbourhoodWalkHeld(try NeighbourhoodWalkHeld(reading: &r))",
            "case .neighbourhoodWalkHeld(let body): body.encodeBinary(into: &w)",
        ])
        expect(text["EventPayloads+CanonicalLine.swift"], contains: [
            #"""
                    w.beginObject()
                    if let channel { w.key("channel"); w.string(channel.rawValue) }
                    w.key("heldOn"); w.string(heldOn.description)
                    if let notes { w.key("notes"); w.string(notes) }
                    w.key("route"); w.string(route)
                    w.key("walkers"); w.integer(Int64(walkers))
                    w.endObject()
            """#,
            "case .neighbourhoodWalkHeld(let body): body.encodeJSON(into: &w)",
        ])
        expect(text["StoredEventTranscoder+Payloads.swift"], contains: [
            #"""
                    case .neighbourhoodWalkHeld:
                        let route = try r.rawString()
                        let walkers = try r.int()
                        let heldOn = try r.date()
                        let channel = try r.optionalChoice(Channel.self)
                        let notes = try r.optionalRawString()
                        w.beginObject()
                        if let channel { w.key("channel"); w.asciiString { $0.appendUTF8(channel.rawValue) } }
                        w.key("heldOn"); w.asciiString { heldOn.writeISO(into: &$0) }
                        if let notes { w.key("notes"); w.rawString(notes) }
                        w.key("route"); w.rawString(route)
                        w.key("walkers"); w.integer(Int64(walkers))
                        w.endObject()
            """#,
        ])
    }

    @Test func aCatalogueTheRendererCannotHonourIsRefused() {
        let taken = EventTypeDescription("NeighbourhoodWalkHeld", code: 25, stream: "plp", "A walk.")
        #expect(throws: CatalogueError.self) { try CatalogueRenderer.render(EventCatalogue.contract + [taken]) }
        let twice = EventTypeDescription("PLPApproved", code: 26, stream: "plp", "Again.")
        #expect(throws: CatalogueError.self) { try CatalogueRenderer.render(EventCatalogue.contract + [twice]) }
        let optionalCount = EventTypeDescription("NeighbourhoodWalkHeld", code: 26, stream: "plp", "A walk.", fields: [.optional("walkers", .count)])
        #expect(throws: CatalogueError.self) { try CatalogueRenderer.render(EventCatalogue.contract + [optionalCount]) }
        let twoContacts = EventTypeDescription("NeighbourhoodWalkHeld", code: 26, stream: "plp", "A walk.",
                                               fields: [.required("guide", .contact), .required("host", .contact)])
        #expect(throws: CatalogueError.self) { try CatalogueRenderer.render(EventCatalogue.contract + [twoContacts]) }
    }

    private func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    private func isSubsequence(_ small: [Substring], of large: [Substring]) -> Bool {
        var index = large.startIndex
        for line in small {
            guard let found = large[index...].firstIndex(of: line) else { return false }
            index = found + 1
        }
        return true
    }

    private func expect(_ file: String?, contains snippets: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        guard let file else { Issue.record("no such generated file", sourceLocation: sourceLocation); return }
        for snippet in snippets { #expect(file.contains(snippet), "missing: \(snippet)", sourceLocation: sourceLocation) }
    }
}
