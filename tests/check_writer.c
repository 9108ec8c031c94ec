/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the scap block writer (src/writer.c).  Every expected byte
 * is written out by hand from docs/scap-format.md §1 (little-endian, packed).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "event.h"
#include "proc.h"
#include "procfd.h"
#include "writer.h"

/* ---- helpers: a temp file as the writer's fd, read back ---- */

struct tmpout {
	char path[64];
	int fd;
};

static void tmp_create(struct tmpout *t)
{
	strcpy(t->path, "/tmp/sct-check-XXXXXX");
	t->fd = mkstemp(t->path);
	ck_assert_msg(t->fd >= 0, "mkstemp: %s", strerror(errno));
}

/* Whole file, then unlink it.  Caller frees. */
static uint8_t *tmp_slurp(struct tmpout *t, size_t *len)
{
	struct stat st;
	uint8_t *p;
	size_t got = 0;
	int fd = open(t->path, O_RDONLY);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	p = malloc((size_t)st.st_size + 1);
	ck_assert_ptr_nonnull(p);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, p + got, (size_t)st.st_size - got);

		ck_assert_int_gt(n, 0);
		got += (size_t)n;
	}
	close(fd);
	unlink(t->path);
	*len = got;
	return p;
}

/* Decompress the whole file with zlib, then unlink it.  Caller frees. */
static uint8_t *tmp_gunzip(struct tmpout *t, size_t *len)
{
	gzFile gz = gzopen(t->path, "rb");
	size_t cap = 1 << 16, got = 0;
	uint8_t *p = malloc(cap);
	int n;

	ck_assert_ptr_nonnull(gz);
	ck_assert_ptr_nonnull(p);
	for (;;) {
		if (cap - got < 4096) {
			cap *= 2;
			p = realloc(p, cap);
			ck_assert_ptr_nonnull(p);
		}
		n = gzread(gz, p + got, (unsigned)(cap - got));
		ck_assert_int_ge(n, 0);
		if (n == 0)
			break;
		got += (size_t)n;
	}
	ck_assert_int_eq(gzclose(gz), Z_OK);
	unlink(t->path);
	*len = got;
	return p;
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

/* ---- expected blocks, by hand ---- */

/* §1.2: exactly 28 bytes */
static const uint8_t shb_exp[28] = {
	0x0A, 0x0D, 0x0D, 0x0A,		/* block type */
	0x1C, 0x00, 0x00, 0x00,		/* total length 28 */
	0x4D, 0x3C, 0x2B, 0x1A,		/* byte-order magic 0x1A2B3C4D */
	0x01, 0x00,			/* major 1 */
	0x02, 0x00,			/* minor 2 */
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,	/* section length */
	0x1C, 0x00, 0x00, 0x00,		/* trailer 28 */
};

/*
 * EV V2 (§1.9): read exit, cpu 3, ts 0x0102030405060708, tid 0x1234,
 * res 5, data "hello".  Event len 26 + 2*2 + 8 + 5 = 43; block
 * 8 + 2 + 43 + 4 = 57 -> 60 (3 bytes padding).
 */
static const uint8_t ev_read_exp[60] = {
	0x16, 0x02, 0x00, 0x00,		/* EV V2 */
	0x3C, 0x00, 0x00, 0x00,		/* 60 */
	0x03, 0x00,			/* cpuid */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* ts */
	0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* tid */
	0x2B, 0x00, 0x00, 0x00,		/* len 43 */
	0x07, 0x00,			/* type 7 = SYSCALL_READ_X */
	0x02, 0x00, 0x00, 0x00,		/* nparams */
	0x08, 0x00, 0x05, 0x00,		/* lengths (u16) */
	0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* res */
	'h', 'e', 'l', 'l', 'o',	/* data */
	0x00, 0x00, 0x00,		/* padding */
	0x3C, 0x00, 0x00, 0x00,		/* trailer */
};

/*
 * Generic enter, cpu 0x0102, ts 1, tid 2, ID 3 (read), nativeID 0:
 * len 26 + 4 + 2 + 2 = 34, block 8 + 2 + 34 + 4 = 48 (no padding).
 */
static const uint8_t ev_generic_exp[48] = {
	0x16, 0x02, 0x00, 0x00,
	0x30, 0x00, 0x00, 0x00,
	0x02, 0x01,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x22, 0x00, 0x00, 0x00,
	0x00, 0x00,			/* GENERIC_E */
	0x02, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x02, 0x00,		/* SYSCALLID u16, UINT16 */
	0x03, 0x00,
	0x00, 0x00,
	0x30, 0x00, 0x00, 0x00,
};

/*
 * close enter, cpu 0, ts 0x10, tid 0x20, fd -1: len 26 + 2 + 8 = 36,
 * block 8 + 2 + 36 + 4 = 50 -> 52 (2 bytes padding).
 */
static const uint8_t ev_close_exp[52] = {
	0x16, 0x02, 0x00, 0x00,
	0x34, 0x00, 0x00, 0x00,
	0x00, 0x00,
	0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x24, 0x00, 0x00, 0x00,
	0x04, 0x00,			/* SYSCALL_CLOSE_E */
	0x01, 0x00, 0x00, 0x00,
	0x08, 0x00,
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
	0x00, 0x00,
	0x34, 0x00, 0x00, 0x00,
};

static void write_ev_read(struct sct_writer *w)
{
	struct sct_val v[2] = { sct_int(5), sct_bytes("hello", 5) };

	sct_writer_event(w, 3, SCT_EV_SYSCALL_READ_X, 0x0102030405060708ull,
			 0x1234, v);
}

static void write_three_events(struct sct_writer *w)
{
	struct sct_val g[2] = { sct_int(3), sct_int(0) };
	struct sct_val c[1] = { sct_int((uint64_t)-1) };

	write_ev_read(w);
	sct_writer_event(w, 0x0102, SCT_EV_GENERIC_E, 1, 2, g);
	sct_writer_event(w, 0, SCT_EV_SYSCALL_CLOSE_E, 0x10, 0x20, c);
}

static void expect_shb_three_events(const uint8_t *got, size_t len)
{
	uint8_t exp[28 + 60 + 48 + 52];

	memcpy(exp, shb_exp, 28);
	memcpy(exp + 28, ev_read_exp, 60);
	memcpy(exp + 88, ev_generic_exp, 48);
	memcpy(exp + 136, ev_close_exp, 52);
	assert_bytes(got, len, exp, sizeof(exp));
}

/* ---- tests ---- */

START_TEST(test_shb)
{
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;

	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_shb(&w);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, shb_exp, sizeof(shb_exp));
	free(got);
}
END_TEST

START_TEST(test_mi)
{
	struct sct_machine m = {
		.num_cpus = 4,
		.memory_bytes = 0x123456789ull,
		.max_pid = 4194304,
		.hostname = "host",
		.boot_ts = 0x1122334455667788ull,
	};
	struct sct_buf b = { 0 };
	struct tmpout t;
	struct sct_writer w;
	uint8_t exp[192] = { 0 };
	static const uint8_t head[8] = { 0x01, 0x02, 0x00, 0x00,
					 0xC0, 0x00, 0x00, 0x00 };
	static const uint8_t fields[24] = {
		0x04, 0x00, 0x00, 0x00,				/* num_cpus @0 */
		0x89, 0x67, 0x45, 0x23, 0x01, 0x00, 0x00, 0x00,	/* memory @4 */
		0x00, 0x00, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00,	/* max_pid @12 */
		'h', 'o', 's', 't',				/* hostname @20 */
	};
	static const uint8_t boot[8] = { 0x88, 0x77, 0x66, 0x55,
					 0x44, 0x33, 0x22, 0x11 };
	static const uint8_t trailer[4] = { 0xC0, 0x00, 0x00, 0x00 };
	uint8_t *got;
	size_t len;

	/* file offsets = 8 + body offsets of §1.4 */
	memcpy(exp, head, 8);
	memcpy(exp + 8, fields, sizeof(fields));
	memcpy(exp + 8 + 148, boot, 8);		/* boot_ts_epoch @148 */
	/* flags @156, reserved3 @164, reserved4 @172: zero */
	memcpy(exp + 188, trailer, 4);

	sct_mi_body(&b, &m);
	ck_assert_uint_eq(b.len, 180);
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_block(&w, SCT_BLOCK_MI, b.p, b.len);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	sct_buf_free(&b);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, exp, sizeof(exp));
	free(got);
}
END_TEST

/* A hostname filling all 128 bytes is cut to 127 and NUL-terminated. */
START_TEST(test_mi_long_hostname)
{
	struct sct_machine m = { .num_cpus = 1 };
	struct sct_buf b = { 0 };
	unsigned i;

	memset(m.hostname, 'x', sizeof(m.hostname));
	sct_mi_body(&b, &m);
	ck_assert_uint_eq(b.len, 180);
	for (i = 0; i < 127; i++)
		ck_assert_uint_eq(b.p[20 + i], 'x');
	ck_assert_uint_eq(b.p[20 + 127], 0);
	/* boot_ts @148 follows the 128 hostname bytes */
	for (i = 148; i < 180; i++)
		ck_assert_uint_eq(b.p[i], 0);
	sct_buf_free(&b);
}
END_TEST

/* §1.5 PL V9 entry, 172 bytes, fields 1..27 */
static const uint8_t pl_exp[] = {
	0xAC, 0x00, 0x00, 0x00,				/* entry_len 172 */
	0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* tid */
	0x30, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* pid */
	0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,	/* ptid -1 */
	0x00, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* sid */
	0x01, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* vpgid */
	0x03, 0x00, 'c', 'a', 't',			/* comm */
	0x08, 0x00, '/', 'b', 'i', 'n', '/', 'c', 'a', 't',	/* exe */
	0x0C, 0x00, '/', 'u', 's', 'r', '/', 'b', 'i', 'n', '/', 'c', 'a',
	't',						/* exepath */
	0x05, 0x00, 'a', 0x00, 'b', 'c', 0x00,		/* args */
	0x04, 0x00, '/', 't', 'm', 'p',			/* cwd */
	0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* fdlimit 1024 */
	0x01, 0x20, 0x00, 0x00,				/* flags 0x2001 */
	0xE8, 0x03, 0x00, 0x00,				/* uid 1000 */
	0xE9, 0x03, 0x00, 0x00,				/* gid 1001 */
	0x00, 0x01, 0x00, 0x00,				/* vmsize_kb */
	0x80, 0x00, 0x00, 0x00,				/* vmrss_kb */
	0x07, 0x00, 0x00, 0x00,				/* vmswap_kb */
	0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* pfmajor */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* pfminor */
	0x04, 0x00, 'A', '=', '1', 0x00,		/* env */
	0x34, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* vtid */
	0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* vpid */
	0x06, 0x00, 'c', 'p', 'u', '=', '/', 0x00,	/* cgroups */
	0x01, 0x00, '/',				/* root */
	0xFF, 0xFF, 0xFF, 0xFF,				/* loginuid unset */
	0x01,						/* exe_writable */
};

static struct sct_procinfo *make_pi(void)
{
	struct sct_procinfo *pi = calloc(1, sizeof(*pi));

	ck_assert_ptr_nonnull(pi);
	pi->tid = 0x1234;
	pi->pid = 0x1230;
	pi->ptid = -1;
	pi->sid = 0x1200;
	pi->pgid = 0x1201;
	pi->vtid = 0x34;
	pi->vpid = 0x30;
	strcpy(pi->comm, "cat");
	strcpy(pi->exe, "/bin/cat");
	strcpy(pi->exepath, "/usr/bin/cat");
	memcpy(pi->args, "a\0bc\0", 5);
	pi->args_len = 5;
	strcpy(pi->cwd, "/tmp");
	memcpy(pi->env, "A=1\0", 4);
	pi->env_len = 4;
	memcpy(pi->cgroups, "cpu=/\0", 6);
	pi->cgroups_len = 6;
	strcpy(pi->root, "/");
	pi->fdlimit = 1024;
	pi->flags = 0x2001;
	pi->uid = 1000;
	pi->gid = 1001;
	pi->loginuid = 0xFFFFFFFFu;
	pi->vmsize_kb = 0x100;
	pi->vmrss_kb = 0x80;
	pi->vmswap_kb = 7;
	pi->pfmajor = 2;
	pi->pfminor = 0x0102030405060708ull;
	pi->tty = 0x8801;		/* not part of the 2022 layout */
	pi->exe_writable = 1;
	return pi;
}

/* Walk an entry with the §1.5 field sizes; bytes left after root. */
static size_t pl_bytes_after_root(const uint8_t *e)
{
	size_t len = sct_get_le32(e), off = 4 + 5 * 8;
	int i;

	for (i = 0; i < 5; i++)		/* comm exe exepath args cwd */
		off += 2 + sct_get_le16(e + off);
	off += 8 + 6 * 4 + 2 * 8;	/* fdlimit, flags..vmswap, pf* */
	off += 2 + sct_get_le16(e + off);	/* env */
	off += 2 * 8;			/* vtid, vpid */
	off += 2 + sct_get_le16(e + off);	/* cgroups */
	off += 2 + sct_get_le16(e + off);	/* root */
	ck_assert_uint_le(off, len);
	return len - off;
}

START_TEST(test_pl_entry)
{
	struct sct_procinfo *pi = make_pi();
	struct sct_buf b = { 0 };

	ck_assert_uint_eq(sizeof(pl_exp), 172);
	sct_pl_entry(&b, pi);
	assert_bytes(b.p, b.len, pl_exp, sizeof(pl_exp));
	/* the old reader's layout: loginuid + exe_writable, ≤ 29 bytes */
	ck_assert_uint_eq(pl_bytes_after_root(b.p), 5);
	sct_buf_free(&b);
	free(pi);
}
END_TEST

/*
 * A soft buffer (the snapshot thread's) out of memory keeps -ENOMEM and
 * drops later writes instead of ending the process.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SCT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SCT_ASAN 1
#endif
#endif

START_TEST(test_buf_soft_oom)
{
	struct sct_procinfo *pi = make_pi();
	struct sct_buf b = { .soft = true };

#ifdef SCT_ASAN
	/* ASan reports an allocation this big instead of failing it */
	free(pi);
	return;
#endif

	sct_buf_u32(&b, 7);
	ck_assert(!sct_buf_reserve(&b, SIZE_MAX >> 2));
	ck_assert_int_eq(b.err, -ENOMEM);
	sct_buf_u64(&b, 1);
	sct_pl_entry(&b, pi);
	ck_assert_uint_eq(b.len, 4);
	ck_assert_uint_eq(sct_get_le32(b.p), 7);
	sct_buf_free(&b);
	ck_assert_int_eq(b.err, 0);
	free(pi);
}
END_TEST

START_TEST(test_pl_block)
{
	struct sct_procinfo *pi = make_pi();
	struct sct_buf b = { 0 };
	struct tmpout t;
	struct sct_writer w;
	uint8_t exp[8 + 2 * 172 + 4];
	static const uint8_t head[8] = { 0x15, 0x02, 0x00, 0x00,
					 0x64, 0x01, 0x00, 0x00 };	/* 356 */
	static const uint8_t trailer[4] = { 0x64, 0x01, 0x00, 0x00 };
	uint8_t *got;
	size_t len;

	/* two entries: the second one differs only in tid */
	sct_pl_entry(&b, pi);
	pi->tid = 0x1235;
	sct_pl_entry(&b, pi);
	memcpy(exp, head, 8);
	memcpy(exp + 8, pl_exp, 172);
	memcpy(exp + 8 + 172, pl_exp, 172);
	exp[8 + 172 + 4] = 0x35;
	memcpy(exp + 8 + 344, trailer, 4);

	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_block(&w, SCT_BLOCK_PL_V9, b.p, b.len);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, exp, sizeof(exp));
	free(got);
	sct_buf_free(&b);
	free(pi);
}
END_TEST

/* §1.6 FDL V2 entries: entry_len (incl. itself), fd, ino, type, data */
static const uint8_t fdl_file_exp[37] = {
	0x25, 0x00, 0x00, 0x00,
	0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x10,				/* FILE_V2 */
	0x07, 0x00, 0x00, 0x00,		/* open_flags RDWR|CREAT */
	0x06, 0x00, '/', 't', 'm', 'p', '/', 'x',
	0x01, 0x08, 0x00, 0x00,		/* dev */
};
static const uint8_t fdl_ipv4_exp[34] = {
	0x22, 0x00, 0x00, 0x00,
	0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x20, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x03,				/* IPV4_SOCK */
	127, 0, 0, 1,			/* sip */
	10, 0, 0, 2,			/* dip */
	0x40, 0x9C,			/* sport 40000 */
	0x50, 0x00,			/* dport 80 */
	0x02,				/* TCP */
};
static const uint8_t fdl_ipv4srv_exp[28] = {
	0x1C, 0x00, 0x00, 0x00,
	0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x21, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x05,				/* IPV4_SERVSOCK */
	192, 168, 1, 1,
	0x90, 0x1F,			/* 8080 */
	0x02,
};
static const uint8_t fdl_ipv6_exp[58] = {
	0x3A, 0x00, 0x00, 0x00,
	0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x04,				/* IPV6_SOCK */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,		/* ::1 */
	0xFE, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,	/* fe80::1 */
	0xD2, 0x04,			/* sport 1234 */
	0xBB, 0x01,			/* dport 443 */
	0x03,				/* UDP */
};
static const uint8_t fdl_ipv6srv_exp[40] = {
	0x28, 0x00, 0x00, 0x00,
	0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x23, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x06,				/* IPV6_SERVSOCK */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,		/* :: */
	0x16, 0x00,			/* 22 */
	0x02,
};
static const uint8_t fdl_unix_exp[45] = {
	0x2D, 0x00, 0x00, 0x00,
	0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x08,				/* UNIX_SOCK */
	0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11,	/* source */
	0x00, 0xFF, 0xEE, 0xDD, 0xCC, 0xBB, 0xAA, 0x99,	/* dest */
	0x06, 0x00, '/', 'r', 'u', 'n', '/', 's',
};
static const uint8_t fdl_fifo_exp[32] = {
	0x20, 0x00, 0x00, 0x00,
	0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x25, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x07,				/* FIFO */
	0x09, 0x00, 'p', 'i', 'p', 'e', ':', '[', '3', '7', ']',
};

static void set_name(struct sct_fdinfo *fi, const char *s)
{
	fi->name_len = strlen(s);
	memcpy(fi->name, s, fi->name_len + 1);
}

static void fdl_one(const struct sct_fdinfo *fi, const uint8_t *exp,
		    size_t len)
{
	struct sct_buf b = { 0 };

	sct_fdl_entry(&b, fi);
	assert_bytes(b.p, b.len, exp, len);
	sct_buf_free(&b);
}

static void fi_file(struct sct_fdinfo *fi)
{
	memset(fi, 0, sizeof(*fi));
	fi->fd = 3;
	fi->ino = 0x10;
	fi->type = SCT_FD_FILE_V2;
	fi->open_flags = 7;
	fi->dev = 0x801;
	set_name(fi, "/tmp/x");
}

static void fi_fifo(struct sct_fdinfo *fi)
{
	memset(fi, 0, sizeof(*fi));
	fi->fd = 9;
	fi->ino = 0x25;
	fi->type = SCT_FD_FIFO;
	set_name(fi, "pipe:[37]");
}

START_TEST(test_fdl_entries)
{
	static const uint8_t sip6[16] = { [15] = 1 };
	static const uint8_t dip6[16] = { 0xFE, 0x80, [15] = 1 };
	struct sct_fdinfo fi;

	fi_file(&fi);
	fdl_one(&fi, fdl_file_exp, sizeof(fdl_file_exp));

	memset(&fi, 0, sizeof(fi));
	fi.fd = 4;
	fi.ino = 0x20;
	fi.type = SCT_FD_IPV4_SOCK;
	memcpy(fi.sip, "\x7f\x00\x00\x01", 4);
	memcpy(fi.dip, "\x0a\x00\x00\x02", 4);
	fi.sport = 40000;
	fi.dport = 80;
	fi.l4proto = 2;
	fdl_one(&fi, fdl_ipv4_exp, sizeof(fdl_ipv4_exp));

	memset(&fi, 0, sizeof(fi));
	fi.fd = 5;
	fi.ino = 0x21;
	fi.type = SCT_FD_IPV4_SERVSOCK;
	memcpy(fi.sip, "\xc0\xa8\x01\x01", 4);
	fi.sport = 8080;
	fi.l4proto = 2;
	fdl_one(&fi, fdl_ipv4srv_exp, sizeof(fdl_ipv4srv_exp));

	memset(&fi, 0, sizeof(fi));
	fi.fd = 6;
	fi.ino = 0x22;
	fi.type = SCT_FD_IPV6_SOCK;
	memcpy(fi.sip, sip6, 16);
	memcpy(fi.dip, dip6, 16);
	fi.sport = 1234;
	fi.dport = 443;
	fi.l4proto = 3;
	fdl_one(&fi, fdl_ipv6_exp, sizeof(fdl_ipv6_exp));

	memset(&fi, 0, sizeof(fi));
	fi.fd = 7;
	fi.ino = 0x23;
	fi.type = SCT_FD_IPV6_SERVSOCK;
	fi.sport = 22;
	fi.l4proto = 2;
	fdl_one(&fi, fdl_ipv6srv_exp, sizeof(fdl_ipv6srv_exp));

	memset(&fi, 0, sizeof(fi));
	fi.fd = 8;
	fi.ino = 0x24;
	fi.type = SCT_FD_UNIX_SOCK;
	fi.usrc = 0x1122334455667788ull;
	fi.udst = 0x99AABBCCDDEEFF00ull;
	set_name(&fi, "/run/s");
	fdl_one(&fi, fdl_unix_exp, sizeof(fdl_unix_exp));

	fi_fifo(&fi);
	fdl_one(&fi, fdl_fifo_exp, sizeof(fdl_fifo_exp));
}
END_TEST

/* A whole FDL block: tid u64, entries, padding 77 -> 3 bytes, trailer. */
START_TEST(test_fdl_block)
{
	struct sct_fdinfo fi;
	struct sct_buf b = { 0 };
	struct tmpout t;
	struct sct_writer w;
	uint8_t exp[92];
	static const uint8_t head[16] = {
		0x18, 0x02, 0x00, 0x00,		/* FDL V2 */
		0x5C, 0x00, 0x00, 0x00,		/* 8 + 8 + 37 + 32 + 4 = 89 -> 92 */
		0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* tid */
	};
	static const uint8_t tail[7] = { 0x00, 0x00, 0x00,
					 0x5C, 0x00, 0x00, 0x00 };
	uint8_t *got;
	size_t len;

	memcpy(exp, head, 16);
	memcpy(exp + 16, fdl_file_exp, 37);
	memcpy(exp + 53, fdl_fifo_exp, 32);
	memcpy(exp + 85, tail, 7);

	sct_buf_u64(&b, 0x1234);
	fi_file(&fi);
	sct_fdl_entry(&b, &fi);
	fi_fifo(&fi);
	sct_fdl_entry(&b, &fi);
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_block(&w, SCT_BLOCK_FDL_V2, b.p, b.len);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, exp, sizeof(exp));
	free(got);
	sct_buf_free(&b);
}
END_TEST

/* §1.7 UL V2: user (38 bytes) + group (16 bytes), 54 -> 2 bytes padding. */
START_TEST(test_ul_block)
{
	static const uint8_t exp[68] = {
		0x20, 0x02, 0x00, 0x00,
		0x44, 0x00, 0x00, 0x00,		/* 8 + 54 + 4 = 66 -> 68 */
		/* user */
		0x26, 0x00, 0x00, 0x00,		/* entry_len 38 */
		0x00,				/* type user */
		0xE8, 0x03, 0x00, 0x00,		/* uid 1000 */
		0xE8, 0x03, 0x00, 0x00,		/* gid 1000 */
		0x03, 0x00, 'b', 'o', 'b',
		0x09, 0x00, '/', 'h', 'o', 'm', 'e', '/', 'b', 'o', 'b',
		0x07, 0x00, '/', 'b', 'i', 'n', '/', 's', 'h',
		/* group */
		0x10, 0x00, 0x00, 0x00,		/* entry_len 16 */
		0x01,				/* type group */
		0x64, 0x00, 0x00, 0x00,		/* gid 100 */
		0x05, 0x00, 'u', 's', 'e', 'r', 's',
		0x00, 0x00,			/* padding */
		0x44, 0x00, 0x00, 0x00,
	};
	struct sct_buf b = { 0 };
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;

	sct_ul_user(&b, 1000, 1000, "bob", "/home/bob", "/bin/sh");
	ck_assert_uint_eq(b.len, 38);
	sct_ul_group(&b, 100, "users");
	ck_assert_uint_eq(b.len, 54);
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_block(&w, SCT_BLOCK_UL_V2, b.p, b.len);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, exp, sizeof(exp));
	free(got);
	sct_buf_free(&b);
}
END_TEST

/*
 * §1.1 padding for body lengths 0..5, written after a flushed block of
 * 0xFF bytes so the writer's buffer is dirty where the padding goes.
 */
START_TEST(test_block_padding)
{
	static const uint8_t exp[28 + 12 + 16 * 4 + 20] = {
		0xAD, 0x0B, 0xAD, 0x0B, 0x1C, 0x00, 0x00, 0x00,
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
		0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
		0x1C, 0x00, 0x00, 0x00,
		/* body 0: 12 */
		0x78, 0x56, 0x34, 0x12, 0x0C, 0x00, 0x00, 0x00,
		0x0C, 0x00, 0x00, 0x00,
		/* body 1: 16 */
		0x78, 0x56, 0x34, 0x12, 0x10, 0x00, 0x00, 0x00,
		0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
		/* body 2: 16 */
		0x78, 0x56, 0x34, 0x12, 0x10, 0x00, 0x00, 0x00,
		0x01, 0x02, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
		/* body 3: 16 */
		0x78, 0x56, 0x34, 0x12, 0x10, 0x00, 0x00, 0x00,
		0x01, 0x02, 0x03, 0x00, 0x10, 0x00, 0x00, 0x00,
		/* body 4: 16 */
		0x78, 0x56, 0x34, 0x12, 0x10, 0x00, 0x00, 0x00,
		0x01, 0x02, 0x03, 0x04, 0x10, 0x00, 0x00, 0x00,
		/* body 5: 20 */
		0x78, 0x56, 0x34, 0x12, 0x14, 0x00, 0x00, 0x00,
		0x01, 0x02, 0x03, 0x04, 0x05, 0x00, 0x00, 0x00,
		0x14, 0x00, 0x00, 0x00,
	};
	static const uint8_t body[5] = { 1, 2, 3, 4, 5 };
	uint8_t ff[16];
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len, n;

	memset(ff, 0xFF, sizeof(ff));
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_block(&w, 0x0BAD0BADu, ff, sizeof(ff));
	ck_assert_int_eq(sct_writer_flush(&w), 0);
	for (n = 0; n <= 5; n++)
		sct_writer_block(&w, 0x12345678u, body, n);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	assert_bytes(got, len, exp, sizeof(exp));
	free(got);
}
END_TEST

START_TEST(test_events)
{
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;

	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_shb(&w);
	write_three_events(&w);
	ck_assert_uint_eq(w.nevents, 3);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	expect_shb_three_events(got, len);
	free(got);
}
END_TEST

/* An event over 64 KiB of data is cut so the block stays a non-large one. */
START_TEST(test_event_oversized_block)
{
	size_t big = 100000;
	char *data = malloc(big);
	struct sct_val v[2];
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;
	uint32_t total, evlen;

	ck_assert_ptr_nonnull(data);
	memset(data, 'z', big);
	v[0] = sct_int(big);
	v[1] = sct_bytes(data, big);
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_event(&w, 0, SCT_EV_SYSCALL_READ_X, 1, 1, v);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = tmp_slurp(&t, &len);
	ck_assert_uint_ge(len, 14 + 26);
	total = sct_get_le32(got + 4);
	evlen = sct_get_le32(got + 10 + 16);
	ck_assert_uint_eq(total, len);
	ck_assert_uint_le(total, 65536);
	ck_assert_uint_eq(total % 4, 0);
	ck_assert_uint_le(evlen, 65000);
	/* total = round_up4(8 + 2 + evlen + 4) */
	ck_assert_uint_eq(total, (8 + 2 + evlen + 4 + 3) & ~3u);
	ck_assert_uint_eq(sct_get_le32(got + total - 4), total);
	/* res keeps the full count; data length = evlen - 26 - 4 - 8 */
	ck_assert_uint_eq(sct_get_le64(got + 10 + 30), big);
	ck_assert_uint_eq(sct_get_le16(got + 10 + 28), evlen - 38);
	free(got);
	free(data);
}
END_TEST

/* Many events: buffer flushes must not corrupt or reorder blocks. */
/* got is the SHB and n copies of the read event (write_ev_read). */
static void expect_shb_reads(const uint8_t *got, size_t len, unsigned n)
{
	unsigned i;

	ck_assert_uint_eq(len, 28 + (size_t)n * 60);
	assert_bytes(got, 28, shb_exp, 28);
	for (i = 0; i < n; i++)
		ck_assert_msg(!memcmp(got + 28 + (size_t)i * 60, ev_read_exp,
				      60), "event %u differs", i);
}

/* n events: more than one buffer's worth, plain or gzipped */
static void many_events(bool gzip)
{
	const unsigned n = 30000;	/* 1.8 MB */
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;
	unsigned i;

	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, gzip), 0);
	sct_writer_shb(&w);
	for (i = 0; i < n; i++)
		write_ev_read(&w);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	got = gzip ? tmp_gunzip(&t, &len) : tmp_slurp(&t, &len);
	expect_shb_reads(got, len, n);
	free(got);
}

START_TEST(test_many_events)
{
	many_events(false);
}
END_TEST

/* sct_writer_hold: the SHB made by the callback lands before the events. */
static unsigned hold_calls;

static void put_shb_first(struct sct_writer *w, void *arg)
{
	struct sct_writer h;

	ck_assert_ptr_eq(arg, &hold_calls);
	hold_calls++;
	ck_assert_int_eq(sct_writer_open_mem(&h), 0);
	sct_writer_shb(&h);
	sct_writer_flush(&h);		/* a memory writer keeps its bytes */
	ck_assert_uint_eq(h.len, 28);
	sct_writer_prepend(w, h.buf, h.len);
	sct_writer_close(&h);
}

START_TEST(test_hold_prepend)
{
	const unsigned n = 30000;	/* the buffer fills: the hold ends there */
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;
	unsigned i;

	hold_calls = 0;
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_hold(&w, put_shb_first, &hold_calls);
	for (i = 0; i < n; i++)
		write_ev_read(&w);
	ck_assert_uint_eq(hold_calls, 1);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	ck_assert_uint_eq(hold_calls, 1);
	got = tmp_slurp(&t, &len);
	expect_shb_reads(got, len, n);
	free(got);
}
END_TEST

START_TEST(test_hold_at_close)
{
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;

	hold_calls = 0;
	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, true), 0);
	sct_writer_hold(&w, put_shb_first, &hold_calls);
	write_three_events(&w);
	ck_assert_uint_eq(hold_calls, 0);
	ck_assert_int_eq(sct_writer_close(&w), 0);
	ck_assert_uint_eq(hold_calls, 1);
	got = tmp_gunzip(&t, &len);
	expect_shb_three_events(got, len);
	free(got);
}
END_TEST

START_TEST(test_gzip)
{
	struct tmpout t;
	struct sct_writer w;
	uint8_t *raw, *got;
	size_t len;
	int fd;

	tmp_create(&t);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, true), 0);
	sct_writer_shb(&w);
	write_three_events(&w);
	ck_assert_int_eq(sct_writer_close(&w), 0);

	/* gzip magic on disk */
	fd = open(t.path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	raw = malloc(2);
	ck_assert_int_eq(read(fd, raw, 2), 2);
	close(fd);
	ck_assert_uint_eq(raw[0], 0x1f);
	ck_assert_uint_eq(raw[1], 0x8b);
	free(raw);

	got = tmp_gunzip(&t, &len);
	expect_shb_three_events(got, len);
	free(got);
}
END_TEST

START_TEST(test_gzip_many)
{
	many_events(true);
}
END_TEST

/* A read-only fd: the first error sticks and is returned by close. */
START_TEST(test_sticky_error_rdonly)
{
	struct tmpout t;
	struct sct_writer w;
	int fd;

	tmp_create(&t);
	close(t.fd);
	fd = open(t.path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(sct_writer_open(&w, fd, false), 0);
	sct_writer_shb(&w);
	ck_assert_int_eq(sct_writer_flush(&w), -EBADF);
	write_ev_read(&w);
	ck_assert_int_eq(sct_writer_flush(&w), -EBADF);
	ck_assert_int_eq(sct_writer_flush(&w), -EBADF);
	ck_assert_int_eq(sct_writer_close(&w), -EBADF);
	unlink(t.path);
}
END_TEST

START_TEST(test_sticky_error_full)
{
	struct sct_writer w;
	int fd = open("/dev/full", O_WRONLY);

	if (fd < 0)
		return;		/* no /dev/full in this environment */
	ck_assert_int_eq(sct_writer_open(&w, fd, false), 0);
	sct_writer_shb(&w);
	write_ev_read(&w);
	ck_assert_int_eq(sct_writer_close(&w), -ENOSPC);
}
END_TEST

START_TEST(test_sticky_error_full_gzip)
{
	struct sct_writer w;
	int fd = open("/dev/full", O_WRONLY);
	unsigned i;
	int r1, r2;

	if (fd < 0)
		return;
	ck_assert_int_eq(sct_writer_open(&w, fd, true), 0);
	sct_writer_shb(&w);
	/* enough incompressible-ish data for zlib to write before close */
	for (i = 0; i < 20000; i++) {
		struct sct_val v[2] = { sct_int(i), sct_bytes(&i, sizeof(i)) };

		sct_writer_event(&w, 0, SCT_EV_SYSCALL_READ_X, i * 7919u, i, v);
	}
	r1 = sct_writer_flush(&w);
	r2 = sct_writer_flush(&w);
	ck_assert_int_lt(r1, 0);
	ck_assert_int_eq(r2, r1);
	ck_assert_int_eq(sct_writer_close(&w), r1);
}
END_TEST

/*
 * A file that cannot grow past a limit (EFBIG, as ENOSPC on a full disk):
 * after the error the file ends at the last whole block, and nwritten
 * counts the events in it.
 */
START_TEST(test_error_cuts_at_block)
{
	const unsigned n = 30000;
	const rlim_t limit = 1000003;	/* inside the 16,667th event */
	struct rlimit old, rl;
	struct tmpout t;
	struct sct_writer w;
	uint8_t *got;
	size_t len;
	unsigned i, whole = (unsigned)((limit - 28) / 60);

	signal(SIGXFSZ, SIG_IGN);
	ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
	rl.rlim_cur = limit;	/* the soft limit only: it can go back */
	rl.rlim_max = old.rlim_max;
	tmp_create(&t);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &rl), 0);
	ck_assert_int_eq(sct_writer_open(&w, t.fd, false), 0);
	sct_writer_shb(&w);
	for (i = 0; i < n; i++)
		write_ev_read(&w);
	ck_assert_int_eq(sct_writer_close(&w), -EFBIG);
	ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &old), 0);
	ck_assert_uint_eq(w.nevents, n);
	ck_assert_uint_eq(w.nwritten, whole);
	got = tmp_slurp(&t, &len);
	expect_shb_reads(got, len, whole);
	free(got);
}
END_TEST

/* gzip on a bad fd: the reason, not "out of memory" */
START_TEST(test_gzip_open_error)
{
	struct sct_writer w;

	ck_assert_int_eq(sct_writer_open(&w, -1, true), -EBADF);
	ck_assert_ptr_null(w.buf);
	ck_assert_ptr_null(w.gz);
}
END_TEST

Suite *sct_suite_writer(void);

Suite *sct_suite_writer(void)
{
	Suite *s = suite_create("writer");
	TCase *tc = tcase_create("blocks");

	tcase_add_test(tc, test_shb);
	tcase_add_test(tc, test_mi);
	tcase_add_test(tc, test_mi_long_hostname);
	tcase_add_test(tc, test_pl_entry);
	tcase_add_test(tc, test_buf_soft_oom);
	tcase_add_test(tc, test_pl_block);
	tcase_add_test(tc, test_fdl_entries);
	tcase_add_test(tc, test_fdl_block);
	tcase_add_test(tc, test_ul_block);
	tcase_add_test(tc, test_block_padding);
	tcase_add_test(tc, test_events);
	tcase_add_test(tc, test_event_oversized_block);
	tcase_add_test(tc, test_many_events);
	tcase_add_test(tc, test_hold_prepend);
	tcase_add_test(tc, test_hold_at_close);
	tcase_add_test(tc, test_gzip);
	tcase_add_test(tc, test_gzip_many);
	tcase_add_test(tc, test_sticky_error_rdonly);
	tcase_add_test(tc, test_sticky_error_full);
	tcase_add_test(tc, test_sticky_error_full_gzip);
	tcase_add_test(tc, test_error_cuts_at_block);
	tcase_add_test(tc, test_gzip_open_error);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
