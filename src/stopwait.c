/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Waiting for the next ptrace stop.
 *
 * A thread that was just resumed usually stops again within microseconds.
 * Sleeping in waitpid costs two wake-ups through the scheduler per stop
 * (the tracer's, then the tracee's), mostly from one cpu to another; in a
 * virtual machine that is an interrupt to a halted vcpu through the host,
 * often most of what a stop costs.  So, with a cpu to spare, the tracer
 * polls waitpid(WNOHANG) for up to SPIN_NS first.
 *
 * Polling only pays with a cpu to spare.  When the cpu it burns is wanted
 * (other jobs, a busy loop per core, the tracee queued behind the tracer on
 * one cpu), the scheduler preempts the polling tracer, and a preempted
 * tracer leaves the stopped tracee waiting a whole time slice: polling then
 * loses to sleeping, which the scheduler rewards with a prompt wake-up.
 * Two rules:
 *
 * - Misses: after SPIN_MISSES polls in a row that found nothing (tracees
 *   that block in their syscalls, or compute between them), the next
 *   SPIN_SKIP waits sleep straight away.
 * - Contention: every WINDOW_NS of polling, the tracer thread's involuntary
 *   context switches are read (getrusage, one syscall per window, none per
 *   stop).  CONTENDED or more in a window mean the cpu is wanted: polling
 *   pauses for off_ns (PAUSE_MIN, doubling while contention lasts, up to
 *   PAUSE_MAX), then is tried again for a window.  An idle machine
 *   preempts a polling tracer about never.
 */
#include "config.h"
#include "stopwait.h"

#include <errno.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#define SPIN_NS		40000ull	/* the longest poll for one stop */
#define SPIN_MISSES	8u
#define SPIN_SKIP	64u
#define WINDOW_NS	10000000ull	/* 10 ms */
#define CONTENDED	2
#define PAUSE_MIN	50000000ull	/* 50 ms */
#define PAUSE_MAX	1600000000ull	/* 1.6 s */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static long thread_ivcsw(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru) < 0)
		return 0;
	return ru.ru_nivcsw;
}

void sct_stopwait_init(struct sct_stopwait *w, bool spin)
{
	*w = (struct sct_stopwait){ .spin = spin, .off_ns = PAUSE_MIN };
}

bool sct_stopwait_polls(struct sct_stopwait *w, uint64_t now,
			long (*ivcsw)(void))
{
	long n;

	if (!w->spin || now < w->off_until)
		return false;
	if (w->skip) {
		w->skip--;
		return false;
	}
	if (!w->win_start) {
		w->win_start = now;
		w->win_ivcsw = ivcsw();
		return true;
	}
	if (now - w->win_start < WINDOW_NS)
		return true;
	n = ivcsw();
	if (n - w->win_ivcsw >= CONTENDED) {
		/* the cpu is wanted: sleep for a while, then try again */
		w->off_until = now + w->off_ns;
		w->off_ns = w->off_ns * 2 > PAUSE_MAX ? PAUSE_MAX : w->off_ns * 2;
		w->win_start = 0;
		w->pauses++;
		return false;
	}
	w->off_ns = PAUSE_MIN;
	w->win_start = now;
	w->win_ivcsw = n;
	return true;
}

void sct_stopwait_missed(struct sct_stopwait *w)
{
	if (++w->misses >= SPIN_MISSES) {
		w->misses = 0;
		w->skip = SPIN_SKIP;
	}
}

pid_t sct_stopwait_next(struct sct_stopwait *w, int *status,
			const volatile sig_atomic_t *interrupted)
{
	uint64_t t0;
	pid_t pid;

	if (!w->spin)
		return waitpid(-1, status, __WALL);
	t0 = now_ns();
	if (!sct_stopwait_polls(w, t0, thread_ivcsw)) {
		w->slept++;
		return waitpid(-1, status, __WALL);
	}
	w->polled++;
	do {
		pid = waitpid(-1, status, __WALL | WNOHANG);
		if (pid != 0) {
			w->misses = 0;
			return pid;
		}
		if (*interrupted) {
			errno = EINTR;
			return -1;
		}
	} while (now_ns() - t0 < SPIN_NS);
	sct_stopwait_missed(w);
	return waitpid(-1, status, __WALL);
}
