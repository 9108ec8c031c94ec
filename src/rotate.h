/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -C, -G, -W: the capture split into files, as sysdig names them: FILE0,
 * FILE1, ... (FILE the -o name), a new one every C MB or G seconds; with
 * -W N only the last N are kept (the indexes go round: the oldest file is
 * overwritten).
 */
#ifndef SCTRACE_ROTATE_H
#define SCTRACE_ROTATE_H

#include <stdbool.h>
#include <stdint.h>

struct sct_writer;

struct sct_rotate {
	const char *base;	/* -o FILE */
	bool gzip;
	uint64_t max_bytes;	/* -C, in bytes; 0: no limit */
	uint64_t max_ns;	/* -G; 0: no limit */
	unsigned ring;		/* -W; 0: keep every file */
	/* state */
	unsigned index;		/* of the file being written */
	uint64_t file_ts;	/* its first event's time (ns) */
	char name[4096];	/* its name */
};

/* Open rot's first file into w: 0 or -errno (nothing left open). */
int sct_rotate_open_first(struct sct_rotate *rot, struct sct_writer *w);
/* Is it time for the next file (now: CLOCK_REALTIME ns)? */
bool sct_rotate_due(struct sct_rotate *rot, const struct sct_writer *w,
		    uint64_t now);
/*
 * Close w's file and open the next one into w: 0, or -errno (w's error
 * then; the files written so far are whole).
 */
int sct_rotate_next(struct sct_rotate *rot, struct sct_writer *w);

#endif
