/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded reads of tracee memory; a failed read is never fatal. */
#ifndef SCTRACE_MEM_H
#define SCTRACE_MEM_H

#include <stdbool.h>
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

/*
 * Until the next call, read as for a process that may have userfaultfd
 * regions (on), where a read must give up rather than wait for the
 * process's own fault handler; or as usual (off).  The tracer sets it at
 * each stop from what it knows of the stopped thread's process.
 */
void sct_mem_careful(bool on);

/*
 * A new stop begins: sct_mem_careful(careful), and a string read twice
 * in the stop is read from the tracee once (the second is served from
 * the first).  sct_mem_changed: we wrote the tracee's memory, read again.
 */
void sct_mem_stop(bool careful);
void sct_mem_changed(void);

/* Memory as a record of the in-process recorder holds it (buffer.c). */
struct sct_mem_snip {
	uint64_t addr;
	uint32_t len;
	const uint8_t *bytes;
};

/*
 * Until called again with n = 0, the reads of this thread serve the n
 * snippets s (bytes the recorder copied when the call was made) and
 * nothing else: a read outside them fails with EFAULT.
 */
void sct_mem_from_record(const struct sct_mem_snip *s, unsigned n);

/* How many careful reads gave up on a page that was not there yet. */
uint64_t sct_mem_given_up(void);

/* ioctl of /dev/userfaultfd that makes a userfaultfd: _IO(0xAA, 0x00) */
#define SCT_USERFAULTFD_IOC_NEW	0xaa00u

/*
 * Does process pid hold a userfaultfd, or have ranges registered with
 * one (for a process attached to, whose past sctrace has not seen)?
 */
bool sct_mem_has_uffd(pid_t pid);

#endif
