/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Schema-driven event encoder: decoders gather values, this file alone
 * knows how a value of each parameter type is laid out on disk.
 */
#ifndef SCTRACE_EVENT_H
#define SCTRACE_EVENT_H

#include <stddef.h>
#include <stdint.h>

#include "schema.h"

/* Size of struct ppm_evt_hdr on disk: ts, tid, len, type, nparams. */
#define SCT_EVENT_HDR_LEN	26
/*
 * Largest event we write: it must fit a non-large EV block (64 KiB, block
 * header, cpuid and trailer included) and each parameter length is a u16.
 */
#define SCT_EVENT_MAXLEN	65000

enum sct_vkind {
	SCT_V_EMPTY = 0,	/* zero-length parameter: "not available" */
	SCT_V_INT,		/* integer, written at the type's width */
	SCT_V_BYTES,		/* raw bytes (strings carry their NUL) */
};

struct sct_val {
	uint8_t kind;
	uint32_t len;		/* SCT_V_BYTES only */
	union {
		uint64_t u;
		const void *p;
	};
};

static inline struct sct_val sct_int(uint64_t u)
{
	return (struct sct_val){ .kind = SCT_V_INT, .u = u };
}

static inline struct sct_val sct_bytes(const void *p, size_t len)
{
	return (struct sct_val){ .kind = SCT_V_BYTES, .len = (uint32_t)len,
				 .p = p };
}

/*
 * Length of the event for these values (one per schema parameter).
 * Shrinks oversized byte buffers in place so the event fits
 * SCT_EVENT_MAXLEN; strings are cut but keep a terminating NUL only if
 * they had room for one, which the encoder restores.
 */
size_t sct_event_fit(unsigned type, struct sct_val *v);

/*
 * Encode an event into buf, which must hold sct_event_fit() bytes.
 * Returns the number of bytes written.
 */
size_t sct_event_encode(uint8_t *buf, unsigned type, uint64_t ts,
			uint64_t tid, const struct sct_val *v);

#endif
