/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Changing the syscall a tracee is stopped at the entry of (a syscall-
 * entry or seccomp stop): its first argument, or skipping it.  The
 * registers are those of sctrace's own ptrace view, so this is built for
 * the host (src/arch/regs.c); every ABI the host can run is handled.
 */
#ifndef SCTRACE_ARCH_REGS_H
#define SCTRACE_ARCH_REGS_H

#include <stdint.h>
#include <sys/types.h>

struct sct_arch;

/* Set the first argument of the syscall of tid (ABI a).  0 or -errno. */
int sct_regs_set_arg0(pid_t tid, const struct sct_arch *a, uint64_t v);

/*
 * Set argument i (0-5) of the syscall of tid, a thread of the host's own
 * 64-bit ABI stopped at the entry or the exit of a syscall (at the exit:
 * the register as the program finds it after the call).  0 or -errno
 * (-ENOTSUP: not on this host).
 */
int sct_regs_set_arg(pid_t tid, unsigned i, uint64_t v);

/*
 * Skip the syscall of tid (ABI a): the kernel runs nothing and the call
 * returns ret (a -errno).  0 or -errno.
 */
int sct_regs_skip(pid_t tid, const struct sct_arch *a, int64_t ret);

/*
 * A thread of the host's own ABI, stopped: its program counter and the
 * register a syscall returns in.  0, or -errno (-ENOTSUP: not on this
 * host).
 */
int sct_regs_result(pid_t tid, uint64_t *pc, int64_t *ret);

#endif
