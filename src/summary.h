/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -c: a per-syscall summary of the run, in strace -c's columns (calls,
 * errors, time), printed at the end.
 */
#ifndef SCTRACE_SUMMARY_H
#define SCTRACE_SUMMARY_H

#include <stdint.h>
#include <stdio.h>

struct sct_summary;

struct sct_summary *sct_summary_new(void);
void sct_summary_free(struct sct_summary *s);

/*
 * One call of syscall name came back with ret after ns nanoseconds
 * between its entry and exit stops.
 */
void sct_summary_add(struct sct_summary *s, const char *name, uint64_t ns,
		     int64_t ret);

/* The table, heaviest first, and its total row, as strace -c prints it. */
void sct_summary_print(const struct sct_summary *s, FILE *f);

#endif
