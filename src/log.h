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

#endif
