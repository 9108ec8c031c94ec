/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the schema-driven event encoder (src/event.c): the event
 * header and parameter encodings of docs/scap-format.md §1.9 and §2,
 * written out by hand.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "event.h"
#include "schema.h"

/*
 * On-disk width of each PT_* type by its code, from the table of §2:
 * > 0 fixed width, 0 variable length, -1 not an on-disk type.
 */
static int spec_width(uint8_t pt)
{
	switch (pt) {
	case 1:		/* INT8 */
	case 5:		/* UINT8 */
	case 19:	/* SIGTYPE */
	case 28:	/* FLAGS8 */
	case 44:	/* ENUMFLAGS8 */
	case 23:	/* L4PROTO */
	case 24:	/* SOCKFAMILY */
		return 1;
	case 2:		/* INT16 */
	case 6:		/* UINT16 */
	case 18:	/* SYSCALLID */
	case 29:	/* FLAGS16 */
	case 45:	/* ENUMFLAGS16 */
	case 22:	/* PORT */
		return 2;
	case 3:		/* INT32 */
	case 7:		/* UINT32 */
	case 30:	/* FLAGS32 */
	case 31:	/* UID */
	case 32:	/* GID */
	case 34:	/* SIGSET */
	case 42:	/* MODE */
	case 46:	/* ENUMFLAGS32 */
	case 25:	/* BOOL */
	case 26:	/* IPV4ADDR */
	case 47:	/* FD32 */
	case 48:	/* PID32 */
		return 4;
	case 4:		/* INT64 */
	case 8:		/* UINT64 */
	case 11:	/* ERRNO */
	case 14:	/* FD */
	case 15:	/* PID */
	case 20:	/* RELTIME */
	case 21:	/* ABSTIME */
		return 8;
	case 9:		/* CHARBUF */
	case 10:	/* BYTEBUF */
	case 12:	/* SOCKADDR */
	case 13:	/* SOCKTUPLE */
	case 16:	/* FDLIST */
	case 17:	/* FSPATH */
	case 27:	/* DYN */
	case 43:	/* FSRELPATH */
		return 0;
	case 35:	/* CHARBUFARRAY: in-memory only */
	case 36:	/* CHARBUF_PAIR_ARRAY */
	default:
		return -1;
	}
}

static int spec_is_string(uint8_t pt)
{
	return pt == 9 || pt == 17 || pt == 43;
}

/* Header fields of §1.9, checked at their offsets. */
static void check_hdr(const uint8_t *b, uint64_t ts, uint64_t tid,
		      uint32_t len, uint16_t type, uint32_t nparams)
{
	ck_assert_uint_eq(sct_get_le64(b + 0), ts);
	ck_assert_uint_eq(sct_get_le64(b + 8), tid);
	ck_assert_uint_eq(sct_get_le32(b + 16), len);
	ck_assert_uint_eq(sct_get_le16(b + 20), type);
	ck_assert_uint_eq(sct_get_le32(b + 22), nparams);
}

static void assert_bytes(const uint8_t *got, size_t got_len,
			 const uint8_t *exp, size_t exp_len)
{
	size_t i;

	ck_assert_uint_eq(got_len, exp_len);
	for (i = 0; i < exp_len; i++)
		ck_assert_msg(got[i] == exp[i],
			      "byte %zu: got 0x%02x, expected 0x%02x", i,
			      got[i], exp[i]);
}

START_TEST(test_pt_width)
{
	uint8_t pt;

	/* sct_pt_width agrees with §2 for every type the schema may use */
	for (pt = 1; pt < SCT_PT_MAX; pt++) {
		int w = spec_width(pt);

		if (w >= 0)
			ck_assert_msg((int)sct_pt_width(pt) == w,
				      "PT %u: width %u, §2 says %d", pt,
				      sct_pt_width(pt), w);
	}
}
END_TEST

/*
 * open exit: fd, name, flags, mode, dev, ino;
 * 26 + 6*2 + 8+12+4+4+4+8 = 78
 */
START_TEST(test_open_x)
{
	static const uint8_t exp[78] = {
		0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* ts */
		0x2A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* tid 42 */
		0x4E, 0x00, 0x00, 0x00,				/* len 78 */
		0x03, 0x00,					/* OPEN_X */
		0x06, 0x00, 0x00, 0x00,				/* nparams */
		0x08, 0x00, 0x0C, 0x00, 0x04, 0x00, 0x04, 0x00, 0x04, 0x00,
		0x08, 0x00,
		0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* fd */
		'/', 'e', 't', 'c', '/', 'p', 'a', 's', 's', 'w', 'd', 0x00,
		0x01, 0x00, 0x00, 0x00,				/* PPM_O_RDONLY */
		0x00, 0x00, 0x00, 0x00,				/* mode */
		0x03, 0x08, 0x00, 0x00,				/* dev */
		0x21, 0x43, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* ino */
	};
	struct sct_val v[6] = {
		sct_int(3), sct_bytes("/etc/passwd", 12), sct_int(1),
		sct_int(0), sct_int(0x803), sct_int(0x4321),
	};
	uint8_t buf[96];

	memset(buf, 0xAA, sizeof(buf));
	ck_assert_uint_eq(sct_events[SCT_EV_SYSCALL_OPEN_X].nparams, 6);
	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_OPEN_X, v), 78);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_OPEN_X,
					   0x1122334455667788ull, 42, v), 78);
	assert_bytes(buf, 78, exp, 78);
	ck_assert_uint_eq(buf[78], 0xAA);	/* nothing written past len */
}
END_TEST

/* A failed open: negative errno in the FD param (two's complement i64). */
START_TEST(test_open_x_failed)
{
	struct sct_val v[6] = {
		sct_int((uint64_t)-2), sct_bytes("/nope", 6), sct_int(1),
		sct_int(0), sct_int(0), sct_int(0),
	};
	static const uint8_t fd[8] = { 0xFE, 0xFF, 0xFF, 0xFF,
				       0xFF, 0xFF, 0xFF, 0xFF };
	uint8_t buf[80];
	size_t n = sct_event_fit(SCT_EV_SYSCALL_OPEN_X, v);

	ck_assert_uint_eq(n, 26 + 12 + 8 + 6 + 12 + 8);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_OPEN_X, 0, 0, v),
			  n);
	assert_bytes(buf + 38, 8, fd, 8);
}
END_TEST

/*
 * Empty params: fixed-width ones are zeros of their width (tshark 4.0
 * marks zero-length ints malformed), variable ones have length 0.
 */
START_TEST(test_open_x_empty)
{
	static const uint8_t exp[66] = {
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x42, 0x00, 0x00, 0x00,				/* len 66 */
		0x03, 0x00,
		0x06, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x00, 0x00, 0x04, 0x00, 0x04, 0x00, 0x04, 0x00,
		0x08, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* fd */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00,					/* flags, mode, dev */
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* ino */
	};
	struct sct_val v[6];
	uint8_t buf[72];

	memset(v, 0, sizeof(v));	/* SCT_V_EMPTY */
	memset(buf, 0xAA, sizeof(buf));
	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_OPEN_X, v), 66);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_OPEN_X, 0, 1, v),
			  66);
	assert_bytes(buf, 66, exp, 66);
}
END_TEST

/* generic enter: ID is a u16 PPM_SC code, nativeID a u16 */
START_TEST(test_generic_e)
{
	static const uint8_t exp[34] = {
		0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x22, 0x00, 0x00, 0x00,
		0x00, 0x00,
		0x02, 0x00, 0x00, 0x00,
		0x02, 0x00, 0x02, 0x00,
		0x2C, 0x01,			/* ID 300 */
		0x06, 0x01,			/* nativeID 262 */
	};
	struct sct_val v[2] = { sct_int(300), sct_int(262) };
	uint8_t buf[40];

	ck_assert_uint_eq(sct_event_fit(SCT_EV_GENERIC_E, v), 34);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_GENERIC_E, 1, 2, v), 34);
	assert_bytes(buf, 34, exp, 34);
}
END_TEST

/* read exit: res ERRNO + data BYTEBUF (raw, no terminator) */
START_TEST(test_read_x)
{
	static const uint8_t exp[26 + 4 + 8 + 3] = {
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x29, 0x00, 0x00, 0x00,		/* 41 */
		0x07, 0x00,
		0x02, 0x00, 0x00, 0x00,
		0x08, 0x00, 0x03, 0x00,
		0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
		'a', 0x00, 'b',
	};
	struct sct_val v[2] = { sct_int(3), sct_bytes("a\0b", 3) };
	uint8_t buf[64];

	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_READ_X, v), 41);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_READ_X, 0, 7, v),
			  41);
	assert_bytes(buf, 41, exp, 41);

	/* empty data: length 0 */
	v[1] = sct_bytes(NULL, 0);
	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_READ_X, v), 38);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_READ_X, 0, 7, v),
			  38);
	ck_assert_uint_eq(sct_get_le16(buf + 28), 0);
	v[1].kind = SCT_V_EMPTY;
	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_READ_X, v), 38);
}
END_TEST

/* A string cut to fit still ends in NUL; the NUL is part of the length. */
START_TEST(test_string_nul)
{
	struct sct_val v[1] = { sct_bytes("/bin/sh", 8) };
	uint8_t buf[64];

	ck_assert_uint_eq(sct_events[SCT_EV_SYSCALL_EXECVE_19_E].nparams, 1);
	ck_assert_uint_eq(sct_event_fit(SCT_EV_SYSCALL_EXECVE_19_E, v),
			  26 + 2 + 8);
	sct_event_encode(buf, SCT_EV_SYSCALL_EXECVE_19_E, 0, 0, v);
	ck_assert_uint_eq(sct_get_le16(buf + 26), 8);
	ck_assert_mem_eq(buf + 28, "/bin/sh\0", 8);
}
END_TEST

/*
 * Every parameter of every event type, at the width of its type (§2):
 * fixed-width values are the low bytes of the value, little-endian;
 * then the same event with every param empty.
 */
START_TEST(test_all_widths)
{
	static const uint8_t le[8] = { 0x11, 0x22, 0x33, 0x44,
				       0x55, 0x66, 0x77, 0x88 };
	static uint8_t buf[SCT_EVENT_MAXLEN];
	struct sct_val v[SCT_MAX_PARAMS];
	unsigned t, i, checked = 0;

	for (t = 0; t < SCT_EVENT_MAX; t++) {
		const struct sct_event_info *ei = &sct_events[t];
		size_t n, off, expect = 26 + 2u * ei->nparams;
		int pass;

		ck_assert_uint_le(ei->nparams, SCT_MAX_PARAMS);
		for (pass = 0; pass < 2; pass++) {
			for (i = 0; i < ei->nparams; i++) {
				uint8_t pt = ei->params[i].type;
				int w = spec_width(pt);

				if (pass == 1 || w < 0)
					v[i] = (struct sct_val){ 0 };
				else if (w > 0)
					v[i] = sct_int(0x8877665544332211ull);
				else if (spec_is_string(pt))
					v[i] = sct_bytes("ab", 3);
				else
					v[i] = sct_bytes("\x01\x02", 2);
			}
			n = sct_event_fit(t, v);
			memset(buf, 0xAA, 26 + 2u * ei->nparams + 8u * 32);
			ck_assert_uint_eq(sct_event_encode(buf, t, 5, 6, v), n);
			check_hdr(buf, 5, 6, (uint32_t)n, (uint16_t)t,
				  ei->nparams);
			off = 26 + 2u * ei->nparams;
			expect = off;
			for (i = 0; i < ei->nparams; i++) {
				uint8_t pt = ei->params[i].type;
				int w = spec_width(pt);
				unsigned plen = sct_get_le16(buf + 26 + 2 * i);
				static const uint8_t zero[8];

				if (w > 0) {
					ck_assert_msg(plen == (unsigned)w,
						      "event %u (%s) param %u (%s): length %u, want %d",
						      t, ei->ident, i,
						      ei->params[i].name, plen,
						      w);
					ck_assert_msg(!memcmp(buf + off,
							      pass ? zero : le,
							      (size_t)w),
						      "event %u param %u value",
						      t, i);
				} else if (w == 0 && pass == 0) {
					unsigned want =
						spec_is_string(pt) ? 3 : 2;

					ck_assert_msg(plen == want,
						      "event %u param %u: length %u",
						      t, i, plen);
					if (spec_is_string(pt))
						ck_assert_mem_eq(buf + off,
								 "ab", 3);
					else
						ck_assert_mem_eq(buf + off,
								 "\x01\x02", 2);
				} else {
					ck_assert_msg(plen == 0,
						      "event %u param %u: empty variable param has length %u",
						      t, i, plen);
				}
				off += plen;
				expect += plen;
				checked++;
			}
			ck_assert_uint_eq(n, expect);
		}
	}
	ck_assert_uint_gt(checked, 1000);
}
END_TEST

/* A huge byte buffer is shrunk so the event fits SCT_EVENT_MAXLEN. */
START_TEST(test_oversized_bytebuf)
{
	size_t big = 100000;
	uint8_t *data = malloc(big), *buf = malloc(SCT_EVENT_MAXLEN + 16);
	struct sct_val v[2];
	size_t n;

	ck_assert_ptr_nonnull(data);
	ck_assert_ptr_nonnull(buf);
	memset(data, 'q', big);
	v[0] = sct_int(big);
	v[1] = sct_bytes(data, big);
	n = sct_event_fit(SCT_EV_SYSCALL_READ_X, v);
	ck_assert_uint_le(n, SCT_EVENT_MAXLEN);
	ck_assert_uint_eq(v[1].len, n - 26 - 4 - 8);
	/* the cut leaves as much data as the limit allows */
	ck_assert_uint_eq(n, SCT_EVENT_MAXLEN);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_READ_X, 0, 0, v),
			  n);
	ck_assert_uint_eq(sct_get_le32(buf + 16), n);
	ck_assert_uint_eq(sct_get_le64(buf + 30), big);	/* res not cut */
	ck_assert_uint_eq(sct_get_le16(buf + 28), n - 38);
	ck_assert_uint_eq(buf[38], 'q');
	ck_assert_uint_eq(buf[n - 1], 'q');
	/* an EV V2 block with it: 8 + 2 + n + 4 rounded up, ≤ 64 KiB */
	ck_assert_uint_le((8 + 2 + n + 4 + 3) & ~(size_t)3, 65536);
	free(buf);
	free(data);
}
END_TEST

/* Several large params (execve exit): the event still fits; strings keep NUL. */
START_TEST(test_oversized_many)
{
	const struct sct_event_info *ei =
		&sct_events[SCT_EV_SYSCALL_EXECVE_19_X];
	char *exe = malloc(70000), *args = malloc(40000), *env = malloc(40000),
	     *cg = malloc(30000);
	uint8_t *buf = malloc(SCT_EVENT_MAXLEN + 16);
	struct sct_val v[SCT_MAX_PARAMS];
	size_t n, off, sum = 0;
	unsigned i;

	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(ei->nparams, 30);
	memset(exe, 'e', 70000);
	exe[69999] = 0;
	memset(args, 'a', 40000);
	memset(env, 'v', 40000);
	memset(cg, 'c', 30000);
	for (i = 0; i < 30; i++)
		v[i] = sct_int(i);
	/* res, exe, args, ..., comm 13, cgroups 14, env 15 (§4) */
	ck_assert_str_eq(ei->params[1].name, "exe");
	ck_assert_str_eq(ei->params[2].name, "args");
	ck_assert_str_eq(ei->params[14].name, "cgroups");
	ck_assert_str_eq(ei->params[15].name, "env");
	v[1] = sct_bytes(exe, 70000);
	v[2] = sct_bytes(args, 40000);
	v[6] = sct_bytes("/", 2);
	v[13] = sct_bytes("sh", 3);
	v[14] = sct_bytes(cg, 30000);
	v[15] = sct_bytes(env, 40000);
	n = sct_event_fit(SCT_EV_SYSCALL_EXECVE_19_X, v);
	ck_assert_uint_le(n, SCT_EVENT_MAXLEN);
	ck_assert_uint_eq(sct_event_encode(buf, SCT_EV_SYSCALL_EXECVE_19_X, 0,
					   0, v), n);
	ck_assert_uint_eq(sct_get_le32(buf + 16), n);
	for (i = 0; i < 30; i++)
		sum += sct_get_le16(buf + 26 + 2 * i);
	ck_assert_uint_eq(26 + 60 + sum, n);
	/* exe (param 1) starts after res (8 bytes) */
	off = 26 + 60 + 8;
	if (sct_get_le16(buf + 28))
		ck_assert_uint_eq(buf[off + sct_get_le16(buf + 28) - 1], 0);
	free(buf);
	free(exe);
	free(args);
	free(env);
	free(cg);
}
END_TEST

Suite *sct_suite_event(void);

Suite *sct_suite_event(void)
{
	Suite *s = suite_create("event");
	TCase *tc = tcase_create("encode");

	tcase_add_test(tc, test_pt_width);
	tcase_add_test(tc, test_open_x);
	tcase_add_test(tc, test_open_x_failed);
	tcase_add_test(tc, test_open_x_empty);
	tcase_add_test(tc, test_generic_e);
	tcase_add_test(tc, test_read_x);
	tcase_add_test(tc, test_string_nul);
	tcase_add_test(tc, test_all_widths);
	tcase_add_test(tc, test_oversized_bytebuf);
	tcase_add_test(tc, test_oversized_many);
	suite_add_tcase(s, tc);
	return s;
}
