/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark workload: many threads alive at once, for the tracer's memory use. */

/*
 * Starts N threads (default 1000) with small stacks.  Each makes a few
 * syscalls (openat /dev/null, read, close, getppid), then waits on a barrier
 * until all N are alive and have made their calls; then they all exit and
 * the main thread joins them.  The main thread pauses LINGER_MS (default
 * 200) while all threads are alive and again after the joins, so that a
 * tracer's peak memory use can be sampled from outside (/proc/PID/status).
 *
 * Usage: threads [N [LINGER_MS]]
 * Exits 0, or 1 if a thread cannot be created.
 */

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_barrier_t all_started;

static void *worker(void *arg)
{
	char buf[16];
	int fd;

	(void)arg;
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, buf, sizeof(buf)) < 0)
			perror("read /dev/null");
		close(fd);
	}
	getppid();
	pthread_barrier_wait(&all_started);
	return NULL;
}

static void pause_ms(unsigned long ms)
{
	struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static unsigned long arg_num(const char *s, const char *prog)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s) {
		fprintf(stderr, "usage: %s [N [LINGER_MS]]\n", prog);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long n = 1000, linger = 200, i;
	pthread_attr_t attr;
	pthread_t *tids;
	int err;

	if (argc > 1)
		n = arg_num(argv[1], argv[0]);
	if (argc > 2)
		linger = arg_num(argv[2], argv[0]);
	if (n == 0)
		return 0;

	tids = calloc(n, sizeof(*tids));
	if (!tids) {
		perror("calloc");
		return 1;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	/* the N workers and the main thread */
	pthread_barrier_init(&all_started, NULL, (unsigned)n + 1);

	for (i = 0; i < n; i++) {
		err = pthread_create(&tids[i], &attr, worker, NULL);
		if (err) {
			fprintf(stderr, "%s: thread %lu: %s\n", argv[0], i, strerror(err));
			return 1;
		}
	}
	pthread_barrier_wait(&all_started);
	pause_ms(linger);
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	pause_ms(linger);
	free(tids);
	return 0;
}
