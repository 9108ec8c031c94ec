/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Little-endian serialisation into fixed and growable byte buffers. */
#ifndef SCTRACE_BUF_H
#define SCTRACE_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline void sct_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void sct_put_le32(uint8_t *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static inline void sct_put_le64(uint8_t *p, uint64_t v)
{
	sct_put_le32(p, (uint32_t)v);
	sct_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t sct_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t sct_get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t sct_get_le64(const uint8_t *p)
{
	return sct_get_le32(p) | (uint64_t)sct_get_le32(p + 4) << 32;
}

/*
 * A growable buffer for metadata blocks (built once at start-up, so
 * allocation failure is fatal there), never used on the per-event path.
 * A buffer with soft set (one filled outside the main thread) does not end
 * the process when memory runs out: it keeps its first error in err and
 * drops every later write.
 */
struct sct_buf {
	uint8_t *p;
	size_t len;
	size_t cap;
	bool soft;
	int err;		/* soft only: sticky -ENOMEM */
};

/* Room for n more bytes: true, or false for a soft buffer out of memory. */
bool sct_buf_reserve(struct sct_buf *b, size_t n);
void sct_buf_free(struct sct_buf *b);
void sct_buf_u8(struct sct_buf *b, uint8_t v);
void sct_buf_u16(struct sct_buf *b, uint16_t v);
void sct_buf_u32(struct sct_buf *b, uint32_t v);
void sct_buf_u64(struct sct_buf *b, uint64_t v);
void sct_buf_bytes(struct sct_buf *b, const void *p, size_t n);
/* u16 length + bytes (no NUL), truncated to max bytes. */
void sct_buf_str16(struct sct_buf *b, const char *s, size_t n, size_t max);

#endif
