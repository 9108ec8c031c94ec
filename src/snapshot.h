/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The picture of the system written before the first event: MI, UL, PL, FDL. */
#ifndef SCTRACE_SNAPSHOT_H
#define SCTRACE_SNAPSHOT_H

#include <sys/types.h>

struct sct_writer;

/* Read machine facts (cpu count) without writing anything. */
void sct_snapshot_init(void);
/*
 * Write SHB, MI, UL, PL (every process and thread in /proc) and the FDL of
 * the traced process traced_pid (fds an exec would close are left out).
 */
void sct_snapshot_write(struct sct_writer *w, pid_t traced_pid);
/* Number of cpus as written in MI; event cpu ids stay below it. */
unsigned sct_snapshot_ncpus(void);

#endif
