/* SPDX-License-Identifier: GPL-2.0-or-later */
/* seccomp-bpf pre-filter built with libseccomp (no hand-written BPF). */
#include "config.h"
#include "seccomp_filter.h"
#include "arch/arch.h"
#include "decode.h"
#include "log.h"
#include "mem.h"
#include "ring.h"
#include "schema.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <sched.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

struct sct_seccomp {
	scmp_filter_ctx ctx;
	unsigned count;
	/* with a trampoline: libseccomp's program behind our own test */
	struct sock_filter *prog;
	unsigned short len;
	bool all;
};

/*
 * Calls that stop whatever the filter asks.  Not the process lifecycle
 * ones: sctrace follows forks, clones and execs by their ptrace event
 * stops (PTRACE_EVENT_FORK/VFORK/CLONE/EXEC), which come with or without
 * a syscall stop, so clone, fork, vfork and execve stop only when the
 * filter keeps their events.
 */
static const char *const lifecycle[] = {
	/* i386's multiplexer: the socket call in it is known only at the stop */
	"socketcall",
	/* its process's memory must be read carefully from then on (mem.h) */
	"userfaultfd",
};

/* Calls that change a process's mappings: -k's caches follow them. */
static const char *const mapping[] = {
	"mmap", "mmap2", "munmap", "mprotect", "mremap", "brk",
};

/* evt.type name of a native syscall: its dedicated event's, or its own. */
static const char *event_name(const struct sct_sysent *se)
{
	/* the decoder of the output mode (--old-readers: the 2022 one) */
	const struct sct_decoder *d = sct_decoder_get(se->decoder);

	if (d)
		return sct_events[d->ev_enter].name;
	return se->name;
}

static int trace(struct sct_seccomp *s, const char *name)
{
	int nr = seccomp_syscall_resolve_name(name);
	int r;

	if (nr == __NR_SCMP_ERROR)
		return 0;	/* not on this machine: nothing to trace */
	r = seccomp_rule_add(s->ctx, SCMP_ACT_TRACE(SCT_SECCOMP_DATA), nr, 0);
	if (r == 0)
		s->count++;
	return r == -EEXIST ? 0 : r;
}

/* Trace syscall name when its arguments pass the comparison cmp. */
static int trace_if(struct sct_seccomp *s, const char *name,
		    struct scmp_arg_cmp cmp)
{
	int nr = seccomp_syscall_resolve_name(name);
	int r;

	if (nr == __NR_SCMP_ERROR)
		return 0;
	r = seccomp_rule_add(s->ctx, SCMP_ACT_TRACE(SCT_SECCOMP_DATA), nr, 1, cmp);
	return r == -EEXIST ? 0 : r;
}

/*
 * Trace every call of ABI t whose own name or event name is in types[n].
 * The rule names the call: libseccomp resolves a name the native ABI lacks
 * (getuid32, _llseek, mmap2 for an ia32 task) to a pseudo number that it
 * maps to the right number in each added 32-bit ABI.
 */
static int trace_matching(struct sct_seccomp *s, const struct sct_arch *t,
			  const char *const *types, unsigned n)
{
	unsigned i, j;
	int r = 0;

	for (i = 0; i < t->nsysent + t->nextra && !r; i++) {
		const struct sct_sysent *se = i < t->nsysent ?
			&t->sysent[i] : &t->extra[i - t->nsysent].se;

		if (!se->name)
			continue;
		for (j = 0; j < n; j++)
			if (!strcmp(types[j], event_name(se)) ||
			    !strcmp(types[j], se->name)) {
				r = trace(s, se->name);
				break;
			}
	}
	return r;
}

struct sct_seccomp *sct_seccomp_build(const char *const *types, unsigned n,
				      bool all, bool maps)
{
	const struct sct_arch *a = sct_arch_native();
	struct sct_seccomp *s = calloc(1, sizeof(*s));
	unsigned i;
	int r = 0;

	if (!s)
		sct_die("out of memory");
	s->ctx = seccomp_init(all ? SCMP_ACT_TRACE(SCT_SECCOMP_DATA) : SCMP_ACT_ALLOW);
	if (!s->ctx) {
		sct_warn("seccomp: libseccomp could not start a filter");
		free(s);
		return NULL;
	}
	/*
	 * The filter must not change how the program runs: no forced
	 * speculative store bypass mitigation (kernels before 5.16 forced
	 * it on every filtered process).  A kernel without the flag: as is.
	 */
	(void)seccomp_attr_set(s->ctx, SCMP_FLTATR_CTL_SSB, 1);
	/* 32-bit programs must be traced too, not killed or given ENOSYS */
	for (i = 0; i < 3 && a->seccomp_compat[i]; i++) {
		r = seccomp_arch_add(s->ctx, a->seccomp_compat[i]);
		if (r && r != -EEXIST)
			sct_debug("seccomp: arch 0x%x: %s",
				  a->seccomp_compat[i], strerror(-r));
	}
	r = 0;
	if (all) {
		s->all = true;
		s->count = a->nsysent;
		return s;
	}
	for (i = 0; i < sizeof(lifecycle) / sizeof(lifecycle[0]) && !r; i++)
		r = trace(s, lifecycle[i]);
	for (i = 0; maps && i < sizeof(mapping) / sizeof(mapping[0]) && !r; i++)
		r = trace(s, mapping[i]);
	/* the other way to make a userfaultfd: the ioctl of /dev/userfaultfd */
	if (!r)
		r = trace_if(s, "ioctl", SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffu,
						 SCT_USERFAULTFD_IOC_NEW));
	/*
	 * A child made with CLONE_UNTRACED is followed all the same, the flag
	 * cleared at the call's entry (fixup.c): clone's flags are in a
	 * register, clone3's in memory, out of the filter's sight.
	 */
	if (!r)
		r = trace_if(s, "clone", SCMP_A0(SCMP_CMP_MASKED_EQ,
						 CLONE_UNTRACED,
						 CLONE_UNTRACED));
	if (!r)
		r = trace(s, "clone3");
	if (!r)
		r = trace_matching(s, a, types, n);
	/*
	 * Whether a thread's death has a signaldeliver depends on whether
	 * it called exit or exit_group (sysevent.c sct_sysevent_death).
	 */
	for (i = 0; i < n && !r; i++)
		if (!strcmp(types[i], "signaldeliver")) {
			r = trace(s, "exit");
			if (!r)
				r = trace(s, "exit_group");
		}
	/* the 32-bit ABIs' own calls (their shared ones are already in) */
	for (i = 0; i < 3 && a->compat[i] && !r; i++)
		r = trace_matching(s, a->compat[i], types, n);
	if (r) {
		sct_warn("seccomp: cannot build the filter: %s", strerror(-r));
		sct_seccomp_free(s);
		return NULL;
	}
	return s;
}

/*
 * The test in front of libseccomp's program (which cannot look at the
 * instruction pointer): jumps are relative, so the program runs on
 * unchanged after it.
 */
#define PREFIX_LEN	10

int sct_seccomp_trampoline(struct sct_seccomp *s, uint64_t ip)
{
	const uint32_t lo = (uint32_t)ip, hi = (uint32_t)(ip >> 32);
	const struct sock_filter prefix[PREFIX_LEN] = {
		/* 0 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, arch)),
		/* 1 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
				 sct_arch_native()->audit_arch, 0, 8),
		/* 2 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data, nr)),
		/* 3 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SCT_NR_MAGIC, 4, 0),
		/* 4 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data,
					  instruction_pointer)),
		/* 5 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, lo, 0, 4),
		/* 6 */ BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				 offsetof(struct seccomp_data,
					  instruction_pointer) + 4),
		/* 7 */ BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, hi, 1, 2),
		/* 8 */ BPF_STMT(BPF_RET | BPF_K,
				 SECCOMP_RET_TRACE | SCT_SECCOMP_DATA),
		/* 9 */ BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		/* 10: libseccomp's program */
	};
	struct sock_filter *prog;
	off_t size;
	size_t n;
	int fd, r;

	/* (the instruction pointer's halves are the wrong way round else) */
	if (__BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__)
		return -ENOTSUP;
	fd = (int)syscall(SYS_memfd_create, "sctrace-bpf", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = seccomp_export_bpf(s->ctx, fd);
	size = lseek(fd, 0, SEEK_END);
	if (r || size <= 0 || size % sizeof(*prog) ||
	    (size_t)size / sizeof(*prog) + PREFIX_LEN > BPF_MAXINSNS) {
		close(fd);
		return r ? r : -E2BIG;
	}
	n = (size_t)size / sizeof(*prog);
	prog = calloc(n + PREFIX_LEN, sizeof(*prog));
	if (!prog)
		sct_die("out of memory");
	memcpy(prog, prefix, sizeof(prefix));
	if (pread(fd, prog + PREFIX_LEN, (size_t)size, 0) != size) {
		r = -EIO;
		free(prog);
	} else {
		free(s->prog);
		s->prog = prog;
		s->len = (unsigned short)(n + PREFIX_LEN);
	}
	close(fd);
	return r;
}

unsigned sct_seccomp_count(const struct sct_seccomp *s)
{
	return s->count;
}

/* Load fp, without the forced mitigation where the kernel knows the flag. */
static int load_prog(struct sock_fprog *fp)
{
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_SPEC_ALLOW, fp) == 0)
		return 0;
	if (errno != EINVAL)
		return -1;
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, fp);
}

int sct_seccomp_load(struct sct_seccomp *s)
{
	struct sock_fprog fp = { .len = s->len, .filter = s->prog };

	if (!s->prog)
		return seccomp_load(s->ctx);
	/*
	 * Without no_new_privs where the kernel allows it (CAP_SYS_ADMIN):
	 * a set-uid program a privileged tracer's command runs keeps its
	 * privileges, as without the filter.  Else no_new_privs first, as
	 * libseccomp loads its own (and ptrace already ignores set-uid bits
	 * for an unprivileged tracer).
	 */
	if (load_prog(&fp) == 0)
		return 0;
	if (errno != EACCES)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	if (load_prog(&fp) < 0)
		return -errno;
	return 0;
}

void sct_seccomp_free(struct sct_seccomp *s)
{
	if (!s)
		return;
	seccomp_release(s->ctx);
	free(s->prog);
	free(s);
}
