/* SPDX-License-Identifier: GPL-2.0-or-later */
/* I/O data: buffers, iovecs, msghdr iovecs, pollfd lists; io_uring_setup. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "arch/arch.h"
#include "mem.h"
#include "ppm_flags.h"

#include <string.h>

#define IOV_BATCH	64
#define IOV_MAX_COUNT	1024
/* pollfd entries looked at, and FDLIST entries written, per event */
#define POLL_MAX	16	/* the driver's MAX_POLLFD */

SCT_OP_HANDLER(buf)
{
	return sct_read_buf(c, a->x, (int64_t)a->y);
}

/*
 * Walk iovec array iov[cnt]: with gather, copy up to min(total, snaplen)
 * bytes of the buffers; without, just sum the lengths.
 */
static struct sct_val iov_walk(struct sct_call *c, uint64_t iov, uint64_t cnt,
			       int64_t total, bool gather)
{
	unsigned ws = c->arch->wordsize;
	uint8_t raw[IOV_BATCH * 16];
	uint64_t sum = 0, i = 0;
	size_t want = 0, room = 0, got = 0;
	uint8_t *p = NULL;

	if (gather) {
		if (total <= 0)
			return SCT_NONE;
		want = (uint64_t)total > c->snaplen ? c->snaplen :
						      (size_t)total;
		p = sct_arena_take(c, want, &room);
		if (!p)
			return SCT_NONE;
		want = room;
	}
	if (cnt > IOV_MAX_COUNT)
		cnt = IOV_MAX_COUNT;
	while (i < cnt && (!gather || got < want)) {
		uint64_t batch = cnt - i < IOV_BATCH ? cnt - i : IOV_BATCH;
		ssize_t n = sct_mem_read(c->tid, iov + i * 2 * ws, raw,
					 batch * 2 * ws);
		uint64_t j;

		if (n < (ssize_t)(2 * ws))
			break;
		batch = (uint64_t)n / (2 * ws);
		for (j = 0; j < batch && (!gather || got < want); j++) {
			uint64_t base = 0, len = 0;

			memcpy(&base, raw + j * 2 * ws, ws);
			memcpy(&len, raw + j * 2 * ws + ws, ws);
			sum += len;
			if (gather && len) {
				ssize_t r;

				if (len > want - got)
					len = want - got;
				r = sct_mem_read(c->tid, base, p + got, len);
				if (r > 0)
					got += (size_t)r;
				if (r < (ssize_t)len)
					goto out;
			}
		}
		i += batch;
		if ((size_t)n < batch * 2 * ws)
			break;
	}
out:
	if (!gather)
		return sct_int(sum);
	return got ? sct_arena_commit(c, p, got) : SCT_NONE;
}

/* IOV: gather x[y], total z; IOVLEN: the sum of x[y]'s lengths */
SCT_OP_HANDLER(iov)
{
	if (a->s->op == SCT_OP_IOV)
		return iov_walk(c, a->x, a->y, (int64_t)a->z, true);
	return iov_walk(c, a->x, a->y, 0, false);
}

/*
 * msghdr msg's ancillary data, as the driver copies it: controllen bytes
 * (its low 16 bits, the driver's u16), whatever the snaplen.
 */
static struct sct_val msg_control(struct sct_call *c, uint64_t msg)
{
	unsigned ws = c->arch->wordsize;
	uint64_t ctl, len;
	size_t room = 0;
	uint8_t *p;
	ssize_t n;

	if (sct_read_word(c, msg + 4 * ws, &ctl) ||
	    sct_read_word(c, msg + 5 * ws, &len))
		return SCT_NONE;
	len &= 0xffff;
	if (!ctl || !len || !(p = sct_arena_take(c, (size_t)len, &room)))
		return SCT_NONE;
	n = sct_mem_read(c->tid, ctl, p, room);
	return n > 0 ? sct_arena_commit(c, p, (size_t)n) : SCT_NONE;
}

/*
 * MSG_IOV: gather msghdr x's iovecs, total y; MSG_IOVLEN: their sum;
 * MSG_CONTROL: its control bytes
 */
SCT_OP_HANDLER(msg_iov)
{
	uint64_t name, namelen, iov, iovlen;

	if (a->s->op == SCT_OP_MSG_CONTROL)
		return msg_control(c, a->x);
	if (sct_read_msghdr(c, a->x, &name, &namelen, &iov, &iovlen))
		return SCT_NONE;
	return iov_walk(c, iov, iovlen, (int64_t)a->y,
			a->s->op == SCT_OP_MSG_IOV);
}

/*
 * PT_FDLIST of struct pollfd fds[nfds]: u16 count, then (i64 fd, u16
 * PPM_POLL* flags) per entry, as the driver: every entry (the first 16,
 * its MAX_POLLFD), with its events at the enter, its revents (0 too) at
 * the exit; none when they cannot all be read.  Something is always
 * written (at least a zero count): the 2022 readers take the count
 * without checking the parameter's length.
 */
static struct sct_val pollfds(struct sct_call *c, uint64_t fds, uint64_t nfds,
			      bool revents)
{
	struct pollfd_raw { int32_t fd; int16_t events, revents; }
		raw[POLL_MAX];
	size_t room, want, pos = 2;
	uint8_t *p = sct_arena_take(c, 2 + 10 * (size_t)POLL_MAX, &room);
	unsigned count = 0, j;

	if (!p || room < 2 + 10 * (size_t)POLL_MAX)
		return SCT_NONE;
	if (nfds > POLL_MAX)
		nfds = POLL_MAX;
	want = (size_t)nfds * sizeof(raw[0]);
	if (fds && want &&
	    sct_mem_read(c->tid, fds, raw, want) == (ssize_t)want)
		count = (unsigned)nfds;
	for (j = 0; j < count; j++) {
		int64_t fd = raw[j].fd;
		uint16_t fl = sct_ppm_poll_events((uint16_t)(revents ?
					raw[j].revents : raw[j].events));

		memcpy(p + pos, &fd, 8);
		memcpy(p + pos + 8, &fl, 2);
		pos += 10;
	}
	p[0] = (uint8_t)count;
	p[1] = (uint8_t)(count >> 8);
	return sct_arena_commit(c, p, pos);
}

/* pollfd x[y]; z: events (enter) or revents (exit) */
SCT_OP_HANDLER(pollfds)
{
	return pollfds(c, a->x, a->y, a->z == SCT_K_POLLFDS_REVENTS);
}

/*
 * io_uring_setup(entries, struct io_uring_params *p) exit: the u32s
 * sq_entries, cq_entries, flags, sq_thread_cpu, sq_thread_idle, features
 * at the head of *p (120 bytes, read whole, as the driver; all 0 when
 * unreadable), flags and features translated.
 */
#define IO_URING_PARAMS_SIZE	120

SCT_DECODER(io_uring_setup)
{
	uint32_t p[IO_URING_PARAMS_SIZE / 4];

	if (sct_mem_read(c->tid, c->args[1], p, sizeof(p)) != sizeof(p))
		memset(p, 0, sizeof(p));
	switch (a->param) {
	case SCT_P_IO_URING_SETUP_X_SQ_ENTRIES:
		return sct_int(p[0]);
	case SCT_P_IO_URING_SETUP_X_CQ_ENTRIES:
		return sct_int(p[1]);
	case SCT_P_IO_URING_SETUP_X_FLAGS:
		return sct_int(sct_ppm_io_uring_setup_flags(p[2]));
	case SCT_P_IO_URING_SETUP_X_SQ_THREAD_CPU:
		return sct_int(p[3]);
	case SCT_P_IO_URING_SETUP_X_SQ_THREAD_IDLE:
		return sct_int(p[4]);
	default:	/* features */
		return sct_int(sct_ppm_io_uring_feats(p[5]));
	}
}
