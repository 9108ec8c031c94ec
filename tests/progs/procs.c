/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Processes, threads and exit statuses, for the integration tests.
 *
 * usage: procs thread FILE   pthread_create (clone3 with glibc >= 2.34); the
 *                            thread writes "written-by-thread" to FILE; the
 *                            main thread joins it
 *        procs thread-exit FILE   the same, but the main thread ends first
 *                            (exit syscall) and the thread ends the process
 *        procs fork          fork() (the clone syscall in glibc); the child
 *                            execs this program (argv[0], so run it by a
 *                            path) as "procs child from-fork"; the parent
 *                            waits
 *        procs rawfork       the fork syscall itself; the child execs
 *                            /bin/true; the parent waits
 *        procs vfork         vfork; the child execs /bin/true; parent waits
 *        procs clone3        a process made with the raw clone3 syscall; the
 *                            child writes "clone3-child" to /dev/null
 *                            and exits 7; the parent waits
 *        procs child ARG     (exec'ed by "fork") writes ARG to /dev/null
 *        procs exit N        exits with status N
 *        procs kill [SIG]    kills itself with signal SIG (default SIGKILL)
 *        procs threads-end SIG   starts two threads that wait in pause, then
 *                            ends the process: exit_group(3) for SIG 0,
 *                            else kills itself with SIG (default action,
 *                            no core file); its calls are not the same
 *                            from run to run (the threads may not have
 *                            reached their pause)
 *
 * Prints nothing.  The syscalls made are the same from run to run (the tests
 * compare counts between two runs, one under strace): SIGCHLD is blocked so
 * that it never interrupts wait4, and "thread" joins with a busy loop around
 * pthread_tryjoin_np (no syscall until the thread is gone) because
 * pthread_join makes a futex call or not depending on timing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static void write_to(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		fail(path);
	close(fd);
}

static void *thread_main(void *arg)
{
	write_to(arg, "written-by-thread");
	return NULL;
}

static void *pause_main(void *arg)
{
	for (;;)
		pause();
	return arg;
}

/* Kill ourselves with sig, unblocked and left to its default action. */
static void kill_self(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(getpid(), sig);
}

static int wait_for(pid_t pid, int want)
{
	int status;

	if (waitpid(pid, &status, 0) != pid)
		fail("waitpid");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
		fprintf(stderr, "procs: child status 0x%x\n", status);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char *const true_argv[] = { "/bin/true", NULL };
	const char *mode = argc > 1 ? argv[1] : "";
	sigset_t set;
	pid_t pid;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);

	if (strcmp(mode, "thread") == 0 && argc == 3) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_main, argv[2]) != 0)
			fail("pthread_create");
		while (pthread_tryjoin_np(t, NULL) == EBUSY)
			__asm__ __volatile__("" ::: "memory");
		return 0;
	}
	if (strcmp(mode, "thread-exit") == 0 && argc == 3) {
		pthread_t t;

		if (pthread_create(&t, NULL, thread_main, argv[2]) != 0)
			fail("pthread_create");
		/* The process ends when the thread has ended too. */
		syscall(SYS_exit, 0);
	}
	if (strcmp(mode, "fork") == 0) {
		pid = fork();
		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			execl(argv[0], argv[0], "child", "from-fork",
			      (char *)NULL);
			_exit(127);
		}
		return wait_for(pid, 0);
	}
	if (strcmp(mode, "rawfork") == 0) {
		pid = syscall(SYS_fork);
		if (pid < 0)
			fail("fork");
		if (pid == 0) {
			execv(true_argv[0], true_argv);
			_exit(127);
		}
		return wait_for(pid, 0);
	}
	if (strcmp(mode, "vfork") == 0) {
		pid = vfork();
		if (pid < 0)
			fail("vfork");
		if (pid == 0) {
			execv(true_argv[0], true_argv);
			_exit(127);
		}
		return wait_for(pid, 0);
	}
	if (strcmp(mode, "clone3") == 0) {
		struct clone_args ca;

		memset(&ca, 0, sizeof(ca));
		ca.exit_signal = SIGCHLD;
		pid = syscall(SYS_clone3, &ca, sizeof(ca));
		if (pid < 0)
			fail("clone3");
		if (pid == 0) {
			/* Raw syscalls only: libc's state is not set up for
			 * a child it did not make. */
			int fd = syscall(SYS_openat, AT_FDCWD, "/dev/null",
					 O_WRONLY);

			syscall(SYS_write, fd, "clone3-child", 12);
			syscall(SYS_exit_group, 7);
		}
		return wait_for(pid, 7);
	}
	if (strcmp(mode, "child") == 0 && argc == 3) {
		write_to("/dev/null", argv[2]);
		return 0;
	}
	if (strcmp(mode, "exit") == 0 && argc == 3)
		return atoi(argv[2]);
	if (strcmp(mode, "kill") == 0) {
		kill_self(argc > 2 ? atoi(argv[2]) : SIGKILL);
		return 1;
	}
	if (strcmp(mode, "threads-end") == 0 && argc == 3) {
		int sig = atoi(argv[2]);
		struct rlimit no_core = { 0, 0 };
		pthread_t t[2];

		/* no core file left behind by a core-dumping signal */
		setrlimit(RLIMIT_CORE, &no_core);
		for (int i = 0; i < 2; i++)
			if (pthread_create(&t[i], NULL, pause_main, NULL) != 0)
				fail("pthread_create");
		if (sig == 0)
			syscall(SYS_exit_group, 3);
		kill_self(sig);
		return 1;
	}
	fprintf(stderr, "usage: procs thread FILE|thread-exit FILE|fork|rawfork|vfork|clone3|"
		"child ARG|exit N|kill [SIG]|threads-end SIG\n");
	return 2;
}
