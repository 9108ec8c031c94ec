/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Time: struct timespec and struct __kernel_timespec as nanoseconds. */
#include "config.h"
#include "decode/internal.h"
#include "arch/arch.h"
#include "mem.h"

/*
 * TIMESPEC: struct timespec x (longs of the tracee's ABI); TIMESPEC64:
 * struct __kernel_timespec x (two s64 on every ABI).  As tv_sec * 1e9 +
 * tv_nsec; a NULL x is y when given (ppoll's "forever": -1), else empty.
 */
SCT_OP_HANDLER(timespec)
{
	unsigned ws = c->arch->wordsize;
	int64_t sec, nsec, ts[2];

	if (!a->x) {
		if (a->s->o[1].kind != SCT_O_NONE)
			return sct_int(a->y);
		return SCT_NONE;
	}
	if (a->s->op == SCT_OP_TIMESPEC64) {
		if (sct_mem_read(c->tid, a->x, ts, sizeof(ts)) != sizeof(ts))
			return SCT_NONE;
		return sct_int((uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1]);
	}
	if (!sct_read_long(c, a->x, &sec) ||
	    !sct_read_long(c, a->x + ws, &nsec))
		return SCT_NONE;
	return sct_int((uint64_t)sec * 1000000000u + (uint64_t)nsec);
}
