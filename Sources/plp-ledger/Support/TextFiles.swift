import ArgumentParser
import Foundation

/// Small text files the integrity commands read and write: proofs, tree heads, keys, checkpoints.
enum TextFiles {
    /// The whole content of `path` (`-` for standard input), at most 1 MiB.
    static func read(_ path: String, what: String) throws -> String {
        let data: Data?
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw CommandFailure("cannot read the \(what) \(path): there is no such file", code: .noSuchFile)
            }
            data = FileManager.default.contents(atPath: path)
        }
        guard let data else { throw CommandFailure("cannot read the \(what) \(path)", code: .unreadableInput) }
        guard data.count <= 1 << 20 else { throw CommandFailure("the \(what) \(path) is larger than 1 MiB: it cannot be one", code: .invalidArgument) }
        guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("the \(what) \(path) is not UTF-8 text", code: .invalidArgument) }
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
