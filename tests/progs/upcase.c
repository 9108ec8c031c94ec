/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libupcase.so: a user's preloaded library that wraps write(2), for the
 * in-process recording tests (tests/integration/buffer.sh): what it
 * writes is the caller's bytes in upper case.  sctrace's recorder must
 * come after it: the program's write reaches this wrapper, whose write
 * the recorder then makes and records.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dlfcn.h>
#include <stddef.h>
#include <sys/types.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*next)(int, const void *, size_t);
	char up[256];
	size_t i;

	if (!next)
		*(void **)&next = dlsym(RTLD_NEXT, "write");
	if (n > sizeof(up))
		return next(fd, buf, n);
	for (i = 0; i < n; i++)
		up[i] = (char)toupper(((const unsigned char *)buf)[i]);
	return next(fd, up, n);
}
