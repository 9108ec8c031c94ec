/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the tracer knows of each traced thread and process, and the table
 * of traced threads (thread.c).  Private to the tracer's files and
 * evfilter.c.
 */
#ifndef SCTRACE_THREAD_H
#define SCTRACE_THREAD_H

#include <stdbool.h>
#include <stddef.h>
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
	bool uffd;		/* may have userfaultfd ranges: careful reads */
	struct sct_fdname *fdcache;	/* as-opened names of fds, for filters */
	/* for proc.ppid / proc.pname in filters, read when first needed */
	bool pinfo;
	pid_t ppid;
	char pcomm[32];
	/* fds it opened on a /proc/.../comm file for writing (sysevent.c) */
	int comm_fds[4];
	unsigned ncomm_fds;
	unsigned comm_gen;		/* one more at each write to one */
	struct sct_pstack *stack;	/* -k: its unwind caches (stack.c) */
	/* its recorder's trampoline, once on (buffer.c), else 0 */
	uint64_t lib_ip;
	/*
	 * ld.so may be loading it: its fd (-1: none, -2: open, the fd not
	 * known yet), the range its file is mapped at
	 */
	bool lib_loading;
	int lib_fd;
	uint64_t lib_lo, lib_hi;
	/* its program (a key of recexec.c's) and the records it made */
	uint64_t prog_key;
	uint32_t records;
};

/* What the capture's readers know of a thread (sysevent.c). */
enum sct_told {
	SCT_TOLD_NOTHING,	/* not in the header, no clone event written */
	SCT_TOLD_ALL,		/* its process and program as they are */
	SCT_TOLD_STALE,		/* a program it has left: an exec not written */
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
	bool prelude;			/* launched, not at its execve yet */
	bool quiet;			/* output gone: only resumed, never recorded */
	bool dumping;			/* took a core-dumping signal */
	bool gone;			/* dead: its /proc is gone */
	bool own_call;			/* in a syscall of its recorder (buffer.c) */
	bool own_exit;			/* ... whose exit buffer.c wants to see */
	uint64_t own_nr, own_len;
	/* an exec's program (recexec.c); its environment argument replaced */
	uint64_t exec_key;
	bool env_set;
	uint8_t env_arg;
	uint64_t env_orig;
	enum sct_told told;		/* what the readers know of it */
	const struct sct_arch *arch;
	const struct sct_sysent *se;
	uint64_t nr;
	uint64_t args[6];
	uint64_t enter_ns;		/* -c: when the current syscall stopped */
	uint64_t ip, sp;		/* at the enter stop (-k) */
	char *stack;			/* -k -o: its stack at the enter, for after its exit */
	int64_t enter_fd;		/* fd of the current syscall, for filters */
	char *enter_fdname;		/* ... and its fd.name / fd.type there */
	const char *enter_fdtype;
	/* for the child side of a clone (sysevent.c; written at its first stop) */
	const struct sct_decoder *child_dec;
	uint32_t child_flags;
	bool child_own_cgroup;		/* clone3 with CLONE_INTO_CGROUP */
	pid_t parent_tid;
	uint64_t child_args[6];
	int cpu;
	uint64_t cpu_ts;
	char comm[32];			/* cached: use sct_thread_comm */
	unsigned comm_gen;		/* g->comm_gen when comm was read */
	uint32_t nemitted;		/* its events written so far */
	/* in-process recording (buffer.c): its ring, its recorded call */
	struct sct_bring *ring;
	bool ring_paused;		/* until its next stop (a vfork) */
	bool ring_shared;		/* for good (a CLONE_VM process) */
	bool buf_in, buf_enter_written;
	uint32_t buf_seq;		/* nemitted after that enter */
	int64_t buf_nr;
	uint64_t buf_args[6];
	uint64_t buf_enter_ts;
	/* a signal came at its return: its exit is written (or restarts) */
	bool buf_exit_done, buf_restarted;
};

#define SCT_THREADS_HASH	4096u

struct sct_threads {
	struct sct_thread *hash[SCT_THREADS_HASH];
	unsigned n;
};

/* The thread with this tid, or NULL (once per stop: inline). */
static inline struct sct_thread *sct_thread_find(const struct sct_threads *ts,
						 pid_t tid)
{
	struct sct_thread *t;

	for (t = ts->hash[(unsigned)tid % SCT_THREADS_HASH]; t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

/* A new process (thread group) with no thread yet. */
struct sct_group *sct_group_new(pid_t pid);
/* Drop a reference to g (its last: free it). */
void sct_group_put(struct sct_group *g);
/* Add thread tid, of process g (NULL: a new process of its own). */
struct sct_thread *sct_thread_add(struct sct_threads *ts, pid_t tid,
				  struct sct_group *g);
/* Forget t (and its process with its last thread). */
void sct_thread_drop(struct sct_threads *ts, struct sct_thread *t);
/*
 * t's name (comm), as text output and proc.name filters show it: read
 * from /proc when first needed, again after an exec, a PR_SET_NAME or a
 * write to a comm file of its process (sysevent.c clears the cache).
 */
const char *sct_thread_comm(struct sct_thread *t);
/* Call fn on every thread; fn may drop the thread it is given. */
void sct_threads_for_each(struct sct_threads *ts,
			  void (*fn)(struct sct_thread *t, void *arg),
			  void *arg);

#endif
