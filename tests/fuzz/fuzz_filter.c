/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target: the filter parser and evaluator (src/filter.c).
 *
 * Input: the expression text, then optionally a NUL byte and bytes that
 * choose the event the parsed filter is evaluated against (each field's
 * presence, kind and value).  Besides not crashing, a parse must either
 * give a filter or an error line, never both or neither.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "fuzz.h"

struct event {
	const uint8_t *p;
	size_t len;
	char num_str[SCT_F_COUNT][24];
};

static const char *const strs[] = {
	"", "openat", "execve", "<", ">", "/etc/passwd", "sh", "file",
	"ipv4", "unix", "true", "false", "0", "-1", "9223372036854775807",
	"\xc3\xa9t\xc3\xa9", "A", "a",
};

static void get_field(void *arg, enum sct_field f, struct sct_fval *out)
{
	struct event *ev = arg;
	uint8_t b = (size_t)f * 3 < ev->len ? ev->p[f * 3] : (uint8_t)f;
	uint8_t v1 = (size_t)f * 3 + 1 < ev->len ? ev->p[f * 3 + 1] : 0;
	uint8_t v2 = (size_t)f * 3 + 2 < ev->len ? ev->p[f * 3 + 2] : 0;

	if ((unsigned)f >= SCT_F_COUNT)
		abort();
	out->present = !(b & 1);
	if (!out->present)
		return;
	if (b & 2) {
		out->is_num = true;
		out->num = (int64_t)(int16_t)(v1 | v2 << 8);
		if (b & 4)
			out->num = b & 8 ? INT64_MIN : INT64_MAX;
	} else if (b & 4) {
		snprintf(ev->num_str[f], sizeof(ev->num_str[f]), "%d",
			 (int16_t)(v1 | v2 << 8));
		out->str = ev->num_str[f];
	} else {
		out->str = strs[v1 % (sizeof(strs) / sizeof(strs[0]))];
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sct_filter *f = NULL;
	struct event ev = { 0 };
	const char **names;
	const uint8_t *nul;
	char err[256];
	size_t tlen;
	char *text;
	unsigned n, i;
	int r;

	nul = memchr(data, 0, size);
	tlen = nul ? (size_t)(nul - data) : size;
	if (nul) {
		ev.p = nul + 1;
		ev.len = size - tlen - 1;
	}
	text = malloc(tlen + 1);
	if (!text)
		return 0;
	memcpy(text, data, tlen);
	text[tlen] = 0;

	err[0] = 0;
	r = sct_filter_parse(text, &f, err, sizeof(err));
	if (r < 0) {
		if (f || !err[0] || strlen(err) >= sizeof(err))
			abort();
	} else {
		if (!f)
			abort();
		if (sct_filter_types(f, &names, &n))
			for (i = 0; i < n; i++)
				if (!names[i] || strlen(names[i]) > tlen)
					abort();
		for (i = 0; i < SCT_F_COUNT; i++)
			(void)sct_filter_uses(f, (enum sct_field)i);
		(void)sct_filter_match(f, get_field, &ev);
	}
	sct_filter_free(f);
	free(text);
	return 0;
}
