/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -k: the user-space stack of a stopped thread, with libunwind: one line
 * per frame, innermost first, as strace -k prints them.
 */
#ifndef SCTRACE_STACK_H
#define SCTRACE_STACK_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct sct_stacks;
struct sct_group;

struct sct_stacks *sct_stacks_new(void);
void sct_stacks_free(struct sct_stacks *s);

/*
 * Print thread tid's stack (it is in a ptrace stop; g is its process; its
 * instruction and stack pointers are ip and sp) to f, each frame as
 * " > object(function+0xoffset) [0xaddress]"; a failed unwind prints what
 * it found, possibly nothing.  At most SCT_STACK_MAX frames.
 */
#define SCT_STACK_MAX	64
void sct_stack_print(struct sct_stacks *s, FILE *f, struct sct_group *g,
		     pid_t tid, uint64_t ip, uint64_t sp);
/*
 * The same lines into a new string (malloc'd; the caller frees it), or
 * NULL when nothing was found.
 */
char *sct_stack_text(struct sct_stacks *s, struct sct_group *g, pid_t tid,
		     uint64_t ip, uint64_t sp);
/*
 * g's mappings may have changed (an exec, mmap, munmap, mprotect, mremap,
 * brk): they are read again before its next stack.
 */
void sct_stacks_changed(struct sct_group *g);
/* g is gone: drop what was kept for its stacks (thread.c). */
void sct_stack_forget(struct sct_group *g);

#endif
