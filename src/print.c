/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Human-readable event lines: "num time cpu tid > type name=value ...". */
#include "config.h"
#include "print.h"
#include "flagnames.h"
#include "net.h"
#include "schema.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#define PRINT_BYTES_MAX	80

static uint64_t seq;

static void print_bytes(FILE *f, const uint8_t *p, uint32_t n, int quote)
{
	uint32_t i;

	if (quote)
		fputc('"', f);
	for (i = 0; i < n && i < PRINT_BYTES_MAX; i++) {
		if (p[i] == 0 && quote && i == n - 1)
			break;
		if (isprint(p[i]) && p[i] != '"' && p[i] != '\\')
			fputc(p[i], f);
		else if (p[i] == 0)
			fputc(' ', f);
		else
			fputc('.', f);
	}
	if (i < n && !(quote && i == n - 1))
		fputs("...", f);
	if (quote)
		fputc('"', f);
}

void sct_escape(char *out, size_t n, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p;
	size_t len = 0;

	if (!n)
		return;
	for (p = (const unsigned char *)s; *p; p++) {
		size_t k = *p == '\\' ? 2 : *p >= 0x20 && *p < 0x7f ? 1 : 4;

		if (len + k >= n)
			break;	/* never half an escape */
		if (k == 1) {
			out[len] = (char)*p;
		} else if (k == 2) {
			out[len] = out[len + 1] = '\\';
		} else {
			out[len] = '\\';
			out[len + 1] = 'x';
			out[len + 2] = hex[*p >> 4];
			out[len + 3] = hex[*p & 15];
		}
		len += k;
	}
	out[len] = 0;
}

void sct_print_escaped(FILE *f, const char *s)
{
	char buf[256];

	sct_escape(buf, sizeof(buf), s);
	fputs(buf, f);
}

/* sysdig's letter for an fd type (net.h's names), or NULL */
static const char *fd_letter(const char *type)
{
	static const char *const letters[][2] = {
		{ "file", "f" }, { "directory", "d" }, { "ipv4", "4" },
		{ "ipv6", "6" }, { "unix", "u" }, { "pipe", "p" },
		{ "event", "e" }, { "signalfd", "s" }, { "eventpoll", "l" },
		{ "inotify", "i" }, { "timerfd", "t" }, { "netlink", "n" },
	};
	unsigned i;

	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (!strcmp(type, letters[i][0]))
			return letters[i][1];
	return NULL;
}

/* fd 3(<f>/etc/hostname), -2(ENOENT), or the number */
static void print_fd(FILE *f, const struct sct_print_thread *pt, int64_t v,
		     bool is_fd)
{
	char name[512];
	const char *letter;

	fprintf(f, "%" PRId64, v);
	if (is_fd && v == -100) {
		fputs("(AT_FDCWD)", f);
		return;
	}
	if (v < 0 && v >= -4095) {
		const char *e = strerrorname_np((int)-v);

		if (e)
			fprintf(f, "(%s)", e);
		return;
	}
	if (!is_fd || !pt || v > INT32_MAX)
		return;
	letter = fd_letter(sct_fd_describe(pt->tid, pt->pid, pt->pidfd,
					   (int)v, name, sizeof(name)));
	if (!letter)
		return;
	fprintf(f, "(<%s>", letter);
	/* (a path is the tracee's to choose) */
	if (strcmp(letter, "p"))
		sct_print_escaped(f, name);
	fputc(')', f);
}

static void print_val(FILE *f, uint8_t type, const struct sct_val *v,
		      const struct sct_print_thread *pt,
		      const struct sct_flagset *fs)
{
	char names[256];

	if (v->kind == SCT_V_EMPTY) {
		fputs("<NA>", f);
		return;
	}
	if (v->kind == SCT_V_BYTES) {
		print_bytes(f, v->p, v->len,
			    type == SCT_PT_CHARBUF || type == SCT_PT_FSPATH ||
			    type == SCT_PT_FSRELPATH);
		return;
	}
	switch (type) {
	case SCT_PT_ERRNO:
	case SCT_PT_FD:
	case SCT_PT_PID:
		print_fd(f, pt, (int64_t)v->u, type == SCT_PT_FD);
		break;
	case SCT_PT_INT64:
		fprintf(f, "%" PRId64, (int64_t)v->u);
		break;
	case SCT_PT_INT32:
		fprintf(f, "%" PRId32, (int32_t)v->u);
		break;
	case SCT_PT_FLAGS8:
	case SCT_PT_FLAGS16:
	case SCT_PT_FLAGS32:
	case SCT_PT_ENUMFLAGS8:
	case SCT_PT_ENUMFLAGS16:
	case SCT_PT_ENUMFLAGS32:
		if (fs && sct_flags_name(fs, v->u, names, sizeof(names)))
			fprintf(f, "%" PRIu64 "(%s)", v->u, names);
		else
			fprintf(f, "0x%" PRIx64, v->u);
		break;
	case SCT_PT_MODE:
		fprintf(f, "0%" PRIo64, v->u);
		break;
	case SCT_PT_SYSCALLID: {
		const char *n = sct_ppm_sc_name((uint16_t)v->u);

		fprintf(f, "%" PRIu64 "(%s)", v->u, n ? n : "?");
		break;
	}
	default:
		fprintf(f, "%" PRIu64, v->u);
		break;
	}
}

/* an address: in hex, as sysdig shows it (mmap's res and addr, ...) */
static bool is_address(const char *ename, const char *pname)
{
	static const char *const mm[] = {
		"mmap", "mmap2", "mremap", "munmap", "mprotect", "brk",
	};
	unsigned i;

	if (strcmp(pname, "addr") && strcmp(pname, "res"))
		return false;
	for (i = 0; i < sizeof(mm) / sizeof(mm[0]); i++)
		if (!strcmp(ename, mm[i]))
			return strcmp(pname, "res") || i < 3 || i == 5;
	return false;
}

void sct_print_event(FILE *f, uint16_t cpu, unsigned type, uint64_t ts,
		     const struct sct_print_thread *pt,
		     const struct sct_val *v)
{
	const struct sct_event_info *ei = &sct_events[type];
	time_t sec = (time_t)(ts / 1000000000ull);
	struct tm tm;
	unsigned i;

	localtime_r(&sec, &tm);
	fprintf(f, "%" PRIu64 " %02d:%02d:%02d.%09" PRIu64 " %u ",
		++seq, tm.tm_hour, tm.tm_min, tm.tm_sec,
		(uint64_t)(ts % 1000000000ull), cpu);
	/* the name is the tracee's to choose (strings show such bytes as .) */
	sct_print_escaped(f, pt->comm);
	fprintf(f, " (%d) %c %s", pt->tid, sct_event_is_enter(type) ? '>' : '<',
		ei->name);
	for (i = 0; i < ei->nparams; i++) {
		fprintf(f, " %s=", ei->params[i].name);
		if (v[i].kind == SCT_V_INT &&
		    is_address(ei->name, ei->params[i].name) &&
		    (int64_t)v[i].u >= 0)
			fprintf(f, "%" PRIX64, v[i].u);
		else
			print_val(f, ei->params[i].type, &v[i], pt,
				  sct_flagset_of(ei->name,
						 ei->params[i].name));
	}
	fputc('\n', f);
}
