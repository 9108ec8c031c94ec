/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The picture of the system written before the first event: MI, UL, PL, FDL. */
#ifndef SCTRACE_SNAPSHOT_H
#define SCTRACE_SNAPSHOT_H

#include <stdbool.h>
#include <sys/types.h>

struct sct_procinfo;
struct sct_writer;

struct sct_snapshot;

/* Read machine facts (cpu count) without writing anything. */
void sct_snapshot_init(void);
/*
 * Start reading the system's part of the header in a thread of its own
 * (MI, UL, PL entries and FDLs of every process but the n traced ones).
 */
struct sct_snapshot *sct_snapshot_start(const pid_t *traced, unsigned n);
/*
 * Read the n traced processes' PL entries (every thread) and FDLs now, and
 * make w put SHB, MI, UL, PL and the FDLs before the events it holds, at
 * its first flush (which waits for the thread); sn is freed then.  For
 * unexeced, a launched command still before its exec, fds the exec will
 * close are left out.
 */
void sct_snapshot_write(struct sct_writer *w, struct sct_snapshot *sn,
			const pid_t *pids, unsigned n, pid_t unexeced);
/*
 * Add a PL entry read earlier (a traced process gone before the header was
 * written), before or after sct_snapshot_write.
 */
void sct_snapshot_add(struct sct_snapshot *sn, const struct sct_procinfo *pi);
/* For a snapshot never written: wait for its thread, free it. */
void sct_snapshot_free(struct sct_snapshot *sn);
/* Number of cpus as written in MI; event cpu ids stay below it. */
unsigned sct_snapshot_ncpus(void);

#endif
