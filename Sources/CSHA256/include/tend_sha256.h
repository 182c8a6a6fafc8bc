#ifndef TEND_SHA256_H
#define TEND_SHA256_H
#include <stddef.h>
#include <stdint.h>

/// 1 when this processor has the SHA extensions (and SSSE3, SSE4.1) that
/// `tend_sha256_blocks` needs, else 0.
int tend_sha256_hardware(void);

/// Hashes `blocks` consecutive 64-byte blocks into `state` (a, b, … h). Call only when
/// `tend_sha256_hardware()` is 1.
void tend_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
