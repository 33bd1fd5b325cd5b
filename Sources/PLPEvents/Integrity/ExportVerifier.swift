/// The outcome of checking an export on its own (`verify --export`): no ledger needed.
public struct ExportVerification: Sendable, Equatable {
    /// Event lines checked and found right.
    public var checked: UInt64 = 0
    /// The first line found wrong: its line number, its seq when known, what is wrong; nil when all is well.
    public var firstProblem: (line: Int, seq: UInt64?, reason: String)?
    /// The RFC 6962 root over the lines checked.
    public var root: Digest32 = MerkleHash.emptyRoot

    /// True when nothing is wrong.
    public var isIntact: Bool { firstProblem == nil }

    /// The tree head of the lines checked; equal to `digest` of the ledger the export was taken from.
    public var treeHead: TreeHead { TreeHead(size: checked, root: root) }

    public static func == (lhs: ExportVerification, rhs: ExportVerification) -> Bool {
        lhs.checked == rhs.checked && lhs.root == rhs.root && lhs.firstProblem?.line == rhs.firstProblem?.line
            && lhs.firstProblem?.seq == rhs.firstProblem?.seq && lhs.firstProblem?.reason == rhs.firstProblem?.reason
    }
}

/// Checks an export (contract section 5) with nothing but the file, the way an auditor's own script would:
/// for every line, in order,
///
/// 1. parse the line as JSON; it must be an object with a `seq` equal to 1 more than the line before's (the first is 1)
///    and a `hash` of 64 lowercase hexadecimal digits;
/// 2. the line must be in RFC 8785 canonical form (keys sorted, no white space);
/// 3. remove `hash`, write the rest in RFC 8785 canonical form: these are the leaf bytes;
///    `SHA-256(0x00 ‖ leaf bytes)` must equal `hash`;
/// 4. append `hash` to an RFC 6962 tree.
///
/// The tree head at the end is the ledger's `digest` at the time of the export. Deliberately independent
/// of the ledger's own code paths: a generic JSON parser and canonical writer, not the event decoder.
public enum ExportVerifier {
    /// Checks the export at `path` (`-` for standard input, gzip detected by its magic bytes); stops at the
    /// first problem.
    ///
    /// - Parameters:
    ///   - waiting: called once when `path` is a FIFO that no program has opened for writing after a second.
    ///   - progress: called now and then with the number of lines checked.
    /// - Throws: ``InputError`` when the file cannot be read.
    public static func verify(path: String, waiting: (() -> Void)? = nil,
                              progress: ((UInt64) -> Void)? = nil) throws -> ExportVerification {
        let reader = LineReader(input: try InputFile.open(path, expecting: "an export", onWait: waiting))
        var walk = ExportWalk()
        while let more = try reader.nextLine({ line in walk.check(line: reader.lineNumber, line) }), more {
            if walk.result.checked % 100_000 == 0 { progress?(walk.result.checked) }
        }
        walk.result.root = walk.tree.root()
        return walk.result
    }

    /// Checks export lines held in memory (for tests and small files); same rules as ``verify(path:progress:)``.
    public static func verify(lines bytes: [UInt8]) -> ExportVerification {
        var walk = ExportWalk()
        var number = 0
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast(bytes.last == 0x0A ? 1 : 0) {
            number += 1
            let more = line.withUnsafeBytes { walk.check(line: number, $0) }
            if !more { break }
        }
        walk.result.root = walk.tree.root()
        return walk.result
    }
}

/// One pass over export lines (internal).
private struct ExportWalk {
    var result = ExportVerification()
    var tree = CompactRange()

    /// Checks one line; false after a problem.
    mutating func check(line number: Int, _ line: UnsafeRawBufferPointer) -> Bool {
        let expected = result.checked + 1
        func fail(_ seq: UInt64?, _ reason: String) -> Bool {
            result.firstProblem = (number, seq, reason)
            return false
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            return fail(nil, "it is not valid JSON: \(error)")
        }
        guard case .object(let members) = value else { return fail(nil, "it is not a JSON object") }
        guard let seqValue = value["seq"]?.integerValue, seqValue >= 1 else {
            return fail(nil, "it has no seq (a whole number from 1)")
        }
        let seq = UInt64(seqValue)
        guard seq == expected else {
            return fail(seq, expected == 1 ? "the export starts at seq \(seq), but the root needs every event from seq 1"
                                           : "seq \(seq) follows seq \(expected - 1): the export is not continuous")
        }
        guard let hashText = value["hash"]?.stringValue, hashText.utf8.count == 64,
              hashText == hashText.lowercased(), let stated = Digest32(hex: hashText) else {
            return fail(seq, "it has no hash of 64 lowercase hexadecimal digits")
        }
        guard value.canonicalBytes().elementsEqual(line) else {
            return fail(seq, "it is not in RFC 8785 canonical form (keys sorted, no white space)")
        }
        let leafBytes = JSONValue.object(members.filter { $0.key != "hash" }).canonicalBytes()
        let recomputed = MerkleHash.leaf(leafBytes)
        guard recomputed == stated else {
            return fail(seq, "its content does not match its hash (stated \(stated.hex), recomputed \(recomputed.hex))")
        }
        tree.append(recomputed)
        result.checked = seq
        return true
    }
}
