/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Growable little-endian buffers for metadata blocks. */
#include "config.h"
#include "buf.h"
#include "log.h"

#include <errno.h>
#include <stdlib.h>

bool sct_buf_reserve(struct sct_buf *b, size_t n)
{
	size_t cap;
	uint8_t *p;

	if (b->err)
		return false;
	if (b->len + n <= b->cap)
		return true;
	cap = b->cap ? b->cap : 4096;
	while (cap < b->len + n)
		cap *= 2;
	p = realloc(b->p, cap);
	if (!p && !b->soft)
		sct_die("out of memory (%zu bytes)", cap);
	if (!p) {
		b->err = -ENOMEM;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

void sct_buf_free(struct sct_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
	b->err = 0;
}

void sct_buf_u8(struct sct_buf *b, uint8_t v)
{
	if (!sct_buf_reserve(b, 1))
		return;
	b->p[b->len++] = v;
}

void sct_buf_u16(struct sct_buf *b, uint16_t v)
{
	if (!sct_buf_reserve(b, 2))
		return;
	sct_put_le16(b->p + b->len, v);
	b->len += 2;
}

void sct_buf_u32(struct sct_buf *b, uint32_t v)
{
	if (!sct_buf_reserve(b, 4))
		return;
	sct_put_le32(b->p + b->len, v);
	b->len += 4;
}

void sct_buf_u64(struct sct_buf *b, uint64_t v)
{
	if (!sct_buf_reserve(b, 8))
		return;
	sct_put_le64(b->p + b->len, v);
	b->len += 8;
}

void sct_buf_bytes(struct sct_buf *b, const void *p, size_t n)
{
	if (!n)
		return;
	if (!sct_buf_reserve(b, n))
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

void sct_buf_str16(struct sct_buf *b, const char *s, size_t n, size_t max)
{
	if (n > max)
		n = max;
	sct_buf_u16(b, (uint16_t)n);
	sct_buf_bytes(b, s, n);
}
