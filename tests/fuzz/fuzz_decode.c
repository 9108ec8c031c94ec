/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target: the syscall decoders (src/decode.c through sct_decode(),
 * the i386 socketcall demultiplexer) and the event encoder, for arbitrary
 * syscall numbers, registers and tracee memory.
 *
 * The tracee's memory is fake: this file defines sct_mem_read() and
 * sct_mem_read_str() (src/mem.h), so the linker takes them instead of
 * src/mem.c's from libsctrace.a.  The bytes after the header are mapped at
 * FAKE_BASE; every other address is unmapped (-EFAULT), and a read running
 * past the end is short, as at an unmapped page.
 *
 * Input: a header of HDR_LEN bytes (missing bytes are 0), little-endian:
 *   0      flags: bits 0-1 ABI (x86_64, i386, aarch64, armhf), bit 2 exit
 *          (else enter), bit 3 decoder by index (nr % number of decoders,
 *          else by syscall number through the ABI's table), bit 4 the
 *          tracee is this process (its /proc files and fds; else a pid
 *          that cannot exist), bit 5 a record of the in-process
 *          recorder (its fd facts, socket facts from the memory's first
 *          bytes, bits 6-7 its path look: src/ring.h)
 *   1-4    syscall number (u32)
 *   5-6    snaplen (u16, at most 65000 as with -s)
 *   7-54   the six arguments (u64 each)
 *   55-62  return value (i64)
 *   63-66  PPM_CL_* clone flags of a clone exit (u32)
 * then the memory.  Besides not crashing: the event fits and encodes to
 * exactly the length sct_event_fit() gave.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch.h"
#include "decode.h"
#include "event.h"
#include "fuzz.h"
#include "mem.h"
#include "proc.h"
#include "ring.h"
#include "schema.h"

#define HDR_LEN		67
#define FAKE_BASE	0x10000ull
#define NO_PID		0x7ffffff0	/* above any pid_max */
#define ARENA_SIZE	(256u << 10)	/* as src/tracer.c */

static const uint8_t *mem;
static size_t mem_len;

/* the readable length at addr, 0 if unmapped */
static size_t mapped(uint64_t addr)
{
	if (addr < FAKE_BASE || addr - FAKE_BASE >= mem_len)
		return 0;
	return mem_len - (size_t)(addr - FAKE_BASE);
}

ssize_t sct_mem_read(pid_t pid, uint64_t addr, void *dst, size_t len)
{
	size_t n = mapped(addr);

	if (!len)
		return 0;
	if (!n)
		return -EFAULT;
	if (n > len)
		n = len;
	memcpy(dst, mem + (addr - FAKE_BASE), n);
	return (ssize_t)n;
}

ssize_t sct_mem_read_str(pid_t pid, uint64_t addr, char *dst, size_t max)
{
	size_t n = mapped(addr), i;
	const uint8_t *p;

	if (!max)
		return -EINVAL;
	dst[0] = 0;
	if (!n)
		return -EFAULT;
	if (n > max - 1)
		n = max - 1;
	p = mem + (addr - FAKE_BASE);
	for (i = 0; i < n && p[i]; i++)
		dst[i] = (char)p[i];
	dst[i] = 0;
	return (ssize_t)i + 1;
}

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct sct_arch *const archs[] = {
		&sct_arch_x86_64, &sct_arch_i386, &sct_arch_aarch64,
		&sct_arch_armhf,
	};
	static struct sct_call c;
	static struct sct_procinfo *pi;
	static uint8_t *arena;
	static int self_pidfd = -1, none_pidfd = -1;
	static struct sct_fd_facts fd_facts;
	static struct sct_sock_facts sock_facts;
	struct sct_val vals[SCT_MAX_PARAMS];
	const struct sct_decoder *d = NULL;
	const struct sct_arch *a;
	uint8_t hdr[HDR_LEN] = { 0 };
	uint64_t args[6];
	unsigned i, type, flags;
	size_t len, n;
	uint8_t *buf;
	uint32_t nr;
	bool self;
	pid_t tid;

	if (!arena) {
		arena = malloc(ARENA_SIZE);
		pi = malloc(sizeof(*pi));
		if (!arena || !pi)
			abort();
	}
	memcpy(hdr, data, size < HDR_LEN ? size : HDR_LEN);
	mem = size > HDR_LEN ? data + HDR_LEN : NULL;
	mem_len = size > HDR_LEN ? size - HDR_LEN : 0;

	flags = hdr[0];
	a = archs[flags & 3];
	self = flags & 16;
	tid = self ? getpid() : NO_PID;
	nr = (uint32_t)le(hdr + 1, 4);
	for (i = 0; i < 6; i++)
		args[i] = le(hdr + 7 + 8 * i, 8);
	if (flags & 8) {
		d = &sct_decoders[nr % sct_ndecoders];
	} else {
		const struct sct_sysent *se = sct_sysent(a, nr), *real;

		if (se && a->demux && (real = a->demux(a, se, args, tid)))
			se = real;
		if (!se || se->decoder < 0)
			return 0;	/* the generic event: nothing to decode */
		d = &sct_decoders[se->decoder];
	}

	memset(&c, 0, sizeof(c));
	c.tid = c.pid = tid;
	c.arch = a;
	memcpy(c.args, args, sizeof(args));
	c.ret = (int64_t)le(hdr + 55, 8);
	c.at_exit = flags & 4;
	c.snaplen = (unsigned)le(hdr + 5, 2);
	if (c.snaplen > 65000)
		c.snaplen = 65000;
	c.clone_flags = (uint32_t)le(hdr + 63, 4);
	c.pi = pi;
	c.pidfd = self ? &self_pidfd : &none_pidfd;
	c.arena = arena;
	c.arena_cap = ARENA_SIZE;
	if (flags & 32) {
		/* lengths and all as the (untrusted) tracee wrote them */
		memset(&sock_facts, 0, sizeof(sock_facts));
		if (mem_len)
			memcpy(&sock_facts, mem, mem_len < sizeof(sock_facts) ?
						 mem_len : sizeof(sock_facts));
		fd_facts.fd = c.ret;
		fd_facts.dev = args[0];
		fd_facts.ino = args[1];
		c.rec_fd = &fd_facts;
		c.rec_sock = mem_len >= sizeof(sock_facts) ? &sock_facts : NULL;
		c.rec_path = (flags >> 6) & 3;
	}

	type = d->ev_enter + c.at_exit;
	if (type >= SCT_EVENT_MAX || sct_events[type].nparams > SCT_MAX_PARAMS)
		abort();
	sct_decode(&c, type, c.at_exit ? d->exit : d->enter,
		   c.at_exit ? d->n_exit : d->n_enter, vals);
	if (c.arena_len > c.arena_cap)
		abort();

	len = sct_event_fit(type, vals);
	if (len < SCT_EVENT_HDR_LEN || len > SCT_EVENT_MAXLEN)
		abort();
	buf = malloc(len);	/* exact size: ASan sees any overrun */
	if (!buf)
		abort();
	n = sct_event_encode(buf, type, 0, (uint64_t)tid, vals);
	if (n != len)
		abort();
	free(buf);
	return 0;
}
