/* SPDX-License-Identifier: GPL-2.0-or-later */
/* seccomp-bpf pre-filter built with libseccomp (no hand-written BPF). */
#include "config.h"
#include "seccomp_filter.h"
#include "arch/arch.h"
#include "decode.h"
#include "log.h"
#include "mem.h"
#include "schema.h"

#include <errno.h>
#include <sched.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

struct sct_seccomp {
	scmp_filter_ctx ctx;
	unsigned count;
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
	/* 32-bit programs must be traced too, not killed or given ENOSYS */
	for (i = 0; i < 3 && a->seccomp_compat[i]; i++) {
		r = seccomp_arch_add(s->ctx, a->seccomp_compat[i]);
		if (r && r != -EEXIST)
			sct_debug("seccomp: arch 0x%x: %s",
				  a->seccomp_compat[i], strerror(-r));
	}
	r = 0;
	if (all) {
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

unsigned sct_seccomp_count(const struct sct_seccomp *s)
{
	return s->count;
}

int sct_seccomp_load(struct sct_seccomp *s)
{
	return seccomp_load(s->ctx);
}

void sct_seccomp_free(struct sct_seccomp *s)
{
	if (!s)
		return;
	seccomp_release(s->ctx);
	free(s);
}
