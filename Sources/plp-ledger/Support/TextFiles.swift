import ArgumentParser
import Foundation
import PLPEvents

/// Small text files the integrity commands read and write: proofs, tree heads, keys, checkpoints.
enum TextFiles {
    /// The whole content of `path` (`-` for standard input), at most 1 MiB.
    ///
    /// The path is opened without blocking and read once, bounded (``InputFile``): a regular file larger than 1 MiB
    /// is refused before a byte is read, a pipe (`<(curl …)`, standard input) after 1 MiB and one byte; a device or a
    /// directory is refused; a FIFO is waited for a while when no program writes to it yet.
    static func read(_ path: String, what: String) throws -> String {
        let subject = path == "-" ? "the \(what) on standard input" : "the \(what) \(path)"
        let bytes: [UInt8]
        do throws(InputError) {
            let input = try InputFile.open(path, subject: subject, expecting: "a \(what) file") {
                Console.note("waiting for a program to write to \(path) (a FIFO)…")
            }
            bytes = try input.readWhole(limit: 1 << 20, what: "one")
        } catch {
            switch error.kind {
            case .missing: throw CommandFailure(error.message, code: .noSuchFile)
            case .tooLarge: throw CommandFailure(error.message, code: .invalidArgument)
            case .notAFile, .noWriter, .unreadable: throw CommandFailure(error.message, code: .unreadableInput)
            }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CommandFailure("\(subject) is not UTF-8 text", code: .invalidArgument)
        }
        return text
    }

    /// Writes `text` to a new file `path` with permissions `mode`; refuses to replace an existing file.
    static func create(_ path: String, _ text: String, mode: Int, what: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure("\(path) already exists: choose another name, or remove it first if you mean to replace the \(what)", code: .exists)
        }
        let attributes: [FileAttributeKey: Any] = [.posixPermissions: mode]
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: attributes) else {
            throw CommandFailure("cannot write the \(what) to \(path)", code: .permissionDenied)
        }
    }
}
