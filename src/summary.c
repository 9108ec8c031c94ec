/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -c's table.  A syscall is counted at its exit stop, as strace -c counts
 * it (so exit and exit_group, which never return, are not); an error is
 * a return in -4095..-1.  Its time is the wall time between its entry and
 * exit stops (strace -c -w's latency, tracer overhead included): ptrace
 * gives no per-syscall system time without a wait4 rusage per stop.
 */
#include "config.h"
#include "summary.h"
#include "log.h"

#include <stdlib.h>
#include <string.h>

struct row {
	const char *name;
	uint64_t calls, errors, ns;
};

struct sct_summary {
	struct row *rows;
	unsigned n, cap;
	unsigned *index;	/* open addressing by name: rows + 1, 0 empty */
	unsigned nindex;
};

struct sct_summary *sct_summary_new(void)
{
	struct sct_summary *s = calloc(1, sizeof(*s));

	if (!s)
		sct_die("out of memory");
	return s;
}

void sct_summary_free(struct sct_summary *s)
{
	unsigned i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++)
		free((char *)s->rows[i].name);
	free(s->rows);
	free(s->index);
	free(s);
}

static unsigned hash(const char *name)
{
	unsigned h = 2166136261u;

	while (*name)
		h = (h ^ (unsigned char)*name++) * 16777619u;
	return h;
}

static void grow_index(struct sct_summary *s)
{
	unsigned i, n = s->nindex ? s->nindex * 2 : 256;
	unsigned *idx = calloc(n, sizeof(*idx));

	if (!idx)
		sct_die("out of memory");
	for (i = 0; i < s->n; i++) {
		unsigned h = hash(s->rows[i].name) & (n - 1);

		while (idx[h])
			h = (h + 1) & (n - 1);
		idx[h] = i + 1;
	}
	free(s->index);
	s->index = idx;
	s->nindex = n;
}

static struct row *row_of(struct sct_summary *s, const char *name)
{
	unsigned h;

	if (2 * (s->n + 1) > s->nindex)
		grow_index(s);
	h = hash(name) & (s->nindex - 1);
	for (; s->index[h]; h = (h + 1) & (s->nindex - 1))
		if (!strcmp(s->rows[s->index[h] - 1].name, name))
			return &s->rows[s->index[h] - 1];
	if (s->n == s->cap) {
		unsigned cap = s->cap ? s->cap * 2 : 64;
		struct row *r = realloc(s->rows, cap * sizeof(*r));

		if (!r)
			sct_die("out of memory");
		s->rows = r;
		s->cap = cap;
	}
	s->rows[s->n] = (struct row){ .name = strdup(name) };
	if (!s->rows[s->n].name)
		sct_die("out of memory");
	s->index[h] = ++s->n;
	return &s->rows[s->n - 1];
}

void sct_summary_add(struct sct_summary *s, const char *name, uint64_t ns,
		     int64_t ret)
{
	struct row *r = row_of(s, name);

	r->calls++;
	r->ns += ns;
	if (ret < 0 && ret >= -4095)
		r->errors++;
}

/* heaviest first; ties by calls, then name */
static int by_time(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? 1 : -1;
	if (x->calls != y->calls)
		return x->calls < y->calls ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void line(FILE *f, double pct, uint64_t ns, uint64_t calls,
		 uint64_t errors, const char *name)
{
	char err[24] = "";

	if (errors)
		snprintf(err, sizeof(err), "%llu", (unsigned long long)errors);
	fprintf(f, "%6.2f %11.6f %11llu %9llu %9s %s\n", pct, ns / 1e9,
		(unsigned long long)(calls ? ns / 1000 / calls : 0),
		(unsigned long long)calls, err, name);
}

void sct_summary_print(const struct sct_summary *s, FILE *f)
{
	static const char rule[] =
		"------ ----------- ----------- --------- --------- ----------------\n";
	uint64_t ns = 0, calls = 0, errors = 0;
	struct row *rows;
	unsigned i;

	for (i = 0; i < s->n; i++) {
		ns += s->rows[i].ns;
		calls += s->rows[i].calls;
		errors += s->rows[i].errors;
	}
	rows = malloc((s->n + 1) * sizeof(*rows));
	if (!rows)
		sct_die("out of memory");
	memcpy(rows, s->rows, s->n * sizeof(*rows));
	qsort(rows, s->n, sizeof(*rows), by_time);
	fprintf(f, "%% time     seconds  usecs/call     calls    errors syscall\n");
	fputs(rule, f);
	for (i = 0; i < s->n; i++)
		line(f, ns ? 100.0 * rows[i].ns / ns : 0, rows[i].ns,
		     rows[i].calls, rows[i].errors, rows[i].name);
	fputs(rule, f);
	line(f, 100.0, ns, calls, errors, "total");
	free(rows);
}
