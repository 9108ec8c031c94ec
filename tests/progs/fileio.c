/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File I/O with known arguments, for the integration tests.
 *
 * usage: fileio DIR          open/openat/creat/read/write/pread64/pwrite64/
 *                            readv/writev/lseek/close in DIR, a failing open
 *                            (ENOENT) and a failing close (EBADF)
 *        fileio DIR snap     one write of 100 known bytes to DIR/snap.txt
 *
 * The file calls are made with syscall() so that the syscall names are the
 * ones the tests expect whatever libc does (glibc's open() is openat).
 * Prints nothing; exits 0, or 1 if a call that should work fails.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
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

/* The 100-byte payload "0001020304...49": any prefix shows its length. */
static void snap(const char *dir)
{
	char buf[101];
	int fd, i;

	for (i = 0; i < 50; i++)
		snprintf(buf + 2 * i, 3, "%02d", i);
	fd = syscall(SYS_openat, AT_FDCWD, in_dir(dir, "snap.txt"),
		     O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		fail("openat snap.txt");
	if (syscall(SYS_write, fd, buf, 100) != 100)
		fail("write snap.txt");
	syscall(SYS_close, fd);
}

int main(int argc, char **argv)
{
	static const char hello[] = "hello-openat";
	static const char part1[] = "vec-one:", part2[] = "vec-two";
	char buf[64], r1[8], r2[7];
	struct iovec iov[2];
	int fa, fb, fc;

	if (argc < 2) {
		fprintf(stderr, "usage: fileio DIR [snap]\n");
		return 2;
	}
	if (argc > 2 && strcmp(argv[2], "snap") == 0) {
		snap(argv[1]);
		return 0;
	}

	/* openat + write + pwrite64 + writev */
	fa = syscall(SYS_openat, AT_FDCWD, in_dir(argv[1], "a.txt"),
		     O_RDWR | O_CREAT | O_TRUNC, 0640);
	if (fa < 0)
		fail("openat a.txt");
	if (syscall(SYS_write, fa, hello, strlen(hello)) != (long)strlen(hello))
		fail("write");
	if (syscall(SYS_pwrite64, fa, "PWRITE", 6, 100) != 6)
		fail("pwrite64");
	iov[0].iov_base = (void *)part1;
	iov[0].iov_len = strlen(part1);
	iov[1].iov_base = (void *)part2;
	iov[1].iov_len = strlen(part2);
	if (syscall(SYS_writev, fa, iov, 2) != 15)
		fail("writev");

	/* pread64 + lseek + read + readv on the same file */
	memset(buf, 0, sizeof(buf));
	if (syscall(SYS_pread64, fa, buf, 6, 100) != 6)
		fail("pread64");
	if (syscall(SYS_lseek, fa, 0, SEEK_SET) != 0)
		fail("lseek");
	if (syscall(SYS_read, fa, buf, 12) != 12)
		fail("read");
	iov[0].iov_base = r1;
	iov[0].iov_len = sizeof(r1);
	iov[1].iov_base = r2;
	iov[1].iov_len = sizeof(r2);
	if (syscall(SYS_readv, fa, iov, 2) != 15)
		fail("readv");

	/* open (the old syscall) and creat */
	fb = syscall(SYS_open, in_dir(argv[1], "b.txt"),
		     O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fb < 0)
		fail("open b.txt");
	if (syscall(SYS_write, fb, "bee", 3) != 3)
		fail("write b.txt");
	fc = syscall(SYS_creat, in_dir(argv[1], "c.txt"), 0644);
	if (fc < 0)
		fail("creat c.txt");
	if (syscall(SYS_write, fc, "sea", 3) != 3)
		fail("write c.txt");

	/* failing calls: ENOENT and EBADF */
	if (syscall(SYS_openat, AT_FDCWD, in_dir(argv[1], "missing/none.txt"),
		    O_RDONLY) != -1 || errno != ENOENT)
		fail("openat missing");
	if (syscall(SYS_close, 1000) != -1 || errno != EBADF)
		fail("close 1000");

	syscall(SYS_close, fc);
	syscall(SYS_close, fb);
	syscall(SYS_close, fa);
	return 0;
}
