import PLPEvents

/// The facts of the network that the registry, the alert funnel, the annual statistics and the PLP effect are
/// computed from: PLPs, members, reports, alerts, feedback, courses and burglaries, folded in one pass.
///
/// Entities are kept by their stream ID (PLPs, members, reports) with only the few numbers the figures need; events
/// counted "in a year" are kept as per-year counters by place (a PLP, or a commune on 2025 boundaries), so breakdowns
/// by region, province and PLP kind are sums at the end. `reads` limits the fold to the types a figure needs.
public struct NetworkFacts: Projection, Sendable {
    public let reads: EventTypeSet
    /// Keep per-alert delays and per-year counters only for these years (nil: all).
    public let years: ClosedRange<Int>?
    /// Keep each member's stored contact (`project members --reveal` opens it); the figures never read it, and it
    /// was the largest part of a member's facts (a sealed box of about 120 bytes).
    public let keepsContacts: Bool

    /// PLPs by stream ID.
    public private(set) var plps: [String: PLPRecord] = [:]
    /// Members by stream ID.
    public private(set) var members: [String: MemberFacts] = [:]
    /// Reports by stream ID.
    public private(set) var reports: [String: ReportFacts] = [:]
    /// Counters of events that occurred in a year, by year and place.
    public private(set) var counters: [PlaceYear: YearCounters] = [:]
    /// Alerts that name a report: when each was sent, by whom, and the report.
    public private(set) var alertLinks: [AlertLink] = []
    /// Burglaries per commune and month.
    public private(set) var burglaries = BurglaryCounts()
    /// Urgent alerts by Brussels year and hour of the day (24 counters a year), nationally.
    public private(set) var urgentAlertsByHour: [Int: [Int]] = [:]
    /// The first and last `occurredAt` of the events folded but crime facts (µs since 1970 UTC).
    public private(set) var occurredInstants: ClosedRange<Int64>?
    /// The first and last `occurredOn` of the crime facts folded.
    public private(set) var crimeDays: ClosedRange<CivilDate>?
    /// One array per distinct list of channels, shared by the members that chose it (a handful of lists for
    /// millions of members, instead of an allocation each).
    private var channelLists: [[Channel]: [Channel]] = [:]

    /// The Brussels days the folded events occurred on, first to last: what the network's figures cover.
    public var occurredDays: ClosedRange<CivilDate>? {
        let network = occurredInstants.map { Brussels.date(ofInstant: $0.lowerBound)...Brussels.date(ofInstant: $0.upperBound) }
        switch (network, crimeDays) {
        case let (a?, b?): return min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
        case let (a?, nil): return a
        case let (nil, b?): return b
        case (nil, nil): return nil
        }
    }

    /// Every event type any network figure reads.
    public static let allTypes: EventTypeSet = [
        .plpProposed, .charterSigned, .plpApproved, .coordinatorChanged, .plpSuspended, .plpReinstated, .plpDissolved,
        .memberJoined, .memberContactChanged, .memberLeft, .memberErased, .reportFiled, .reportAssessed, .feedbackGiven, .alertSent,
        .crimeRecorded, .courseDelivered, .bestPracticeShared,
    ]

    /// An empty fold reading `reads`, keeping yearly detail for `years`, and members' contacts with `keepsContacts`.
    public init(reads: EventTypeSet = NetworkFacts.allTypes, years: ClosedRange<Int>? = nil, keepsContacts: Bool = false) {
        self.reads = reads
        self.years = years
        self.keepsContacts = keepsContacts
    }

    public mutating func applyStored(_ bytes: UnsafeRawBufferPointer) throws -> Bool {
        guard let crime = try StoredEventCodec.crime(bytes) else { return false }
        burglaries.take(crime)
        if let days = crimeDays {
            if crime.occurredOn < days.lowerBound { crimeDays = crime.occurredOn...days.upperBound }
            else if crime.occurredOn > days.upperBound { crimeDays = days.lowerBound...crime.occurredOn }
        } else {
            crimeDays = crime.occurredOn...crime.occurredOn
        }
        return true
    }

    public mutating func apply(_ event: RecordedEvent) {
        let at = event.occurredAt.instant
        if let range = occurredInstants {
            if at < range.lowerBound { occurredInstants = at...range.upperBound }
            else if at > range.upperBound { occurredInstants = range.lowerBound...at }
        } else {
            occurredInstants = at...at
        }
        switch event.payload {
        case .plpProposed(let p):
            var record = PLPRecord(id: event.stream.id)
            record.name = p.name
            record.kind = p.kind
            record.commune = p.commune
            record.commune2025 = CommuneRegistry.shared.boundary2025(p.commune)
            record.changes = [(at, .proposed)]
            plps[event.stream.id] = record
        case .charterSigned(let c):
            plps[event.stream.id]?.coordinator = c.coordinator
        case .coordinatorChanged(let c):
            plps[event.stream.id]?.coordinator = c.coordinator
        case .plpApproved:
            plps[event.stream.id]?.approvedAt = at
            plps[event.stream.id]?.changes.append((at, .active))
            count(at, .plp(event.stream.id)) { $0.plpsApproved += 1 }
        case .plpSuspended:
            plps[event.stream.id]?.changes.append((at, .suspended))
        case .plpReinstated:
            plps[event.stream.id]?.changes.append((at, .active))
        case .plpDissolved:
            plps[event.stream.id]?.changes.append((at, .dissolved))
            count(at, .plp(event.stream.id)) { $0.plpsDissolved += 1 }
        case .memberJoined(let m):
            members[event.stream.id] = MemberFacts(plp: m.plp, kind: m.kind, channels: shared(m.channels),
                                                   newsletter: m.newsletter, joinedAt: at,
                                                   contact: keepsContacts ? m.contact : nil)
            count(at, .plp(m.plp)) { $0.membersJoined += 1 }
        case .memberLeft:
            members[event.stream.id]?.leftAt = at
            count(at, .plp(members[event.stream.id]?.plp ?? "")) { $0.membersLeft += 1 }
        case .memberContactChanged(let c):
            if keepsContacts { members[event.stream.id]?.contact = c.contact }
        case .memberErased:
            members[event.stream.id]?.erased = true
        case .reportFiled(let r):
            let commune = CommuneRegistry.shared.boundary2025(r.commune)
            reports[event.stream.id] = ReportFacts(commune2025: commune, plp: r.plp, filedAt: at, category: r.category)
            count(at, .commune(commune.value)) { $0.reportsFiled += 1 }
        case .reportAssessed(let a):
            reports[event.stream.id]?.outcome = a.outcome
        case .feedbackGiven(let f):
            reports[event.stream.id]?.feedbacks += 1
            count(at, .plp(f.plp)) { $0.feedbackGiven += 1 }
        case .alertSent(let a):
            let local = Brussels.localDateTime(ofInstant: at)
            let night = a.kind == .urgent && (local.hour >= 22 || local.hour < 6)
            count(at, .plp(a.plp)) {
                $0.alertsSent += 1
                $0.alertRecipients = $0.alertRecipients.saturatingAdding(a.recipients)
                switch a.kind {
                case .urgent: $0.alertsUrgent += 1; if night { $0.alertsUrgentNight += 1 }
                case .prevention: $0.alertsPrevention += 1
                case .bulletin: $0.alertsBulletin += 1
                }
            }
            if a.kind == .urgent && (years?.contains(local.date.year) ?? true) {
                urgentAlertsByHour[local.date.year, default: Array(repeating: 0, count: 24)][local.hour] += 1
            }
            if let report = a.report, years?.contains(local.date.year) ?? true {
                alertLinks.append(AlertLink(year: local.date.year, plp: a.plp, sentAt: at, report: report))
            }
        case .crimeRecorded:
            burglaries.take(event)
        case .courseDelivered(let c):
            count(at, .national) {
                $0.coursesDelivered += 1
                $0.courseParticipants = $0.courseParticipants.saturatingAdding(c.participants)
            }
        case .bestPracticeShared:
            count(at, .national) { $0.bestPracticesShared += 1 }
        default:
            break
        }
    }

    /// The shared array equal to `channels`.
    private mutating func shared(_ channels: [Channel]) -> [Channel] {
        if let known = channelLists[channels] { return known }
        channelLists[channels] = channels
        return channels
    }

    private mutating func count(_ instant: Int64, _ place: Place, _ update: (inout YearCounters) -> Void) {
        let year = Brussels.date(ofInstant: instant).year
        guard years?.contains(year) ?? true else { return }
        update(&counters[PlaceYear(year: year, place: place), default: YearCounters()])
    }

    /// The members active at instant `end` (joined before it, not left before it), counted per PLP ID: what "members
    /// active at the end of the year" sums over the PLPs of an area, so that an area costs one step per PLP, not one
    /// per member.
    public func activeMembersByPLP(at end: Int64) -> [String: Int] {
        var counts: [String: Int] = [:]
        for member in members.values where member.isActive(at: end) {
            counts[member.plp, default: 0] += 1
        }
        return counts
    }

    /// The counters of `year` summed over the places `include` accepts.
    public func totals(year: Int, where include: (Place) -> Bool = { _ in true }) -> YearCounters {
        var sum = YearCounters()
        for (key, value) in counters where key.year == year && include(key.place) { sum.add(value) }
        return sum
    }

    /// The commune (2025 boundaries) of a place: a PLP's commune, or the commune itself.
    public func commune(of place: Place) -> NISCode? {
        switch place {
        case .plp(let id): plps[id]?.commune2025
        case .commune(let nis): NISCode(value: nis)
        case .national: nil
        }
    }
}

/// Where an event counts for breakdowns: a PLP (and through it its commune and kind), a commune, or the nation only.
public enum Place: Sendable, Hashable {
    case plp(String)
    case commune(Int)
    case national
}

/// A year and a place: the key of ``YearCounters``.
public struct PlaceYear: Sendable, Hashable {
    /// The Brussels calendar year.
    public let year: Int
    /// The place.
    public let place: Place
}

/// Events that occurred in one year at one place.
public struct YearCounters: Sendable, Equatable {
    public var plpsApproved = 0, plpsDissolved = 0, membersJoined = 0, membersLeft = 0, reportsFiled = 0
    public var alertsSent = 0, alertsUrgent = 0, alertsUrgentNight = 0, alertsPrevention = 0, alertsBulletin = 0
    public var alertRecipients = 0, feedbackGiven = 0, coursesDelivered = 0, courseParticipants = 0
    /// `BestPracticeShared` (counted nationally).
    public var bestPracticesShared = 0

    /// Zeros.
    public init() {}

    /// Adds `other` to these counters; sums that would not fit an `Int` stay at `Int.max` (sums of stored counts,
    /// `recipients` and `participants`, can be that large in a ledger written before the bounds of contract section 9).
    public mutating func add(_ other: YearCounters) {
        plpsApproved += other.plpsApproved; plpsDissolved += other.plpsDissolved
        membersJoined += other.membersJoined; membersLeft += other.membersLeft; reportsFiled += other.reportsFiled
        alertsSent += other.alertsSent; alertsUrgent += other.alertsUrgent; alertsUrgentNight += other.alertsUrgentNight
        alertsPrevention += other.alertsPrevention; alertsBulletin += other.alertsBulletin
        alertRecipients = alertRecipients.saturatingAdding(other.alertRecipients); feedbackGiven += other.feedbackGiven
        coursesDelivered += other.coursesDelivered
        courseParticipants = courseParticipants.saturatingAdding(other.courseParticipants)
        bestPracticesShared += other.bestPracticesShared
    }
}

/// What the figures need of one member.
public struct MemberFacts: Sendable, Equatable {
    /// The PLP joined.
    public var plp: String
    /// From `MemberJoined`.
    public var kind: MemberKind, channels: [Channel], newsletter: Bool?
    /// When the member joined and left (µs).
    public var joinedAt: Int64, leftAt: Int64? = nil
    /// True after `MemberErased`.
    public var erased = false
    /// The contact as stored (sealed); nil unless the fold keeps contacts (``NetworkFacts/keepsContacts``).
    public var contact: Contact? {
        get { storedContact?.value }
        set { storedContact = newValue.map(StoredContact.init) }
    }
    /// The contact behind one reference: 8 bytes in every member's facts instead of the 56 of a `Contact?`.
    private var storedContact: StoredContact?

    /// True when the member had joined before instant `end` (µs) and had not left before it.
    public func isActive(at end: Int64) -> Bool {
        joinedAt < end && !(leftAt.map { $0 < end } ?? false)
    }

    /// The facts of a member who joined `plp` at `joinedAt` (µs).
    public init(plp: String, kind: MemberKind, channels: [Channel], newsletter: Bool?, joinedAt: Int64,
                leftAt: Int64? = nil, contact: Contact? = nil, erased: Bool = false) {
        self.plp = plp
        self.kind = kind
        self.channels = channels
        self.newsletter = newsletter
        self.joinedAt = joinedAt
        self.leftAt = leftAt
        self.erased = erased
        self.contact = contact
    }
}

/// A member's stored contact, held by reference in ``MemberFacts``.
private final class StoredContact: Sendable, Equatable {
    let value: Contact
    init(_ value: Contact) { self.value = value }
    static func == (lhs: StoredContact, rhs: StoredContact) -> Bool { lhs.value == rhs.value }
}

/// What the figures need of one report.
public struct ReportFacts: Sendable, Equatable {
    /// Where it was filed, on 2025 boundaries.
    public var commune2025: NISCode
    /// The PLP it came through, if any.
    public var plp: String?
    /// When it was filed (µs).
    public var filedAt: Int64
    /// What was reported (`category` of `ReportFiled`).
    public var category: ReportCategory
    /// The standing assessment.
    public var outcome: ReportOutcome? = nil
    /// Feedback messages given.
    public var feedbacks = 0
}

/// An alert that names a report.
public struct AlertLink: Sendable, Equatable {
    /// The Brussels year the alert was sent.
    public var year: Int
    /// The PLP alerted.
    public var plp: String
    /// When it was sent (µs).
    public var sentAt: Int64
    /// The report's stream ID.
    public var report: String
}
