/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capture filter expressions (sysdig syntax): parser and evaluator. */
#include "config.h"
#include "filter.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct sct_field_info sct_filter_fields[SCT_F_COUNT] = {
	[SCT_F_EVT_TYPE] = { "evt.type",
		"event (system call) name, e.g. openat", false },
	[SCT_F_EVT_DIR] = { "evt.dir",
		"event direction: '>' for enter, '<' for exit events", false },
	[SCT_F_EVT_RES] = { "evt.res",
		"exit events: SUCCESS, or the errno name of a failure (e.g. ENOENT)",
		false },
	[SCT_F_EVT_RAWRES] = { "evt.rawres",
		"exit events: the return value as a number (e.g. -2)", true },
	[SCT_F_EVT_FAILED] = { "evt.failed",
		"true for exit events that returned an error, else false", true },
	[SCT_F_PROC_NAME] = { "proc.name",
		"name of the process executable, without its path (comm)",
		false },
	[SCT_F_PROC_PID] = { "proc.pid",
		"id of the process (thread group) generating the event", true },
	[SCT_F_PROC_PNAME] = { "proc.pname",
		"name of the parent of the process", false },
	[SCT_F_PROC_PPID] = { "proc.ppid",
		"id of the parent of the process", true },
	[SCT_F_THREAD_TID] = { "thread.tid",
		"id of the thread generating the event", true },
	[SCT_F_FD_NAME] = { "fd.name",
		"name of the event's fd: file path, or socket tuple (e.g. 10.0.0.1:4000->10.0.0.2:80)",
		false },
	[SCT_F_FD_TYPE] = { "fd.type",
		"type of the event's fd: file, directory, ipv4, ipv6, unix, pipe, ...",
		false },
	[SCT_F_FD_NUM] = { "fd.num",
		"number of the event's file descriptor", true },
};

enum kind { K_STR, K_NUM, K_BOOL };

static enum kind field_kind(enum sct_field f)
{
	if (f == SCT_F_EVT_FAILED)
		return K_BOOL;
	return sct_filter_fields[f].numeric ? K_NUM : K_STR;
}

enum op {
	OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
	OP_CONTAINS, OP_ICONTAINS, OP_STARTSWITH, OP_ENDSWITH,
	OP_IN, OP_EXISTS
};

static const struct {
	const char *name;
	enum op op;
} op_names[] = {
	/* the SYM_OPS symbolic ones first */
	{ "=", OP_EQ }, { "==", OP_EQ }, { "!=", OP_NE },
	{ "<", OP_LT }, { "<=", OP_LE }, { ">", OP_GT }, { ">=", OP_GE },
	{ "contains", OP_CONTAINS }, { "icontains", OP_ICONTAINS },
	{ "startswith", OP_STARTSWITH }, { "endswith", OP_ENDSWITH },
	{ "in", OP_IN }, { "exists", OP_EXISTS },
};

#define SYM_OPS	7

enum nkind { N_OR, N_AND, N_NOT, N_CMP };

struct lit {
	char *str;		/* unescaped text */
	int64_t num;		/* K_NUM / K_BOOL fields */
};

struct node {
	enum nkind kind;
	unsigned n;		/* entries of kid (OR, AND, NOT) or val (CMP) */
	unsigned cap;
	struct node **kid;
	enum sct_field field;
	enum op op;
	struct lit *val;
};

struct sct_filter {
	struct node *root;
	uint32_t used;		/* bit per enum sct_field */
	bool typed;		/* sct_filter_types() restricts */
	unsigned ntypes;
	const char **types;
};

static void node_free(struct node *n)
{
	unsigned i;

	if (!n)
		return;
	if (n->kind == N_CMP) {
		for (i = 0; i < n->n; i++)
			free(n->val[i].str);
		free(n->val);
	} else {
		for (i = 0; i < n->n; i++)
			node_free(n->kid[i]);
		free(n->kid);
	}
	free(n);
}

static struct node *node_new(enum nkind kind)
{
	struct node *n = calloc(1, sizeof(*n));

	if (n)
		n->kind = kind;
	return n;
}

/* Make room for one more kid or value. */
static int node_grow(struct node *n)
{
	unsigned cap;
	void *p;

	if (n->n < n->cap)
		return 0;
	cap = n->cap ? n->cap * 2 : 4;
	if (n->kind == N_CMP)
		p = realloc(n->val, cap * sizeof(*n->val));
	else
		p = realloc(n->kid, cap * sizeof(*n->kid));
	if (!p)
		return -ENOMEM;
	if (n->kind == N_CMP)
		n->val = p;
	else
		n->kid = p;
	n->cap = cap;
	return 0;
}

/* ---- parser ---- */

struct parser {
	const char *s;
	size_t pos;
	unsigned depth;
	int rc;			/* first error */
	char *err;
	size_t errlen;
	uint32_t used;
};

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

/* Length of the word at s: up to a blank, parenthesis, comma or quote. */
static size_t word_len(const char *s)
{
	size_t n = 0;

	while (s[n] && !is_blank(s[n]) && !strchr("(),'\"", s[n]))
		n++;
	return n;
}

/* Length of the field name at s: a word that also stops at an operator. */
static size_t field_len(const char *s)
{
	size_t n = 0;

	while (s[n] && !is_blank(s[n]) && !strchr("(),'\"=!<>", s[n]))
		n++;
	return n;
}

static void skip_blanks(struct parser *p)
{
	while (is_blank(p->s[p->pos]))
		p->pos++;
}

/* 1-based column of byte offset pos, counting UTF-8 code points. */
static unsigned column(const char *s, size_t pos)
{
	unsigned col = 1;
	size_t i;

	for (i = 0; i < pos; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

#define SHOW_MAX	40	/* bytes of user text quoted in a message */

/* Quoted description of what is at s, for "found ..." in messages. */
static const char *describe(const char *s, char *buf, size_t len)
{
	size_t n = word_len(s);

	if (!*s)
		return "end of expression";
	if (*s == '\'')
		return "\"'\"";
	if (!n)
		n = 1;
	if (n > SHOW_MAX)
		snprintf(buf, len, "'%.*s...'", SHOW_MAX, s);
	else
		snprintf(buf, len, "'%.*s'", (int)n, s);
	return buf;
}

static void perr(struct parser *p, size_t pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void perr(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->rc)
		return;
	p->rc = -EINVAL;
	if (!p->errlen)
		return;
	n = snprintf(p->err, p->errlen, "filter: column %u: ",
		     column(p->s, pos));
	if (n < 0 || (size_t)n >= p->errlen)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
}

static void perr_oom(struct parser *p)
{
	if (p->rc)
		return;
	p->rc = -ENOMEM;
	if (p->errlen)
		snprintf(p->err, p->errlen, "filter: out of memory");
}

/* Consume the word kw at the current position if it is exactly there. */
static bool take_keyword(struct parser *p, const char *kw)
{
	size_t n = word_len(p->s + p->pos);

	if (n != strlen(kw) || memcmp(p->s + p->pos, kw, n))
		return false;
	p->pos += n;
	return true;
}

/* Edit distance of two short strings, for "did you mean". */
static unsigned edit_distance(const char *a, size_t la, const char *b)
{
	unsigned row[SHOW_MAX + 1], diag, up, i, j;
	size_t lb = strlen(b);

	if (la > SHOW_MAX || lb > SHOW_MAX)
		return ~0u;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

static void unknown_field(struct parser *p, size_t start, size_t n)
{
	const char *best = NULL;
	unsigned d, bestd = 3;	/* suggest up to 2 edits away */
	int i;

	for (i = 0; i < SCT_F_COUNT; i++) {
		d = edit_distance(p->s + start, n, sct_filter_fields[i].name);
		if (d < bestd) {
			bestd = d;
			best = sct_filter_fields[i].name;
		}
	}
	if (n > SHOW_MAX)
		perr(p, start, "unknown field '%.*s...' (sctrace -l lists the fields)",
		     SHOW_MAX, p->s + start);
	else if (best)
		perr(p, start, "unknown field '%.*s', did you mean '%s'? (sctrace -l lists the fields)",
		     (int)n, p->s + start, best);
	else
		perr(p, start, "unknown field '%.*s' (sctrace -l lists the fields)",
		     (int)n, p->s + start);
}

/* Index in op_names of the symbolic operator s[0..len), or -1. */
static int sym_op(const char *s, size_t len)
{
	int i;

	for (i = 0; i < SYM_OPS; i++)
		if (strlen(op_names[i].name) == len &&
		    !memcmp(s, op_names[i].name, len))
			return i;
	return -1;
}

/*
 * Operator at the current position, NULL when there is none (error set).
 * A run of =!<> may end in an evt.dir value: "evt.dir=<", "evt.dir!=>".
 */
static const char *scan_op(struct parser *p, const char *field, enum op *op)
{
	const char *s = p->s + p->pos;
	char buf[SHOW_MAX + 8];
	size_t n, len;
	int i;

	n = strspn(s, "=!<>");
	if (n) {
		len = n;
		i = sym_op(s, len);
		if (i < 0 && n >= 2 && (s[n - 1] == '<' || s[n - 1] == '>')) {
			len = n - 1;
			i = sym_op(s, len);
			if (i >= 0 && op_names[i].op != OP_EQ &&
			    op_names[i].op != OP_NE)
				i = -1;
		}
		if (i < 0) {
			perr(p, p->pos, "unknown operator '%.*s'",
			     n > SHOW_MAX ? SHOW_MAX : (int)n, s);
			return NULL;
		}
		*op = op_names[i].op;
		p->pos += len;
		return op_names[i].name;
	}
	n = word_len(s);
	for (i = SYM_OPS; i < (int)(sizeof(op_names) / sizeof(op_names[0])); i++) {
		if (n == strlen(op_names[i].name) &&
		    !memcmp(s, op_names[i].name, n)) {
			*op = op_names[i].op;
			p->pos += n;
			return op_names[i].name;
		}
	}
	if (!*s)
		perr(p, p->pos, "expected an operator after '%s'", field);
	else
		perr(p, p->pos, "expected an operator after '%s', found %s",
		     field, describe(s, buf, sizeof(buf)));
	return NULL;
}

/*
 * Value at the current position: a quoted string (backslash escapes the
 * quote and itself) or a bare word.  Returns it malloc'ed, or NULL with
 * the error set; *start gets its offset.
 */
static char *scan_value(struct parser *p, const char *after, size_t *start)
{
	const char *s;
	char q, *v;
	size_t i, n;

	skip_blanks(p);
	*start = p->pos;
	s = p->s + p->pos;
	q = *s;
	if (q == '"' || q == '\'') {
		for (i = 1, n = 0; s[i] && s[i] != q; i++, n++)
			if (s[i] == '\\' && (s[i + 1] == q || s[i + 1] == '\\'))
				i++;
		if (!s[i]) {
			perr(p, p->pos, "unterminated quoted string");
			return NULL;
		}
		v = malloc(n + 1);
		if (!v) {
			perr_oom(p);
			return NULL;
		}
		for (i = 1, n = 0; s[i] != q; i++) {
			if (s[i] == '\\' && (s[i + 1] == q || s[i + 1] == '\\'))
				i++;
			v[n++] = s[i];
		}
		v[n] = '\0';
		p->pos += i + 1;
		return v;
	}
	n = word_len(s);
	if (!n) {
		perr(p, p->pos, "expected a value after '%s'", after);
		return NULL;
	}
	v = strndup(s, n);
	if (!v)
		perr_oom(p);
	else
		p->pos += n;
	return v;
}

/* Strict decimal int64: optional sign, digits, nothing else. */
static bool parse_num(const char *s, int64_t *out)
{
	const char *d = (*s == '-' || *s == '+') ? s + 1 : s;
	char *end;
	long long v;

	if (*d < '0' || *d > '9')
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

static bool parse_bool(const char *s, int64_t *out)
{
	if (!strcmp(s, "true") || !strcmp(s, "1"))
		*out = 1;
	else if (!strcmp(s, "false") || !strcmp(s, "0"))
		*out = 0;
	else
		return false;
	return true;
}

/* Scan one value into n->val[], converted for the field's kind. */
static int add_value(struct parser *p, struct node *n, const char *after)
{
	const char *fname = sct_filter_fields[n->field].name, *more;
	enum kind k = field_kind(n->field);
	struct lit l = { NULL, 0 };
	size_t start;
	int shown;

	l.str = scan_value(p, after, &start);
	if (!l.str)
		return p->rc;
	shown = strlen(l.str) > SHOW_MAX ? SHOW_MAX : (int)strlen(l.str);
	more = strlen(l.str) > SHOW_MAX ? "..." : "";
	if (k == K_NUM && !parse_num(l.str, &l.num)) {
		perr(p, start, "'%.*s%s' is not a number (%s is numeric)",
		     shown, l.str, more, fname);
		goto fail;
	}
	if (k == K_BOOL && !parse_bool(l.str, &l.num)) {
		perr(p, start, "'%.*s%s' is not true or false (%s is boolean)",
		     shown, l.str, more, fname);
		goto fail;
	}
	if (node_grow(n)) {
		perr_oom(p);
		goto fail;
	}
	n->val[n->n++] = l;
	return 0;
fail:
	free(l.str);
	return p->rc;
}

/* The value list of "in": '(' value { ',' value } ')'. */
static int parse_list(struct parser *p, struct node *n)
{
	size_t open;
	char buf[SHOW_MAX + 8];
	const char *after = "(";

	skip_blanks(p);
	open = p->pos;
	if (p->s[open] != '(') {
		perr(p, open, "expected '(' after 'in'");
		return p->rc;
	}
	p->pos++;
	for (;;) {
		if (add_value(p, n, after))
			return p->rc;
		skip_blanks(p);
		if (p->s[p->pos] == ')') {
			p->pos++;
			return 0;
		}
		if (p->s[p->pos] != ',')
			break;
		p->pos++;
		after = ",";
	}
	if (!p->s[p->pos])
		perr(p, p->pos, "missing ')' to close the list at column %u",
		     column(p->s, open));
	else
		perr(p, p->pos, "expected ',' or ')' in the list, found %s",
		     describe(p->s + p->pos, buf, sizeof(buf)));
	return p->rc;
}

/* field op value | field in (...) | field exists */
static struct node *parse_cmp(struct parser *p)
{
	size_t start = p->pos, n = field_len(p->s + start), opstart;
	char buf[SHOW_MAX + 8];
	const char *opname, *fname;
	struct node *c;
	enum kind k;
	enum op op;
	int i;

	if (!n || (n == 3 && !memcmp(p->s + start, "and", 3)) ||
	    (n == 2 && !memcmp(p->s + start, "or", 2))) {
		perr(p, start, "expected a field name or '(', found %s",
		     describe(p->s + start, buf, sizeof(buf)));
		return NULL;
	}
	for (i = 0; i < SCT_F_COUNT; i++)
		if (strlen(sct_filter_fields[i].name) == n &&
		    !memcmp(sct_filter_fields[i].name, p->s + start, n))
			break;
	if (i == SCT_F_COUNT) {
		unknown_field(p, start, n);
		return NULL;
	}
	fname = sct_filter_fields[i].name;
	p->pos += n;
	skip_blanks(p);
	opstart = p->pos;
	opname = scan_op(p, fname, &op);
	if (!opname)
		return NULL;
	k = field_kind((enum sct_field)i);
	if ((k != K_STR && op >= OP_CONTAINS && op <= OP_ENDSWITH) ||
	    (k == K_BOOL && op >= OP_LT && op <= OP_GE)) {
		perr(p, opstart, "operator '%s' does not apply to %s field '%s'",
		     opname, k == K_BOOL ? "boolean" : "numeric", fname);
		return NULL;
	}
	c = node_new(N_CMP);
	if (!c) {
		perr_oom(p);
		return NULL;
	}
	c->field = (enum sct_field)i;
	c->op = op;
	p->used |= 1u << i;
	if (op == OP_EXISTS)
		return c;
	if (op == OP_IN ? parse_list(p, c) : add_value(p, c, opname)) {
		node_free(c);
		return NULL;
	}
	return c;
}

static struct node *parse_or(struct parser *p);

static struct node *parse_prim(struct parser *p)
{
	char buf[SHOW_MAX + 8];
	struct node *k;
	size_t open;

	skip_blanks(p);
	open = p->pos;
	if (p->s[open] != '(')
		return parse_cmp(p);
	if (++p->depth > SCT_FILTER_MAX_DEPTH) {
		perr(p, open, "expression nested too deeply (limit %d)",
		     SCT_FILTER_MAX_DEPTH);
		return NULL;
	}
	p->pos++;
	k = parse_or(p);
	p->depth--;
	if (!k)
		return NULL;
	skip_blanks(p);
	if (p->s[p->pos] == ')') {
		p->pos++;
		return k;
	}
	if (!p->s[p->pos])
		perr(p, p->pos, "missing ')' to match '(' at column %u",
		     column(p->s, open));
	else
		perr(p, p->pos, "unexpected %s (expected 'and', 'or' or ')')",
		     describe(p->s + p->pos, buf, sizeof(buf)));
	node_free(k);
	return NULL;
}

static struct node *parse_not(struct parser *p)
{
	struct node *n, *k;
	size_t start;

	skip_blanks(p);
	start = p->pos;
	if (!take_keyword(p, "not"))
		return parse_prim(p);
	if (++p->depth > SCT_FILTER_MAX_DEPTH) {
		perr(p, start, "expression nested too deeply (limit %d)",
		     SCT_FILTER_MAX_DEPTH);
		return NULL;
	}
	k = parse_not(p);
	p->depth--;
	if (!k)
		return NULL;
	n = node_new(N_NOT);
	if (!n || node_grow(n)) {
		free(n);
		node_free(k);
		perr_oom(p);
		return NULL;
	}
	n->kid[n->n++] = k;
	return n;
}

/* kind N_OR: and { "or" and }; kind N_AND: not { "and" not }. */
static struct node *parse_chain(struct parser *p, enum nkind kind)
{
	const char *kw = kind == N_OR ? "or" : "and";
	struct node *n = NULL, *k;

	k = kind == N_OR ? parse_chain(p, N_AND) : parse_not(p);
	while (k) {
		skip_blanks(p);
		if (!take_keyword(p, kw))
			return n ? n : k;
		if (!n) {
			n = node_new(kind);
			if (!n || node_grow(n)) {
				free(n);
				node_free(k);
				perr_oom(p);
				return NULL;
			}
			n->kid[n->n++] = k;
		}
		k = kind == N_OR ? parse_chain(p, N_AND) : parse_not(p);
		if (k && node_grow(n)) {
			node_free(k);
			perr_oom(p);
			break;
		}
		if (k)
			n->kid[n->n++] = k;
	}
	node_free(n);
	return NULL;
}

static struct node *parse_or(struct parser *p)
{
	return parse_chain(p, N_OR);
}

/* ---- evt.type sets ---- */

struct tset {
	const char **v;
	unsigned n, cap;
};

static int tset_add(struct tset *t, const char *name)
{
	const char **v;
	unsigned i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->v[i], name))
			return 0;
	if (t->n == t->cap) {
		v = realloc(t->v, (t->cap ? t->cap * 2 : 8) * sizeof(*v));
		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = t->cap ? t->cap * 2 : 8;
	}
	t->v[t->n++] = name;
	return 0;
}

/* Keep in t only the names also in u. */
static void tset_intersect(struct tset *t, const struct tset *u)
{
	unsigned i, j, k = 0;

	for (i = 0; i < t->n; i++)
		for (j = 0; j < u->n; j++)
			if (!strcmp(t->v[i], u->v[j])) {
				t->v[k++] = t->v[i];
				break;
			}
	t->n = k;
}

/*
 * The evt.type values node n can match: 1 with them in *t (empty on
 * entry), 0 when unrestricted, -ENOMEM.
 */
static int types_of(const struct node *n, struct tset *t)
{
	struct tset u = { NULL, 0, 0 };
	bool restricted = false;
	unsigned i, j;
	int r = 0;

	switch (n->kind) {
	case N_CMP:
		if (n->field != SCT_F_EVT_TYPE ||
		    (n->op != OP_EQ && n->op != OP_IN))
			return 0;
		for (i = 0; i < n->n; i++)
			if (tset_add(t, n->val[i].str))
				return -ENOMEM;
		return 1;
	case N_NOT:
		return 0;
	case N_OR:
		for (i = 0; i < n->n; i++) {
			r = types_of(n->kid[i], &u);
			for (j = 0; r > 0 && j < u.n; j++)
				if (tset_add(t, u.v[j]))
					r = -ENOMEM;
			u.n = 0;
			if (r <= 0) {
				free(u.v);
				return r;
			}
		}
		free(u.v);
		return 1;
	case N_AND:
		for (i = 0; i < n->n; i++) {
			u.n = 0;
			r = types_of(n->kid[i], &u);
			if (r < 0)
				break;
			if (!r)
				continue;
			if (restricted) {
				tset_intersect(t, &u);
				continue;
			}
			for (j = 0; j < u.n; j++)
				if (tset_add(t, u.v[j]))
					r = -ENOMEM;
			if (r < 0)
				break;
			restricted = true;
		}
		free(u.v);
		return r < 0 ? r : restricted;
	}
	return 0;
}

/* ---- public ---- */

int sct_filter_parse(const char *text, struct sct_filter **out, char *err,
		     size_t errlen)
{
	struct parser p = { text, 0, 0, 0, err, errlen, 0 };
	struct tset t = { NULL, 0, 0 };
	struct sct_filter *f;
	struct node *root;
	char buf[SHOW_MAX + 8];
	int r;

	*out = NULL;
	if (errlen)
		err[0] = '\0';
	if (text && strnlen(text, SCT_FILTER_MAX_LEN + 1) > SCT_FILTER_MAX_LEN) {
		if (errlen)
			snprintf(err, errlen, "filter: expression too long (limit %d bytes)",
				 SCT_FILTER_MAX_LEN);
		return -EINVAL;
	}
	if (text)
		skip_blanks(&p);
	if (!text || !text[p.pos]) {
		if (errlen)
			snprintf(err, errlen, "filter: empty expression");
		return -EINVAL;
	}
	root = parse_or(&p);
	if (root) {
		skip_blanks(&p);
		if (text[p.pos] == ')')
			perr(&p, p.pos, "unbalanced ')': no '(' to match it");
		else if (text[p.pos])
			perr(&p, p.pos, "unexpected %s (expected 'and', 'or' or end of expression)",
			     describe(text + p.pos, buf, sizeof(buf)));
	}
	if (p.rc) {
		node_free(root);
		return p.rc;
	}
	f = calloc(1, sizeof(*f));
	r = f ? types_of(root, &t) : -ENOMEM;
	if (r < 0) {
		free(t.v);
		free(f);
		node_free(root);
		perr_oom(&p);
		return p.rc;
	}
	f->root = root;
	f->used = p.used;
	f->typed = r > 0;
	f->types = t.v;
	f->ntypes = t.n;
	*out = f;
	return 0;
}

void sct_filter_free(struct sct_filter *f)
{
	if (!f)
		return;
	node_free(f->root);
	free(f->types);
	free(f);
}

bool sct_filter_types(const struct sct_filter *f, const char ***names,
		      unsigned *n)
{
	if (!f->typed)
		return false;
	*names = f->types;
	*n = f->ntypes;
	return true;
}

bool sct_filter_uses(const struct sct_filter *f, enum sct_field fld)
{
	return (unsigned)fld < SCT_F_COUNT && (f->used & (1u << fld));
}

char *sct_filter_join(char **words, int n)
{
	size_t len = 1, k;
	char *s, *p;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	s = malloc(len);
	if (!s)
		return NULL;
	p = s;
	for (i = 0; i < n; i++) {
		if (i)
			*p++ = ' ';
		k = strlen(words[i]);
		memcpy(p, words[i], k);
		p += k;
	}
	*p = '\0';
	return s;
}

/* ---- evaluation ---- */

struct cval {
	bool present;
	bool ok;		/* the getter's value fits the field's kind */
	int64_t num;
	const char *str;
	char buf[24];		/* a number printed for a string field */
};

struct eval {
	sct_filter_get get;
	void *arg;
	uint32_t have;
	struct cval v[SCT_F_COUNT];
};

static const struct cval *fetch(struct eval *e, enum sct_field f)
{
	struct cval *c = &e->v[f];
	struct sct_fval fv;
	enum kind k;

	if (e->have & (1u << f))
		return c;
	e->have |= 1u << f;
	memset(&fv, 0, sizeof(fv));
	e->get(e->arg, f, &fv);
	c->present = fv.present;
	c->ok = true;
	if (!c->present)
		return c;
	k = field_kind(f);
	if (k == K_STR) {
		if (fv.is_num) {
			snprintf(c->buf, sizeof(c->buf), "%" PRId64, fv.num);
			c->str = c->buf;
		} else {
			c->str = fv.str ? fv.str : "";
		}
	} else if (fv.is_num) {
		c->num = k == K_BOOL ? fv.num != 0 : fv.num;
	} else {
		c->ok = fv.str && (k == K_BOOL ? parse_bool(fv.str, &c->num) :
				   parse_num(fv.str, &c->num));
	}
	return c;
}

static bool has_icase(const char *h, const char *nd)
{
	size_t i;

	for (;; h++) {
		for (i = 0; nd[i]; i++) {
			char a = h[i], b = nd[i];

			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			if (a != b)
				break;
		}
		if (!nd[i])
			return true;
		if (!*h)
			return false;
	}
}

static bool cmp_num(enum op op, int64_t a, const struct lit *v, unsigned n)
{
	unsigned i;

	switch (op) {
	case OP_EQ:
		return a == v[0].num;
	case OP_NE:
		return a != v[0].num;
	case OP_LT:
		return a < v[0].num;
	case OP_LE:
		return a <= v[0].num;
	case OP_GT:
		return a > v[0].num;
	case OP_GE:
		return a >= v[0].num;
	case OP_IN:
		for (i = 0; i < n; i++)
			if (a == v[i].num)
				return true;
		return false;
	default:
		return false;
	}
}

static bool cmp_str(enum op op, const char *a, const struct lit *v, unsigned n)
{
	size_t la, lb;
	unsigned i;

	switch (op) {
	case OP_EQ:
		return !strcmp(a, v[0].str);
	case OP_NE:
		return strcmp(a, v[0].str) != 0;
	case OP_LT:
		return strcmp(a, v[0].str) < 0;
	case OP_LE:
		return strcmp(a, v[0].str) <= 0;
	case OP_GT:
		return strcmp(a, v[0].str) > 0;
	case OP_GE:
		return strcmp(a, v[0].str) >= 0;
	case OP_CONTAINS:
		return strstr(a, v[0].str) != NULL;
	case OP_ICONTAINS:
		return has_icase(a, v[0].str);
	case OP_STARTSWITH:
		return !strncmp(a, v[0].str, strlen(v[0].str));
	case OP_ENDSWITH:
		la = strlen(a);
		lb = strlen(v[0].str);
		return la >= lb && !strcmp(a + la - lb, v[0].str);
	case OP_IN:
		for (i = 0; i < n; i++)
			if (!strcmp(a, v[i].str))
				return true;
		return false;
	default:
		return false;
	}
}

static bool eval_node(const struct node *n, struct eval *e)
{
	const struct cval *c;
	unsigned i;

	switch (n->kind) {
	case N_OR:
		for (i = 0; i < n->n; i++)
			if (eval_node(n->kid[i], e))
				return true;
		return false;
	case N_AND:
		for (i = 0; i < n->n; i++)
			if (!eval_node(n->kid[i], e))
				return false;
		return true;
	case N_NOT:
		return !eval_node(n->kid[0], e);
	case N_CMP:
		c = fetch(e, n->field);
		if (n->op == OP_EXISTS)
			return c->present;
		if (!c->present || !c->ok)
			return false;
		if (field_kind(n->field) == K_STR)
			return cmp_str(n->op, c->str, n->val, n->n);
		return cmp_num(n->op, c->num, n->val, n->n);
	}
	return false;
}

bool sct_filter_match(const struct sct_filter *f, sct_filter_get get,
		      void *arg)
{
	struct eval e;

	e.get = get;
	e.arg = arg;
	e.have = 0;
	return eval_node(f->root, &e);
}
