import Foundation
import LMDBKit
import Testing

@Suite("LMDBError and byte order")
struct LMDBErrorTests {
    @Test func errorsCompareByCodeAndMatchInCatch() throws {
        let error = LMDBError(code: LMDBError.keyExists.code, context: "writing")
        #expect(error == .keyExists)
        #expect(error != .notFound)
        #expect(error.message.hasPrefix("writing: "))
        #expect(error.description.contains("MDB_KEYEXIST"))
        #expect(LMDBError.mapFull.message.isEmpty == false)

        func fail() throws { throw LMDBError(code: LMDBError.notFound.code, message: "nope") }
        do {
            try fail()
            Issue.record("must throw")
        } catch LMDBError.keyExists {
            Issue.record("wrong code matched")
        } catch LMDBError.notFound {
            // matched by code
        }

        let errno = LMDBError(code: ENOENT, context: "opening /x/y")
        #expect(errno.message == "opening /x/y: No such file or directory")
    }

    @Test func bigEndianBytes() throws {
        #expect(UInt64(0x0102_0304_0506_0708).bigEndianBytes == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(UInt32(0x0102_0304).bigEndianBytes == [1, 2, 3, 4])
        for value: UInt64 in [0, 1, 255, 256, 1 << 40, .max] {
            #expect(UInt64(bigEndianBytes: value.bigEndianBytes) == value)
            value.withBigEndianBytes { #expect(UInt64(bigEndianBytes: $0) == value) }
        }
        #expect(UInt64(bigEndianBytes: [1, 2, 3]) == nil)
        // Byte-wise order equals numeric order.
        let values: [UInt64] = [3, 256, 1, 65_536, 255]
        let byBytes = values.sorted { $0.bigEndianBytes.lexicographicallyPrecedes($1.bigEndianBytes) }
        #expect(byBytes == values.sorted())
    }
}
