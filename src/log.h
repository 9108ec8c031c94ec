/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Diagnostics: one line on stderr, prefixed with the program name. */
#ifndef SCTRACE_LOG_H
#define SCTRACE_LOG_H

#include <stdbool.h>

extern int sct_verbose;

void sct_die(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));
void sct_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sct_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A live status line on a terminal: "\rsctrace: TEXT", replaced by the
 * next one; any message wipes it first, and so does sct_status_clear.
 */
void sct_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sct_status_clear(void);

#endif
