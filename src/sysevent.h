/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Syscall event assembly: a thread's syscall enter or exit stop, its
 * clone child's side and its end become events: gather (decode.c), filter
 * (evfilter.c), emit (writer.c or print.c).  The header blocks are
 * written before the first event.
 */
#ifndef SCTRACE_SYSEVENT_H
#define SCTRACE_SYSEVENT_H

#include <stdbool.h>
#include <stdint.h>

struct __ptrace_syscall_info;
struct sct_decoder;
struct sct_run;
struct sct_thread;

/* What r's events need (options already in r->o); dies if out of memory. */
void sct_sysevent_init(struct sct_run *r);
void sct_sysevent_fini(struct sct_run *r);

/* t entered (a syscall stop or a seccomp stop) or left a syscall. */
void sct_sysevent_enter(struct sct_run *r, struct sct_thread *t,
			const struct __ptrace_syscall_info *si);
void sct_sysevent_exit(struct sct_run *r, struct sct_thread *t,
		       const struct __ptrace_syscall_info *si);
/* The child side of the clone that made t (t->child_pending). */
void sct_sysevent_child(struct sct_run *r, struct sct_thread *t);
/* t is gone, with this wait status. */
void sct_sysevent_procexit(struct sct_run *r, struct sct_thread *t,
			   int status);
/*
 * t has died (its wait status): procexit, after the signaldeliver the
 * driver writes when the kernel ends a thread with its process.
 */
void sct_sysevent_death(struct sct_run *r, struct sct_thread *t, int status);
/* Signal sig is being delivered to t (signal-delivery-stop). */
void sct_sysevent_signal(struct sct_run *r, struct sct_thread *t, int sig);
/* t's process made a successful exec (PTRACE_EVENT_EXEC stop). */
void sct_sysevent_exec(struct sct_run *r, struct sct_thread *t);
/*
 * -M: has the capture lasted its time (from its first event) at now (ns,
 * CLOCK_REALTIME; 0: read the clock)?  Then nothing more is recorded.
 */
void sct_sysevent_check_time(struct sct_run *r, uint64_t now);
/*
 * -C/-G: between two stops, go on in the next file if it is time: it
 * gets its own header (the processes and fds as they are then).
 */
void sct_sysevent_rotate(struct sct_run *r);
/* The run ends and no event was written (see sysevent.c). */
void sct_sysevent_no_events(struct sct_run *r);

/* A clone-family call a thread is making. */
struct sct_clone_call {
	const struct sct_decoder *dec;
	uint64_t raw;		/* its clone flags as passed */
	uint32_t flags;		/* PPM_CL_* (none for fork and vfork) */
};

/* Is t in a clone-family syscall?  If so, which (into cc). */
bool sct_sysevent_clone_of(const struct sct_thread *t,
			   struct sct_clone_call *cc);
/*
 * parent's clone cc made child: its side of the clone is to be written
 * (sct_sysevent_child) at its first stop.
 */
void sct_sysevent_clone_made(struct sct_thread *child,
			     const struct sct_thread *parent,
			     const struct sct_clone_call *cc);

#endif
