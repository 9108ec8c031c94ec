/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Diagnostics: one line on stderr, prefixed with the program name. */
#include "config.h"
#include "log.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

int sct_verbose;
/* a live status line is on the terminal (sct_status) */
static bool status_shown;

static void vmsg(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static void vmsg(const char *fmt, va_list ap)
{
	sct_status_clear();
	fputs("sctrace: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void sct_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void sct_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

void sct_status(const char *fmt, ...)
{
	va_list ap;

	fputs("\rsctrace: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\033[K", stderr);	/* (the rest of a longer one) */
	fflush(stderr);
	status_shown = true;
}

void sct_status_clear(void)
{
	if (!status_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	status_shown = false;
}

void sct_debug(const char *fmt, ...)
{
	va_list ap;

	if (sct_verbose < 2)
		return;
	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}
