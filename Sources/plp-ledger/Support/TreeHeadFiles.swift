import Foundation
import PLPEvents

/// Tree heads given in files (`--head`, `--old-head`): the JSON of `digest --format json` (`{"size":N,"root":"HEX"}`)
/// or a signed checkpoint (C2SP tlog-checkpoint, as `checkpoint` and `publish` write it). A checkpoint is read only
/// through its signature, checked with the log's public key: C2SP signed-note says a note's text must be ignored
/// unless its signature by a trusted key has been verified.
enum TreeHeadFiles {
    /// Reads the tree head in `path` (`-` for standard input).
    ///
    /// - Parameters:
    ///   - what: what the file is, for sentences ("older tree head").
    ///   - option: the option that named the file, for sentences ("--old-head").
    ///   - key: the log's public key, needed when the file is a checkpoint.
    static func read(_ path: String, what: String, option: String, key: NoteVerifierKey?) throws -> TreeHead {
        let text = try TextFiles.read(path, what: what)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            return try TreeHead(json: Array(text.utf8))
        }
        guard let key else {
            if text.contains("\n\n\u{2014} ") {
                throw CommandFailure("\(option) \(path) is a signed checkpoint: give --key PREFIX.pub, the log's public key, to check its signature")
            }
            throw CommandFailure("\(option) \(path) is not a tree head: give the JSON of `digest --format json` or a signed checkpoint")
        }
        do {
            return try Checkpoint.open(text, key: key).treeHead
        } catch let error as CheckpointError {
            throw CommandFailure("\(option) \(path) is neither a tree head {\"size\":N,\"root\":\"HEX\"} nor a checkpoint signed by \(key.name): \(error.message)")
        }
    }
}
