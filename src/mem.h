/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded reads of tracee memory; a failed read is never fatal. */
#ifndef SCTRACE_MEM_H
#define SCTRACE_MEM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Read up to len bytes at addr.  Returns bytes read (may be short), or -errno. */
ssize_t sct_mem_read(pid_t pid, uint64_t addr, void *dst, size_t len);

/*
 * Read a NUL-terminated string of at most max bytes (NUL included) at addr.
 * dst is always NUL-terminated.  Returns the length including the NUL, or
 * -errno when not even the first byte could be read.
 */
ssize_t sct_mem_read_str(pid_t pid, uint64_t addr, char *dst, size_t max);

#endif
