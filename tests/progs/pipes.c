/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Pipes and descriptor duplication, for the integration tests.
 *
 * usage: pipes
 *
 * pipe, then a write and a read through it; pipe2(O_CLOEXEC); dup, dup2
 * and dup3 of pipe ends (to fds 10 and 11), with a write through each
 * duplicate and reads at the other end.  Raw syscalls, so the names are the
 * ones the tests expect.  Prints nothing; exits 0, or 1 on an error.
 */
#define _GNU_SOURCE /* pipe2, dup3 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static void put(int fd, const char *s)
{
	if (syscall(SYS_write, fd, s, strlen(s)) != (long)strlen(s))
		fail("write");
}

static void get(int fd, size_t n)
{
	char buf[64];

	if (syscall(SYS_read, fd, buf, n) != (long)n)
		fail("read");
}

int main(void)
{
	int p[2], q[2], d;

	if (syscall(SYS_pipe, p) < 0)
		fail("pipe");
	put(p[1], "through-pipe");
	get(p[0], 12);

	if (syscall(SYS_pipe2, q, O_CLOEXEC) < 0)
		fail("pipe2");
	put(q[1], "through-pipe2");
	get(q[0], 13);

	d = syscall(SYS_dup, p[1]);
	if (d < 0)
		fail("dup");
	put(d, "via-dup");
	get(p[0], 7);

	if (syscall(SYS_dup2, q[1], 10) != 10)
		fail("dup2");
	put(10, "via-dup2");
	get(q[0], 8);

	if (syscall(SYS_dup3, p[0], 11, O_CLOEXEC) != 11)
		fail("dup3");
	put(p[1], "read-via-dup3");
	get(11, 13);

	syscall(SYS_close, 11);
	syscall(SYS_close, 10);
	syscall(SYS_close, d);
	syscall(SYS_close, q[0]);
	syscall(SYS_close, q[1]);
	syscall(SYS_close, p[0]);
	syscall(SYS_close, p[1]);
	return 0;
}
