import Foundation
import PLPEvents
import PLPProjections
import PLPTestSupport
import Testing

/// `plp-ledger tables DIR` as an analyst runs it: a ledger built from a generated history with the real commands,
/// the files it writes checked against the ledger's own export, and (where Python's `duckdb` is installed) DuckDB
/// reading every table and finding the annual statistics' figures.
@Suite struct FlatTablesCommandTests {
    static let tables = ["plps", "members", "reports", "alerts", "crimes", "programme", "communes", "regions_provinces"]

    static let headers: [String: String] = [
        "plps": "plp,name,kind,initiator,status,proposed_on,charter_signed_on,approved_on,approval_ref,suspended_on,"
            + "dissolved_on,dissolution_reason,coordinator,evaluated_year,assessment,police_zone,area,commune,"
            + "commune_name_fr,commune_name_nl,commune_2025,province,region,seqs",
        "members": "member,plp,kind,channels,newsletter,joined_on,left_on,leave_reason,erased,erased_on,seqs",
        "reports": "report,plp,member,category,via,filed_at,filed_on,commune,commune_name_fr,commune_name_nl,"
            + "commune_2025,province,region,outcome,assessed_on,feedback_count,feedback_outcome,feedback_on,"
            + "feedback_message,seqs",
        "alerts": "alert,plp,kind,channel,recipients,report,sent_at,sent_on,sent_hour,advice,seq",
        "crimes": "seq,category,burglary,attempted,occurred_on,police_zone,commune,commune_name_fr,commune_name_nl,"
            + "commune_2025,province,region",
        "programme": "seq,type,occurred_at,occurred_on,academy,participants,title,theme,plp,year,decisions",
        "communes": "commune,name_fr,name_nl,name_de,commune_2025,arrondissement,province,province_name_fr,province_name_nl,"
            + "region,region_name_fr,region_name_nl,population_2020,valid_from,valid_until",
        "regions_provinces": "nis,level,name_fr,name_nl,name_de,region",
    ]

    /// A ledger holding `generate --seed 3 --from 2024 --to 2024 --plps 12 --scale 0.005`, and the history file.
    struct GeneratedLedger {
        let scratch: Scratch
        var ledger: String { scratch.path("generated.ledger") }
        var history: String { scratch.path("history.ndjson") }

        init() throws {
            scratch = try Scratch()
            let generated = try CLI.run(["generate", "--seed", "3", "--from", "2024", "--to", "2024", "--plps", "12",
                                         "--scale", "0.005", "-o", scratch.path("history.ndjson")])
            try #require(generated.status == 0, "\(generated.stderr)")
            try #require(try CLI.run(["init", "--ledger", ledger]).status == 0)
            let imported = try CLI.run(["import", "--ledger", ledger, history])
            try #require(imported.status == 0, "\(imported.stderr)")
        }

        /// The ledger's export, one JSON object per event.
        func export() throws -> [[String: Any]] {
            let exported = try CLI.run(["export", "--ledger", ledger])
            return try exported.stdout.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
            }
        }
    }

    /// A CSV file's records (RFC 4180: CRLF between records, quoted fields may hold commas, quotes and line breaks).
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = "", quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { fields.append(field); field = ""
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                fields.append(field); records.append(fields); fields = []; field = ""
            } else { field.unicodeScalars.append(c) }
        }
        return records
    }

    @Test func tablesMatchTheLedgerWithoutContactDataOrVoidedEvents() throws {
        let generated = try GeneratedLedger()
        let events = try generated.export()
        let voidedIDs = Set(events.compactMap { $0["type"] as? String == "EventVoided" ? ($0["data"] as? [String: Any])?["ref"] as? String : nil })
        let standing = events.filter { $0["type"] as? String != "EventVoided" && !voidedIDs.contains($0["id"] as? String ?? "") }
        let voidedSeqs = Set(events.filter { voidedIDs.contains($0["id"] as? String ?? "") }.compactMap { $0["seq"] as? Int })
        #expect(!voidedSeqs.isEmpty, "the generated history voids some events")
        func count(_ types: String...) -> Int { standing.filter { types.contains($0["type"] as? String ?? "") }.count }
        let expected = [
            "plps": count("PLPProposed"), "members": count("MemberJoined"), "reports": count("ReportFiled"),
            "alerts": count("AlertSent"), "crimes": count("CrimeRecorded"),
            "programme": count("CourseDelivered", "BestPracticeShared", "SteeringCommitteeMet"),
            "communes": 620, "regions_provinces": 13,
        ]

        let directory = generated.scratch.path("out/tables")
        let result = try CLI.run(["tables", "--ledger", generated.ledger, directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        // Provenance: the tree head of the whole ledger, then each file's row count.
        let digest = try CLI.run(["digest", "--ledger", generated.ledger, "--format", "json"])
        let head = try #require(try JSONSerialization.jsonObject(with: Data(digest.stdout.utf8)) as? [String: Any])
        #expect(result.stderr.contains("computed from \(Self.grouped(events.count)) events"))
        #expect(result.stderr.contains("root \(try #require(head["root"] as? String))"))

        var seqsInTables: [Int] = []
        var cells = Set<String>()
        var allText = ""
        for table in Self.tables {
            let text = try String(contentsOfFile: directory + "/\(table).csv", encoding: .utf8)
            allText += text
            let records = Self.records(text)
            #expect(records.first?.joined(separator: ",") == Self.headers[table], "\(table) header")
            let rows = records.dropFirst()
            #expect(rows.count == expected[table], "\(table): \(rows.count) rows, \(expected[table] ?? -1) standing events")
            #expect(result.stderr.contains("\(table).csv") && result.stderr.contains("\(Self.grouped(rows.count)) rows"))
            let header = records[0]
            for row in rows {
                #expect(row.count == header.count, "\(table): a row of \(row.count) cells")
                for cell in row { cells.insert(cell) }
                for (name, cell) in zip(header, row) where name == "seq" || name == "seqs" {
                    seqsInTables += cell.split(separator: " ").compactMap { Int($0) }
                }
            }
            #expect(!FileManager.default.fileExists(atPath: directory + "/\(table).csv.partial-\(getpid())"))
        }
        // Every standing event is in exactly one row, no voided one is in any.
        #expect(seqsInTables.count == Set(seqsInTables).count)
        #expect(Set(seqsInTables) == Set(standing.compactMap { $0["seq"] as? Int }))
        #expect(voidedSeqs.isDisjoint(with: seqsInTables))
        let crimeSeqs = Set(Self.records(try String(contentsOfFile: directory + "/crimes.csv", encoding: .utf8)).dropFirst().map { $0[0] })
        for event in events where voidedIDs.contains(event["id"] as? String ?? "") && event["type"] as? String == "CrimeRecorded" {
            #expect(!crimeSeqs.contains(String(event["seq"] as? Int ?? 0)), "a voided crime has no row")
        }

        // No contact data: no member's name, phone or e-mail from the history file is in any table.
        let history = try String(contentsOfFile: generated.history, encoding: .utf8)
        var contacts = Set<String>()
        var publicNames = Set<String>()
        for line in history.split(separator: "\n") {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let data = event["data"] as? [String: Any] ?? [:]
            if let contact = data["contact"] as? [String: Any] {
                for key in ["name", "phone", "email"] { if let value = contact[key] as? String { contacts.insert(value) } }
            }
            for key in ["coordinator", "mayor", "chiefOfPolice", "mandatedOfficer", "officer"] {
                if let value = data[key] as? String { publicNames.insert(value) }
            }
        }
        #expect(contacts.count > 1000)
        let leaked = contacts.subtracting(publicNames).intersection(cells)
        #expect(leaked.isEmpty, "contact data in the tables: \(leaked.prefix(5))")
        #expect(!allText.contains("@example.be") && !allText.contains("+32 4"))
        #expect(!allText.contains("sealed"))

        // Refused over existing tables without --force; replaced with it.
        let again = try CLI.run(["tables", "--ledger", generated.ledger, directory])
        #expect(again.status == 1 && again.stderr.contains("--force"))
        let forced = try CLI.run(["tables", "--ledger", generated.ledger, directory, "--force", "--until-seq", "100"])
        #expect(forced.status == 0 && forced.stderr.contains("computed from 100 events"))
        let plps = Self.records(try String(contentsOfFile: directory + "/plps.csv", encoding: .utf8))
        #expect(plps.dropFirst().allSatisfy { $0.last!.split(separator: " ").allSatisfy { Int($0)! <= 100 } })
    }

    @Test func ndjsonHasTypedValues() throws {
        let generated = try GeneratedLedger()
        let directory = generated.scratch.path("ndjson")
        let result = try CLI.run(["tables", "--ledger", generated.ledger, directory, "--format", "ndjson"])
        #expect(result.status == 0, "\(result.stderr)")
        var csvRows: [String: Int] = [:]
        let csvDirectory = generated.scratch.path("csv")
        #expect(try CLI.run(["tables", "--ledger", generated.ledger, csvDirectory]).status == 0)
        for table in Self.tables {
            csvRows[table] = Self.records(try String(contentsOfFile: csvDirectory + "/\(table).csv", encoding: .utf8)).count - 1
            let lines = try String(contentsOfFile: directory + "/\(table).ndjson", encoding: .utf8).split(separator: "\n")
            #expect(lines.count == csvRows[table], "\(table)")
            let keys = Self.headers[table]!.split(separator: ",").map(String.init)
            for line in lines {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                #expect(Set(object.keys) == Set(keys))
            }
        }
        let member = try #require(try JSONSerialization.jsonObject(with: Data(
            try String(contentsOfFile: directory + "/members.ndjson", encoding: .utf8).split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect(member["channels"] is [String] && member["seqs"] is [Int] && member["erased"] as? Bool == false)
        #expect(member["left_on"] is NSNull || member["left_on"] is String)
        let crimes = try String(contentsOfFile: directory + "/crimes.ndjson", encoding: .utf8)
        #expect(crimes.hasPrefix(#"{"seq":"#) && crimes.contains(#""burglary":true"#) && crimes.contains(#""region":"0"#))
    }

    /// `communes` and `regions_provinces` are the shipped reference data, whatever the ledger holds: names in three
    /// languages, the province and region with their names, the code on 2025 boundaries and the population.
    @Test func theCommunesTableNamesAndWeighsThePlaces() throws {
        let scratch = try Scratch()
        let ledger = scratch.path("small.ledger")
        #expect(try CLI.run(["init", "--ledger", ledger]).status == 0)
        #expect(try CLI.run(["append", "--ledger", ledger], stdin: Events.burglary("11002", day: 3)).status == 0)
        let directory = scratch.path("tables")
        let result = try CLI.run(["tables", "--ledger", ledger, directory])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("communes.csv") && result.stderr.contains("620 rows"))
        #expect(result.stderr.contains("regions_provinces.csv") && result.stderr.contains("13 rows"))
        let communes = Self.records(try String(contentsOfFile: directory + "/communes.csv", encoding: .utf8))
        #expect(communes.count == 1 + CommuneRegistry.shared.communes.count)
        let rows = Dictionary(communes.dropFirst().map { ($0[0], $0.joined(separator: ",")) }, uniquingKeysWith: { a, _ in a })
        #expect(rows["11002"] == "11002,Anvers,Antwerpen,Antwerpen,11002,11000,10000,Province d’Anvers,Provincie Antwerpen,"
                    + "02000,Région flamande,Vlaams Gewest,540196,1977-01-01,")
        #expect(rows["11007"] == "11007,Borsbeek,Borsbeek,Borsbeek,11002,11000,10000,Province d’Anvers,Provincie Antwerpen,"
                    + "02000,Région flamande,Vlaams Gewest,,1977-01-01,2024-12-31")
        #expect(rows["21004"] == "21004,Bruxelles,Brussel,Brüssel,21004,21000,,,,04000,Région de Bruxelles-Capitale,"
                    + "Brussels Hoofdstedelijk Gewest,185103,1977-01-01,")
        let units = Self.records(try String(contentsOfFile: directory + "/regions_provinces.csv", encoding: .utf8))
        #expect(units.map { $0.joined(separator: ",") }.prefix(5) == [
            "nis,level,name_fr,name_nl,name_de,region", "02000,region,Région flamande,Vlaams Gewest,Flämische Region,02000",
            "03000,region,Région wallonne,Waals Gewest,Wallonische Region,03000",
            "04000,region,Région de Bruxelles-Capitale,Brussels Hoofdstedelijk Gewest,Region Brüssel-Hauptstadt,04000",
            "10000,province,Province d’Anvers,Provincie Antwerpen,Provinz Antwerpen,02000",
        ])
        // The crime's place joins the communes table on its 2025 code.
        let crimes = Self.records(try String(contentsOfFile: directory + "/crimes.csv", encoding: .utf8))
        #expect(crimes.count == 2 && rows[crimes[1][9]] != nil)
        // NDJSON: codes as strings, the population as a number, null where the CSV is empty.
        let ndjson = try CLI.run(["tables", "--ledger", ledger, scratch.path("ndjson"), "--format", "ndjson"])
        #expect(ndjson.status == 0)
        let lines = try String(contentsOfFile: scratch.path("ndjson") + "/communes.ndjson", encoding: .utf8).split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(#"{"commune":"21004","name_fr":"Bruxelles","name_nl":"Brussel","name_de":"Brüssel","commune_2025":"21004","arrondissement":"21000","province":null,"#) })
        #expect(lines.contains { $0.contains(#""commune":"11002""#) && $0.contains(#""population_2020":540196,"valid_from":"1977-01-01","valid_until":null}"#) })
    }

    // MARK: DuckDB

    /// A Python with the `duckdb` package: `$PLP_DUCKDB_PYTHON`, else `.build/duckdb-venv/bin/python` (see `.ci/run`).
    static let duckdbPython: String? = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates: [String?] = [ProcessInfo.processInfo.environment["PLP_DUCKDB_PYTHON"], root.appendingPathComponent(".build/duckdb-venv/bin/python").path]
        return candidates.compactMap { $0 }.first { path in
            guard !path.isEmpty, FileManager.default.isExecutableFile(atPath: path) else { return false }
            return (try? run(path, ["-c", "import duckdb"]).status) == 0
        }
    }()

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    /// Loads every table of DIR into DuckDB (CSV, and NDJSON to compare) and prints the 2024 figures as JSON.
    static let duckdbScript = #"""
    import duckdb, json, sys
    d = sys.argv[1]
    con = duckdb.connect()
    for t in ["plps", "members", "reports", "alerts", "crimes", "programme", "communes", "regions_provinces"]:
        con.execute(f"create table {t} as select * from read_csv('{d}/{t}.csv', header = true)")
        con.execute(f"create table {t}_json as select * from read_json('{d}/{t}.ndjson', format = 'newline_delimited')")
        a = con.execute(f"select count(*) from {t}").fetchone()[0]
        b = con.execute(f"select count(*) from {t}_json").fetchone()[0]
        assert a == b, (t, a, b)
    q = lambda sql: con.execute(sql).fetchone()[0]
    print(json.dumps({
        "burglaries": q("select count(*) from crimes where burglary and year(occurred_on) = 2024"),
        "burglaries_attempted": q("select count(*) from crimes_json where burglary and attempted and year(cast(occurred_on as date)) = 2024"),
        "alerts_sent": q("select count(*) from alerts where year(sent_on) = 2024"),
        "alerts_urgent": q("select count(*) from alerts where year(sent_on) = 2024 and kind = 'urgent'"),
        "alert_recipients": q("select coalesce(sum(recipients), 0) from alerts where year(sent_on) = 2024"),
        "reports_filed": q("select count(*) from reports where year(filed_on) = 2024"),
        "members_joined": q("select count(*) from members where year(joined_on) = 2024"),
        "members_left": q("select count(*) from members where year(left_on) = 2024"),
        "plps_approved": q("select count(*) from plps where year(approved_on) = 2024"),
        "courses_delivered": q("select count(*) from programme where type = 'course' and year(occurred_on) = 2024"),
        "course_participants": q("select coalesce(sum(participants), 0) from programme where type = 'course' and year(occurred_on) = 2024"),
        "members_by_region": q("select count(distinct p.region) from members m join plps p on m.plp = p.plp"),
        "communes_2025": q("select count(*) from communes where valid_until is null"),
        "population_2020": q("select sum(population_2020) from communes"),
        "burglaries_weighed": q("select count(*) from (select n.commune, round(1000.0 * count(*) / n.population_2020, 2) per_1000 "
                                "from crimes c join communes n on n.commune = c.commune_2025 where c.burglary "
                                "group by n.commune, n.population_2020) where per_1000 > 0"),
        "crimes_without_commune": q("select count(*) from crimes c anti join communes n on n.commune = c.commune_2025"),
        "plps_without_province_name": q("select count(*) from plps p left join regions_provinces u on u.nis = p.province "
                                        "where p.province is not null and u.name_fr is null"),
    }))
    """#

    @Test(.enabled(if: duckdbPython != nil,
                   "Python's duckdb is not installed: python3 -m venv .build/duckdb-venv && .build/duckdb-venv/bin/pip install duckdb (or set PLP_DUCKDB_PYTHON)"))
    func duckdbFindsTheAnnualFigures() throws {
        let generated = try GeneratedLedger()
        let directory = generated.scratch.path("tables")
        #expect(try CLI.run(["tables", "--ledger", generated.ledger, directory]).status == 0)
        #expect(try CLI.run(["tables", "--ledger", generated.ledger, directory, "--format", "ndjson"]).status == 0)
        let script = try generated.scratch.write("figures.py", Self.duckdbScript)
        let duckdb = try Self.run(try #require(Self.duckdbPython), [script, directory])
        #expect(duckdb.status == 0, "\(duckdb.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(duckdb.stdout.utf8)) as? [String: Int])
        let annual = try CLI.run(["report", "annual", "--ledger", generated.ledger, "--year", "2024", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(annual.stdout.utf8)) as? [String: Any])
        #expect((figures["burglaries"] ?? 0) > 0 && (figures["alerts_sent"] ?? 0) > 0)
        for key in ["burglaries", "burglaries_attempted", "alerts_sent", "alerts_urgent", "alert_recipients", "reports_filed",
                    "members_joined", "members_left", "plps_approved", "courses_delivered", "course_participants"] {
            #expect(figures[key] == report[key] as? Int, "\(key): DuckDB \(figures[key] ?? -1), report annual \(report[key] ?? "none")")
        }
        #expect((figures["members_by_region"] ?? 0) >= 1)
        // The reference tables join the others: every crime's commune is a commune, every province has its names.
        #expect(figures["communes_2025"] == 565)
        #expect(figures["population_2020"] == 11_492_641, "the population of Belgium on 1 January 2020")
        #expect((figures["burglaries_weighed"] ?? 0) > 0)
        #expect(figures["crimes_without_commune"] == 0 && figures["plps_without_province_name"] == 0)
    }

    static func grouped(_ value: Int) -> String { Provenance.grouped(UInt64(value)) }
}
