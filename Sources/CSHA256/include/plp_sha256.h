#ifndef PLP_SHA256_H
#define PLP_SHA256_H

#include <stddef.h>
#include <stdint.h>

/// RFC 6962 hashing on the CPU's SHA extensions (x86 SHA-NI): the two hashes a Merkle tree is made of, each in one
/// call that allocates nothing. Both return 1 when the digest was written to `out`, and 0 when the CPU has no SHA
/// extensions (or is not x86-64): the caller then hashes with a general library (PLPMerkle falls back on
/// swift-crypto, which gives the same bytes).

/// SHA-256(0x00 ‖ data[0 ..< count]): the leaf hash of RFC 6962 §2.1. `out` receives 32 bytes.
int plp_sha256_leaf(const void *data, size_t count, void *out);

/// SHA-256(0x01 ‖ left ‖ right), each child 32 bytes: the interior node hash of RFC 6962 §2.1.
int plp_sha256_node(const void *left, const void *right, void *out);

/// 1 when the CPU has the SHA extensions (and the two functions above compute), else 0.
int plp_sha256_accelerated(void);

#endif
