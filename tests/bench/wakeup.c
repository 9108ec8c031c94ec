/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark helper: what a wake-up costs on this machine (pipe ping-pong). */

/*
 * Two processes pass a byte back and forth through two pipes, each blocking
 * in read until the other writes: every pass is one sleep and one wake-up,
 * the pattern of a tracer sleeping in waitpid and a tracee stopping.  Run
 * once with the two on different cpus and once with both on one cpu, it
 * prints the one-way latency of each in microseconds:
 *
 *   cross-cpu 12.3 same-cpu 2.1
 *
 * Where a cross-cpu wake-up is dear (a virtual machine whose idle vcpu must
 * be woken through the host), polling for the next stop pays most.
 *
 * Usage: wakeup [ROUND_TRIPS]   (default 20000; needs 2 cpus for cross-cpu,
 * else prints "cross-cpu -")
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/* one-way latency in ns of ROUNDS ping-pongs, parent on cpu a, child on b */
static double pingpong(int a, int b, unsigned long rounds)
{
	int ab[2], ba[2], st;
	unsigned long i;
	uint64_t t0, t1;
	pid_t pid;
	char c = 0;

	if (pipe(ab) < 0 || pipe(ba) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (pin(b) < 0)
			_exit(1);
		for (i = 0; i < rounds; i++)
			if (read(ab[0], &c, 1) != 1 || write(ba[1], &c, 1) != 1)
				_exit(1);
		_exit(0);
	}
	if (pin(a) < 0)
		return -1;
	t0 = mono_ns();
	for (i = 0; i < rounds; i++)
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			return -1;
	t1 = mono_ns();
	close(ab[0]);
	close(ab[1]);
	close(ba[0]);
	close(ba[1]);
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	return (double)(t1 - t0) / (2.0 * (double)rounds);
}

int main(int argc, char **argv)
{
	unsigned long rounds = 20000;
	cpu_set_t set;
	int cpus[2], n = 0, i;
	double x = -1, s;
	char *end;

	if (argc > 1) {
		errno = 0;
		rounds = strtoul(argv[1], &end, 10);
		if (errno || *end || !rounds) {
			fprintf(stderr, "usage: %s [ROUND_TRIPS]\n", argv[0]);
			return 2;
		}
	}
	if (sched_getaffinity(0, sizeof(set), &set) < 0) {
		perror("sched_getaffinity");
		return 1;
	}
	for (i = 0; i < CPU_SETSIZE && n < 2; i++)
		if (CPU_ISSET(i, &set))
			cpus[n++] = i;
	if (n == 2)
		x = pingpong(cpus[0], cpus[1], rounds);
	s = pingpong(cpus[0], cpus[0], rounds);
	if (s < 0) {
		fprintf(stderr, "%s: ping-pong failed\n", argv[0]);
		return 1;
	}
	if (x < 0)
		printf("cross-cpu - same-cpu %.1f\n", s / 1e3);
	else
		printf("cross-cpu %.1f same-cpu %.1f\n", x / 1e3, s / 1e3);
	return 0;
}
