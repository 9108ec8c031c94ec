/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Schema-driven event encoder (layout: docs/scap-format.md §1.9 and §2). */
#include "config.h"
#include "event.h"
#include "buf.h"

#include <string.h>

unsigned sct_pt_width(enum sct_pt type)
{
	switch (type) {
	case SCT_PT_INT8:
	case SCT_PT_UINT8:
	case SCT_PT_SIGTYPE:
	case SCT_PT_FLAGS8:
	case SCT_PT_ENUMFLAGS8:
	case SCT_PT_L4PROTO:
	case SCT_PT_SOCKFAMILY:
		return 1;
	case SCT_PT_INT16:
	case SCT_PT_UINT16:
	case SCT_PT_SYSCALLID:
	case SCT_PT_FLAGS16:
	case SCT_PT_ENUMFLAGS16:
	case SCT_PT_PORT:
		return 2;
	case SCT_PT_INT32:
	case SCT_PT_UINT32:
	case SCT_PT_FLAGS32:
	case SCT_PT_ENUMFLAGS32:
	case SCT_PT_UID:
	case SCT_PT_GID:
	case SCT_PT_SIGSET:
	case SCT_PT_MODE:
	case SCT_PT_BOOL:
	case SCT_PT_IPV4ADDR:
	case SCT_PT_FD32:
	case SCT_PT_PID32:
		return 4;
	case SCT_PT_INT64:
	case SCT_PT_UINT64:
	case SCT_PT_ERRNO:
	case SCT_PT_FD:
	case SCT_PT_PID:
	case SCT_PT_RELTIME:
	case SCT_PT_ABSTIME:
	case SCT_PT_DOUBLE:
		return 8;
	default:
		return 0;
	}
}

/*
 * An empty value of a fixed-width type is written as zero: tshark 4.0
 * marks a zero-length integer parameter as malformed, and the kernel
 * driver itself writes 0 where it has nothing (dev of a failed open).
 */
static uint32_t param_len(uint8_t type, const struct sct_val *v)
{
	switch (v->kind) {
	case SCT_V_BYTES:
		return v->len;
	default:
		return sct_pt_width(type);
	}
}

size_t sct_event_fit(unsigned type, struct sct_val *v)
{
	const struct sct_event_info *ei = &sct_events[type];
	size_t total = SCT_EVENT_HDR_LEN + 2u * ei->nparams;
	unsigned i;

	for (i = 0; i < ei->nparams; i++) {
		if (v[i].kind == SCT_V_BYTES && v[i].len > UINT16_MAX)
			v[i].len = UINT16_MAX;
		total += param_len(ei->params[i].type, &v[i]);
	}
	/* Rare: several large buffers together. Shrink the biggest first. */
	while (total > SCT_EVENT_MAXLEN) {
		unsigned big = 0;
		uint32_t cut;

		for (i = 1; i < ei->nparams; i++)
			if (param_len(ei->params[i].type, &v[i]) >
			    param_len(ei->params[big].type, &v[big]))
				big = i;
		if (v[big].kind != SCT_V_BYTES)
			break;
		cut = (uint32_t)(total - SCT_EVENT_MAXLEN);
		if (cut > v[big].len)
			cut = v[big].len;
		v[big].len -= cut;
		total -= cut;
	}
	return total;
}

static int is_string(uint8_t type)
{
	return type == SCT_PT_CHARBUF || type == SCT_PT_FSPATH ||
	       type == SCT_PT_FSRELPATH;
}

size_t sct_event_encode(uint8_t *buf, unsigned type, uint64_t ts,
			uint64_t tid, const struct sct_val *v)
{
	const struct sct_event_info *ei = &sct_events[type];
	uint8_t *lens = buf + SCT_EVENT_HDR_LEN;
	uint8_t *p = lens + 2u * ei->nparams;
	unsigned i;

	for (i = 0; i < ei->nparams; i++) {
		uint8_t pt = ei->params[i].type;
		uint32_t len = param_len(pt, &v[i]);

		sct_put_le16(lens + 2 * i, (uint16_t)len);
		if (v[i].kind != SCT_V_BYTES) {
			uint64_t u = v[i].kind == SCT_V_INT ? v[i].u : 0;

			switch (len) {
			case 1:
				*p = (uint8_t)u;
				break;
			case 2:
				sct_put_le16(p, (uint16_t)u);
				break;
			case 4:
				sct_put_le32(p, (uint32_t)u);
				break;
			case 8:
				sct_put_le64(p, u);
				break;
			}
		} else if (len) {
			memcpy(p, v[i].p, len);
			/* A string cut to fit still ends in NUL. */
			if (is_string(pt))
				p[len - 1] = 0;
		}
		p += len;
	}
	sct_put_le64(buf, ts);
	sct_put_le64(buf + 8, tid);
	sct_put_le32(buf + 16, (uint32_t)(p - buf));
	sct_put_le16(buf + 20, (uint16_t)type);
	sct_put_le32(buf + 22, ei->nparams);
	return (size_t)(p - buf);
}
