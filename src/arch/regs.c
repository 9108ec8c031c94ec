/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Syscall registers of a stopped tracee, as sctrace's own ptrace view
 * lays them out: unlike the ABI tables (arch.c), this depends on the host
 * sctrace runs on, so it is the other place that reads the compiler's
 * arch macros.  A 64-bit tracer sees a 32-bit tracee through its own
 * layout on x86_64 (PTRACE_GETREGS) and through the 32-bit one on aarch64
 * (PTRACE_GETREGSET of the compat view).
 *
 * Skipping: the syscall number becomes -1 (x86 orig_ax; ARM's own
 * requests, since the number is not in a general register there) and the
 * return value register is set now, at the entry stop, since the kernel
 * returns whatever it holds for a skipped call (on x86 it already holds
 * -ENOSYS; on ARM it holds the first argument).
 */
#include "config.h"
#include "arch/regs.h"
#include "arch/arch.h"

#include <errno.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#if defined(__x86_64__) || defined(__i386__)
#include <sys/user.h>

#if defined(__x86_64__)
#define ARG0(r, a)	(*((a)->wordsize == 4 ? &(r).rbx : &(r).rdi))
#define NR(r)		((r).orig_rax)
#define RET(r)		((r).rax)
#else
#define ARG0(r, a)	((r).ebx)
#define NR(r)		((r).orig_eax)
#define RET(r)		((r).eax)
#endif

int sct_regs_set_arg0(pid_t tid, const struct sct_arch *a, uint64_t v)
{
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	/* an ia32 task's arguments are 32 bits */
	ARG0(r, a) = a->wordsize == 4 ? (uint32_t)v : v;
	return ptrace(PTRACE_SETREGS, tid, 0, &r) < 0 ? -errno : 0;
}

int sct_regs_set_arg(pid_t tid, unsigned i, uint64_t v)
{
#if defined(__x86_64__)
	struct user_regs_struct r;
	unsigned long long *arg[6] = { &r.rdi, &r.rsi, &r.rdx, &r.r10,
				       &r.r8, &r.r9 };

	if (i >= 6)
		return -EINVAL;
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	*arg[i] = v;
	return ptrace(PTRACE_SETREGS, tid, 0, &r) < 0 ? -errno : 0;
#else
	(void)tid, (void)i, (void)v;
	return -ENOTSUP;
#endif
}

int sct_regs_skip(pid_t tid, const struct sct_arch *a, int64_t ret)
{
	struct user_regs_struct r;

	(void)a;
	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	NR(r) = -1;
	RET(r) = ret;
	return ptrace(PTRACE_SETREGS, tid, 0, &r) < 0 ? -errno : 0;
}

int sct_regs_result(pid_t tid, uint64_t *pc, int64_t *ret)
{
#if defined(__x86_64__)
	struct user_regs_struct r;

	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	*pc = r.rip;
	*ret = (int64_t)r.rax;
	return 0;
#else
	(void)tid;
	(void)pc;
	(void)ret;
	return -ENOTSUP;
#endif
}

#elif defined(__aarch64__)
#include <elf.h>
#include <sys/user.h>

int sct_regs_result(pid_t tid, uint64_t *pc, int64_t *ret)
{
	struct user_regs_struct r;
	struct iovec io = { &r, sizeof(r) };

	if (ptrace(PTRACE_GETREGSET, tid, NT_PRSTATUS, &io) < 0)
		return -errno;
	*pc = r.pc;
	*ret = (int64_t)r.regs[0];
	return 0;
}

/*
 * Set x0/r0: struct user_regs_struct for an aarch64 task, the compat
 * view's 18 words (r0-r15, cpsr, orig_r0) for an arm task.
 */
static int set_x0(pid_t tid, const struct sct_arch *a, uint64_t v)
{
	struct user_regs_struct r64;
	uint32_t r32[18];
	struct iovec io;

	if (a->wordsize == 4) {
		io.iov_base = r32;
		io.iov_len = sizeof(r32);
	} else {
		io.iov_base = &r64;
		io.iov_len = sizeof(r64);
	}
	if (ptrace(PTRACE_GETREGSET, tid, NT_PRSTATUS, &io) < 0)
		return -errno;
	if (a->wordsize == 4)
		r32[0] = (uint32_t)v;
	else
		r64.regs[0] = v;
	return ptrace(PTRACE_SETREGSET, tid, NT_PRSTATUS, &io) < 0 ? -errno : 0;
}

int sct_regs_set_arg0(pid_t tid, const struct sct_arch *a, uint64_t v)
{
	return set_x0(tid, a, v);
}

int sct_regs_set_arg(pid_t tid, unsigned i, uint64_t v)
{
	struct user_regs_struct r;
	struct iovec io = { &r, sizeof(r) };

	if (i >= 6)
		return -EINVAL;
	if (ptrace(PTRACE_GETREGSET, tid, NT_PRSTATUS, &io) < 0)
		return -errno;
	r.regs[i] = v;
	return ptrace(PTRACE_SETREGSET, tid, NT_PRSTATUS, &io) < 0 ? -errno : 0;
}

int sct_regs_skip(pid_t tid, const struct sct_arch *a, int64_t ret)
{
	int nr = -1;
	struct iovec io = { &nr, sizeof(nr) };

	/* in both views (an arm task's too) */
	if (ptrace(PTRACE_SETREGSET, tid, NT_ARM_SYSTEM_CALL, &io) < 0)
		return -errno;
	return set_x0(tid, a, (uint64_t)ret);
}

#elif defined(__arm__)
#include <sys/user.h>

#ifndef PTRACE_SET_SYSCALL
#define PTRACE_SET_SYSCALL	23
#endif

static int set_r0(pid_t tid, uint64_t v)
{
	struct user_regs r;

	if (ptrace(PTRACE_GETREGS, tid, 0, &r) < 0)
		return -errno;
	r.uregs[0] = (unsigned long)v;
	return ptrace(PTRACE_SETREGS, tid, 0, &r) < 0 ? -errno : 0;
}

int sct_regs_set_arg0(pid_t tid, const struct sct_arch *a, uint64_t v)
{
	(void)a;
	return set_r0(tid, v);
}

int sct_regs_set_arg(pid_t tid, unsigned i, uint64_t v)
{
	(void)tid, (void)i, (void)v;
	return -ENOTSUP;	/* no recorder on this host */
}

int sct_regs_skip(pid_t tid, const struct sct_arch *a, int64_t ret)
{
	(void)a;
	if (ptrace(PTRACE_SET_SYSCALL, tid, 0, (void *)-1L) < 0)
		return -errno;
	return set_r0(tid, (uint64_t)ret);
}

int sct_regs_result(pid_t tid, uint64_t *pc, int64_t *ret)
{
	(void)tid, (void)pc, (void)ret;
	return -ENOTSUP;	/* no recorder on this host */
}

#else
int sct_regs_set_arg0(pid_t tid, const struct sct_arch *a, uint64_t v)
{
	(void)tid, (void)a, (void)v;
	return -ENOSYS;
}

int sct_regs_set_arg(pid_t tid, unsigned i, uint64_t v)
{
	(void)tid, (void)i, (void)v;
	return -ENOTSUP;
}

int sct_regs_skip(pid_t tid, const struct sct_arch *a, int64_t ret)
{
	(void)tid, (void)a, (void)ret;
	return -ENOSYS;
}

int sct_regs_result(pid_t tid, uint64_t *pc, int64_t *ret)
{
	(void)tid, (void)pc, (void)ret;
	return -ENOTSUP;
}
#endif
