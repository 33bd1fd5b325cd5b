import Glibc

/// LMDB's default key order over byte arrays — `memcmp` over the common length, then the shorter first — in one
/// library call, where the generic `lexicographicallyPrecedes` compares element by element (a few per cent of an
/// import sorted and merged its keys that way).
enum KeyOrder {
    /// Negative when `a` sorts before `b`, zero when they are equal, positive after.
    @inline(__always)
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                let common = min(x.count, y.count)
                guard common > 0, let p = x.baseAddress, let q = y.baseAddress else { return x.count - y.count }
                let order = Int(memcmp(p, q, common))
                return order != 0 ? order : x.count - y.count
            }
        }
    }

    /// Whether `a` sorts before `b`.
    @inline(__always)
    static func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool { compare(a, b) < 0 }
}
