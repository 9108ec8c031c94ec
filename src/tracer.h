/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ptrace engine: launch, follow every thread, turn stops into events. */
#ifndef SCTRACE_TRACER_H
#define SCTRACE_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct sct_writer;
struct sct_seccomp;
struct sct_filter;
struct sct_summary;
struct sct_rotate;
struct sct_stacks;

struct sct_options {
	char **argv;		/* command to launch, or NULL */
	pid_t *pids;		/* processes to attach to (-p) */
	unsigned npids;
	const char *cmd_path;	/* argv[0] resolved against PATH */
	unsigned snaplen;
	/*
	 * In-process recording (buffer.h): the launched command preloads
	 * the recorder and runs under a seccomp filter with its trampoline.
	 */
	bool buffer;
	struct sct_writer *w;	/* NULL: human-readable lines to text */
	struct sct_seccomp *seccomp;	/* launch-mode pre-filter, or NULL */
	struct sct_filter *filter;	/* capture filter, or NULL */
	FILE *text;
	bool stats;
	bool stdout_capture;	/* -o -: the command's stdout goes to stderr */
	bool no_spin;		/* always sleep in waitpid (less cpu, slower) */
	struct sct_summary *summary;	/* -c: count every syscall, or NULL */
	uint64_t max_events;	/* -n: stop recording after so many, or 0 */
	uint64_t max_ns;	/* -M: ... after so long (from the first event) */
	struct sct_rotate *rotate;	/* -C/-G/-W: files in turn, or NULL */
	bool live_status;	/* -v on a terminal: a status line as it goes */
	struct sct_stacks *stacks;	/* -k: user stacks under each enter */
};

struct sct_stats {
	uint64_t stops;
	uint64_t syscalls;
	uint64_t events;
	uint64_t filtered;	/* events the capture filter left out */
	/*
	 * waits for a stop that polled first, that slept; polling's pauses
	 * for contention; its pauses after an exec
	 */
	uint64_t polled, slept, pauses, exec_quiets;
	/* in-process recording: rings mapped, rings dropped as damaged */
	uint64_t rings, ring_errors;
	/* execs that went without the recorder (recexec.h) */
	uint64_t execs_bare;
	/*
	 * Not a count: the command could not be executed (exec failed) and
	 * nothing else was traced; the capture is not to be kept.
	 */
	bool exec_failed;
};

/*
 * Attach to opts->pids (every thread) and launch opts->argv, write the
 * header blocks and every event until the last traced thread is gone or,
 * after SIGINT/SIGTERM/SIGHUP, the attached processes are detached.
 * Returns the exit status sctrace should give (the command's, 128+signal
 * if it was killed; 0 when only attaching; 126 or 127 when the command
 * could not be executed, message printed), or -errno when nothing could
 * be started (message already printed, nothing left stopped).
 */
int sct_trace_run(const struct sct_options *opts, struct sct_stats *st);

/*
 * First thing in main: SIGINT, SIGTERM and SIGHUP are held (blocked) until
 * sct_trace_run has seized what it launches (PTRACE_O_EXITKILL) and its
 * handlers are in place; one that came meanwhile is handled then (passed
 * on to the command, or ends the attach), never kills sctrace in between.
 */
void sct_trace_hold_signals(void);

#endif
