import Foundation
internal import LMDBKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Turns any error the ledger's code can throw into the one sentence a person reads: what happened, in plain words,
/// never an internal type name, an LMDB code or an errno number.
public enum PlainSentence {
    /// The sentence for `error`; `ledger` names the ledger the command works on, when there is one.
    public static func describe(_ error: any Error, ledger: String? = nil) -> String {
        switch error {
        case let error as LedgerError:
            return error.message
        case let error as LMDBError:
            return describe(lmdb: error, ledger: ledger)
        case let error as CocoaError:
            return describe(cocoa: error)
        case let error as EventLineError:
            return error.description
        case let error as BinaryFormatError:
            let subject = ledger.map { "the ledger at \($0)" } ?? "the ledger"
            return "\(subject) is damaged: a stored event is unreadable (\(error.reason)); nothing was changed "
                + "(`plp-ledger verify` names the first damaged seq)"
        default:
            let text = String(describing: error)
            // Foundation's NSError prints its domain and code: keep its readable part only.
            if text.hasPrefix("Error Domain=") { return (error as NSError).localizedDescription }
            return text
        }
    }

    /// The code of `error`, for scripts: a ``LedgerError``'s own code, and for the other errors the ledger's code can
    /// throw the code of what their sentence (``describe(_:ledger:)``) says; ``LedgerError/Code/other`` when none applies.
    public static func code(of error: any Error) -> LedgerError.Code {
        switch error {
        case let error as LedgerError: return error.code
        case let error as LMDBError: return code(lmdb: error)
        case let error as CocoaError: return code(cocoa: error)
        case is EventLineError, is AppendError: return .invalidEvent
        case is ImportFailure: return .importRefused
        case is ImportAborted: return .importStopped
        case is InputError: return .unreadableInput
        case is BinaryFormatError: return .damaged
        case let error as MerkleError:
            switch error.kind {
            case .leafIndexOutOfRange, .sizeBeyondTree, .sizesOutOfOrder: return .outOfRange
            default: return .verificationFailed
            }
        case is CheckpointError, is ProofFormatError, is TileError, is WitnessRefusal: return .verificationFailed
        default: return .other
        }
    }

    private static func code(lmdb error: LMDBError) -> LedgerError.Code {
        switch error.code {
        case ENOSPC, LMDBError.mapFull.code: return .noSpace
        case EIO: return .inputOutput
        case EROFS: return .readOnly
        case EACCES, EPERM: return .permissionDenied
        case EAGAIN, LMDBError.readersFull.code: return .busy
        case LMDBError.corrupted.code, LMDBError.pageNotFound.code, LMDBError.panic.code, LMDBError.invalid.code: return .damaged
        case LMDBError.versionMismatch.code: return .incompatibleStorage
        case ENOENT: return .noSuchFile
        default: return .storage
        }
    }

    private static func code(cocoa error: CocoaError) -> LedgerError.Code {
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile: return .noSuchFile
        case .fileReadNoPermission, .fileWriteNoPermission: return .permissionDenied
        case .fileWriteOutOfSpace: return .noSpace
        case .fileWriteVolumeReadOnly: return .readOnly
        case .fileWriteFileExists: return .exists
        default: return .other
        }
    }

    private static func describe(lmdb error: LMDBError, ledger: String?) -> String {
        let subject = ledger.map { "the ledger at \($0)" } ?? "the ledger"
        switch error.code {
        case ENOSPC, LMDBError.mapFull.code:
            return "no space left on the device holding \(subject)"
        case EIO:
            return "the device holding \(subject) reported an input/output error"
        case EROFS:
            return "\(subject) is on a read-only file system"
        case EACCES, EPERM:
            return "permission denied on \(subject)"
        case EAGAIN:
            return "\(subject) is locked by another process; try again"
        case ENOMEM:
            return "not enough memory to open \(subject)"
        case LMDBError.corrupted.code, LMDBError.pageNotFound.code, LMDBError.panic.code, LMDBError.invalid.code:
            return "\(subject) is damaged (a page of its data file is not what it should be); nothing was changed "
                + "(restore a backup, or keep a copy for investigation)"
        case LMDBError.readersFull.code:
            return "too many processes are reading \(subject) at once; try again"
        case LMDBError.versionMismatch.code:
            return "\(subject) is in use by, or was written by, an incompatible LMDB version"
        case ENOENT:
            return "a file of \(subject) is missing"
        default:
            if error.code > 0, let reason = strerror(error.code) {
                return "\(subject) could not be read or written: \(String(cString: reason).lowercased())"
            }
            return "\(subject) could not be read or written (an unexpected storage error)"
        }
    }

    private static func describe(cocoa error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path ?? "the file"
        switch error.code {
        case .fileNoSuchFile, .fileReadNoSuchFile:
            return "there is no file \(path)"
        case .fileReadNoPermission:
            return "permission denied reading \(path)"
        case .fileWriteNoPermission:
            return "permission denied writing \(path)"
        case .fileWriteOutOfSpace:
            return "no space left on the device holding \(path)"
        case .fileWriteVolumeReadOnly:
            return "\(path) is on a read-only file system"
        case .fileWriteFileExists:
            return "\(path) exists already"
        default:
            return error.localizedDescription
        }
    }
}
