/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Helpers of the decoding fidelity tests (tests/fidelity/run.sh).
 *
 * A test program makes syscalls with arguments it chooses and, for each
 * event the capture must hold, records the expected event type, direction
 * and parameters as sysdig prints them.  The expectations stay in memory
 * (no syscalls, no allocation: they must not disturb the calls under test)
 * and are written to the file named by argv[1] when the program ends.
 *
 * Expectation file, one line per event, fields separated by tabs:
 *     pid <N>
 *     start <evt.type> <evt.dir> <name>=<value> ...
 *     <syscall> <evt.type> <evt.dir> <name>=<value> ...
 * The start line names the marker event fx_init() makes: checking begins
 * at the first event of the thread that matches it.  A <syscall> of
 * "new:NAME" is an expectation for the newest reader (FXN() below).
 * A value matches the parameter sysdig prints if it is equal, or if it is
 * the part before sysdig's "(...)" decoration (fd=3 matches
 * "3(<f>/etc/passwd)", res=-2 matches "-2(ENOENT)"); "*" matches anything,
 * "a||b" either of a and b;
 * "<empty>" is a zero-length parameter and "<len=N>" one of N bytes (both
 * checked in tshark's view: sysdig cannot print an empty parameter).
 * run.sh compares each line with the next event of that type and
 * direction of the program's thread, in order.
 */
#ifndef SCTRACE_FIDELITY_H
#define SCTRACE_FIDELITY_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FX_BUF_SIZE	(256 * 1024)

static char fx_buf[FX_BUF_SIZE];
static size_t fx_len;
static const char *fx_path;
static int fx_overflow;

/* An address that is never mapped: reading it faults (EFAULT). */
#define FX_BAD_PTR	((void *)(uintptr_t)0x10)

__attribute__((unused)) static void fx_add(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (fx_overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(fx_buf + fx_len, sizeof(fx_buf) - fx_len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(fx_buf) - fx_len)
		fx_overflow = 1;
	else
		fx_len += (size_t)n;
}

__attribute__((unused)) static void fx_init(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s EXPECT-FILE\n", argv[0]);
		exit(2);
	}
	fx_path = argv[1];
	fx_len = (size_t)snprintf(fx_buf, sizeof(fx_buf), "pid\t%d\n",
				  (int)getpid());
	/* the start marker: expectations are looked for after this event */
	syscall(SYS_access, "fidelity-start", F_OK);
	fx_add("start\taccess <\tres=-2\tname=fidelity-start\n");
}

/*
 * Expect an event: syscall name (for the coverage report), "type dir"
 * as sysdig prints them ("umount <"), then printf-style parameters,
 * separated by tabs ("res=%ld\tname=%s").  FX() is the same with the
 * syscall name written as a bare word, so that coverage.sh finds it.
 */
__attribute__((unused)) static void fx_expect(const char *syscall, const char *evt,
		      const char *fmt, ...)
{
	va_list ap;
	int n;

	fx_add("%s\t%s", syscall, evt);
	if (fmt && *fmt && !fx_overflow) {
		fx_add("\t");
		va_start(ap, fmt);
		n = vsnprintf(fx_buf + fx_len, sizeof(fx_buf) - fx_len, fmt,
			      ap);
		va_end(ap);
		if (n < 0 || (size_t)n >= sizeof(fx_buf) - fx_len)
			fx_overflow = 1;
		else
			fx_len += (size_t)n;
	}
	fx_add("\n");
}

#define FX(sc, evt, ...) fx_expect(#sc, evt, __VA_ARGS__)

/*
 * FXN(): an event of sctrace's default output as the newest libs reader
 * (libs 0.25, sinsp-print) shows it: event types newer than the 2022
 * table, parameters sysdig 0.29 does not know, the libs driver's
 * semantics.  FX() lines are checked with sysdig on the --old-readers
 * capture, FXN() lines with sinsp-print on the default one (when it is on
 * PATH).  libs 0.25 shows the converted syscalls by their exit alone.
 */
#define FXN(sc, evt, ...) fx_expect("new:" #sc, evt, __VA_ARGS__)

/* A raw syscall: the return value, or -errno as the kernel gives it. */
/*
 * Every argument goes to syscall() as a long: an int passed to its
 * variadic arguments leaves the high half of its 64-bit slot as it was
 * (on the stack for x86_64's sixth), and the kernel would read that.
 */
#define FX_NARGS(...) FX_NARGS_(__VA_ARGS__, 7, 6, 5, 4, 3, 2, 1, 0)
#define FX_NARGS_(_1, _2, _3, _4, _5, _6, _7, n, ...) n
#define FX_CAT(a, b) FX_CAT_(a, b)
#define FX_CAT_(a, b) a##b
#define FX_L1(nr) syscall(nr)
#define FX_L2(nr, a) syscall(nr, (long)(a))
#define FX_L3(nr, a, b) syscall(nr, (long)(a), (long)(b))
#define FX_L4(nr, a, b, c) syscall(nr, (long)(a), (long)(b), (long)(c))
#define FX_L5(nr, a, b, c, d) \
	syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d))
#define FX_L6(nr, a, b, c, d, e) \
	syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define FX_L7(nr, a, b, c, d, e, f) \
	syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
		(long)(f))
#define SC(...) ({ long r_ = FX_CAT(FX_L, FX_NARGS(__VA_ARGS__))(__VA_ARGS__); \
		   r_ == -1 ? -errno : r_; })

/* Write the expectations; the exit status of the program. */
__attribute__((unused)) static int fx_done(void)
{
	int fd;
	size_t off = 0;

	if (fx_overflow) {
		fprintf(stderr, "fidelity: expectation buffer full\n");
		return 1;
	}
	fd = open(fx_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(fx_path);
		return 1;
	}
	while (off < fx_len) {
		ssize_t n = write(fd, fx_buf + off, fx_len - off);

		if (n <= 0) {
			perror(fx_path);
			close(fd);
			return 1;
		}
		off += (size_t)n;
	}
	return close(fd) ? 1 : 0;
}

#endif
