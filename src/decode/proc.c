/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Processes and resources: rlimits; ptrace, bpf. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "arch/arch.h"
#include "mem.h"
#include "ppm_flags.h"
#include "thread.h"

#include <linux/bpf.h>
#include <linux/ptrace.h>

/*
 * One field of struct rlimit (longs) or rlimit64 (u64s) at x, y the field
 * (cur or max); -1 when z, if given, says the call failed, or the memory
 * is unreadable, as the driver.
 */
SCT_OP_HANDLER(rlimit)
{
	unsigned ws = a->s->op == SCT_OP_RLIMIT ? c->arch->wordsize : 8;
	uint64_t v = 0;

	if (a->s->op == SCT_OP_RLIMIT64_NEW) {
		if (!a->x || sct_mem_read(c->tid, a->x +
					  (a->y == SCT_K_RLIMIT_MAX ? 8 : 0),
					  &v, 8) != 8)
			v = 0;
		return sct_int(v);
	}

	if (a->s->o[2].kind != SCT_O_NONE && (int64_t)a->z < 0)
		return sct_int((uint64_t)-1);
	if (!a->x || sct_mem_read(c->tid, a->x +
				  (a->y == SCT_K_RLIMIT_MAX ? ws : 0),
				  &v, ws) != (ssize_t)ws)
		return sct_int((uint64_t)-1);
	return sct_int(v);
}

/* ptrace(request, pid, addr, data) exit: PT_DYN addr and data */
SCT_DECODER(ptrace)
{
	uint64_t req = c->args[0];

	/* a failed request carries both as u64 0 */
	if (c->ret < 0)
		return sct_dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, 0, 8);
	if (a->param == SCT_P_PTRACE_X_ADDR)
		return sct_dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, c->args[2], 8);
	switch (req) {
	case PTRACE_PEEKTEXT:
	case PTRACE_PEEKDATA:
	case PTRACE_PEEKUSR: {
		/* the raw syscall stores the word it peeked at *data */
		uint64_t w;

		if (sct_read_word(c, c->args[3], &w))
			return SCT_NONE;
		return sct_dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, w, 8);
	}
	case PTRACE_CONT:
	case PTRACE_SINGLESTEP:
	case PTRACE_DETACH:
	case PTRACE_SYSCALL:
		return sct_dyn_int(c, SCT_PPM_PTRACE_IDX_SIGTYPE, c->args[3],
				   1);
	default:
		return sct_dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, c->args[3], 8);
	}
}

/* bpf(cmd, attr, size) exit: res_or_fd, an fd for the creating commands */
SCT_DECODER(bpf)
{
	uint64_t cmd = c->args[0];

	if (c->ret >= 0 && (cmd == BPF_MAP_CREATE || cmd == BPF_PROG_LOAD))
		return sct_dyn_int(c, SCT_PPM_BPF_IDX_FD, (uint64_t)c->ret, 8);
	return sct_dyn_int(c, SCT_PPM_BPF_IDX_RES, (uint64_t)c->ret, 8);
}

struct reaper {
	const struct sct_thread *t;
	bool children;
	pid_t other;
};

static void reaper_scan(struct sct_thread *x, void *arg)
{
	struct reaper *rp = arg;

	if (x == rp->t)
		return;
	/* a process t forked (not a thread: those are not its children) */
	if (x->parent_tid == rp->t->tid && x->g && x->tid == x->g->pid &&
	    x->g != rp->t->g)
		rp->children = true;
	if (x->g == rp->t->g && !rp->other)
		rp->other = x->tid;
}

pid_t sct_decode_reaper(struct sct_threads *ts, const struct sct_thread *t)
{
	struct reaper rp = { .t = t };

	sct_threads_for_each(ts, reaper_scan, &rp);
	if (!rp.children)
		return 0;
	return rp.other ? rp.other : 1;
}
