/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the tracer knows of each traced thread and process (private to
 * tracer.c and evfilter.c).
 */
#ifndef SCTRACE_THREAD_H
#define SCTRACE_THREAD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct sct_arch;
struct sct_sysent;
struct sct_decoder;

/* fd.name as sinsp gives it: the path as opened (link: as the kernel shows it) */
struct sct_fdname {
	char *name;
	char *link;
};

#define SCT_FDCACHE_MAX	1024

struct sct_group {
	pid_t pid;
	int refs;
	int pidfd;
	bool attached;		/* -p: detach, never kill, when we stop */
	bool seccomp;		/* runs under our seccomp filter */
	struct sct_fdname *fdcache;	/* as-opened names of fds, for filters */
	/* for proc.ppid / proc.pname in filters, read when first needed */
	bool pinfo;
	pid_t ppid;
	char pcomm[32];
};

struct sct_thread {
	pid_t tid;
	struct sct_group *g;
	struct sct_thread *next;		/* hash chain */
	bool started;			/* first stop seen */
	bool in_syscall;
	bool enter_written;		/* the current syscall's enter is in the file */
	bool held;			/* stopped until its parent says who it is */
	bool announced;			/* its parent's clone event was seen */
	bool child_pending;		/* clone exit of the child side to write */
	bool seized;			/* attached by us (-p), not auto-attached */
	bool detaching;			/* interrupted to be detached */
	const struct sct_arch *arch;
	const struct sct_sysent *se;
	uint64_t nr;
	uint64_t args[6];
	int64_t enter_fd;		/* fd of the current syscall, for filters */
	char *enter_fdname;		/* ... and its fd.name / fd.type there */
	const char *enter_fdtype;
	/* for the child side of a clone */
	const struct sct_decoder *child_dec;
	uint32_t child_flags;
	bool child_own_cgroup;		/* clone3 with CLONE_INTO_CGROUP */
	pid_t parent_tid;
	uint64_t child_args[6];
	int cpu;
	uint64_t cpu_ts;
	char comm[32];			/* for text output only */
};

#endif
