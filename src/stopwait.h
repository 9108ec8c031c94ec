/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Waiting for the next ptrace stop: poll first while that pays, else sleep. */
#ifndef SCTRACE_STOPWAIT_H
#define SCTRACE_STOPWAIT_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct sct_stopwait;

/* what the policy measures (the real ones, or made-up ones in tests) */
struct sct_stopwait_meter {
	/* the tracer thread's involuntary context switches so far */
	long (*ivcsw)(struct sct_stopwait *w);
	/* threads runnable on the machine now (us included), -1: unknown */
	int (*running)(struct sct_stopwait *w);
	/*
	 * microseconds so far in which some runnable thread waited for a cpu
	 * (/proc/pressure/cpu, "some" total), -1: unknown
	 */
	int64_t (*stalled)(struct sct_stopwait *w);
};

struct sct_stopwait {
	bool spin;		/* polling allowed: not --no-spin, >1 cpu */
	int ncpus;		/* cpus online */
	int loadavg_fd;		/* /proc/loadavg, opened when first read */
	int psi_fd;		/* /proc/pressure/cpu, likewise; -2: none */
	unsigned misses;	/* polls in a row that found nothing */
	unsigned skip;		/* waits left that sleep before polling again */
	uint64_t win_start;	/* ns: this contention window began, 0: none */
	long win_ivcsw;		/* our involuntary switches then */
	int64_t mark_stall;	/* stalled() at mark_ns, -1: unknown */
	uint64_t mark_ns;	/* a window's or a pause's start */
	bool was_crowded;	/* at the end of the window before */
	uint64_t off_until;	/* ns: no polling before then (contention, exec) */
	uint64_t off_ns;	/* how long the next pause lasts */
	/* what happened, for tests and debugging */
	uint64_t polled, slept, pauses, rechecks, exec_quiets;
};

/* spin: polling is allowed at all; ncpus: cpus online */
void sct_stopwait_init(struct sct_stopwait *w, bool spin, int ncpus);
void sct_stopwait_fini(struct sct_stopwait *w);

/*
 * waitpid(-1, status, __WALL), polled first when that pays.  Returns -1
 * with errno EINTR as soon as *interrupted is set during a poll.
 */
pid_t sct_stopwait_next(struct sct_stopwait *w, int *status,
			const volatile sig_atomic_t *interrupted);

/*
 * The policy alone, for tests: whether the wait starting at now
 * (CLOCK_MONOTONIC ns) polls.  m is read only when a contention window
 * starts or ends, never once a stop.
 */
bool sct_stopwait_polls(struct sct_stopwait *w, uint64_t now,
			const struct sct_stopwait_meter *m);
/*
 * A tracee exec'd at now (CLOCK_MONOTONIC ns, 0: read the clock): the
 * waits sleep for a while (see stopwait.c).
 */
void sct_stopwait_exec(struct sct_stopwait *w, uint64_t now);
/* a poll of SPIN_NS found nothing */
void sct_stopwait_missed(struct sct_stopwait *w);

#endif
