/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -k: the user-space stack of a stopped thread, with libunwind-ptrace:
 * one line per frame, innermost first, as strace -k prints them.
 */
#ifndef SCTRACE_STACK_H
#define SCTRACE_STACK_H

#include <stdio.h>
#include <sys/types.h>

struct sct_stacks;

struct sct_stacks *sct_stacks_new(void);
void sct_stacks_free(struct sct_stacks *s);

/*
 * Print thread tid's stack (it is in a ptrace stop) to f, each frame as
 * " > object(function+0xoffset) [0xaddress]"; a failed unwind prints
 * what it found, possibly nothing.  At most SCT_STACK_MAX frames.
 */
#define SCT_STACK_MAX	64
void sct_stack_print(struct sct_stacks *s, FILE *f, pid_t pid, pid_t tid);
/*
 * The same lines into a new string (malloc'd; the caller frees it), or
 * NULL when nothing was found.
 */
char *sct_stack_text(struct sct_stacks *s, pid_t pid, pid_t tid);
/* Process mappings changed (an exec, mmap, munmap): no cache. */
void sct_stacks_changed(struct sct_stacks *s);

#endif
