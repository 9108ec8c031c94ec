/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The polling policy of stopwait.c on a made-up clock and a made-up count
 * of involuntary context switches: when the tracer polls for the next stop,
 * when contention pauses it and for how long, and when misses do.
 */
#include "config.h"

#include <check.h>
#include <stdint.h>

#include "stopwait.h"

#define MS	1000000ull

/*
 * The tracer's involuntary context switches so far, the threads runnable
 * on the 2-cpu machine, and how often each was read.
 */
static long fake_ivcsw;
static int fake_running;
static int64_t fake_stall;	/* us some thread waited for a cpu, -1: unknown */
static unsigned reads, running_reads;

static long fake_ivcsw_read(struct sct_stopwait *w)
{
	(void)w;
	reads++;
	return fake_ivcsw;
}

static int fake_running_read(struct sct_stopwait *w)
{
	(void)w;
	running_reads++;
	return fake_running;
}

static int64_t fake_stall_read(struct sct_stopwait *w)
{
	(void)w;
	return fake_stall;
}

static const struct sct_stopwait_meter fake = {
	.ivcsw = fake_ivcsw_read,
	.running = fake_running_read,
	.stalled = fake_stall_read,
};
static const struct sct_stopwait_meter *const meter = &fake;

static void fresh(struct sct_stopwait *w, bool spin)
{
	sct_stopwait_init(w, spin, 2);
	fake_ivcsw = 100;
	fake_running = 2;	/* the tracer and its tracee */
	fake_stall = 0;
	reads = 0;
	running_reads = 0;
}

START_TEST(test_no_spin)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, false);
	for (t = 1 * MS; t < 100 * MS; t += MS / 10)
		ck_assert(!sct_stopwait_polls(&w, t, meter));
	ck_assert_uint_eq(reads, 0);
	ck_assert_uint_eq(running_reads, 0);
}
END_TEST

/* an idle machine: nobody preempts the polling tracer, it keeps polling */
START_TEST(test_idle_polls)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, true);
	for (t = 1 * MS; t < 1001 * MS; t += MS / 100) {
		ck_assert(sct_stopwait_polls(&w, t, meter));
		if (t % (50 * MS) == 0)
			fake_ivcsw++;	/* a kworker now and then */
	}
	/* the counter is read once a window (10 ms), not once a stop */
	ck_assert_uint_ge(reads, 99);
	ck_assert_uint_le(reads, 101);
	ck_assert_uint_eq(running_reads, reads);
	ck_assert_uint_eq(w.pauses, 0);
}
END_TEST

/* preempted 3 times in a window, crowded: the cpu is wanted, pause */
START_TEST(test_contention_pauses)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, true);
	ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 5 * MS, meter));
	fake_ivcsw += 3;
	fake_running = 3;
	/* the window ends at 11 ms: 50 ms without polling */
	ck_assert(!sct_stopwait_polls(&w, 11 * MS, meter));
	ck_assert_uint_eq(w.pauses, 1);
	for (t = 12 * MS; t < 61 * MS; t += MS)
		ck_assert(!sct_stopwait_polls(&w, t, meter));
	/* tried again: still contended, the pause doubles */
	fake_running = 2;
	ck_assert(sct_stopwait_polls(&w, 61 * MS, meter));
	fake_ivcsw += 3;
	fake_running = 3;
	ck_assert(!sct_stopwait_polls(&w, 71 * MS, meter));
	ck_assert(!sct_stopwait_polls(&w, 170 * MS, meter));
	fake_running = 2;
	ck_assert(sct_stopwait_polls(&w, 171 * MS, meter));
	/* contention gone: the window is clean, polling goes on */
	ck_assert(sct_stopwait_polls(&w, 181 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 200 * MS, meter));
	ck_assert_uint_eq(w.pauses, 2);
	/* and the next pause is the shortest again */
	ck_assert(sct_stopwait_polls(&w, 201 * MS, meter));
	fake_ivcsw += 3;
	fake_running = 3;
	ck_assert(!sct_stopwait_polls(&w, 210 * MS, meter));
	ck_assert(!sct_stopwait_polls(&w, 259 * MS, meter));
	fake_running = 2;
	ck_assert(sct_stopwait_polls(&w, 260 * MS, meter));
}
END_TEST

/*
 * Threads kept waiting for a cpu (/proc/pressure/cpu) for more than a tenth
 * of a window, though the run-queue count and our preemptions say nothing
 * (on-and-off jobs, seen between their bursts): pause; after the pause,
 * one window polls, and pauses again for longer while they still wait;
 * poll again when they no longer do.  What stalled while we slept does not
 * count: our own wake-ups are in it.
 */
START_TEST(test_stall_pauses)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, true);
	ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 5 * MS, meter));
	fake_stall += 2000;	/* 2 of the window's 10 ms */
	ck_assert(!sct_stopwait_polls(&w, 11 * MS, meter));
	ck_assert_uint_eq(w.pauses, 1);
	for (t = 12 * MS; t < 61 * MS; t += MS) {
		ck_assert(!sct_stopwait_polls(&w, t, meter));
		fake_stall += 200;	/* a fifth of the time, still */
	}
	/* the pause ends: a window, whatever stalled while we slept */
	ck_assert(sct_stopwait_polls(&w, 61 * MS, meter));
	fake_stall += 2000;
	/* they still wait: a longer pause */
	ck_assert(!sct_stopwait_polls(&w, 71 * MS, meter));
	ck_assert_uint_eq(w.pauses, 2);
	ck_assert(!sct_stopwait_polls(&w, 170 * MS, meter));
	fake_stall += 20000;	/* all the time, while we slept */
	/* quiet since: a window again */
	ck_assert(sct_stopwait_polls(&w, 171 * MS, meter));
	fake_stall += 500;	/* a twentieth: the machine's own noise */
	ck_assert(sct_stopwait_polls(&w, 182 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 193 * MS, meter));
	ck_assert_uint_eq(w.pauses, 2);
}
END_TEST

/* No /proc/pressure (a kernel without PSI): the other signals alone. */
START_TEST(test_no_psi)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, true);
	fake_stall = -1;
	for (t = 1 * MS; t < 200 * MS; t += MS / 10)
		ck_assert(sct_stopwait_polls(&w, t, meter));
	ck_assert_uint_eq(w.pauses, 0);
}
END_TEST

/*
 * Preempted at every stop, but no more threads runnable than cpus: our own
 * tracee, woken on our cpu.  Polling goes on (the load balancer moves one
 * of us to the idle cpu; sleeping would keep us together).
 */
START_TEST(test_own_tracee)
{
	struct sct_stopwait w;
	uint64_t t;

	fresh(&w, true);
	for (t = 1 * MS; t < 200 * MS; t += MS / 10) {
		ck_assert(sct_stopwait_polls(&w, t, meter));
		fake_ivcsw++;
	}
	ck_assert_uint_eq(w.pauses, 0);
}
END_TEST

/* one or two preemptions in a window are not contention */
START_TEST(test_one_preemption)
{
	struct sct_stopwait w;

	fresh(&w, true);
	ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
	fake_ivcsw++;
	ck_assert(sct_stopwait_polls(&w, 11 * MS, meter));
	fake_ivcsw += 2;
	ck_assert(sct_stopwait_polls(&w, 21 * MS, meter));
	ck_assert_uint_eq(w.pauses, 0);
}
END_TEST

/* more threads runnable than cpus: no window starts, none goes on */
START_TEST(test_crowded)
{
	struct sct_stopwait w;

	fresh(&w, true);
	fake_running = 3;	/* a busy loop besides tracer and tracee */
	ck_assert(!sct_stopwait_polls(&w, 1 * MS, meter));
	ck_assert_uint_eq(reads, 0);	/* no window: no preemption to count */
	ck_assert_uint_eq(running_reads, 1);
	/* looked at again 10 ms later, not before */
	ck_assert(!sct_stopwait_polls(&w, 10 * MS, meter));
	ck_assert_uint_eq(running_reads, 1);
	ck_assert(!sct_stopwait_polls(&w, 11 * MS, meter));
	ck_assert_uint_eq(running_reads, 2);
	ck_assert_uint_eq(w.pauses, 0);
	fake_running = 2;
	ck_assert(sct_stopwait_polls(&w, 21 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 30 * MS, meter));
	/* crowded when one window ends: a thread passing by, go on */
	fake_running = 4;
	ck_assert(sct_stopwait_polls(&w, 31 * MS, meter));
	fake_running = 2;
	ck_assert(sct_stopwait_polls(&w, 41 * MS, meter));
	fake_running = 3;
	ck_assert(sct_stopwait_polls(&w, 51 * MS, meter));
	ck_assert_uint_eq(w.pauses, 0);
	/* crowded at the end of two in a row: a pause, as for preemptions */
	ck_assert(!sct_stopwait_polls(&w, 61 * MS, meter));
	ck_assert_uint_eq(w.pauses, 1);
	ck_assert(!sct_stopwait_polls(&w, 110 * MS, meter));
	/* the count unknown (no /proc): only preemptions tell */
	fake_running = -1;
	ck_assert(sct_stopwait_polls(&w, 111 * MS, meter));
}
END_TEST

/* lasting contention: pauses double up to 1.6 s, never longer */
START_TEST(test_pause_cap)
{
	struct sct_stopwait w;
	uint64_t t = 1 * MS;
	unsigned i;

	fresh(&w, true);
	for (i = 0; i < 12; i++) {
		fake_running = 2;
		ck_assert(sct_stopwait_polls(&w, t, meter));
		fake_ivcsw += 5;
		fake_running = 3;
		t += 10 * MS;
		ck_assert(!sct_stopwait_polls(&w, t, meter));
		t = w.off_until;
	}
	ck_assert_uint_eq(w.pauses, 12);
	ck_assert_uint_eq(w.off_ns, 1600 * MS);
	/* the last pause lasted 1.6 s */
	ck_assert(!sct_stopwait_polls(&w, t - 1, meter));
}
END_TEST

/* polls that find nothing: the next 64 waits sleep at once */
START_TEST(test_misses)
{
	struct sct_stopwait w;
	unsigned i;

	fresh(&w, true);
	for (i = 0; i < 7; i++) {
		ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
		sct_stopwait_missed(&w);
	}
	ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
	sct_stopwait_missed(&w);
	for (i = 0; i < 64; i++)
		ck_assert(!sct_stopwait_polls(&w, 2 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 2 * MS, meter));
}
END_TEST

/*
 * An exec: the waits sleep for the next 300 ms (the new program and the
 * tracer may then share a cpu), whatever the window; never with --no-spin.
 */
START_TEST(test_exec_quiet)
{
	struct sct_stopwait w;

	fresh(&w, true);
	ck_assert(sct_stopwait_polls(&w, 1 * MS, meter));
	sct_stopwait_exec(&w, 5 * MS);
	ck_assert_uint_eq(w.exec_quiets, 1);
	ck_assert(!sct_stopwait_polls(&w, 5 * MS, meter));
	ck_assert(!sct_stopwait_polls(&w, 304 * MS, meter));
	/* another exec meanwhile: 300 ms from that one */
	sct_stopwait_exec(&w, 200 * MS);
	ck_assert(!sct_stopwait_polls(&w, 499 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 500 * MS, meter));
	ck_assert_uint_eq(w.pauses, 0);
	/* an exec during a contention pause: the later end wins */
	fake_running = 3;
	fake_ivcsw += 5;
	ck_assert(sct_stopwait_polls(&w, 505 * MS, meter));
	ck_assert(!sct_stopwait_polls(&w, 511 * MS, meter));
	ck_assert_uint_eq(w.pauses, 1);
	ck_assert_uint_eq(w.off_until, 561 * MS);
	sct_stopwait_exec(&w, 520 * MS);
	sct_stopwait_exec(&w, 250 * MS);	/* (one that ends sooner) */
	ck_assert_uint_eq(w.off_until, 820 * MS);
	fake_running = 2;
	ck_assert(!sct_stopwait_polls(&w, 819 * MS, meter));
	ck_assert(sct_stopwait_polls(&w, 820 * MS, meter));

	fresh(&w, false);
	sct_stopwait_exec(&w, 1 * MS);
	ck_assert_uint_eq(w.exec_quiets, 0);
	ck_assert(!sct_stopwait_polls(&w, 400 * MS, meter));
}
END_TEST

Suite *sct_suite_stopwait(void);

Suite *sct_suite_stopwait(void)
{
	Suite *s = suite_create("stopwait");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, test_no_spin);
	tcase_add_test(tc, test_idle_polls);
	tcase_add_test(tc, test_contention_pauses);
	tcase_add_test(tc, test_stall_pauses);
	tcase_add_test(tc, test_no_psi);
	tcase_add_test(tc, test_one_preemption);
	tcase_add_test(tc, test_own_tracee);
	tcase_add_test(tc, test_crowded);
	tcase_add_test(tc, test_pause_cap);
	tcase_add_test(tc, test_misses);
	tcase_add_test(tc, test_exec_quiet);
	suite_add_tcase(s, tc);
	return s;
}
