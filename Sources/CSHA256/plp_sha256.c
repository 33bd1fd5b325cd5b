// SHA-256 (FIPS 180-4) for RFC 6962 leaves and nodes, on the x86 SHA extensions.
//
// Written by hand because the hot paths of `verify`, `export` and admission hash two short messages per event
// (a ~300-byte leaf, a 65-byte node): a general library's per-message cost (a context object, an update, a final
// with its own padding) was as large as the compression itself. Here a message is padded in a stack buffer and its
// blocks compressed in one call. The compression follows the instruction sequence of Intel's "SHA extensions"
// white paper (sha256rnds2 two rounds at a time, sha256msg1/msg2 for the message schedule).
#include "plp_sha256.h"

#include <string.h>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static const uint32_t H0[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
};

#define SHA_TARGET __attribute__((target("sha,ssse3,sse4.1")))

/// Compresses `blocks` 64-byte blocks at `data` into `state` (a, b, … h).
SHA_TARGET static void compress(uint32_t state[8], const uint8_t *data, size_t blocks) {
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    // The instructions keep the state as two vectors, ABEF and CDGH.
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[0]), 0xB1);   // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&state[4]), 0x1B); // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);                                     // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);                                          // CDGH

    for (; blocks > 0; blocks--, data += 64) {
        const __m128i savedABEF = state0, savedCDGH = state1;
        __m128i w[4];
        // Sixteen groups of four rounds; w holds the schedule's last four groups of four words.
        #pragma clang loop unroll(full)
        for (int group = 0; group < 16; group++) {
            __m128i words;
            if (group < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16 * group)), byteSwap);
            } else {
                // W[t] from W[t-16] … W[t-1]: msg1 over the oldest two groups, the shifted middle, msg2 with the newest.
                __m128i oldest = _mm_sha256msg1_epu32(w[group & 3], w[(group + 1) & 3]);
                oldest = _mm_add_epi32(oldest, _mm_alignr_epi8(w[(group + 3) & 3], w[(group + 2) & 3], 4));
                words = _mm_sha256msg2_epu32(oldest, w[(group + 3) & 3]);
            }
            w[group & 3] = words;
            __m128i message = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&K[4 * group]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, message);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(message, 0x0E));
        }
        state0 = _mm_add_epi32(state0, savedABEF);
        state1 = _mm_add_epi32(state1, savedCDGH);
    }

    tmp = _mm_shuffle_epi32(state0, 0x1B);                  // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);               // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);            // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);               // ABEF → HGFE
    _mm_storeu_si128((__m128i *)&state[0], state0);
    _mm_storeu_si128((__m128i *)&state[4], state1);
}

static void storeBigEndian(const uint32_t state[8], uint8_t *out) {
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(state[i] >> 8);
        out[4 * i + 3] = (uint8_t)state[i];
    }
}

static int detected = -1;

int plp_sha256_accelerated(void) {
    int known = __atomic_load_n(&detected, __ATOMIC_RELAXED);
    if (known >= 0) return known;
    unsigned a = 0, b = 0, c = 0, d = 0;
    int ok = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) && (c & bit_SSE4_1)) {
        unsigned a7 = 0, b7 = 0, c7 = 0, d7 = 0;
        ok = __get_cpuid_count(7, 0, &a7, &b7, &c7, &d7) && (b7 & (1u << 29)) ? 1 : 0;
    }
    __atomic_store_n(&detected, ok, __ATOMIC_RELAXED);
    return ok;
}

int plp_sha256_leaf(const void *data, size_t count, void *out) {
    if (!plp_sha256_accelerated()) return 0;
    const uint8_t *bytes = (const uint8_t *)data;
    uint32_t state[8];
    memcpy(state, H0, sizeof state);
    uint8_t block[128];
    block[0] = 0x00;
    size_t fill = 1;
    size_t take = count < 63 ? count : 63;
    if (take > 0) memcpy(block + 1, bytes, take);
    fill += take;
    bytes += take;
    size_t rest = count - take;
    if (fill == 64) {
        compress(state, block, 1);
        size_t whole = rest / 64;
        compress(state, bytes, whole);
        bytes += 64 * whole;
        rest -= 64 * whole;
        if (rest > 0) memcpy(block, bytes, rest);
        fill = rest;
    }
    // Padding: 0x80, zeros, the message's length in bits (big-endian) in the last eight bytes of a block.
    block[fill++] = 0x80;
    size_t end = fill <= 56 ? 64 : 128;
    memset(block + fill, 0, end - 8 - fill);
    uint64_t bits = ((uint64_t)count + 1) * 8;
    for (int i = 0; i < 8; i++) block[end - 1 - i] = (uint8_t)(bits >> (8 * i));
    compress(state, block, end / 64);
    storeBigEndian(state, out);
    return 1;
}

int plp_sha256_node(const void *left, const void *right, void *out) {
    if (!plp_sha256_accelerated()) return 0;
    uint32_t state[8];
    memcpy(state, H0, sizeof state);
    // 65 bytes of message: two blocks, the length 520 bits at the end of the second.
    uint8_t block[128] = {0};
    block[0] = 0x01;
    memcpy(block + 1, left, 32);
    memcpy(block + 33, right, 32);
    block[65] = 0x80;
    block[126] = 0x02;
    block[127] = 0x08;
    compress(state, block, 2);
    storeBigEndian(state, out);
    return 1;
}

#else

int plp_sha256_accelerated(void) { return 0; }
int plp_sha256_leaf(const void *data, size_t count, void *out) { (void)data; (void)count; (void)out; return 0; }
int plp_sha256_node(const void *left, const void *right, void *out) {
    (void)left; (void)right; (void)out;
    return 0;
}

#endif
