/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Capture filter expressions in the sysdig/falco condition syntax: parse
 * once, then evaluate per event through a caller-supplied field getter.
 *
 *   expr  := and { "or" and }
 *   and   := not { "and" not }
 *   not   := "not" not | prim
 *   prim  := "(" expr ")" | FIELD "exists" | FIELD "in" "(" VAL { "," VAL } ")"
 *          | FIELD OP VAL
 *   OP    := = == != < <= > >= contains icontains startswith endswith
 *   VAL   := bare word (no blanks, parentheses, commas or quotes)
 *          | '...' | "..." (backslash escapes the quote and itself)
 *
 * Keywords and field names are case-sensitive.  Comparisons with a field
 * that does not apply to the event (absent) are false, "!=" included;
 * "exists" tests presence.  Numeric fields compare as signed 64-bit
 * integers, string fields with strcmp(); evt.failed takes true/false.
 */
#ifndef SCTRACE_FILTER_H
#define SCTRACE_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SCT_FILTER_MAX_LEN	65536	/* bytes of expression text */
#define SCT_FILTER_MAX_DEPTH	64	/* nested '(' and 'not' */

enum sct_field {
	SCT_F_EVT_TYPE,
	SCT_F_EVT_DIR,
	SCT_F_EVT_RES,
	SCT_F_EVT_RAWRES,
	SCT_F_EVT_FAILED,
	SCT_F_PROC_NAME,
	SCT_F_PROC_PID,
	SCT_F_PROC_PNAME,
	SCT_F_PROC_PPID,
	SCT_F_THREAD_TID,
	SCT_F_FD_NAME,
	SCT_F_FD_TYPE,
	SCT_F_FD_NUM,
	SCT_F_COUNT
};

/*
 * One field of one event, filled in by the getter.  The evaluator zeroes
 * it before the call, so a getter leaves present false for a field that
 * does not apply (e.g. evt.res of an enter event, fd.* without an fd).
 * Numeric fields (and evt.failed, 0 or 1) set is_num and num; string
 * fields set str, which must stay valid until sct_filter_match() returns.
 * A mismatched kind is converted (a number is printed, a string parsed).
 */
struct sct_fval {
	bool present;
	bool is_num;
	int64_t num;
	const char *str;
};

/*
 * Called lazily, only for fields the expression reaches, at most once per
 * field per sct_filter_match() call.
 */
typedef void (*sct_filter_get)(void *arg, enum sct_field f,
			       struct sct_fval *out);

struct sct_filter;

/*
 * Parse text into *out.  On error returns -EINVAL (-ENOMEM when out of
 * memory), leaves *out NULL and writes one line without newline into err
 * (if errlen > 0), e.g. "filter: column 11: expected a value after '='".
 * Columns are 1-based character (UTF-8 code point) offsets into text.
 */
int sct_filter_parse(const char *text, struct sct_filter **out, char *err,
		     size_t errlen);
/* Evaluate for one event. */
bool sct_filter_match(const struct sct_filter *f, sct_filter_get get,
		      void *arg);
/* NULL is accepted. */
void sct_filter_free(struct sct_filter *f);

/*
 * argv words joined with single spaces, nothing quoted: malloc'ed, NULL
 * when out of memory.  n == 0 gives "".
 */
char *sct_filter_join(char **words, int n);

/*
 * The evt.type values the filter can possibly match, for a seccomp
 * pre-filter.  Returns false when it cannot restrict evt.type (an "or"
 * branch without an evt.type =/in restriction, evt.type under "not" or
 * with "!=", ...); else sets *names (pointers into the filter, valid until
 * sct_filter_free, deduplicated, in order of appearance) and *n.  *n may
 * be 0: contradictory restrictions such as "evt.type=a and evt.type=b"
 * match no event at all.  The names are not checked against any table.
 */
bool sct_filter_types(const struct sct_filter *f, const char ***names,
		      unsigned *n);

/* Does the expression mention field fld anywhere? */
bool sct_filter_uses(const struct sct_filter *f, enum sct_field fld);

/* For -l: each field's name and one-line description, by enum sct_field. */
struct sct_field_info {
	const char *name;
	const char *desc;
	bool numeric;		/* compares as a number (evt.failed: bool) */
};

extern const struct sct_field_info sct_filter_fields[SCT_F_COUNT];

#endif
