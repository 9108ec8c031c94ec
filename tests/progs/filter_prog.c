/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program with a known mix of syscalls, for the capture filter tests.
 *
 * usage: filter_prog DIR [N]
 *
 * In order:
 *   - openat DIR/out.txt (created), write, close
 *   - openat /etc/passwd, read, close
 *   - openat DIR/missing.txt and /etc/sctrace-no-such-file: both fail (ENOENT)
 *   - symlink DIR/passwd-link -> /etc/passwd; openat DIR/passwd-link, close
 *   - N (default 200) rounds of getpid + getppid + read of 0 bytes on a pipe
 *     that is not followed by an openat: filler the seccomp pre-filter
 *     must keep from stopping
 *   - fork: the child openat /etc/passwd, reads, closes and _exits 0
 *   - pthread_create: the thread openat /etc/group and closes it
 *   - execve of itself (/proc/self/exe) as "filter_prog DIR --after-exec",
 *     which openat DIR/after-exec.txt (created) and closes it
 *
 * usage: filter_prog DIR --serve
 *
 * For attaching to: every 20 ms, a read() on DIR/fifo (opened read-write
 * and non-blocking, so most reads fail with EAGAIN); what it reads is
 * appended to DIR/got (openat, write, close); then a nanosleep and a
 * pwrite64 of an increasing counter to DIR/beat, so that a test sees
 * whether the process runs.  Runs until killed.
 *
 * The file calls go through syscall() so that their names are the same
 * whatever libc does.  Prints nothing; exits 0, or 1 if a call that should
 * work fails (the ENOENT ones must fail).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char path_buf[4096];

static const char *in_dir(const char *dir, const char *name)
{
	snprintf(path_buf, sizeof(path_buf), "%s/%s", dir, name);
	return path_buf;
}

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static int open_at(const char *path, int flags)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags, 0644);
}

static void read_close(int fd, const char *what)
{
	char buf[64];

	if (fd < 0)
		fail(what);
	if (syscall(SYS_read, fd, buf, sizeof(buf)) < 0)
		fail(what);
	syscall(SYS_close, fd);
}

static void __attribute__((noreturn)) serve(const char *dir)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	unsigned long beat = 0;
	char buf[256], line[32];
	int fifo, out, got;
	long n;

	fifo = open_at(in_dir(dir, "fifo"), O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fifo < 0)
		fail("openat fifo");
	out = open_at(in_dir(dir, "beat"), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
	if (out < 0)
		fail("openat beat");
	for (;;) {
		n = syscall(SYS_read, fifo, buf, sizeof(buf));
		if (n > 0) {
			got = open_at(in_dir(dir, "got"),
				      O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC);
			if (got < 0 || syscall(SYS_write, got, buf, n) != n)
				fail("append to got");
			syscall(SYS_close, got);
		} else if (n < 0 && errno != EAGAIN) {
			fail("read fifo");
		}
		nanosleep(&ts, NULL);
		n = snprintf(line, sizeof(line), "%lu\n", ++beat);
		if (syscall(SYS_pwrite64, out, line, n, 0) != n)
			fail("pwrite64 beat");
	}
}

static void *thread_main(void *arg)
{
	int fd = open_at("/etc/group", O_RDONLY | O_CLOEXEC);

	(void)arg;
	if (fd < 0)
		fail("openat /etc/group");
	syscall(SYS_close, fd);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned long n = 200, i;
	pthread_t th;
	int fd, status, pfd[2];
	char c;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: filter_prog DIR [N]\n");
		return 2;
	}
	if (argc > 2 && strcmp(argv[2], "--after-exec") == 0) {
		fd = open_at(in_dir(argv[1], "after-exec.txt"),
			     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
		if (fd < 0)
			fail("openat after-exec.txt");
		syscall(SYS_close, fd);
		return 0;
	}
	if (argc > 2 && strcmp(argv[2], "--serve") == 0)
		serve(argv[1]);
	if (argc > 2)
		n = strtoul(argv[2], NULL, 10);

	fd = open_at(in_dir(argv[1], "out.txt"),
		     O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		fail("openat out.txt");
	if (syscall(SYS_write, fd, "filter\n", 7) != 7)
		fail("write out.txt");
	syscall(SYS_close, fd);

	read_close(open_at("/etc/passwd", O_RDONLY | O_CLOEXEC), "openat /etc/passwd");

	if (open_at(in_dir(argv[1], "missing.txt"), O_RDONLY) >= 0 || errno != ENOENT)
		fail("openat missing.txt should fail with ENOENT");
	if (open_at("/etc/sctrace-no-such-file", O_RDONLY) >= 0 || errno != ENOENT)
		fail("openat /etc/sctrace-no-such-file should fail with ENOENT");

	if (syscall(SYS_symlinkat, "/etc/passwd", AT_FDCWD,
		    in_dir(argv[1], "passwd-link")) < 0 && errno != EEXIST)
		fail("symlinkat passwd-link");
	fd = open_at(in_dir(argv[1], "passwd-link"), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		fail("openat passwd-link");
	syscall(SYS_close, fd);

	if (pipe(pfd) < 0)
		fail("pipe");
	for (i = 0; i < n; i++) {
		syscall(SYS_getpid);
		syscall(SYS_getppid);
		if (syscall(SYS_read, pfd[0], &c, 0) < 0)
			fail("read 0 bytes");
	}
	close(pfd[0]);
	close(pfd[1]);

	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		read_close(open_at("/etc/passwd", O_RDONLY | O_CLOEXEC),
			   "child: openat /etc/passwd");
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0)
		fail("child");

	if (pthread_create(&th, NULL, thread_main, NULL) != 0)
		fail("pthread_create");
	pthread_join(th, NULL);

	execl("/proc/self/exe", "filter_prog", argv[1], "--after-exec", (char *)NULL);
	fail("execl /proc/self/exe");
	return 1;
}
