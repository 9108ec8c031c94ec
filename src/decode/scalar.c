/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Plain values: arguments, words at pointers, 64-bit halves, translations. */
#include "config.h"
#include "decode/internal.h"
#include "arch/arch.h"
#include "ppm_flags.h"
#include "schema.h"

/* Each translation widened to one signature, indexed from its op. */
#define SCT_OP_NOFN(up, min, max, handler)
#define SCT_XLAT_FN(up, fn)						\
	static uint64_t xlat_##fn(uint64_t v)				\
	{								\
		return (uint64_t)sct_ppm_##fn(v);			\
	}
SCT_DECODE_OPS(SCT_OP_NOFN, SCT_XLAT_FN)
#undef SCT_XLAT_FN

#define SCT_XLAT_ENTRY(up, fn) [SCT_OP_##up] = xlat_##fn,
static uint64_t (*const xlat_fns[SCT_OP_COUNT])(uint64_t) = {
	SCT_DECODE_OPS(SCT_OP_NOFN, SCT_XLAT_ENTRY)
};
#undef SCT_XLAT_ENTRY
#undef SCT_OP_NOFN

/* Values of FD/PID/INT32 type given as a syscall argument are C ints. */
static uint64_t sign_fix(uint8_t pt, const struct sct_operand *o, uint64_t v)
{
	if (o->kind != SCT_O_ARG)
		return v;
	switch (pt) {
	case SCT_PT_FD:
	case SCT_PT_PID:
	case SCT_PT_INT32:
	case SCT_PT_ERRNO:
		return (uint64_t)(int64_t)(int32_t)v;
	default:
		return v;
	}
}

SCT_OP_HANDLER(empty)
{
	(void)c;
	(void)a;
	return SCT_NONE;
}

SCT_OP_HANDLER(val)
{
	uint8_t pt = a->pt;

	/* a string type given a plain argument means "read it" */
	if (pt == SCT_PT_FSPATH || pt == SCT_PT_FSRELPATH ||
	    pt == SCT_PT_CHARBUF)
		return sct_read_str(c, a->x);
	return sct_int(sign_fix(pt, &a->s->o[0], a->x));
}

SCT_OP_HANDLER(raw)
{
	(void)c;
	if (a->s->op == SCT_OP_POS)
		return sct_int((int64_t)a->x > 0 ? a->x : 0);
	return sct_int(a->x);
}

SCT_OP_HANDLER(xlat)
{
	if (!xlat_fns[a->s->op])
		return SCT_NONE;
	return sct_int(xlat_fns[a->s->op](sign_fix(a->pt, &a->s->o[0], a->x)));
}

SCT_OP_HANDLER(str)
{
	if (a->s->op == SCT_OP_STR_OK && (int64_t)a->y < 0)
		return SCT_NONE;
	return sct_read_str(c, a->x);
}

SCT_OP_HANDLER(at)
{
	uint64_t v;
	uint32_t v32;

	switch (a->s->op) {
	case SCT_OP_U32_AT:
		return sct_read_u32(c, a->x, &v32) ? sct_int(v32) : SCT_NONE;
	case SCT_OP_ULONG_AT:
		if (!a->x)
			return sct_int(0);
		return sct_read_word(c, a->x, &v) ? SCT_NONE : sct_int(v);
	default:	/* U64_AT */
		if (!a->x)
			return sct_int(0);
		return sct_read_u64(c, a->x, &v) ? sct_int(v) : SCT_NONE;
	}
}

SCT_OP_HANDLER(slong)
{
	if (c->arch->wordsize == 4)
		return sct_int((uint64_t)(int64_t)(int32_t)a->x);
	return sct_int(a->x);
}

SCT_OP_HANDLER(lohi)
{
	if (c->arch->wordsize == 8)
		return sct_int(a->x);
	return sct_int((a->x & 0xffffffffu) | a->y << 32);
}
