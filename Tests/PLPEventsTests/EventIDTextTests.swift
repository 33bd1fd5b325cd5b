import Foundation
import Testing
@testable import PLPEvents

/// The text form of an event id is Foundation's UUID string in lowercase, for every digit in every place.
@Suite struct EventIDTextTests {
    @Test func theTextIsTheLowercaseUUIDString() throws {
        var generator = SystemRandomNumberGenerator()
        let edges: [(UInt64, UInt64)] = [(0, 0), (.max, .max), (0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3210),
                                         (0xa0a0_a0a0_a0a0_a0a0, 0x0909_0909_0909_0909), (0xf0f0_f0f0_9a9a_9a9a, 0x1f1f_1f1f_e0e0_e0e0)]
        let random = (0..<2_000).map { _ in (generator.next() as UInt64, generator.next() as UInt64) }
        for (high, low) in edges + random {
            let id = EventID(high: high, low: low)
            var bytes = [UInt8]()
            withUnsafeBytes(of: high.bigEndian) { bytes += $0 }
            withUnsafeBytes(of: low.bigEndian) { bytes += $0 }
            let uuid = UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                                   bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
            #expect(id.description == uuid.uuidString.lowercased())
            #expect(EventID(id.description) == id)
        }
    }
}
