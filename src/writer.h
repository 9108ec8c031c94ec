/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * scap file writer: pcapng-style blocks (docs/scap-format.md §1), buffered,
 * plain or gzip, with a sticky error.
 */
#ifndef SCTRACE_WRITER_H
#define SCTRACE_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zlib.h>

#include "buf.h"
#include "event.h"

#define SCT_BLOCK_SHB		0x0A0D0D0Au
#define SCT_BLOCK_MI		0x201u
#define SCT_BLOCK_PL_V9		0x215u
#define SCT_BLOCK_EV_V2		0x216u
#define SCT_BLOCK_FDL_V2	0x218u
#define SCT_BLOCK_IL_V2		0x219u
#define SCT_BLOCK_UL_V2		0x220u

#define SCT_SHB_MAGIC		0x1A2B3C4Du
#define SCT_MI_BODY_LEN		180

struct sct_procinfo;
struct sct_fdinfo;

struct sct_writer {
	int fd;			/* -1: a memory writer */
	gzFile gz;		/* NULL for plain output */
	uint8_t *buf;
	size_t len, cap;
	int err;		/* sticky: first -errno seen */
	uint64_t nevents;	/* events given to the writer */
	uint64_t nwritten;	/* events whole in the output (sticky error) */
	uint64_t nbytes;
	/* called once before the first flush: see sct_writer_hold */
	void (*hold)(struct sct_writer *w, void *arg);
	void *hold_arg;
};

/* Take ownership of fd (consumed: closed by sct_writer_close). */
int sct_writer_open(struct sct_writer *w, int fd, bool gzip);
/* A writer that only collects blocks in memory (buf, len); never flushes. */
int sct_writer_open_mem(struct sct_writer *w);
/*
 * Nothing reaches the file until cb(w, arg) has run: it is called at the
 * first flush (a full buffer, a periodic flush, close), typically to put
 * header blocks that were not ready before the buffered events
 * (sct_writer_prepend).
 */
void sct_writer_hold(struct sct_writer *w,
		     void (*cb)(struct sct_writer *w, void *arg), void *arg);
/* Append n bytes as they are (whole blocks from a memory writer). */
void sct_writer_raw(struct sct_writer *w, const void *p, size_t n);
/* Put n bytes before everything buffered (nothing flushed yet). */
void sct_writer_prepend(struct sct_writer *w, const void *p, size_t n);
int sct_writer_flush(struct sct_writer *w);
/* Flush and close; returns the sticky error, 0 if all went well. */
int sct_writer_close(struct sct_writer *w);

/* A whole block with this body: header, body, zero pad to 4, trailer. */
void sct_writer_block(struct sct_writer *w, uint32_t type, const void *body,
		      size_t len);
void sct_writer_shb(struct sct_writer *w);

/* One event in an EV V2 block.  v holds one value per schema parameter. */
void sct_writer_event(struct sct_writer *w, uint16_t cpu, unsigned type,
		      uint64_t ts, uint64_t tid, struct sct_val *v);

/* Block bodies, built in a growable buffer. */
struct sct_machine {
	uint32_t num_cpus;
	uint64_t memory_bytes;
	uint64_t max_pid;
	char hostname[128];
	uint64_t boot_ts;
};
void sct_mi_body(struct sct_buf *b, const struct sct_machine *m);
void sct_pl_entry(struct sct_buf *b, const struct sct_procinfo *pi);
void sct_fdl_entry(struct sct_buf *b, const struct sct_fdinfo *fi);
void sct_ul_user(struct sct_buf *b, uint32_t uid, uint32_t gid,
		 const char *name, const char *home, const char *shell);
void sct_ul_group(struct sct_buf *b, uint32_t gid, const char *name);

#endif
