/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What sctrace changes in a traced syscall so that being traced does not
 * change what the program does.
 *
 * CLONE_UNTRACED: the kernel does not make a child created with it a
 * tracee, whatever PTRACE_O_TRACECLONE says.  Under sctrace's seccomp
 * filter such a child would run on untraced with the filter, and its
 * filtered syscalls would fail with ENOSYS (SECCOMP_RET_TRACE without a
 * tracer); without the filter it would just be lost to the capture.  So,
 * as tracers do, the flag is cleared at the call's entry and the child is
 * followed as every other: in the register for clone (the seccomp filter
 * stops at a clone with the flag, seccomp_filter.c), in the program's
 * struct clone_args for clone3 (the filter stops at every clone3: it cannot
 * look into memory).  The capture shows clone's flags as the program
 * passed them.  XXX clone3's struct is left without the flag, and the
 * flags its events show are read from it.
 *
 * Another SECCOMP_RET_TRACE: a program may install a filter of its own
 * that asks for a tracer.  Its stops are told from sctrace's by their
 * SECCOMP_RET_DATA (SCT_SECCOMP_DATA is sctrace's); with no tracer of its
 * own the kernel would fail the call with ENOSYS, so sctrace skips it with
 * ENOSYS.  The call is recorded all the same if the capture filter wants
 * it (with its ENOSYS).
 */
#include "config.h"
#include "fixup.h"
#include "arch/arch.h"
#include "arch/regs.h"
#include "decode.h"
#include "log.h"
#include "mem.h"
#include "thread.h"

#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ptrace.h>

#define SCT_CLONE_UNTRACED	0x00800000ull

/* Say once (per kind) that a change could not be made, and why. */
static void cannot(bool *said, const char *what, const struct sct_thread *t,
		   int err)
{
	if (*said || err == -ESRCH)
		return;
	*said = true;
	sct_warn("cannot %s in thread %d (%s syscall ABI): %s", what, t->tid,
		 t->arch ? t->arch->name : "unknown", strerror(-err));
}

/*
 * Clear CLONE_UNTRACED in the flags, the first u64 of the struct
 * clone_args at addr: the word there holds the flag's low half in either
 * word size, on these little-endian hosts.  PTRACE_POKEDATA writes what
 * the program may have made read-only, as the kernel only reads it.
 */
static int clone3_clear(pid_t tid, uint64_t addr)
{
	long w;

	errno = 0;
	w = ptrace(PTRACE_PEEKDATA, tid, (void *)(uintptr_t)addr, 0);
	if (errno)
		return -errno;
	w &= ~(long)SCT_CLONE_UNTRACED;
	sct_mem_changed();
	return ptrace(PTRACE_POKEDATA, tid, (void *)(uintptr_t)addr,
		      (void *)w) < 0 ? -errno : 0;
}

void sct_fixup_entry(struct sct_thread *t)
{
	static bool said;
	unsigned ev;
	uint64_t flags;
	int r;

	if (!t->se || t->se->decoder < 0)
		return;
	ev = sct_decoders[t->se->decoder].ev_enter;
	if (ev == SCT_EV_SYSCALL_CLONE_20_E) {
		if (!(t->args[0] & SCT_CLONE_UNTRACED))
			return;
		r = sct_regs_set_arg0(t->tid, t->arch,
				      t->args[0] & ~SCT_CLONE_UNTRACED);
	} else if (ev == SCT_EV_SYSCALL_CLONE3_E) {
		/* (a short struct: the kernel refuses the call itself) */
		if (t->args[1] < 8 ||
		    sct_mem_read(t->tid, t->args[0], &flags, 8) != 8 ||
		    !(flags & SCT_CLONE_UNTRACED))
			return;
		r = clone3_clear(t->tid, t->args[0]);
	} else {
		return;
	}
	if (r < 0)
		cannot(&said, "follow a CLONE_UNTRACED child", t, r);
}

void sct_fixup_foreign(struct sct_thread *t)
{
	static bool said;
	int r = sct_regs_skip(t->tid, t->arch ? t->arch : sct_arch_native(),
			      -ENOSYS);

	if (r < 0)
		cannot(&said, "skip a syscall the program's own seccomp filter "
		       "traps", t, r);
}
