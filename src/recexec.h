/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which execs get the in-process recorder (recexec.c): a program that
 * recorded next to nothing the last time it ran, and started no other,
 * is exec'd without it (its LD_PRELOAD as the program had it), since
 * loading the recorder costs more stops than it saves.
 */
#ifndef SCTRACE_RECEXEC_H
#define SCTRACE_RECEXEC_H

#include <stdint.h>

struct sct_group;
struct sct_run;
struct sct_thread;

/*
 * At the entry of t's syscall (its enter event written): for an execve or
 * execveat of a program not worth the recorder, its environment array is
 * replaced (in the recorder's room, SCT_EXEC_ENV_SYM) by one without the
 * recorder in LD_PRELOAD.
 */
void sct_recexec_enter(struct sct_run *r, struct sct_thread *t);

/* At the exit stop of t's syscall: a failed exec gets its array back. */
void sct_recexec_exit(struct sct_thread *t);

/*
 * t's exec succeeded (before the group's state is reset for the new
 * program); former is the tid that made the call.
 */
void sct_recexec_execd(struct sct_thread *t, struct sct_thread *former);

/* t is gone (whatever it was doing). */
void sct_recexec_forget(struct sct_thread *t);

/* g's program is over (it exec'd another, or g ended): what it recorded. */
void sct_recexec_done(struct sct_group *g);

#endif
