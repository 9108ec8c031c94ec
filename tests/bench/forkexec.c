/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark workload: fork and exec a program N times, one after the other. */

/*
 * Each iteration forks; the child execs PROG (default /bin/true) and the
 * parent waits for it.  The cost is dominated by process creation, exec and
 * the dynamic loader of PROG, so this measures how a tracer copes with
 * short-lived processes (new tracees, exec, /proc reads) rather than with
 * plain syscalls.
 *
 * Usage: forkexec [ITERATIONS [PROG]]   (default 200, /bin/true)
 * Exits 0, or 1 if a fork, exec or child fails.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long n = 200, i;
	const char *prog = "/bin/true";
	char *end;
	int status;
	pid_t pid;

	if (argc > 1) {
		errno = 0;
		n = strtoul(argv[1], &end, 10);
		if (errno || *end || end == argv[1]) {
			fprintf(stderr, "usage: %s [ITERATIONS [PROG]]\n", argv[0]);
			return 2;
		}
	}
	if (argc > 2)
		prog = argv[2];

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			execl(prog, prog, (char *)NULL);
			fprintf(stderr, "exec %s: %s\n", prog, strerror(errno));
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0) {
			perror("waitpid");
			return 1;
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "%s: child %d failed (status 0x%x)\n",
				argv[0], (int)pid, status);
			return 1;
		}
	}
	return 0;
}
