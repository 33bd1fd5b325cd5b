import Foundation  // log, exp, sqrt, cos
import PLPEvents

/// A seeded pseudo-random source (xoshiro256**, seeded through SplitMix64): the same seed gives the same draws on
/// every run, so a generated history is reproducible byte for byte.
///
/// It never touches the system's randomness; each independent use (the simulation, the event ids) takes its own
/// `stream` so that adding draws to one does not shift the other.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator for `seed`; different `stream`s of one seed are independent sequences.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var mix = seed ^ (stream &* 0x9E37_79B9_7F4A_7C15) ^ 0x5851_F42D_4C95_7F2D
        func splitMix() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix(); s1 = splitMix(); s2 = splitMix(); s3 = splitMix()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform number in [0, 1).
    @inline(__always)
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform integer in 0..<n (n > 0), by the multiply-high method.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        guard n > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// An exponential variate of the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(1 - unit()) }

    /// A standard normal variate (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        let u1 = max(unit(), 0x1p-53)
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * unit())
    }

    /// A log-normal variate with this median and log-scale spread.
    mutating func logNormal(median: Double, sigma: Double) -> Double { median * exp(sigma * normal()) }

    /// A Poisson count of mean `lambda` (exact below 40, normal approximation above).
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda >= 40 { return max(0, Int((lambda + sqrt(lambda) * normal()).rounded())) }
        let limit = exp(-lambda)
        var product = unit()
        var count = 0
        while product > limit {
            product *= unit()
            count += 1
        }
        return count
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A version 4 UUID for an event.
    mutating func eventID() -> EventID {
        let high = (next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return EventID(high: high, low: low)
    }
}

/// A table of weights to draw indices from, in proportion to the weights.
struct WeightedTable: Sendable {
    private var cumulative: [Double] = []

    /// Makes a table; weights must be ≥ 0 with a positive sum.
    init(_ weights: [Double]) {
        cumulative.reserveCapacity(weights.count)
        var sum = 0.0
        for weight in weights {
            sum += max(weight, 0)
            cumulative.append(sum)
        }
    }

    /// Number of entries.
    var count: Int { cumulative.count }

    /// An index drawn in proportion to its weight.
    func draw(_ random: inout SeededRandom) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let target = random.unit() * total
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
