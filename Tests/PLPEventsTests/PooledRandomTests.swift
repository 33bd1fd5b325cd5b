import Testing
@testable import PLPEvents

/// The pool that event ids are drawn from refills itself and never repeats a word.
@Suite struct PooledRandomTests {
    @Test("words across several refills are distinct, and their bits are balanced")
    func distinctAcrossRefills() {
        var random = PooledRandom()
        let words = (0..<5_000).map { _ in random.next() }   // almost ten refills of 512 words
        #expect(Set(words).count == words.count)
        let ones = words.reduce(0) { $0 + $1.nonzeroBitCount }
        // 320,000 bits: a fair source puts the share of ones within 0.5 ± 0.01 (over 11 standard deviations).
        #expect(abs(Double(ones) / Double(words.count * 64) - 0.5) < 0.01)
    }

    @Test("keys and nonces drawn from the pool have the length asked and never repeat")
    func bytesOfAnyLength() {
        var random = PooledRandom()
        let nonces = (0..<3_000).map { _ in random.bytes(12) }   // 4,500 words: past several refills, 12 not a multiple of 8
        #expect(nonces.allSatisfy { $0.count == 12 } && Set(nonces).count == nonces.count)
        #expect(random.bytes(32).count == 32 && random.bytes(0).isEmpty)
    }
}
