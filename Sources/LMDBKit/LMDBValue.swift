import CLMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A valid address for empty buffers, so LMDB never receives a null pointer.
nonisolated(unsafe) private let lmdbEmptyBytes: UnsafeMutableRawPointer = .allocate(byteCount: 8, alignment: 8)

extension MDB_val {
    /// A value pointing at `buffer` (LMDB does not write through it for keys and put values).
    init(borrowing buffer: UnsafeRawBufferPointer) {
        self.init(
            mv_size: buffer.count,
            mv_data: UnsafeMutableRawPointer(mutating: buffer.baseAddress) ?? lmdbEmptyBytes)
    }

    /// An empty value, for LMDB to fill in.
    static var empty: MDB_val { MDB_val(mv_size: 0, mv_data: nil) }

    /// The bytes this value points at (empty when LMDB returned no address).
    var bytes: UnsafeRawBufferPointer {
        guard let data = mv_data, mv_size > 0 else {
            return UnsafeRawBufferPointer(start: lmdbEmptyBytes, count: 0)
        }
        return UnsafeRawBufferPointer(start: data, count: mv_size)
    }
}

/// Calls `body` with the bytes of `array`, keeping `body`'s typed error.
@inline(__always)
func lmdbWithBytes<R>(
    _ array: [UInt8],
    _ body: (UnsafeRawBufferPointer) throws(LMDBError) -> R
) throws(LMDBError) -> R {
    let result: Result<R, LMDBError> = array.withUnsafeBytes { buffer in
        do throws(LMDBError) {
            return .success(try body(buffer))
        } catch {
            return .failure(error)
        }
    }
    return try result.get()
}

/// Rethrows an untyped error from a closure that can only throw `LMDBError`.
func lmdbTypedError(_ error: any Error, context: String) -> LMDBError {
    if let error = error as? LMDBError { return error }
    return LMDBError(code: EINVAL, message: "\(context): \(error)")
}
