// SHA-256 compression with the x86 SHA extensions (SHA-NI), chosen at run time: one
// binary carries it under a per-function target attribute and falls back to the
// portable Swift compression where the CPU lacks it. FIPS 180-4; the digest is the
// same either way (tested against the Swift path and published vectors).
#ifndef CSHA256_H
#define CSHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU has the SHA extensions and SSE4.1 (CPUID leaf 7 EBX bit 29, leaf 1
/// ECX bit 19), else 0. Always 0 off x86-64.
int csha256_has_sha_ni(void);

/// Compresses `blocks` 64-byte blocks at `data` into `state` (a, b, …, h as in FIPS
/// 180-4 §6.2). Call only when csha256_has_sha_ni() is 1.
void csha256_compress_ni(uint32_t state[8], const uint8_t *data, size_t blocks);

#ifdef __cplusplus
}
#endif

#endif
