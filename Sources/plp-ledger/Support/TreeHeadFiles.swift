import Foundation
import PLPEvents

/// Tree heads given in files (`--head`, `--old-head`): the JSON of `digest --format json` (`{"size":N,"root":"HEX"}`)
/// or a signed checkpoint (C2SP tlog-checkpoint, as `checkpoint` prints it).
enum TreeHeadFiles {
    /// How a file gave its tree head.
    enum Form {
        /// `{"size":N,"root":"HEX"}`.
        case json
        /// A signed checkpoint whose signature was checked with the key given.
        case verifiedCheckpoint(origin: String)
        /// A signed checkpoint read without checking its signature (no key was given, and none was required).
        case uncheckedCheckpoint(origin: String)
    }

    /// Reads the tree head in `path` (`-` for standard input).
    ///
    /// - Parameters:
    ///   - what: what the file is, for sentences ("older tree head").
    ///   - option: the option that named the file, for sentences ("--old-head").
    ///   - key: the log's public key; a checkpoint's signature is checked with it when it is given.
    ///   - signatureRequired: when true, a checkpoint without `key` is refused rather than read unchecked.
    static func read(_ path: String, what: String, option: String, key: NoteVerifierKey?,
                     signatureRequired: Bool) throws -> (head: TreeHead, form: Form) {
        let text = try TextFiles.read(path, what: what)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            return (try TreeHead(json: Array(text.utf8)), .json)
        }
        do {
            if let key {
                let checkpoint = try Checkpoint.open(text, key: key)
                return (checkpoint.treeHead, .verifiedCheckpoint(origin: checkpoint.origin))
            }
            let checkpoint = try Checkpoint(unverifiedNote: text)
            guard !signatureRequired else {
                throw CommandFailure("\(option) \(path) is a signed checkpoint: give --key PREFIX.pub, the log's public key, to check its signature")
            }
            return (checkpoint.treeHead, .uncheckedCheckpoint(origin: checkpoint.origin))
        } catch let error as CheckpointError {
            throw CommandFailure("\(option) \(path) is neither a tree head {\"size\":N,\"root\":\"HEX\"} nor a valid signed checkpoint: \(error.message)")
        }
    }
}
