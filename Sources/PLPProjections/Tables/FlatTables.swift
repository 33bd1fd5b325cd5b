import PLPEvents

/// The flat tables of the ledger for ad-hoc SQL, built in one pass over the log (voids applied, as every projection):
/// `plps`, `members`, `reports` (entities folded from their streams, written when the fold ends, in the order they
/// were created) and `alerts`, `crimes`, `programme` (one row per event, streamed to their files as the fold goes);
/// with them the shipped reference data, `communes` and `regions_provinces` (``ReferenceTables``), to name and weigh
/// the places.
///
/// Every file is written under a temporary name in the directory and renamed into place by ``finish()``; ``abandon()``
/// removes the temporary files of a fold that failed. No contact data is ever read into a row.
public struct FlatTables: Projection {
    /// The tables, in the order they are written and reported.
    public static let tables: [(name: String, columns: [TableColumn])] = [
        ("plps", PLPRow.columns), ("members", MemberRow.columns), ("reports", ReportRow.columns),
        ("alerts", EventTables.alertColumns), ("crimes", EventTables.crimeColumns),
        ("programme", EventTables.programmeColumns), ("communes", ReferenceTables.communeColumns),
        ("regions_provinces", ReferenceTables.unitColumns),
    ]

    /// The file names the tables take in `format`: `plps.csv`, `members.csv` …
    public static func fileNames(_ format: TableFormat) -> [String] {
        tables.map { $0.name + "." + format.fileExtension }
    }

    public let reads: EventTypeSet = [
        .plpProposed, .consultationHeld, .informationSessionHeld, .charterSigned, .charterAmended, .plpApproved,
        .coordinatorChanged, .mandatedOfficerChanged, .plpSuspended, .plpReinstated, .plpEvaluated, .plpDissolved,
        .memberJoined, .memberContactChanged, .memberLeft, .memberErased,
        .reportFiled, .reportAssessed, .feedbackGiven, .alertSent, .crimeRecorded,
        .courseDelivered, .bestPracticeShared, .steeringCommitteeMet,
    ]

    private var plps: [PLPRow] = []
    private var plpIndex: [String: Int] = [:]
    private var members: [MemberRow] = []
    private var memberIndex: [String: Int] = [:]
    private var reports: [ReportRow] = []
    private var reportIndex: [String: Int] = [:]
    private let files: [TableFile]

    /// Opens the table files in `directory` (which must exist) under temporary names.
    public init(directory: String, format: TableFormat) throws {
        var files: [TableFile] = []
        do {
            for table in Self.tables {
                files.append(try TableFile(directory: directory, base: table.name, columns: table.columns, format: format))
            }
        } catch {
            for file in files { file.abandon() }
            throw error
        }
        self.files = files
    }

    private var alerts: TableFile { files[3] }
    private var crimes: TableFile { files[4] }
    private var programme: TableFile { files[5] }

    public mutating func applyStored(seq: UInt64, _ bytes: UnsafeRawBufferPointer) throws -> Bool {
        guard bytes.count > StoredEventCodec.headerSize, bytes[1] == EventType.crimeRecorded.code else { return false }
        try EventTables.storedCrime(seq: seq, bytes, into: &crimes.row)
        try crimes.endRow()
        return true
    }

    public mutating func apply(_ event: RecordedEvent) throws {
        let id = event.stream.id
        switch event.payload {
        case .plpProposed(let p):
            plpIndex[id] = plps.count
            plps.append(PLPRow(event, p))
        case .memberJoined(let m):
            memberIndex[id] = members.count
            members.append(MemberRow(event, m))
        case .reportFiled(let r):
            reportIndex[id] = reports.count
            reports.append(ReportRow(event, r))
        case .alertSent(let a):
            EventTables.alert(event, a, into: &alerts.row)
            try alerts.endRow()
        case .crimeRecorded(let c):
            EventTables.crime(event, c, into: &crimes.row)
            try crimes.endRow()
        case .courseDelivered, .bestPracticeShared, .steeringCommitteeMet:
            if EventTables.programme(event, into: &programme.row) { try programme.endRow() }
        default:
            switch event.stream.kind {
            case .plp: if let index = plpIndex[id] { plps[index].take(event) }
            case .member: if let index = memberIndex[id] { members[index].take(event) }
            case .report: if let index = reportIndex[id] { reports[index].take(event) }
            default: break
            }
        }
    }

    /// Writes the entity tables, closes every file and renames it into place.
    /// - Returns: each file's name and its number of rows, in the order of ``tables``.
    public func finish() throws -> [(file: String, rows: Int)] {
        do {
            for row in plps { row.encode(into: &files[0].row); try files[0].endRow() }
            for row in members { row.encode(into: &files[1].row); try files[1].endRow() }
            for row in reports { row.encode(into: &files[2].row); try files[2].endRow() }
            try ReferenceTables.communes(into: files[6])
            try ReferenceTables.units(into: files[7])
            for file in files { try file.close() }
        } catch {
            abandon()
            throw error
        }
        return files.map { ($0.name, $0.rows) }
    }

    /// Removes the temporary files (the fold failed, or was not finished).
    public func abandon() {
        for file in files { file.abandon() }
    }
}
