/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program that renames itself, for tests/integration/faults.sh: the
 * name sctrace prints and filters on must follow.
 *
 * usage: rename
 *   getpid, then prctl(PR_SET_NAME, "renamed-p"), getpid, then a write of
 *   "renamed-t" to /proc/thread-self/comm, getpid, then (from a second
 *   thread) a write of "renamed-s" to /proc/self/comm (the first thread's
 *   name), getpid in the first thread.  Exits 0, 1 if a rename failed.
 *
 * Syscalls go through syscall() so that their names do not depend on libc.
 */
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static int write_comm(const char *path, const char *name)
{
	long fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY);
	long n;

	if (fd < 0)
		return -1;
	n = syscall(SYS_write, fd, name, strlen(name));
	close((int)fd);
	return n == (long)strlen(name) ? 0 : -1;
}

static void *other(void *arg)
{
	*(int *)arg = write_comm("/proc/self/comm", "renamed-s");
	return NULL;
}

int main(void)
{
	pthread_t th;
	int err = 0;

	syscall(SYS_getpid);
	if (prctl(PR_SET_NAME, "renamed-p", 0, 0, 0) < 0)
		return 1;
	syscall(SYS_getpid);
	if (write_comm("/proc/thread-self/comm", "renamed-t") < 0)
		return 1;
	syscall(SYS_getpid);
	if (pthread_create(&th, NULL, other, &err) || pthread_join(th, NULL) ||
	    err)
		return 1;
	syscall(SYS_getpid);
	return 0;
}
