/// The kinds of stream of the contract (section 2), each an aggregate of the PLP world.
public enum StreamKind: String, Sendable, CaseIterable, Hashable {
    /// One partnership's life, from proposal to dissolution.
    case plp
    /// One member's membership of one PLP, and their contact data.
    case member
    /// One citizen report and what the police did with it.
    case report
    /// One message sent by the police to the members of a PLP.
    case alert
    /// Police-recorded crime facts in one commune (`commune/NIS`).
    case commune
    /// The national programme (`programme/BE`).
    case programme

    /// A one-byte code for storage.
    public var code: UInt8 {
        switch self {
        case .plp: 1
        case .member: 2
        case .report: 3
        case .alert: 4
        case .commune: 5
        case .programme: 6
        }
    }

    /// The kind stored under `code`, or nil (no array built: the hot path of reading stored headers).
    public init?(code: UInt8) {
        switch code {
        case 1: self = .plp
        case 2: self = .member
        case 3: self = .report
        case 4: self = .alert
        case 5: self = .commune
        case 6: self = .programme
        default: return nil
        }
    }
}

/// The name of a stream, `KIND/ID`, e.g. `plp/72004-0119`.
public struct StreamName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The aggregate kind.
    public let kind: StreamKind
    /// The ID after the slash.
    public let id: String

    /// Makes a stream name from parts already checked.
    public init(kind: StreamKind, id: String) {
        self.kind = kind
        self.id = id
    }

    /// Parses `KIND/ID`, explaining what is wrong when it is not valid.
    public static func parse(_ text: String) -> Result<StreamName, StreamNameError> {
        let utf8 = text.utf8
        guard let slash = utf8.firstIndex(of: UInt8(ascii: "/")) else {
            return .failure(StreamNameError(reason: "'\(text)' is not of the form KIND/ID (e.g. plp/72004-0119)"))
        }
        let kind: StreamKind
        switch utf8.distance(from: utf8.startIndex, to: slash) {
        case 3 where utf8.starts(with: "plp".utf8): kind = .plp
        case 6 where utf8.starts(with: "member".utf8): kind = .member
        case 6 where utf8.starts(with: "report".utf8): kind = .report
        case 5 where utf8.starts(with: "alert".utf8): kind = .alert
        case 7 where utf8.starts(with: "commune".utf8): kind = .commune
        case 9 where utf8.starts(with: "programme".utf8): kind = .programme
        default:
            let kinds = StreamKind.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(StreamNameError(reason: "unknown stream kind '\(text[..<slash])'; the kinds are \(kinds)"))
        }
        let id = text[utf8.index(after: slash)...]
        if let problem = EntityID.problem(id) {
            return .failure(StreamNameError(reason: "\(problem) (in '\(text)')"))
        }
        if kind == .programme && id != "BE" {
            return .failure(StreamNameError(reason: "the programme has one stream, programme/BE"))
        }
        if kind == .commune {
            guard id.utf8.count == 5, id.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return .failure(StreamNameError(reason: "a commune stream is commune/NIS with a 5-digit NIS code, not '\(text)'"))
            }
        }
        return .success(StreamName(kind: kind, id: String(id)))
    }

    /// `KIND/ID`.
    public var description: String { "\(kind.rawValue)/\(id)" }

    /// Appends `KIND/ID` as UTF-8.
    @inline(__always)
    public func write<Sink: ByteSink>(into bytes: inout Sink) {
        bytes.appendUTF8(kind.rawValue)
        bytes.appendByte(UInt8(ascii: "/"))
        bytes.appendUTF8(id)
    }

    public static func < (lhs: StreamName, rhs: StreamName) -> Bool {
        lhs.description < rhs.description
    }
}

/// Why a text is not a stream name.
public struct StreamNameError: Error, Sendable, Equatable {
    /// A phrase a person can act on.
    public let reason: String
}
