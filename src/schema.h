/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The scap event schema: one row per event type (the event table of libs
 * 0.25.4), with the parameter names and types the readers expect and how
 * many of them sctrace writes.  The table itself is generated from
 * syscalls/events.tbl.
 */
#ifndef SCTRACE_SCHEMA_H
#define SCTRACE_SCHEMA_H

#include <stdint.h>

#include "events_gen.h"

/* Parameter types, numbered as libscap's PT_* (they are on-disk facts). */
enum sct_pt {
	SCT_PT_NONE = 0,
	SCT_PT_INT8 = 1,
	SCT_PT_INT16 = 2,
	SCT_PT_INT32 = 3,
	SCT_PT_INT64 = 4,
	SCT_PT_UINT8 = 5,
	SCT_PT_UINT16 = 6,
	SCT_PT_UINT32 = 7,
	SCT_PT_UINT64 = 8,
	SCT_PT_CHARBUF = 9,
	SCT_PT_BYTEBUF = 10,
	SCT_PT_ERRNO = 11,
	SCT_PT_SOCKADDR = 12,
	SCT_PT_SOCKTUPLE = 13,
	SCT_PT_FD = 14,
	SCT_PT_PID = 15,
	SCT_PT_FDLIST = 16,
	SCT_PT_FSPATH = 17,
	SCT_PT_SYSCALLID = 18,
	SCT_PT_SIGTYPE = 19,
	SCT_PT_RELTIME = 20,
	SCT_PT_ABSTIME = 21,
	SCT_PT_PORT = 22,
	SCT_PT_L4PROTO = 23,
	SCT_PT_SOCKFAMILY = 24,
	SCT_PT_BOOL = 25,
	SCT_PT_IPV4ADDR = 26,
	SCT_PT_DYN = 27,
	SCT_PT_FLAGS8 = 28,
	SCT_PT_FLAGS16 = 29,
	SCT_PT_FLAGS32 = 30,
	SCT_PT_UID = 31,
	SCT_PT_GID = 32,
	SCT_PT_DOUBLE = 33,
	SCT_PT_SIGSET = 34,
	SCT_PT_CHARBUFARRAY = 35,
	SCT_PT_CHARBUF_PAIR_ARRAY = 36,
	SCT_PT_IPV4NET = 37,
	SCT_PT_IPV6ADDR = 38,
	SCT_PT_IPV6NET = 39,
	SCT_PT_IPADDR = 40,
	SCT_PT_IPNET = 41,
	SCT_PT_MODE = 42,
	SCT_PT_FSRELPATH = 43,
	SCT_PT_ENUMFLAGS8 = 44,
	SCT_PT_ENUMFLAGS16 = 45,
	SCT_PT_ENUMFLAGS32 = 46,
	SCT_PT_FD32 = 47,	/* libs 0.25: a 32-bit fd (iterator events) */
	SCT_PT_PID32 = 48,	/* libs 0.25: a 32-bit pid (iterator events) */
	SCT_PT_MAX
};

/* Event flags we care about (subset of libscap's EF_*). */
#define SCT_EF_UNUSED	(1u << 0)
#define SCT_EF_OLD	(1u << 1)
#define SCT_EF_LARGE	(1u << 2)
#define SCT_EF_CREATES_FD	(1u << 3)	/* the event makes a new fd */
#define SCT_EF_USES_FD		(1u << 4)	/* its fd param is the event's fd */
#define SCT_EF_DESTROYS_FD	(1u << 5)
/* libs 0.21's converter rewrites it: 0.21 aborts on a count it lacks */
#define SCT_EF_CONV021		(1u << 6)

#define SCT_MAX_PARAMS	32

struct sct_event_param {
	const char *name;
	uint8_t type;		/* enum sct_pt */
};

struct sct_event_info {
	const char *ident;	/* PPME_ name without the prefix */
	const char *name;	/* what sysdig shows as evt.type */
	uint8_t flags;
	/*
	 * Params sctrace writes: the first nparams of params[], never more
	 * than libs 0.21 or libs 0.25 has (syscalls/events.tbl says why).
	 */
	uint8_t nparams;
	uint8_t nparams_libs;	/* libs 0.25's count, the length of params[] */
	int8_t nparams_021;	/* libs 0.21.0's count, -1: no such event */
	const struct sct_event_param *params;
};

extern const struct sct_event_info sct_events[SCT_EVENT_MAX];

/* PPM_SC codes (syscalls/ppm_sc.tbl), looked up by syscall name. */
struct sct_ppm_sc {
	const char *name;
	uint16_t code;
};
extern const struct sct_ppm_sc sct_ppm_sc_table[];
extern const unsigned sct_ppm_sc_count;

/* Fixed on-disk width of a parameter type, or 0 for variable-length ones. */
unsigned sct_pt_width(enum sct_pt type);
/* PPM_SC code for a syscall name, 0 (unknown) when libs has none. */
uint16_t sct_ppm_sc_lookup(const char *name);
const char *sct_ppm_sc_name(uint16_t code);

static inline int sct_event_is_enter(unsigned type)
{
	return !(type & 1);
}

#endif
