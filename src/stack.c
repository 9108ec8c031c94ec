/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User stacks (see stack.h).  libunwind-ptrace reads the tracee's
 * registers and memory through ptrace and unwinds with the unwind tables
 * of the objects mapped there; the object of each frame comes from
 * /proc/TID/maps.  Unwind information is cached by address while the
 * stacks unwound are of one process whose mappings have not changed: the
 * cache is flushed when the next stack is another process's, and after
 * an exec, mmap or munmap (sct_stacks_changed).
 */
#include "config.h"
#include "stack.h"
#include "log.h"
#include "print.h"
#include "proc.h"

#include <inttypes.h>
#include <libunwind-ptrace.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct sct_stacks {
	unw_addr_space_t as;
	pid_t last_pid;		/* whose unwind information is cached */
	bool stale;		/* its mappings changed since */
};

struct sct_stacks *sct_stacks_new(void)
{
	struct sct_stacks *s = calloc(1, sizeof(*s));

	if (!s)
		sct_die("out of memory");
	s->as = unw_create_addr_space(&_UPT_accessors, 0);
	if (!s->as)
		sct_die("libunwind: cannot create an address space");
	unw_set_caching_policy(s->as, UNW_CACHE_GLOBAL);
	s->stale = true;
	return s;
}

void sct_stacks_changed(struct sct_stacks *s)
{
	if (s)
		s->stale = true;
}

void sct_stacks_free(struct sct_stacks *s)
{
	if (!s)
		return;
	unw_destroy_addr_space(s->as);
	free(s);
}

/* The object mapped at ip in maps (text of /proc/TID/maps), or "?". */
static void object_of(const char *maps, uint64_t ip, char *out, size_t n)
{
	const char *line = maps;

	snprintf(out, n, "?");
	while (line && *line) {
		unsigned long long lo, hi;
		const char *eol = strchr(line, '\n'), *path;

		if (sscanf(line, "%llx-%llx", &lo, &hi) == 2 && ip >= lo &&
		    ip < hi) {
			path = strchr(line, '/');
			if (!path || (eol && path > eol))
				path = strchr(line, '[');
			if (path && (!eol || path < eol))
				snprintf(out, n, "%.*s",
					 (int)(eol ? (size_t)(eol - path) :
					       strlen(path)), path);
			return;
		}
		line = eol ? eol + 1 : NULL;
	}
}

char *sct_stack_text(struct sct_stacks *s, pid_t pid, pid_t tid)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	sct_stack_print(s, f, pid, tid);
	if (fclose(f) || !len) {
		free(text);
		return NULL;
	}
	return text;
}

void sct_stack_print(struct sct_stacks *s, FILE *f, pid_t pid, pid_t tid)
{
	char path[64], *maps = malloc(1 << 20);
	unw_cursor_t cur;
	void *ui;
	int i;

	if (!maps)
		return;
	if (s->stale || pid != s->last_pid) {
		unw_flush_cache(s->as, 0, 0);
		s->last_pid = pid;
		s->stale = false;
	}
	snprintf(path, sizeof(path), "/proc/%d/maps", tid);
	if (sct_proc_text(path, maps, 1 << 20) < 0)
		maps[0] = 0;
	ui = _UPT_create(tid);
	if (!ui || unw_init_remote(&cur, s->as, ui) < 0) {
		if (ui)
			_UPT_destroy(ui);
		free(maps);
		return;
	}
	for (i = 0; i < SCT_STACK_MAX; i++) {
		char fn[256], obj[512], esc[512];
		unw_word_t ip, off;

		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 || !ip)
			break;
		object_of(maps, ip, obj, sizeof(obj));
		/* (names and paths are the tracee's: escaped) */
		sct_escape(esc, sizeof(esc), obj);
		fprintf(f, " > %s", esc);
		if (unw_get_proc_name(&cur, fn, sizeof(fn), &off) == 0) {
			sct_escape(esc, sizeof(esc), fn);
			fprintf(f, "(%s+0x%" PRIx64 ")", esc, (uint64_t)off);
		} else {
			fputs("()", f);
		}
		fprintf(f, " [0x%" PRIx64 "]\n", (uint64_t)ip);
		if (unw_step(&cur) <= 0)
			break;
	}
	_UPT_destroy(ui);
	free(maps);
}
