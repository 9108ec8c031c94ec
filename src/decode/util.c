/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tracee memory into the event's scratch arena; PT_DYN builders. */
#include "config.h"
#include "decode/internal.h"
#include "arch/arch.h"
#include "mem.h"

#include <errno.h>
#include <string.h>

#define STR_MAX		4096
/* PT_DYN byte buffers (sockopt values): the driver's per-param limit */
#define DYN_BYTES_MAX	65000

uint8_t *sct_arena_take(struct sct_call *c, size_t want, size_t *got)
{
	size_t room = c->arena_cap - c->arena_len;

	if (want > room)
		want = room;
	*got = want;
	return want ? c->arena + c->arena_len : NULL;
}

struct sct_val sct_arena_commit(struct sct_call *c, uint8_t *p, size_t len)
{
	c->arena_len += len;
	return sct_bytes(p, len);
}

struct sct_val sct_read_str(struct sct_call *c, uint64_t addr)
{
	size_t room;
	uint8_t *p = sct_arena_take(c, STR_MAX, &room);
	ssize_t n;

	if (c->str.loaded && c->str.addr == addr)
		return c->str.v;
	if (!p || !addr)
		return SCT_NONE;
	n = sct_mem_read_str(c->tid, addr, (char *)p, room);
	c->str.loaded = true;
	c->str.addr = addr;
	c->str.v = n <= 0 ? SCT_NONE : sct_arena_commit(c, p, (size_t)n);
	return c->str.v;
}

struct sct_val sct_read_buf(struct sct_call *c, uint64_t addr, int64_t len)
{
	size_t room;
	uint8_t *p;
	ssize_t n;

	if (len <= 0 || !addr)
		return SCT_NONE;
	if ((uint64_t)len > c->snaplen)
		len = c->snaplen;
	p = sct_arena_take(c, (size_t)len, &room);
	if (!p)
		return SCT_NONE;
	n = sct_mem_read(c->tid, addr, p, room);
	if (n <= 0)
		return SCT_NONE;
	return sct_arena_commit(c, p, (size_t)n);
}

struct sct_val sct_read_exact(struct sct_call *c, uint64_t addr, size_t len)
{
	size_t room;
	uint8_t *p;

	if (!len || !addr)
		return SCT_NONE;
	p = sct_arena_take(c, len, &room);
	if (!p || room < len ||
	    sct_mem_read(c->tid, addr, p, len) != (ssize_t)len)
		return SCT_NONE;
	return sct_arena_commit(c, p, len);
}

int sct_read_word(struct sct_call *c, uint64_t addr, uint64_t *v)
{
	unsigned ws = c->arch->wordsize;
	uint8_t b[8] = { 0 };

	if (sct_mem_read(c->tid, addr, b, ws) != (ssize_t)ws)
		return -EFAULT;
	if (ws == 8)
		memcpy(v, b, 8);
	else {
		uint32_t w;

		memcpy(&w, b, 4);
		*v = w;
	}
	return 0;
}

bool sct_read_u32(struct sct_call *c, uint64_t addr, uint32_t *v)
{
	return addr && sct_mem_read(c->tid, addr, v, 4) == 4;
}

bool sct_read_u64(struct sct_call *c, uint64_t addr, uint64_t *v)
{
	return addr && sct_mem_read(c->tid, addr, v, 8) == 8;
}

bool sct_read_long(struct sct_call *c, uint64_t addr, int64_t *v)
{
	uint64_t w;

	if (!addr || sct_read_word(c, addr, &w))
		return false;
	if (c->arch->wordsize == 4)
		*v = (int64_t)(int32_t)(uint32_t)w;
	else
		*v = (int64_t)w;
	return true;
}

/* msghdr fields: name, namelen, iov, iovlen, control, controllen, flags */
int sct_read_msghdr(struct sct_call *c, uint64_t msg, uint64_t *name,
		    uint64_t *namelen, uint64_t *iov, uint64_t *iovlen)
{
	unsigned ws = c->arch->wordsize;

	if (sct_read_word(c, msg, name) ||
	    sct_read_word(c, msg + ws, namelen) ||
	    sct_read_word(c, msg + 2 * ws, iov) ||
	    sct_read_word(c, msg + 3 * ws, iovlen))
		return -EFAULT;
	*namelen &= 0xffffffffu;
	return 0;
}

struct sct_val sct_dyn_int(struct sct_call *c, uint8_t idx, uint64_t v,
			   unsigned width)
{
	size_t room;
	uint8_t *p = sct_arena_take(c, 1 + 8, &room);
	unsigned i;

	if (!p || room < 1 + width)
		return SCT_NONE;
	p[0] = idx;
	for (i = 0; i < width; i++)
		p[1 + i] = (uint8_t)(v >> (8 * i));
	return sct_arena_commit(c, p, 1 + width);
}

struct sct_val sct_dyn_bytes(struct sct_call *c, uint8_t idx, uint64_t addr,
			     uint64_t len)
{
	size_t room;
	uint8_t *p;
	ssize_t n = 0;

	if (len > DYN_BYTES_MAX)
		len = DYN_BYTES_MAX;
	p = sct_arena_take(c, 1 + (size_t)len, &room);
	if (!p)
		return SCT_NONE;
	p[0] = idx;
	if (addr && len && room > 1) {
		n = sct_mem_read(c->tid, addr, p + 1, room - 1);
		if (n < 0)
			n = 0;
	}
	return sct_arena_commit(c, p, 1 + (size_t)n);
}
