/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Shared by the decode core (decode.c) and the per-family op handlers and
 * named decoders in src/decode/: the handler signature, the tracee reads
 * into the event's scratch arena, PT_DYN builders.
 */
#ifndef SCTRACE_DECODE_INTERNAL_H
#define SCTRACE_DECODE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "decode.h"
#include "event.h"

/* One source being gathered: its op, operand values and destination. */
struct sct_opargs {
	const struct sct_src *s;	/* the op and its operands' kinds */
	uint64_t x, y, z;		/* the operands' values */
	uint8_t pt;			/* SCT_PT_* of the parameter */
	unsigned param;			/* SCT_PARAM(at exit, index) */
	unsigned type;			/* the event's type */
};

/* Which parameter of which side: the case labels of named decoders. */
#define SCT_PARAM(at_exit, index)	((unsigned)(at_exit) << 8 | (index))

#define SCT_NONE	((struct sct_val){ 0 })

/* An op's handler: the value of the parameter a describes. */
typedef struct sct_val sct_op_fn(struct sct_call *c,
				 const struct sct_opargs *a);

#define SCT_OP_HANDLER(h)						\
	struct sct_val sct_op_##h(struct sct_call *c,			\
				  const struct sct_opargs *a)

/*
 * A named C decoder ("name=@dec" in decode.tbl): called for each parameter
 * its rows give it, which a->param tells as SCT_P_DEC_E_NAME or
 * SCT_P_DEC_X_NAME (generated into decode_gen.h).  It reads c->args.
 */
#define SCT_DECODER(name)						\
	struct sct_val sct_decode_##name(struct sct_call *c,		\
					 const struct sct_opargs *a)

#define SCT_OP_DECLARE(up, min, max, handler) SCT_OP_HANDLER(handler);
#define SCT_XLAT_DECLARE(up, fn)
SCT_DECODE_OPS(SCT_OP_DECLARE, SCT_XLAT_DECLARE)
#undef SCT_OP_DECLARE
#undef SCT_XLAT_DECLARE
SCT_OP_HANDLER(xlat);

/* The value of PI_* op for c's thread (its /proc state, decode.c). */
struct sct_val sct_pi_val(struct sct_call *c, unsigned op);

/* The named decoders of decode.tbl, indexed by the CALL operand. */
extern sct_op_fn *const sct_named_decoders[];
extern const unsigned sct_nnamed_decoders;

/* --- decode/util.c: tracee memory into the event's scratch arena --- */

/* Scratch space for this event (*got bytes); NULL when the arena is full. */
uint8_t *sct_arena_take(struct sct_call *c, size_t want, size_t *got);
/* Keep len bytes at p (from sct_arena_take) as the parameter's value. */
struct sct_val sct_arena_commit(struct sct_call *c, uint8_t *p, size_t len);

/* NUL-terminated string at addr (up to 4096 bytes). */
struct sct_val sct_read_str(struct sct_call *c, uint64_t addr);
/* len bytes at addr, cut at the snaplen. */
struct sct_val sct_read_buf(struct sct_call *c, uint64_t addr, int64_t len);
/* Exactly len bytes at addr, no snaplen cut; empty unless all are read
 * (the driver's fixed-length byte buffers). */
struct sct_val sct_read_exact(struct sct_call *c, uint64_t addr, size_t len);
/* One word-sized field of a tracee struct (0 or -EFAULT). */
int sct_read_word(struct sct_call *c, uint64_t addr, uint64_t *v);
bool sct_read_u32(struct sct_call *c, uint64_t addr, uint32_t *v);
bool sct_read_u64(struct sct_call *c, uint64_t addr, uint64_t *v);
/* A signed C long of the tracee's ABI. */
bool sct_read_long(struct sct_call *c, uint64_t addr, int64_t *v);
/* msghdr's name, namelen, iov and iovlen (0 or -EFAULT). */
int sct_read_msghdr(struct sct_call *c, uint64_t msg, uint64_t *name,
		    uint64_t *namelen, uint64_t *iov, uint64_t *iovlen);

/* PT_DYN: the index byte, then the value at the width of its type. */
struct sct_val sct_dyn_int(struct sct_call *c, uint8_t idx, uint64_t v,
			   unsigned width);
/* PT_DYN holding raw tracee bytes (addr, len): index byte + the bytes. */
struct sct_val sct_dyn_bytes(struct sct_call *c, uint8_t idx, uint64_t addr,
			     uint64_t len);

#endif
