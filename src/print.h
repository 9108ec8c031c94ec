/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Human-readable event lines (no -o), close to sysdig's default output. */
#ifndef SCTRACE_PRINT_H
#define SCTRACE_PRINT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "event.h"

/*
 * s with every byte that is not printable ASCII, and the backslash, as a C
 * escape (\x1b, \\): nothing from a tracee reaches a terminal raw.
 */
void sct_print_escaped(FILE *f, const char *s);
/* The same into out (n bytes, always terminated; cut at n - 1). */
void sct_escape(char *out, size_t n, const char *s);

/*
 * The thread an event is about, for the fds it names: an fd that is open
 * prints as sysdig shows it, 3(<f>/etc/hostname), from /proc at once.
 */
struct sct_print_thread {
	pid_t tid, pid;
	int *pidfd;		/* its process's pidfd slot (net.h) */
	const char *comm;
};

void sct_print_event(FILE *f, uint16_t cpu, unsigned type, uint64_t ts,
		     const struct sct_print_thread *pt,
		     const struct sct_val *v);

#endif
