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
 * tracer leaves the stopped tracee waiting for a whole time slice: polling
 * then loses to sleeping, which the scheduler rewards with a prompt
 * wake-up.  So:
 *
 * - Misses: after SPIN_MISSES polls in a row that found nothing (tracees
 *   that block in their syscalls, or compute between them), the next
 *   SPIN_SKIP waits sleep straight away.
 * - Contention: polling goes in windows of WINDOW_NS.  A window starts
 *   only if the machine has a cpu to spare: no more threads runnable than
 *   cpus online (/proc/loadavg's count, us and the resumed tracee
 *   included); else the waits sleep and the count is read again
 *   RECHECK_NS later (a busy loop per cpu never lets a window start).
 *   When a window ends, the count is read again, and the tracer thread's
 *   involuntary context switches (getrusage).  Crowded at both ends of the
 *   window, or at one end and preempted CONTENDED times or more: the cpu
 *   is wanted, polling pauses for off_ns (PAUSE_MIN, doubling while
 *   contention lasts, up to PAUSE_MAX: a window polled under contention
 *   costs time slices) before the next try.  Preemptions on a machine
 *   that is not crowded come from our own tracee, woken on our cpu: the
 *   load balancer soon moves one of us to the idle cpu (sleeping would
 *   keep both on one), so polling goes on.
 * - Stalls: the run-queue count is a glimpse, and jobs that compute in
 *   bursts between sleeps (a parallel build, tests) slip between glimpses.
 *   So a window's end also reads how long some thread was kept waiting
 *   for a cpu during the window (/proc/pressure/cpu, the "some" total, in
 *   microseconds): more than STALL_MAX per mille of the time, and the cpus
 *   are wanted: polling pauses, as above.  Only a polled window counts:
 *   while we sleep, our own tracee and we wait to be woken at every stop,
 *   and where a wake-up across cpus is dear that alone came to 15-22% of
 *   the time (a stops-only capture of a syscall loop then stayed paused
 *   for good, at half the speed of polling).  After a pause one window
 *   polls, and a longer pause follows while the stalls last.  Without PSI
 *   in the kernel, the other signals decide alone.
 * - Execs: after a tracee's exec the waits sleep for EXEC_QUIET_NS.  The
 *   kernel places an exec'd program anew, and while the tracer polls, on
 *   another cpu than the tracer's: then every stop of the new program is
 *   a wake-up across cpus.  A sleeping tracer lets the new program and the
 *   tracer share one cpu, where a stop costs a switch.  Where a wake-up
 *   across cpus is dear (measured: 32 us, against 0.9 us on one cpu), a
 *   polling tracer ran fork+exec of /bin/true at half the speed of a
 *   sleeping one, while a syscall loop of one program ran twice as fast
 *   polling.  Polling in the middle of a program's life parts the two
 *   too: a shell loop of `ls -la` (some 50 ms each) ran 1.4-1.7x slower
 *   than sleeping with 20 ms of sleep after each exec, 1.2x with none,
 *   and as fast with 300 ms.  So short programs (a build, a shell script)
 *   are traced sleeping, and one that runs on polls after its first
 *   300 ms (the stops-only syscall loop of 3.5 s lost nothing measurable).
 * Three reads every WINDOW_NS at most: nothing once a stop.
 */
#include "config.h"
#include "stopwait.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SPIN_NS		40000ull	/* the longest poll for one stop */
#define SPIN_MISSES	8u
#define SPIN_SKIP	64u
#define WINDOW_NS	10000000ull	/* 10 ms */
#define CONTENDED	3
#define PAUSE_MIN	50000000ull	/* 50 ms */
#define PAUSE_MAX	1600000000ull	/* 1.6 s */
#define RECHECK_NS	10000000ull	/* 10 ms */
#define STALL_MAX	100		/* per mille of the time: cpus wanted */
#define EXEC_QUIET_NS	300000000ull	/* no polling after an exec: 300 ms */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static long thread_ivcsw(struct sct_stopwait *w)
{
	struct rusage ru;

	(void)w;
	if (getrusage(RUSAGE_THREAD, &ru) < 0)
		return 0;
	return ru.ru_nivcsw;
}

/* "0.52 0.58 0.59 3/467 12345": the 3 */
static int machine_running(struct sct_stopwait *w)
{
	char buf[128], *p;
	ssize_t n;

	if (w->loadavg_fd < 0) {
		w->loadavg_fd = open("/proc/loadavg", O_RDONLY | O_CLOEXEC);
		if (w->loadavg_fd < 0)
			return -1;
	}
	n = pread(w->loadavg_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strchr(buf, '/');
	if (!p)
		return -1;
	while (p > buf && p[-1] != ' ')
		p--;
	return atoi(p);
}

/* "some avg10=0.53 avg60=1.21 avg300=2.84 total=5031856764": the total */
static int64_t cpu_stalled(struct sct_stopwait *w)
{
	char buf[256], *p;
	ssize_t n;

	if (w->psi_fd == -2)
		return -1;
	if (w->psi_fd < 0) {
		w->psi_fd = open("/proc/pressure/cpu", O_RDONLY | O_CLOEXEC);
		if (w->psi_fd < 0) {
			w->psi_fd = -2;	/* no PSI in this kernel: not again */
			return -1;
		}
	}
	n = pread(w->psi_fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	p = strstr(buf, "total=");	/* (the first line is "some") */
	return p ? strtoll(p + 6, NULL, 10) : -1;
}

static const struct sct_stopwait_meter real_meter = {
	.ivcsw = thread_ivcsw,
	.running = machine_running,
	.stalled = cpu_stalled,
};

void sct_stopwait_init(struct sct_stopwait *w, bool spin, int ncpus)
{
	*w = (struct sct_stopwait){
		.spin = spin,
		.ncpus = ncpus,
		.loadavg_fd = -1,
		.psi_fd = -1,
		.mark_stall = -1,
		.off_ns = PAUSE_MIN,
	};
}

void sct_stopwait_fini(struct sct_stopwait *w)
{
	if (w->loadavg_fd >= 0)
		close(w->loadavg_fd);
	if (w->psi_fd >= 0)
		close(w->psi_fd);
	w->loadavg_fd = w->psi_fd = -1;
}

/* more runnable threads than cpus: none to spare for polling */
static bool crowded(struct sct_stopwait *w, const struct sct_stopwait_meter *m)
{
	int n = m->running(w);

	return n > w->ncpus;
}

/*
 * Per mille of the time since the last mark (a window's or a pause's
 * start) in which some thread waited for a cpu, -1: unknown; marks now.
 */
static int stall_since_mark(struct sct_stopwait *w, uint64_t now,
			    const struct sct_stopwait_meter *m)
{
	int64_t s = m->stalled ? m->stalled(w) : -1;
	int r = -1;

	if (s >= 0 && w->mark_stall >= 0 && now > w->mark_ns &&
	    s >= w->mark_stall)
		r = (int)((s - w->mark_stall) * 1000000 /
			  (int64_t)(now - w->mark_ns));
	w->mark_stall = s;
	w->mark_ns = now;
	return r;
}

static void pause_polling(struct sct_stopwait *w, uint64_t now)
{
	w->off_until = now + w->off_ns;
	w->off_ns = w->off_ns * 2 > PAUSE_MAX ? PAUSE_MAX : w->off_ns * 2;
	w->win_start = 0;
	w->pauses++;
}

bool sct_stopwait_polls(struct sct_stopwait *w, uint64_t now,
			const struct sct_stopwait_meter *m)
{
	long n;
	bool c;
	int st;

	if (!w->spin || now < w->off_until)
		return false;
	if (w->skip) {
		w->skip--;
		return false;
	}
	if (!w->win_start) {
		/*
		 * (what stalled while we slept is no sign of others: where a
		 * wake-up across cpus is dear, our own tracee and we, woken
		 * at every stop, wait 15-22% of the time; only a window
		 * polled tells)
		 */
		stall_since_mark(w, now, m);
		if (crowded(w, m)) {
			/* cheap to tell again: look again soon */
			w->off_until = now + RECHECK_NS;
			w->rechecks++;
			return false;
		}
		w->was_crowded = false;
		w->win_start = now;
		w->win_ivcsw = m->ivcsw(w);
		return true;
	}
	if (now - w->win_start < WINDOW_NS)
		return true;
	n = m->ivcsw(w);
	c = crowded(w, m);
	st = stall_since_mark(w, now, m);
	/* one count can catch a thread passing by (see above) */
	if (st > STALL_MAX || (c && w->was_crowded) ||
	    ((c || w->was_crowded) && n - w->win_ivcsw >= CONTENDED)) {
		pause_polling(w, now);
		return false;
	}
	w->was_crowded = c;
	w->off_ns = PAUSE_MIN;
	w->win_start = now;
	w->win_ivcsw = n;
	return true;
}

void sct_stopwait_exec(struct sct_stopwait *w, uint64_t now)
{
	uint64_t until;

	if (!w->spin)
		return;
	until = (now ? now : now_ns()) + EXEC_QUIET_NS;
	if (until > w->off_until)
		w->off_until = until;
	w->win_start = 0;
	w->exec_quiets++;
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

	if (!w->spin) {
		w->slept++;
		return waitpid(-1, status, __WALL);
	}
	t0 = now_ns();
	if (!sct_stopwait_polls(w, t0, &real_meter)) {
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
