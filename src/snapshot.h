/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The picture of the system written before the first event: MI, UL, PL, FDL. */
#ifndef SCTRACE_SNAPSHOT_H
#define SCTRACE_SNAPSHOT_H

#include <stdbool.h>
#include <sys/types.h>

struct sct_writer;

/* Read machine facts (cpu count) without writing anything. */
void sct_snapshot_init(void);
/*
 * Write SHB, MI, UL, PL (every process and thread in /proc) and an FDL for
 * each of the n traced processes.  The last may be a launched command
 * still before its exec: for it, fds the exec will close are left out.
 */
void sct_snapshot_write(struct sct_writer *w, const pid_t *pids, unsigned n,
			bool last_launched);
/* Number of cpus as written in MI; event cpu ids stay below it. */
unsigned sct_snapshot_ncpus(void);

#endif
