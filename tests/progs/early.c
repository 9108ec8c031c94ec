/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libearly.so: a user's preloaded library whose constructor makes calls
 * that sctrace's recorder wraps, before the recorder's own constructor has
 * run (as libselinux's calls access() for ls).  The recorder must pass
 * them to libc, not jump through a pointer it has not looked up yet.
 * The constructor writes "early: ok" to standard error when all worked.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

__attribute__((constructor)) static void early(void)
{
	static const char msg[] = "early: ok\n";
	char buf[8];
	struct iovec v = { buf, sizeof(buf) };
	struct stat st;
	int fd, ok;

	fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	ok = fd >= 0 && access("/", F_OK) == 0 && stat("/", &st) == 0 &&
	     fstat(fd, &st) == 0 && read(fd, buf, sizeof(buf)) == 0 &&
	     readv(fd, &v, 1) == 0 && lseek(fd, 0, SEEK_SET) == 0 &&
	     fcntl(fd, F_GETFD) == FD_CLOEXEC && poll(NULL, 0, 0) == 0 &&
	     isatty(fd) == 0 && getpid() > 0 && close(fd) == 0;
	if (ok)
		(void)!write(2, msg, sizeof(msg) - 1);
}
