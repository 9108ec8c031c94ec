/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Starting to trace: launch a command, attach to a process (launch.c). */
#ifndef SCTRACE_LAUNCH_H
#define SCTRACE_LAUNCH_H

#include <sys/types.h>

struct sct_run;

/*
 * Fork r->o->argv, stopped until seized, and seize it (r->main_pid, in
 * the thread table).  Returns its pid, or -errno (message printed).  It
 * waits in a job-control stop: SIGCONT lets it go on.
 */
pid_t sct_launch(struct sct_run *r);

/*
 * After the launched command ended: 0 if its exec succeeded (or it never
 * came to it), else the exit status for "could not execute it" (126, or
 * 127 for a command gone since it was found), with the one-line message
 * printed.
 */
int sct_launch_failed(struct sct_run *r);

/*
 * Seize every thread of process pid into the thread table.  Returns 0, or
 * -errno (message printed; threads already seized stay in the table).
 */
int sct_attach(struct sct_run *r, pid_t pid);

#endif
