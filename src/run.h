/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The state of one sct_trace_run, shared by the stop loop (tracer.c), the
 * thread table (thread.c), launch/attach (launch.c) and the syscall
 * event assembly (sysevent.c).  One per run: no file keeps hidden state.
 */
#ifndef SCTRACE_RUN_H
#define SCTRACE_RUN_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "decode.h"
#include "schema.h"
#include "stopwait.h"
#include "thread.h"

struct sct_arch;
struct sct_clone_state;
struct sct_evfilter;
struct sct_options;
struct sct_procinfo;
struct sct_snapshot;
struct sct_stats;

struct sct_run {
	const struct sct_options *o;
	struct sct_stats *st;
	struct sct_threads threads;
	pid_t main_pid;			/* the launched command, or 0 */
	sigset_t orig_mask;		/* the signal mask sctrace started with */
	int main_status;
	bool main_done;
	bool main_execd;
	int exec_err_fd;		/* the child's errno if its exec fails */
	pid_t *pids;			/* traced at the start, for the FDLs */
	unsigned npids;

	/* event assembly and output (sysevent.c) */
	uint64_t last_ts;
	uint64_t last_flush;
	bool header_done;
	/*
	 * Nothing more is recorded: the capture's reader has gone (EPIPE),
	 * or -n/-M's limit is reached; why says which, for the warning.
	 */
	bool output_gone;
	char why[96];
	uint64_t start_ts;		/* the first event's time (for -M) */
	struct sct_snapshot *snap;	/* until the header is written */
	/* the launched command as its last exec left it, until the header */
	struct sct_procinfo *main_pi;
	struct sct_call call;
	struct sct_val vals[SCT_MAX_PARAMS];
	/* an enter written late, at its exit: decoded beside the exit's */
	struct sct_call enter_call;
	struct sct_val enter_vals[SCT_MAX_PARAMS];
	/* a thread described before its first written event (filters) */
	struct sct_call desc_call;
	struct sct_val desc_vals[SCT_MAX_PARAMS];
	struct sct_val enter_desc;	/* its exec enter's filename */
	const struct sct_decoder *clone_dec, *execve_dec;
	struct sct_clone_state *clone;	/* shared by a clone's two sides */
	struct sct_evfilter *evfilter;	/* the capture filter's context */
	uint16_t sc_prctl;		/* PPM_SC of prctl (comm changes) */
	uint16_t sc_mremap;		/* PPM_SC of mremap (-k's caches) */
	const struct sct_arch *last_arch;
	uint32_t last_audit;
	uint8_t type_known[SCT_EVENT_MAX];	/* 0 unknown, 1 kept, 2 not */

	/* in-process recording (buffer.c) */
	struct sct_bring *rings;
	uint64_t rec_ts;		/* a record's time for its event, or 0 */
	uint8_t *rec_buf;		/* a record copied out of its ring */
	size_t rec_cap;

	/* the stop loop (tracer.c) */
	struct sct_stopwait wait;	/* polling for the next stop */
	volatile sig_atomic_t interrupted;
	bool maybe_held;		/* a thread may be held (tracer.c) */
};

#endif
