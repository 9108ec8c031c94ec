/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * File I/O with known arguments that builds and runs on every ABI sctrace
 * knows (x86_64, i386, aarch64, armhf), for the cross-architecture tests
 * (tests/xarch/check.sh says what each call must look like).
 *
 * usage: xfile DIR
 *
 * In DIR (which must not hold an a.txt of 2 GiB or more: fresh): openat
 * + write + pwrite64 + writev on a.txt, pread64 + lseek + read + readv
 * back, a raw lseek by -3 (a negative long: sign extension on 32-bit
 * ABIs), a pwrite64/lseek/read beyond 4 GiB (a sparse file:
 * the 64-bit offsets that 32-bit ABIs pass in two registers), then, where
 * the ABI has them (not aarch64), the old open and creat; a failing
 * openat (ENOENT) and close (EBADF); closes.
 *
 * Calls with a plain argument list are raw syscall()s so that their names
 * are the same whatever libc does.  Those with a 64-bit offset go through
 * libc (with _FILE_OFFSET_BITS=64), which knows each ABI's register
 * layout: pread64/pwrite64 everywhere; lseek on 64-bit ABIs and _llseek
 * on 32-bit ones.  Prints nothing; exits 0, or 1 if a call fails that
 * should work.
 */
#define _FILE_OFFSET_BITS 64
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

/* 4 GiB + 100: needs the high half of a 64-bit offset */
#define FAR_POS 0x100000064LL

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

int main(int argc, char **argv)
{
	static const char hello[] = "hello-openat";
	static const char part1[] = "vec-one:", part2[] = "vec-two";
	char buf[64], r1[8], r2[7];
	struct iovec iov[2];
	int fa, fb = -1, fc = -1;

	if (argc != 2) {
		fprintf(stderr, "usage: xfile DIR\n");
		return 2;
	}

	/* O_LARGEFILE: 0 on 64-bit ABIs, needed for FAR_POS on 32-bit ones */
	fa = syscall(SYS_openat, AT_FDCWD, in_dir(argv[1], "a.txt"),
		     O_RDWR | O_CREAT | O_TRUNC | O_LARGEFILE, 0640);
	if (fa < 0)
		fail("openat a.txt");
	if (syscall(SYS_write, fa, hello, strlen(hello)) != (long)strlen(hello))
		fail("write");
	if (pwrite(fa, "PWRITE", 6, 100) != 6)
		fail("pwrite");
	iov[0].iov_base = (void *)part1;
	iov[0].iov_len = strlen(part1);
	iov[1].iov_base = (void *)part2;
	iov[1].iov_len = strlen(part2);
	if (syscall(SYS_writev, fa, iov, 2) != 15)
		fail("writev");

	memset(buf, 0, sizeof(buf));
	if (pread(fa, buf, 6, 100) != 6)
		fail("pread");
	if (lseek(fa, 0, SEEK_SET) != 0)
		fail("lseek");
	if (syscall(SYS_read, fa, buf, 12) != 12)
		fail("read");
	iov[0].iov_base = r1;
	iov[0].iov_len = sizeof(r1);
	iov[1].iov_base = r2;
	iov[1].iov_len = sizeof(r2);
	if (syscall(SYS_readv, fa, iov, 2) != 15)
		fail("readv");
	/* the raw lseek, whose offset is a long: -3 must stay negative */
	if (syscall(SYS_lseek, fa, -3L, SEEK_CUR) != 24)
		fail("lseek -3");

	/* beyond 4 GiB */
	if (pwrite(fa, "FAR", 3, FAR_POS) != 3)
		fail("pwrite far");
	if (lseek(fa, FAR_POS, SEEK_SET) != FAR_POS)
		fail("lseek far");
	if (syscall(SYS_read, fa, buf, 3) != 3 || memcmp(buf, "FAR", 3))
		fail("read far");

#ifdef SYS_open
	fb = syscall(SYS_open, in_dir(argv[1], "b.txt"),
		     O_WRONLY | O_CREAT | O_APPEND, 0600);
	if (fb < 0)
		fail("open b.txt");
	if (syscall(SYS_write, fb, "bee", 3) != 3)
		fail("write b.txt");
#endif
#ifdef SYS_creat
	fc = syscall(SYS_creat, in_dir(argv[1], "c.txt"), 0644);
	if (fc < 0)
		fail("creat c.txt");
	if (syscall(SYS_write, fc, "sea", 3) != 3)
		fail("write c.txt");
#endif

	if (syscall(SYS_openat, AT_FDCWD, in_dir(argv[1], "missing/none.txt"),
		    O_RDONLY) != -1 || errno != ENOENT)
		fail("openat missing");
	if (syscall(SYS_close, 1000) != -1 || errno != EBADF)
		fail("close 1000");

	if (fc >= 0)
		syscall(SYS_close, fc);
	if (fb >= 0)
		syscall(SYS_close, fb);
	syscall(SYS_close, fa);
	return 0;
}
