/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ptrace engine: launch, follow every thread, turn stops into events. */
#ifndef SCTRACE_TRACER_H
#define SCTRACE_TRACER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct sct_writer;

struct sct_options {
	char **argv;		/* command to launch */
	const char *cmd_path;	/* argv[0] resolved against PATH */
	unsigned snaplen;
	struct sct_writer *w;	/* NULL: human-readable lines to text */
	FILE *text;
	bool stats;
};

struct sct_stats {
	uint64_t stops;
	uint64_t syscalls;
	uint64_t events;
};

/*
 * Launch opts->argv traced, write the header blocks and every event until
 * the last traced thread is gone.  Returns the exit status sctrace should
 * give (the command's, 128+signal if it was killed), or -errno when the
 * command could not be started (message already printed).
 */
int sct_trace_launch(const struct sct_options *opts, struct sct_stats *st);

#endif
