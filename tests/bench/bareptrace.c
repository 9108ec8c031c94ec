/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark floor: a bare ptrace tracer that stops at every syscall and does nothing. */

/*
 * It costs what any syscall tracer must pay at least: two stops per syscall
 * (entry and exit) and a PTRACE_SYSCALL to resume each. It follows forks,
 * vforks and threads, passes signals through, and exits with the status of
 * the program it started (128 + signal number if that was killed).
 *
 * Usage: bareptrace [--poll] CMD [ARGS...]
 *
 * --poll: before sleeping in waitpid, poll for the next stop for up to 40 us
 * (what sctrace does by default): the floor for a tracer that polls.
 */

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Tracees seen so far: a new one's first stop is the attach SIGSTOP. */
static pid_t *known;
static size_t nknown, capknown;

static int is_known(pid_t pid)
{
	size_t i;

	for (i = 0; i < nknown; i++)
		if (known[i] == pid)
			return 1;
	return 0;
}

static void add_known(pid_t pid)
{
	if (nknown == capknown) {
		capknown = capknown ? 2 * capknown : 16;
		known = realloc(known, capknown * sizeof(*known));
		if (!known) {
			perror("realloc");
			exit(125);
		}
	}
	known[nknown++] = pid;
}

static void del_known(pid_t pid)
{
	size_t i;

	for (i = 0; i < nknown; i++) {
		if (known[i] == pid) {
			known[i] = known[--nknown];
			return;
		}
	}
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The next stop: polled for up to 40 us first with --poll. */
static pid_t next_stop(int poll, int *status)
{
	uint64_t t0;
	pid_t pid;

	if (poll) {
		t0 = mono_ns();
		do {
			pid = waitpid(-1, status, __WALL | WNOHANG);
			if (pid != 0)
				return pid;
		} while (mono_ns() - t0 < 40000);
	}
	return waitpid(-1, status, __WALL);
}

int main(int argc, char **argv)
{
	const long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |
			  PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
			  PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
	int status, sig, ret = 0, poll = 0;
	siginfo_t si;
	pid_t child, pid;

	if (argc > 1 && !strcmp(argv[1], "--poll")) {
		poll = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: %s [--poll] CMD [ARGS...]\n", argv[0]);
		return 2;
	}

	child = fork();
	if (child < 0) {
		perror("fork");
		return 125;
	}
	if (child == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0) {
			perror("PTRACE_TRACEME");
			_exit(126);
		}
		raise(SIGSTOP);
		execvp(argv[1], argv + 1);
		fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}

	if (waitpid(child, &status, 0) < 0 || !WIFSTOPPED(status)) {
		fprintf(stderr, "%s: child did not stop\n", argv[0]);
		return 125;
	}
	/* TRACEEXEC: exec reports an event stop instead of a SIGTRAP. */
	if (ptrace(PTRACE_SETOPTIONS, child, NULL, (void *)opts) < 0) {
		perror("PTRACE_SETOPTIONS");
		return 125;
	}
	add_known(child);
	ptrace(PTRACE_SYSCALL, child, NULL, NULL);

	for (;;) {
		pid = next_stop(poll, &status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;	/* ECHILD: every tracee is gone */
		}

		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (pid == child)
				ret = WIFEXITED(status) ? WEXITSTATUS(status) :
					128 + WTERMSIG(status);
			del_known(pid);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;

		sig = WSTOPSIG(status);
		if (sig == (SIGTRAP | 0x80) || status >> 16) {
			/* syscall stop or fork/clone/exec event stop */
			sig = 0;
		} else if (!is_known(pid)) {
			/* first stop of a new tracee: the attach SIGSTOP */
			add_known(pid);
			sig = 0;
		} else if (ptrace(PTRACE_GETSIGINFO, pid, NULL, &si) < 0) {
			/* group-stop: not a signal to deliver */
			sig = 0;
		}
		/* The tracee may have been killed meanwhile: ignore ESRCH. */
		ptrace(PTRACE_SYSCALL, pid, NULL, (void *)(long)sig);
	}
	free(known);
	return ret;
}
