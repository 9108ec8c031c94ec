/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * forkloop DIR: forks a child (which exits at once) and starts a thread
 * (which returns at once) over and over, as a busy server does, so that a
 * tracer attaching to it catches it inside fork and clone.  Every 256
 * rounds it writes the number of rounds done to DIR/beat (the tests see
 * that it goes on after a detach).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *nothing(void *arg)
{
	return arg;
}

int main(int argc, char **argv)
{
	char path[4096], tmp[4200];
	unsigned long n;

	if (argc != 2) {
		fprintf(stderr, "usage: forkloop DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/beat", argv[1]);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	signal(SIGCHLD, SIG_IGN);	/* children reap themselves */
	for (n = 1;; n++) {
		pthread_t th;
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pthread_create(&th, NULL, nothing, NULL) == 0)
			pthread_join(th, NULL);
		if (n % 256 == 0) {
			FILE *f = fopen(tmp, "w");

			if (f) {
				fprintf(f, "%lu\n", n);
				fclose(f);
				rename(tmp, path);
			}
		}
	}
}
