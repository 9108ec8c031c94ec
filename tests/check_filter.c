/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for capture filter expressions (src/filter.c): matches against
 * a table of fake events, error messages with their columns, and the
 * evt.type sets handed to the seccomp pre-filter.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

/* A fake event; NULL strings and has_* false make fields absent. */
struct fev {
	const char *type;
	const char *dir;
	const char *res;	/* exit events only */
	int64_t rawres;
	const char *name;
	int64_t pid;
	const char *pname;
	int64_t ppid;
	int64_t tid;
	const char *fdname;	/* NULL: no fd */
	const char *fdtype;
	int64_t fdnum;
};

static const struct fev evs[] = {
	/* E0 */ { "openat", ">", NULL, 0, "nginx", 100, "systemd", 1, 100,
		   NULL, NULL, 0 },
	/* E1 */ { "openat", "<", "SUCCESS", 3, "nginx", 100, "systemd", 1, 101,
		   "/etc/passwd", "file", 3 },
	/* E2 */ { "openat", "<", "ENOENT", -2, "python3", 200, "nginx", 100,
		   201, NULL, NULL, 0 },
	/* E3 */ { "read", "<", "SUCCESS", 12, "python3", 200, "nginx", 100, 200,
		   "127.0.0.1:80->10.0.0.2:5000", "ipv4", 5 },
	/* E4 */ { "write", ">", NULL, 0, "bash", 300, NULL, 200, 300,
		   "/tmp/My File.txt", "file", 7 },
};

#define NEVS	(sizeof(evs) / sizeof(evs[0]))

struct getctx {
	const struct fev *e;
	unsigned calls[SCT_F_COUNT];
};

static void set_str(struct sct_fval *out, const char *s)
{
	if (s) {
		out->present = true;
		out->str = s;
	}
}

static void set_num(struct sct_fval *out, int64_t v)
{
	out->present = true;
	out->is_num = true;
	out->num = v;
}

static void fev_get(void *arg, enum sct_field f, struct sct_fval *out)
{
	struct getctx *g = arg;
	const struct fev *e = g->e;
	bool exitev = e->dir[0] == '<';

	ck_assert_int_eq(out->present, false);
	g->calls[f]++;
	switch (f) {
	case SCT_F_EVT_TYPE:
		set_str(out, e->type);
		break;
	case SCT_F_EVT_DIR:
		set_str(out, e->dir);
		break;
	case SCT_F_EVT_RES:
		set_str(out, exitev ? e->res : NULL);
		break;
	case SCT_F_EVT_RAWRES:
		if (exitev)
			set_num(out, e->rawres);
		break;
	case SCT_F_EVT_FAILED:
		if (exitev)
			set_num(out, e->rawres < 0);
		break;
	case SCT_F_PROC_NAME:
		set_str(out, e->name);
		break;
	case SCT_F_PROC_PID:
		set_num(out, e->pid);
		break;
	case SCT_F_PROC_PNAME:
		set_str(out, e->pname);
		break;
	case SCT_F_PROC_PPID:
		set_num(out, e->ppid);
		break;
	case SCT_F_THREAD_TID:
		set_num(out, e->tid);
		break;
	case SCT_F_FD_NAME:
		set_str(out, e->fdname);
		break;
	case SCT_F_FD_TYPE:
		set_str(out, e->fdtype);
		break;
	case SCT_F_FD_NUM:
		if (e->fdname)
			set_num(out, e->fdnum);
		break;
	default:
		ck_abort_msg("getter called for field %d", (int)f);
	}
}

static struct sct_filter *parse_ok(const char *text)
{
	struct sct_filter *f = NULL;
	char err[256];
	int rc;

	rc = sct_filter_parse(text, &f, err, sizeof(err));
	ck_assert_msg(rc == 0, "parse \"%s\": rc %d: %s", text, rc, err);
	ck_assert_ptr_nonnull(f);
	return f;
}

/* Bit i set when evs[i] matches; each field fetched at most once. */
static unsigned match_mask(const char *text)
{
	struct sct_filter *f = parse_ok(text);
	struct getctx g;
	unsigned i, mask = 0;
	int k;

	for (i = 0; i < NEVS; i++) {
		memset(&g, 0, sizeof(g));
		g.e = &evs[i];
		if (sct_filter_match(f, fev_get, &g))
			mask |= 1u << i;
		for (k = 0; k < SCT_F_COUNT; k++) {
			ck_assert_msg(g.calls[k] <= 1,
				      "\"%s\": field %d fetched %u times",
				      text, k, g.calls[k]);
			ck_assert_msg(!g.calls[k] ||
				      sct_filter_uses(f, (enum sct_field)k),
				      "\"%s\": field %d fetched, not used",
				      text, k);
		}
	}
	sct_filter_free(f);
	return mask;
}

static const struct {
	const char *expr;
	unsigned mask;		/* bit i: evs[i] matches */
} matches[] = {
	/* each field, each operator */
	{ "evt.type=openat", 0x07 },
	{ "evt.type==openat", 0x07 },
	{ "evt.type != openat", 0x18 },
	{ "evt.dir=>", 0x11 },
	{ "evt.dir = <", 0x0e },
	{ "evt.dir!=<", 0x11 },
	{ "evt.dir==>", 0x11 },
	{ "evt.res=SUCCESS", 0x0a },
	{ "evt.res=ENOENT", 0x04 },
	{ "evt.rawres<0", 0x04 },
	{ "evt.rawres>=3", 0x0a },
	{ "evt.rawres=-2", 0x04 },
	{ "evt.rawres > -3", 0x0e },
	{ "evt.failed=true", 0x04 },
	{ "evt.failed=false", 0x0a },
	{ "evt.failed!=true", 0x0a },
	{ "evt.failed in (true)", 0x04 },
	{ "proc.name=nginx", 0x03 },
	{ "proc.name=nginx or proc.name=python3", 0x0f },
	{ "proc.name in (bash, curl)", 0x10 },
	{ "proc.name < o", 0x13 },
	{ "proc.name >= python3", 0x0c },
	{ "proc.pid=100", 0x03 },
	{ "proc.pid>100", 0x1c },
	{ "proc.pid<=200", 0x0f },
	{ "proc.pid=\"100\"", 0x03 },
	{ "proc.pid=+100", 0x03 },
	{ "proc.ppid=1", 0x03 },
	{ "proc.pname=nginx", 0x0c },
	{ "thread.tid=201", 0x04 },
	{ "thread.tid in (100, 201, 300)", 0x15 },
	{ "fd.name=/etc/passwd", 0x02 },
	{ "fd.name contains /etc", 0x02 },
	{ "fd.name contains 127.0.0.1:80", 0x08 },
	{ "fd.name startswith /tmp/", 0x10 },
	{ "fd.name endswith .txt", 0x10 },
	{ "fd.name endswith 'My File.txt.x'", 0 },
	{ "fd.name icontains SSWD", 0x02 },
	{ "fd.name contains SSWD", 0 },
	{ "fd.type=ipv4", 0x08 },
	{ "fd.type in (file,ipv4)", 0x1a },
	{ "fd.num=3", 0x02 },
	{ "fd.num>=5", 0x18 },
	/* numeric fields compare as numbers, not text */
	{ "fd.num<10", 0x1a },
	{ "thread.tid>99", 0x1f },
	{ "evt.rawres in (-2, 12)", 0x0c },
	/* quoted values */
	{ "fd.name contains 'My File'", 0x10 },
	{ "fd.name icontains \"my file\"", 0x10 },
	{ "fd.name contains \"my file\"", 0 },
	{ "fd.name = '/tmp/My File.txt'", 0x10 },
	{ "fd.name=\"/tmp/My File.txt\"and proc.pid=300", 0x10 },
	{ "proc.name=\"\"", 0 },
	{ "fd.name contains \"\"", 0x1a },
	{ "fd.name startswith ''", 0x1a },
	{ "evt.type in('openat',\"read\")", 0x0f },
	{ "evt.type in ( openat , read )", 0x0f },
	/* keywords as values */
	{ "proc.name=and", 0 },
	{ "proc.name = or or proc.name = bash", 0x10 },
	{ "proc.name=exists or proc.name=not", 0 },
	/* exists and absent fields: every comparison false, != included */
	{ "fd.name exists", 0x1a },
	{ "evt.res exists", 0x0e },
	{ "evt.dir exists", 0x1f },
	{ "proc.pname exists", 0x0f },
	{ "not proc.pname exists", 0x10 },
	{ "proc.pname!=nginx", 0x03 },
	{ "evt.res!=SUCCESS", 0x04 },
	{ "not evt.res=SUCCESS", 0x15 },
	{ "fd.num!=3", 0x18 },
	{ "evt.failed!=false", 0x04 },
	/* precedence: not > and > or */
	{ "proc.name=nginx or proc.name=bash and fd.num=3", 0x03 },
	{ "(proc.name=nginx or proc.name=bash) and fd.num=3", 0x02 },
	{ "proc.name=bash and fd.num=7 or proc.name=nginx", 0x13 },
	{ "not proc.name=nginx and evt.dir=>", 0x10 },
	{ "not (proc.name=nginx and evt.dir=>)", 0x1e },
	{ "not not proc.name=nginx", 0x03 },
	{ "not proc.name=nginx or evt.type=openat", 0x1f },
	{ "((((evt.type=read))))", 0x08 },
	{ "evt.type=openat and (evt.dir=> or evt.failed=true)", 0x05 },
	{ "proc.pid=200 and not(evt.type=openat)", 0x08 },
	{ "evt.type=openat and(proc.pid=100)", 0x03 },
	{ "(evt.type=read)or(evt.type=write)", 0x18 },
	{ "\tproc.name=nginx  and\n proc.pid=100 ", 0x03 },
	{ "evt.type=openat and proc.name=nginx and evt.dir=< and fd.num=3",
	  0x02 },
	{ "evt.type=read or evt.type=write or evt.type=close", 0x18 },
};

START_TEST(test_match)
{
	unsigned got = match_mask(matches[_i].expr);

	ck_assert_msg(got == matches[_i].mask,
		      "\"%s\": matched 0x%02x, expected 0x%02x",
		      matches[_i].expr, got, matches[_i].mask);
}
END_TEST

static const struct {
	const char *expr;
	const char *msg;
} errors[] = {
	{ "", "filter: empty expression" },
	{ " \t ", "filter: empty expression" },
	{ "proc.nam=x",
	  "filter: column 1: unknown field 'proc.nam', did you mean 'proc.name'? (sctrace -l lists the fields)" },
	{ "evt.type=open and user.name=root",
	  "filter: column 19: unknown field 'user.name' (sctrace -l lists the fields)" },
	{ "evt.arg[0]=3",
	  "filter: column 1: unknown field 'evt.arg[0]' (sctrace -l lists the fields)" },
	{ "Proc.Name=x",
	  "filter: column 1: unknown field 'Proc.Name', did you mean 'proc.name'? (sctrace -l lists the fields)" },
	{ "proc.name=", "filter: column 11: expected a value after '='" },
	{ "proc.name = ", "filter: column 13: expected a value after '='" },
	{ "(proc.name==)", "filter: column 13: expected a value after '=='" },
	{ "proc.name contains",
	  "filter: column 19: expected a value after 'contains'" },
	{ "proc.name=x and (proc.pid=1",
	  "filter: column 28: missing ')' to match '(' at column 17" },
	{ "((proc.pid=1)",
	  "filter: column 14: missing ')' to match '(' at column 1" },
	{ "proc.name=x)",
	  "filter: column 12: unbalanced ')': no '(' to match it" },
	{ "(proc.name=x))",
	  "filter: column 14: unbalanced ')': no '(' to match it" },
	{ "proc.name=x y",
	  "filter: column 13: unexpected 'y' (expected 'and', 'or' or end of expression)" },
	{ "proc.name=x and proc.pid=1 garbage here",
	  "filter: column 28: unexpected 'garbage' (expected 'and', 'or' or end of expression)" },
	{ "proc.name=x(",
	  "filter: column 12: unexpected '(' (expected 'and', 'or' or end of expression)" },
	{ "proc.name='a''b'",
	  "filter: column 14: unexpected \"'\" (expected 'and', 'or' or end of expression)" },
	{ "(proc.name=x y)",
	  "filter: column 14: unexpected 'y' (expected 'and', 'or' or ')')" },
	{ "proc.name ! x", "filter: column 11: unknown operator '!'" },
	{ "proc.pid <> 3", "filter: column 10: unknown operator '<>'" },
	{ "proc.pid===3", "filter: column 9: unknown operator '==='" },
	{ "proc.name is x",
	  "filter: column 11: expected an operator after 'proc.name', found 'is'" },
	{ "proc.name and proc.pid=1",
	  "filter: column 11: expected an operator after 'proc.name', found 'and'" },
	{ "proc.name",
	  "filter: column 10: expected an operator after 'proc.name'" },
	{ "(fd.name)",
	  "filter: column 9: expected an operator after 'fd.name', found ')'" },
	{ "proc.pid=abc",
	  "filter: column 10: 'abc' is not a number (proc.pid is numeric)" },
	{ "fd.num = 3x",
	  "filter: column 10: '3x' is not a number (fd.num is numeric)" },
	{ "evt.rawres=99999999999999999999",
	  "filter: column 12: '99999999999999999999' is not a number (evt.rawres is numeric)" },
	{ "proc.pid in (1, x)",
	  "filter: column 17: 'x' is not a number (proc.pid is numeric)" },
	{ "proc.pid=' 1'",
	  "filter: column 10: ' 1' is not a number (proc.pid is numeric)" },
	{ "evt.failed=maybe",
	  "filter: column 12: 'maybe' is not true or false (evt.failed is boolean)" },
	{ "proc.pid contains 1",
	  "filter: column 10: operator 'contains' does not apply to numeric field 'proc.pid'" },
	{ "fd.num endswith 1",
	  "filter: column 8: operator 'endswith' does not apply to numeric field 'fd.num'" },
	{ "evt.failed<1",
	  "filter: column 11: operator '<' does not apply to boolean field 'evt.failed'" },
	{ "proc.name in nginx", "filter: column 14: expected '(' after 'in'" },
	{ "proc.name in", "filter: column 13: expected '(' after 'in'" },
	{ "proc.name in ()", "filter: column 15: expected a value after '('" },
	{ "proc.name in (a,)", "filter: column 17: expected a value after ','" },
	{ "proc.name in (a b)",
	  "filter: column 17: expected ',' or ')' in the list, found 'b'" },
	{ "proc.name in (a, b",
	  "filter: column 19: missing ')' to close the list at column 14" },
	{ "proc.name='abc", "filter: column 11: unterminated quoted string" },
	{ "proc.name=\"abc\\\"",
	  "filter: column 11: unterminated quoted string" },
	{ "()", "filter: column 2: expected a field name or '(', found ')'" },
	{ "proc.name=x and",
	  "filter: column 16: expected a field name or '(', found end of expression" },
	{ "proc.name=x and or proc.pid=1",
	  "filter: column 17: expected a field name or '(', found 'or'" },
	{ "not", "filter: column 4: expected a field name or '(', found end of expression" },
	{ "=3", "filter: column 1: expected a field name or '(', found '=3'" },
	{ "and proc.pid=1",
	  "filter: column 1: expected a field name or '(', found 'and'" },
	/* columns count characters, not bytes */
	{ "proc.name=\xc3\xa9 y",
	  "filter: column 13: unexpected 'y' (expected 'and', 'or' or end of expression)" },
};

START_TEST(test_error)
{
	struct sct_filter *f = (struct sct_filter *)&f;
	char err[256];
	int rc;

	memset(err, 'X', sizeof(err));
	rc = sct_filter_parse(errors[_i].expr, &f, err, sizeof(err));
	ck_assert_msg(rc == -EINVAL, "\"%s\": rc %d", errors[_i].expr, rc);
	ck_assert_ptr_null(f);
	ck_assert_str_eq(err, errors[_i].msg);
}
END_TEST

static char *repeat(const char *a, int n, const char *mid, const char *b)
{
	size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
	char *s = malloc(n * (la + lb) + lm + 1), *p = s;
	int i;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++, p += la)
		memcpy(p, a, la);
	memcpy(p, mid, lm);
	p += lm;
	for (i = 0; i < n; i++, p += lb)
		memcpy(p, b, lb);
	*p = '\0';
	return s;
}

START_TEST(test_depth)
{
	struct sct_filter *f;
	char err[256];
	char *s;

	/* 64 levels are fine, the 65th is refused where it opens */
	s = repeat("(", SCT_FILTER_MAX_DEPTH, "proc.pid=100", ")");
	ck_assert_uint_eq(match_mask(s), 0x03);
	free(s);
	s = repeat("(", SCT_FILTER_MAX_DEPTH + 1, "proc.pid=100", ")");
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err,
		"filter: column 65: expression nested too deeply (limit 64)");
	free(s);

	s = repeat("not ", SCT_FILTER_MAX_DEPTH, "proc.pid=100", "");
	ck_assert_uint_eq(match_mask(s), 0x03);
	free(s);
	s = repeat("not ", SCT_FILTER_MAX_DEPTH + 1, "proc.pid=100", "");
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err,
		"filter: column 257: expression nested too deeply (limit 64)");
	free(s);

	/* "not (" alternating counts both */
	s = repeat("not (", SCT_FILTER_MAX_DEPTH / 2, "proc.pid=100", ")");
	ck_assert_uint_eq(match_mask(s), 0x03);
	free(s);
	s = repeat("not (", SCT_FILTER_MAX_DEPTH / 2 + 1, "proc.pid=100", ")");
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err,
		"filter: column 161: expression nested too deeply (limit 64)");
	free(s);
}
END_TEST

START_TEST(test_long)
{
	struct sct_filter *f;
	char err[256];
	char *s;
	size_t n;

	/* a long flat chain is not nesting */
	s = repeat("proc.pid=1 or ", 4000, "proc.name=bash", "");
	ck_assert_uint_eq(match_mask(s), 0x10);
	free(s);

	/* exactly the limit parses; one byte more does not */
	n = SCT_FILTER_MAX_LEN;
	s = malloc(n + 2);
	ck_assert_ptr_nonnull(s);
	memcpy(s, "proc.name=", 10);
	memset(s + 10, 'a', n - 10);
	s[n] = '\0';
	ck_assert_uint_eq(match_mask(s), 0);
	s[n] = 'a';
	s[n + 1] = '\0';
	f = (struct sct_filter *)&f;
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_ptr_null(f);
	ck_assert_str_eq(err,
			 "filter: expression too long (limit 65536 bytes)");
	/* long bad tokens are shown shortened */
	s[n] = '\0';
	memcpy(s, "proc.pid =", 10);
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "filter: column 11: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...' is not a number (proc.pid is numeric)");
	free(s);
	s = repeat("x", 100, "", "");
	ck_assert_int_eq(sct_filter_parse(s, &f, err, sizeof(err)), -EINVAL);
	ck_assert_str_eq(err, "filter: column 1: unknown field 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' (sctrace -l lists the fields)");
	free(s);
}
END_TEST

START_TEST(test_err_buffer)
{
	struct sct_filter *f;
	char err[10];

	/* no buffer */
	ck_assert_int_eq(sct_filter_parse("proc.name=", &f, NULL, 0), -EINVAL);
	ck_assert_ptr_null(f);
	ck_assert_int_eq(sct_filter_parse("", &f, NULL, 0), -EINVAL);
	/* truncated, still terminated */
	ck_assert_int_eq(sct_filter_parse("proc.name=", &f, err, sizeof(err)),
			 -EINVAL);
	ck_assert_str_eq(err, "filter: c");
	ck_assert_int_eq(sct_filter_parse(NULL, &f, err, sizeof(err)),
			 -EINVAL);
	ck_assert_str_eq(err, "filter: e");
	/* cleared on success */
	ck_assert_int_eq(sct_filter_parse("proc.pid=1", &f, err, sizeof(err)),
			 0);
	ck_assert_str_eq(err, "");
	sct_filter_free(f);
	sct_filter_free(NULL);
}
END_TEST

START_TEST(test_escapes)
{
	static const struct fev e = { "open", "<", "SUCCESS", 0, "x", 1, "y",
				      0, 1, "say \"hi\"\\it's", "file", 3 };
	static const char *const yes[] = {
		"fd.name = \"say \\\"hi\\\"\\\\it's\"",
		"fd.name = 'say \"hi\"\\\\it\\'s'",
		"fd.name contains '\\'s'",
		"fd.name contains \"\\\\\"",
		"fd.name startswith 'say \"'",
		/* other backslashes are kept */
		"fd.name contains '\\i'",
	};
	struct sct_filter *f;
	struct getctx g;
	unsigned i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		f = parse_ok(yes[i]);
		memset(&g, 0, sizeof(g));
		g.e = &e;
		ck_assert_msg(sct_filter_match(f, fev_get, &g), "%s", yes[i]);
		sct_filter_free(f);
	}
}
END_TEST

START_TEST(test_lazy)
{
	struct sct_filter *f;
	struct getctx g;

	f = parse_ok("proc.name=nginx or proc.name=python3 or proc.pid=1");
	memset(&g, 0, sizeof(g));
	g.e = &evs[0];
	ck_assert(sct_filter_match(f, fev_get, &g));
	ck_assert_uint_eq(g.calls[SCT_F_PROC_NAME], 1);
	ck_assert_uint_eq(g.calls[SCT_F_PROC_PID], 0);
	memset(&g, 0, sizeof(g));
	g.e = &evs[4];
	ck_assert(!sct_filter_match(f, fev_get, &g));
	ck_assert_uint_eq(g.calls[SCT_F_PROC_NAME], 1);
	ck_assert_uint_eq(g.calls[SCT_F_PROC_PID], 1);
	/* the cache lives in one evaluation only */
	ck_assert(!sct_filter_match(f, fev_get, &g));
	ck_assert_uint_eq(g.calls[SCT_F_PROC_NAME], 2);
	sct_filter_free(f);

	f = parse_ok("evt.type=read and fd.name contains x");
	memset(&g, 0, sizeof(g));
	g.e = &evs[1];
	ck_assert(!sct_filter_match(f, fev_get, &g));
	ck_assert_uint_eq(g.calls[SCT_F_EVT_TYPE], 1);
	ck_assert_uint_eq(g.calls[SCT_F_FD_NAME], 0);
	sct_filter_free(f);
}
END_TEST

/* A getter handing out values of the wrong kind. */
static void odd_get(void *arg, enum sct_field f, struct sct_fval *out)
{
	const char *bad = arg;

	out->present = true;
	switch (f) {
	case SCT_F_PROC_PID:
		out->str = bad ? bad : "42";
		break;
	case SCT_F_EVT_FAILED:
		out->str = bad ? bad : "true";
		break;
	case SCT_F_PROC_NAME:
		out->is_num = true;
		out->num = -7;
		break;
	default:
		out->str = NULL;	/* present, read as "" */
		break;
	}
}

START_TEST(test_kinds)
{
	static const struct {
		const char *expr;
		bool good, bad;	/* with odd_get(NULL), odd_get("abc") */
	} t[] = {
		{ "proc.pid=42", true, false },
		{ "proc.pid!=42", false, false },
		{ "proc.pid exists", true, true },
		{ "evt.failed=true", true, false },
		{ "proc.name=-7", true, true },
		{ "proc.name startswith -", true, true },
		{ "fd.name=''", true, true },
		{ "fd.name exists", true, true },
	};
	struct sct_filter *f;
	unsigned i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = parse_ok(t[i].expr);
		ck_assert_msg(sct_filter_match(f, odd_get, NULL) == t[i].good,
			      "%s", t[i].expr);
		ck_assert_msg(sct_filter_match(f, odd_get, "abc") == t[i].bad,
			      "%s (bad)", t[i].expr);
		sct_filter_free(f);
	}
}
END_TEST

/* sct_filter_types(): NULL-terminated expected list, or NULL for false. */
static void check_types(const char *expr, const char *const *exp)
{
	struct sct_filter *f = parse_ok(expr);
	const char **names = NULL;
	unsigned n = ~0u, i;
	bool r;

	r = sct_filter_types(f, &names, &n);
	if (!exp) {
		ck_assert_msg(!r, "\"%s\": restricted to %u types", expr, n);
		sct_filter_free(f);
		return;
	}
	ck_assert_msg(r, "\"%s\": not restricted", expr);
	for (i = 0; exp[i]; i++) {
		ck_assert_msg(i < n, "\"%s\": %u types, expected more", expr,
			      n);
		ck_assert_str_eq(names[i], exp[i]);
	}
	ck_assert_msg(n == i, "\"%s\": %u types, expected %u", expr, n, i);
	sct_filter_free(f);
}

START_TEST(test_types)
{
	static const char *const openat[] = { "openat", NULL };
	static const char *const open_openat[] = { "open", "openat", NULL };
	static const char *const open_read[] = { "open", "read", NULL };
	static const char *const open_[] = { "open", NULL };
	static const char *const read_[] = { "read", NULL };
	static const char *const none[] = { NULL };
	static const char *const ocrw[] = { "open", "close", "read", "write",
					    NULL };

	check_types("evt.type=openat", openat);
	check_types("evt.type in (open,openat) and proc.name=x", open_openat);
	check_types("evt.type=open or evt.type=read", open_read);
	check_types("proc.name=x", NULL);
	check_types("not evt.type=open", NULL);
	check_types("evt.type!=open", NULL);
	check_types("(evt.type=open and fd.name contains /etc) or proc.pid=3",
		    NULL);

	check_types("evt.type==openat", openat);
	check_types("evt.type in (open, open)", open_);
	check_types("evt.type=open or (evt.type=read and proc.pid=1)",
		    open_read);
	check_types("(evt.type=open or evt.type=read) and evt.type in (read, write)",
		    read_);
	check_types("proc.pid=1 and (evt.type=open or evt.type=read)",
		    open_read);
	check_types("(evt.type in (open, close) or evt.type=read) and "
		    "(proc.pid=1 or evt.type=x) or evt.type=write", ocrw);
	check_types("evt.type=open and evt.type=read", none);
	check_types("evt.type=open or evt.type=read or proc.pid=1", NULL);
	check_types("evt.type exists", NULL);
	check_types("evt.type contains open", NULL);
	check_types("evt.type startswith open", NULL);
	check_types("not evt.type!=open", NULL);
	check_types("not (evt.type=open or evt.type=read)", NULL);
}
END_TEST

START_TEST(test_uses)
{
	struct sct_filter *f = parse_ok("proc.name=x and (fd.name exists or "
					"not thread.tid in (1, 2))");

	ck_assert(sct_filter_uses(f, SCT_F_PROC_NAME));
	ck_assert(sct_filter_uses(f, SCT_F_FD_NAME));
	ck_assert(sct_filter_uses(f, SCT_F_THREAD_TID));
	ck_assert(!sct_filter_uses(f, SCT_F_FD_NUM));
	ck_assert(!sct_filter_uses(f, SCT_F_EVT_TYPE));
	ck_assert(!sct_filter_uses(f, SCT_F_COUNT));
	sct_filter_free(f);
}
END_TEST

START_TEST(test_join)
{
	char *w1[] = { "proc.name=nginx", "or", "proc.name=python3" };
	/* what the shell leaves of: fd.name contains '"my file"' */
	char *w2[] = { "fd.name", "contains", "\"My File\"" };
	char *s;

	s = sct_filter_join(w1, 3);
	ck_assert_str_eq(s, "proc.name=nginx or proc.name=python3");
	ck_assert_uint_eq(match_mask(s), 0x0f);
	free(s);
	s = sct_filter_join(w2, 3);
	ck_assert_str_eq(s, "fd.name contains \"My File\"");
	ck_assert_uint_eq(match_mask(s), 0x10);
	free(s);
	s = sct_filter_join(w1, 1);
	ck_assert_str_eq(s, "proc.name=nginx");
	free(s);
	s = sct_filter_join(NULL, 0);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(test_fields)
{
	static const bool numeric[SCT_F_COUNT] = {
		[SCT_F_EVT_RAWRES] = true, [SCT_F_EVT_FAILED] = true,
		[SCT_F_PROC_PID] = true, [SCT_F_PROC_PPID] = true,
		[SCT_F_THREAD_TID] = true, [SCT_F_FD_NUM] = true,
	};
	static const char *const names[SCT_F_COUNT] = {
		"evt.type", "evt.dir", "evt.res", "evt.rawres", "evt.failed",
		"proc.name", "proc.pid", "proc.pname", "proc.ppid",
		"thread.tid", "fd.name", "fd.type", "fd.num",
	};
	struct sct_filter *f;
	char buf[64];
	int i;

	for (i = 0; i < SCT_F_COUNT; i++) {
		ck_assert_str_eq(sct_filter_fields[i].name, names[i]);
		ck_assert_ptr_nonnull(sct_filter_fields[i].desc);
		ck_assert(strlen(sct_filter_fields[i].desc) > 10);
		ck_assert_int_eq(sct_filter_fields[i].numeric, numeric[i]);
		snprintf(buf, sizeof(buf), "%s exists", names[i]);
		f = parse_ok(buf);
		ck_assert(sct_filter_uses(f, (enum sct_field)i));
		sct_filter_free(f);
	}
}
END_TEST

Suite *sct_suite_filter(void);

Suite *sct_suite_filter(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_loop_test(tc, test_match, 0,
			    sizeof(matches) / sizeof(matches[0]));
	tcase_add_loop_test(tc, test_error, 0,
			    sizeof(errors) / sizeof(errors[0]));
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_long);
	tcase_add_test(tc, test_err_buffer);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_lazy);
	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_types);
	tcase_add_test(tc, test_uses);
	tcase_add_test(tc, test_join);
	tcase_add_test(tc, test_fields);
	suite_add_tcase(s, tc);
	return s;
}
