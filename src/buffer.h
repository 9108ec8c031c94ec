/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * In-process recording, the tracer's side: the calls of the preloaded
 * recorder (src/preload/preload.c) that introduce it, ld.so's loading of
 * it (hidden), and the events of the records in its threads' rings
 * (src/ring.h), written through the same decoders as ptrace stops with
 * the recorded memory as the source.
 */
#ifndef SCTRACE_BUFFER_H
#define SCTRACE_BUFFER_H

#include <stdbool.h>
#include <stdint.h>

struct __ptrace_syscall_info;
struct sct_run;
struct sct_thread;

/* The recorder's file, to preload into a launched command (or NULL). */
const char *sct_buffer_library(void);

/*
 * The address of the recorder's symbol name where it is mapped at
 * SCT_LIB_BASE (ring.h), from its file; 0: no such symbol.
 */
uint64_t sct_buffer_lib_sym(const char *name);

/*
 * The address just after the trampoline's syscall instruction, where the
 * recorder is mapped at SCT_LIB_BASE (ring.h): what the seccomp filter
 * lets through.  0: the library has no trampoline.
 */
uint64_t sct_buffer_tramp_ip(void);

/*
 * Is the syscall of this entry or seccomp stop the recorder's own (ld.so
 * loading it, or its ring)?  Then it was handled here and is
 * never recorded: the thread goes on without an exit stop.
 */
bool sct_buffer_own_call(struct sct_run *r, struct sct_thread *t,
			 const struct __ptrace_syscall_info *si);

/*
 * The exit of such a call, when it wanted one (t->own_exit): what ld.so
 * did with the recorder's file.
 */
void sct_buffer_own_exit(struct sct_thread *t,
			 const struct __ptrace_syscall_info *si);

/*
 * t is at a signal-delivery stop: if that came as a recorded call
 * returned (or was interrupted), its exit is written first, as a
 * syscall-exit stop would have shown it.
 */
void sct_buffer_signal(struct sct_run *r, struct sct_thread *t);

/* Write the events of every ring's committed records, oldest first. */
void sct_buffer_drain(struct sct_run *r);

/* t dies or execs: its records are written, its ring let go. */
void sct_buffer_forget(struct sct_run *r, struct sct_thread *t);

/*
 * How t's recorder makes its calls from now on (ring.h's SCT_RING_*):
 * through libc while a vfork child shares t's memory (the child would
 * write in t's ring as t), until t stops again; unrecorded once nothing
 * is recorded any more.
 */
void sct_buffer_mode(struct sct_thread *t, unsigned mode);

/*
 * May the recorder go into the program at path (a dynamically linked
 * program of the native ABI, no sanitizer runtime)?
 */
bool sct_buffer_fits(const char *path);

/* The end: every ring emptied, its recorder told to record no more. */
void sct_buffer_fini(struct sct_run *r);

#endif
