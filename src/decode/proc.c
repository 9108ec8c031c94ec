/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Processes and resources: rlimits; ptrace, bpf, prctl, init_module. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "arch/arch.h"
#include "mem.h"
#include "ppm_flags.h"
#include "proc.h"
#include "thread.h"

#include <linux/bpf.h>
#include <linux/ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * One field of struct rlimit (longs) or rlimit64 (u64s) at x, y the field
 * (cur or max); -1 when z, if given, says the call failed; 0 when the
 * memory is unreadable (NULL among it), as the driver's zeroed copy.
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
		return sct_int(0);
	return sct_int(v);
}

/* The driver's bounds on a failed exec's strings (libs 0.25 modern probe). */
#define EXEC_POINTERS	16	/* argv[0..15], envp[0..15] */
#define EXEC_LIST_MAX	4096	/* exe; args after it; env */

/*
 * Strings of the tracee's NULL-terminated pointer array at arr, from
 * index first, each with its NUL, one after the other, at most max bytes
 * in all (the last one cut); stops at a NULL pointer, an unreadable one,
 * or index EXEC_POINTERS.
 */
static struct sct_val read_strv(struct sct_call *c, uint64_t arr,
				unsigned first, size_t max)
{
	unsigned ws = c->arch->wordsize, i;
	size_t room, len = 0;
	uint8_t *p = sct_arena_take(c, max, &room);

	if (!p)
		return SCT_NONE;
	for (i = first; i < EXEC_POINTERS && len < room; i++) {
		uint64_t str = 0;
		ssize_t n;

		if (sct_mem_read(c->tid, arr + (uint64_t)i * ws, &str, ws) !=
		    (ssize_t)ws)
			break;
		if (ws == 4)
			str = (uint32_t)str;
		if (!str)
			break;
		n = sct_mem_read_str(c->tid, str, (char *)p + len, room - len);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	if (!len)
		return SCT_NONE;
	p[len - 1] = 0;
	return sct_arena_commit(c, p, len);
}

/*
 * exe, args and env of an exec's exit.  A successful exec's are the new
 * program's (/proc); a failed one's, as the driver writes them, come from
 * the arrays the call was given: argv[0] (empty when argv is NULL), the
 * next 15 arguments, the first 16 variables, 4096 bytes at most.
 */
SCT_OP_HANDLER(exec_argv)
{
	unsigned op = a->s->op;
	struct sct_val exe;

	if (c->ret >= 0)
		return sct_pi_val(c, op == SCT_OP_EXEC_EXE ? SCT_OP_PI_EXE :
				  op == SCT_OP_EXEC_ARGS ? SCT_OP_PI_ARGS :
				  SCT_OP_PI_ENV);
	if (op == SCT_OP_EXEC_ENV)
		return a->x ? read_strv(c, a->x, 0, EXEC_LIST_MAX) : SCT_NONE;
	if (!a->x)
		return op == SCT_OP_EXEC_EXE ? sct_bytes("", 1) : SCT_NONE;
	exe = read_strv(c, a->x, 0, EXEC_LIST_MAX);
	if (op == SCT_OP_EXEC_EXE) {
		/* only argv[0] */
		if (exe.kind == SCT_V_BYTES)
			exe.len = (uint32_t)strlen(exe.p) + 1;
		return exe;
	}
	/* args: after argv[0], in what room it leaves */
	return read_strv(c, a->x, 1, EXEC_LIST_MAX -
			 (exe.kind == SCT_V_BYTES ? strlen(exe.p) + 1 : 0));
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

/*
 * prctl(option, arg2, ...) exit: arg2_str, the string at arg2 for
 * PR_SET_NAME and PR_GET_NAME (the name, at the exit); arg2_int, the int
 * at arg2 for PR_GET_CHILD_SUBREAPER (0 when unreadable), 0 for the name
 * options, arg2 itself for the others.
 */
SCT_DECODER(prctl)
{
	uint32_t option = (uint32_t)c->args[0];
	uint64_t arg2 = c->args[1];
	bool name = option == SCT_PPM_PR_SET_NAME ||
		    option == SCT_PPM_PR_GET_NAME;

	if (a->param == SCT_P_PRCTL_X_ARG2_STR)
		return name ? sct_read_str(c, arg2) : SCT_NONE;
	if (name)
		return sct_int(0);
	if (option == SCT_PPM_PR_GET_CHILD_SUBREAPER) {
		uint32_t v;

		if (!sct_read_u32(c, arg2, &v))
			v = 0;
		return sct_int((uint64_t)(int64_t)(int32_t)v);
	}
	return sct_int(arg2);
}

/*
 * init_module(image, len, uargs) exit: img, len bytes at image with len
 * cut to 16 bits (the driver's u16 length), no snaplen; empty unless all
 * of them are readable.
 */
SCT_DECODER(init_module)
{
	(void)a;
	return sct_read_exact(c, c->args[0], (uint16_t)c->args[1]);
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

/* Capabilities PPM knows: CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40),
 * at their kernel bit (PPM_CAP_* = 1 << CAP_*). */
#define PPM_CAPS_MASK	((1ull << 41) - 1)

static void exe_caps(struct sct_call *c)
{
	int i;

	c->exe.caps_loaded = true;
	memset(c->exe.cap, 0, sizeof(c->exe.cap));
	/* status: read once for the exec's uid, gid and these */
	sct_pi_val(c, SCT_OP_PI_UID);
	if (!c->pi_loaded || !(c->pi_have & SCT_PI_STATUS))
		return;
	for (i = 0; i < 3; i++)
		c->exe.cap[i] = c->pi->cap[i] & PPM_CAPS_MASK;
}

static void exe_stat(struct sct_call *c)
{
	char path[64];
	struct stat st;

	c->exe.stat_loaded = true;
	c->exe.ino = c->exe.ctime_ns = c->exe.mtime_ns = 0;
	snprintf(path, sizeof(path), "/proc/%d/exe", (int)c->tid);
	if (stat(path, &st))
		return;
	c->exe.ino = st.st_ino;
	c->exe.ctime_ns = (uint64_t)st.st_ctim.tv_sec * 1000000000ull +
			  (uint64_t)st.st_ctim.tv_nsec;
	c->exe.mtime_ns = (uint64_t)st.st_mtim.tv_sec * 1000000000ull +
			  (uint64_t)st.st_mtim.tv_nsec;
}

/*
 * PPM_EXE_* of the new image.  WRITABLE: whether its file could be
 * written, asked as sctrace (the same user as the tracee, usually; the
 * driver asks as the tracee).  FROM_MEMFD: run from a memfd.  The overlay
 * layer flags are not known (0).
 */
static uint32_t exe_flags(struct sct_call *c)
{
	char path[64];
	uint32_t flags = 0;
	struct sct_val exe;

	snprintf(path, sizeof(path), "/proc/%d/exe", (int)c->tid);
	if (!access(path, W_OK))
		flags |= SCT_PPM_EXE_WRITABLE;
	/* its path as the exec's other params have it (one readlink) */
	exe = sct_pi_val(c, SCT_OP_PI_EXEPATH);
	if (exe.kind == SCT_V_BYTES && exe.len > 7 &&
	    !memcmp(exe.p, "/memfd:", 7))
		flags |= SCT_PPM_EXE_FROM_MEMFD;
	return flags;
}

/* A failed exec leaves the caller's image: the driver's values then are
 * the caller's too, which is what /proc shows. */
SCT_OP_HANDLER(exe)
{
	switch (a->s->op) {
	case SCT_OP_EXE_CAP_INH:
	case SCT_OP_EXE_CAP_PRM:
	case SCT_OP_EXE_CAP_EFF:
		if (!c->exe.caps_loaded)
			exe_caps(c);
		return sct_int(c->exe.cap[a->s->op - SCT_OP_EXE_CAP_INH]);
	case SCT_OP_EXE_INO:
	case SCT_OP_EXE_CTIME:
	case SCT_OP_EXE_MTIME:
		if (!c->exe.stat_loaded)
			exe_stat(c);
		return sct_int(a->s->op == SCT_OP_EXE_INO ? c->exe.ino :
			       a->s->op == SCT_OP_EXE_CTIME ? c->exe.ctime_ns :
			       c->exe.mtime_ns);
	case SCT_OP_EXE_FLAGS:
		return sct_int(exe_flags(c));
	default:
		return SCT_NONE;
	}
}

/*
 * Start time of pid 1 in ns since boot, from its stat (clock ticks: the
 * driver's value is exact, this one rounded down to a tick).  Only the
 * child's side of a clone carries it, as in the driver; a child in
 * another pid namespace than sctrace's gets 0 (its init is not our 1).
 */
SCT_OP_HANDLER(pidns)
{
	static uint64_t start_ns;
	static bool loaded;
	char buf[1024], *p;
	unsigned long long ticks;
	FILE *f;
	int i;

	(void)a;
	if (c->ret != 0)
		return sct_int(0);
	if (!loaded) {
		loaded = true;
		f = fopen("/proc/1/stat", "re");
		if (f && fgets(buf, sizeof(buf), f) &&
		    (p = strrchr(buf, ')'))) {
			/* field 22 (starttime); p is at the end of field 2 */
			for (i = 2; i < 22 && p; i++)
				p = strchr(p + 1, ' ');
			if (p && sscanf(p, " %llu", &ticks) == 1)
				start_ns = ticks * (1000000000ull /
						    (uint64_t)sysconf(_SC_CLK_TCK));
		}
		if (f)
			fclose(f);
	}
	return sct_int(start_ns);
}
