/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The seccomp-bpf pre-filter of launch mode: syscalls nobody asked for run
 * without any ptrace stop; the others return SECCOMP_RET_TRACE.
 */
#ifndef SCTRACE_SECCOMP_FILTER_H
#define SCTRACE_SECCOMP_FILTER_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The SECCOMP_RET_DATA of sctrace's SECCOMP_RET_TRACE: a stop with other
 * data is the program's own filter's (fixup.c).
 */
#define SCT_SECCOMP_DATA	0x5c7e

struct sct_seccomp;

/*
 * Build a filter tracing the syscalls behind the given evt.type names
 * (sysdig's names: "open", "pread", "dup", ... or a syscall name for
 * generic events), plus the process lifecycle calls sctrace needs
 * (clone family, execve, execveat).  all: trace every syscall.  maps:
 * also the calls that change a process's mappings (mmap, munmap, ...).
 * Covers the native ABI and its 32-bit compat ABIs.  Returns NULL with a
 * message printed when libseccomp cannot build it.
 */
struct sct_seccomp *sct_seccomp_build(const char *const *types, unsigned n,
				      bool all, bool maps);
/*
 * Let native syscalls made from the instruction that ends at ip through
 * without a stop (the recorder's trampoline, ring.h), and stop its calls
 * to SCT_NR_MAGIC whatever the filter asks.  -errno.
 */
int sct_seccomp_trampoline(struct sct_seccomp *s, uint64_t ip);
/* Number of native syscalls the filter traces (for --stats and tests). */
unsigned sct_seccomp_count(const struct sct_seccomp *s);
/* In the child, just before exec: load it (sets no_new_privs). -errno. */
int sct_seccomp_load(struct sct_seccomp *s);
void sct_seccomp_free(struct sct_seccomp *s);

#endif
