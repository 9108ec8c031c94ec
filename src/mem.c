/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Bounded reads of tracee memory: process_vm_readv, or /proc/TID/mem for
 * a process that may have userfaultfd regions.
 *
 * process_vm_readv faults pages in the way the tracee's own access would:
 * a page of a userfaultfd range registered in "missing" mode (without
 * UFFD_USER_MODE_ONLY or UFFD_FEATURE_SIGBUS) makes it wait, killably
 * only, until the process's handler thread resolves the fault.  That
 * thread may be sitting in a ptrace stop, waiting for sctrace: neither
 * would ever go on.  A read of /proc/TID/mem faults without
 * FAULT_FLAG_ALLOW_RETRY (access_remote_vm passes no "locked"), and the
 * userfaultfd handler refuses such a fault at once: the read stops short
 * with EIO instead of waiting.  It costs an open and a close more, so
 * only the processes the tracer marks (sct_mem_careful) read that way.
 */
#include "config.h"
#include "mem.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static size_t page_size;
/*
 * The reads of the current stop go through /proc/TID/mem (see above).
 * Per thread: it is the tracing thread's; the snapshot thread's reads of
 * untraced processes are never careful.
 */
static _Thread_local bool careful;
static uint64_t given_up;
/* the snippets of a record being written (sct_mem_from_record) */
static _Thread_local const struct sct_mem_snip *rec_snips;
static _Thread_local unsigned rec_n;
static _Thread_local bool from_record;

/*
 * The last string read in the current stop.  An exit reads its path more
 * than once (the decoder, and the checks of what the call did); the
 * tracee is stopped, so a second read would give the same bytes.  The
 * tracer starts each stop (sct_mem_stop): until the first call, and after
 * one of our own writes, nothing is kept.  Per thread, like careful.
 */
#define MEMO_MAX	4096
static _Thread_local uint64_t stop_gen;
static _Thread_local struct {
	uint64_t gen, addr;
	pid_t pid;
	size_t known;	/* bytes before the NUL, or read before a fault */
	bool whole;	/* the NUL was read */
	char s[MEMO_MAX];
} memo;

static size_t to_page_end(uint64_t addr)
{
	if (!page_size)
		page_size = (size_t)sysconf(_SC_PAGESIZE);
	return page_size - (addr & (page_size - 1));
}

void sct_mem_careful(bool on)
{
	careful = on;
}

void sct_mem_stop(bool careful_reads)
{
	careful = careful_reads;
	/* (0 is "not in a stop": never a generation) */
	if (!++stop_gen)
		stop_gen = 1;
}

void sct_mem_changed(void)
{
	memo.gen = 0;
}

/* A read of addr (max bytes with the NUL) that the memo can answer. */
static ssize_t memo_read_str(pid_t pid, uint64_t addr, char *dst, size_t max)
{
	if (!stop_gen || memo.gen != stop_gen || memo.pid != pid ||
	    memo.addr != addr)
		return 0;
	if (memo.whole && memo.known < max) {
		memcpy(dst, memo.s, memo.known + 1);
		return (ssize_t)memo.known + 1;
	}
	if (max - 1 > memo.known)
		return 0;
	memcpy(dst, memo.s, max - 1);
	dst[max - 1] = 0;
	return (ssize_t)max;
}

/* What a read of the stop gave (r as sct_mem_read_str returns it). */
static ssize_t memo_keep(pid_t pid, uint64_t addr, const char *s, ssize_t r,
			 bool whole)
{
	if (!stop_gen || r <= 0 || (size_t)r > MEMO_MAX)
		return r;
	memo.gen = stop_gen;
	memo.pid = pid;
	memo.addr = addr;
	memo.known = (size_t)r - 1;
	memo.whole = whole;
	memcpy(memo.s, s, (size_t)r);
	return r;
}

void sct_mem_from_record(const struct sct_mem_snip *s, unsigned n)
{
	rec_snips = s;
	rec_n = n;
	from_record = s != NULL;
}

/* The snippet holding addr, and how many of its bytes lie from there. */
static const struct sct_mem_snip *snip_at(uint64_t addr, size_t *avail)
{
	unsigned i;

	for (i = 0; i < rec_n; i++)
		if (addr >= rec_snips[i].addr &&
		    addr - rec_snips[i].addr < rec_snips[i].len) {
			*avail = rec_snips[i].len - (size_t)(addr - rec_snips[i].addr);
			return &rec_snips[i];
		}
	return NULL;
}

static ssize_t record_read(uint64_t addr, void *dst, size_t len)
{
	const struct sct_mem_snip *s;
	size_t avail;

	if (!len)
		return 0;
	s = snip_at(addr, &avail);
	if (!s)
		return -EFAULT;
	if (len > avail)
		len = avail;
	memcpy(dst, s->bytes + (addr - s->addr), len);
	return (ssize_t)len;
}

static ssize_t record_read_str(uint64_t addr, char *dst, size_t max)
{
	const struct sct_mem_snip *s;
	size_t avail, n;
	char *nul;

	s = snip_at(addr, &avail);
	if (!s)
		return -EFAULT;
	n = avail < max - 1 ? avail : max - 1;
	memcpy(dst, s->bytes + (addr - s->addr), n);
	dst[n] = 0;
	nul = memchr(dst, 0, n);
	return nul ? nul - dst + 1 : (ssize_t)n + 1;
}

uint64_t sct_mem_given_up(void)
{
	return given_up;
}

/* /proc/TID/mem of pid for a careful read, or -1 (then: process_vm_readv). */
static int mem_open(pid_t pid)
{
	char path[64];

	if (!careful)
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	return open(path, O_RDONLY | O_CLOEXEC);
}

/*
 * Is addr inside a readable mapping of pid?  Then a careful read that
 * failed there was given up (a page the process's userfaultfd handler
 * has yet to provide), not refused as the kernel would refuse the call.
 */
static bool mapped(pid_t pid, uint64_t addr)
{
	char path[64], line[512];
	bool in = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!in && fgets(line, sizeof(line), f)) {
		uint64_t lo, hi;
		char r;

		if (sscanf(line, "%" SCNx64 "-%" SCNx64 " %c", &lo, &hi, &r) == 3 &&
		    addr >= lo && addr < hi)
			in = r == 'r';
	}
	fclose(f);
	return in;
}

/* One read of at most len bytes at addr: bytes read, or -errno. */
static ssize_t read_at(pid_t pid, int memfd, uint64_t addr, void *dst,
		       size_t len)
{
	struct iovec local = { dst, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (memfd < 0)
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	else if (addr > (uint64_t)INT64_MAX)
		return -EFAULT;
	else	/* (64-bit offsets on a 32-bit host too: addresses past 2 GiB) */
		n = pread64(memfd, dst, len, (off64_t)addr);
	if (n >= 0)
		return n;
	/* /proc/TID/mem says EIO where process_vm_readv says EFAULT */
	return errno == EIO ? -EFAULT : -errno;
}

/* A careful read ended short at addr: count it if it was given up. */
static void short_read(pid_t pid, int memfd, uint64_t addr)
{
	if (memfd >= 0 && mapped(pid, addr))
		given_up++;
}

static ssize_t done(int memfd, ssize_t r)
{
	if (memfd >= 0)
		close(memfd);
	return r;
}

ssize_t sct_mem_read(pid_t pid, uint64_t addr, void *dst, size_t len)
{
	size_t got = 0, chunk;
	ssize_t n;
	int memfd;

	if (!len)
		return 0;
	if (!addr)
		return -EFAULT;
	if (from_record)
		return record_read(addr, dst, len);
	memfd = mem_open(pid);
	n = read_at(pid, memfd, addr, dst, len);
	if (n != -EFAULT) {
		if (n >= 0 && (size_t)n < len)
			short_read(pid, memfd, addr + (size_t)n);
		return done(memfd, n);
	}
	/* Partly unmapped: keep what lies before the first bad page. */
	chunk = to_page_end(addr);
	while (got < len) {
		if (chunk > len - got)
			chunk = len - got;
		n = read_at(pid, memfd, addr + got, (char *)dst + got, chunk);
		if (n <= 0)
			break;
		got += (size_t)n;
		chunk = to_page_end(addr + got);
	}
	if (got < len)
		short_read(pid, memfd, addr + got);
	return done(memfd, got ? (ssize_t)got : -EFAULT);
}

ssize_t sct_mem_read_str(pid_t pid, uint64_t addr, char *dst, size_t max)
{
	size_t got = 0;
	ssize_t n;
	int memfd;

	if (!max)
		return -EINVAL;
	dst[0] = 0;
	if (!addr)
		return -EFAULT;
	if (from_record)
		return record_read_str(addr, dst, max);
	n = memo_read_str(pid, addr, dst, max);
	if (n > 0)
		return n;
	memfd = mem_open(pid);
	while (got < max - 1) {
		size_t chunk = to_page_end(addr + got);
		char *nul;

		if (chunk > max - 1 - got)
			chunk = max - 1 - got;
		n = read_at(pid, memfd, addr + got, dst + got, chunk);
		if (n <= 0) {
			short_read(pid, memfd, addr + got);
			if (!got)
				return done(memfd, n < 0 ? n : -EFAULT);
			break;
		}
		nul = memchr(dst + got, 0, (size_t)n);
		if (nul)
			return memo_keep(pid, addr, dst,
					 done(memfd, nul - dst + 1), true);
		got += (size_t)n;
	}
	dst[got] = 0;
	return memo_keep(pid, addr, dst, done(memfd, (ssize_t)got + 1),
			 false);
}

/* Does the link of /proc/PID/fd/<name> say userfaultfd? */
static bool fd_is_uffd(const char *dir, const char *name)
{
	char path[320], link[64];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	n = readlink(path, link, sizeof(link) - 1);
	if (n <= 0)
		return false;
	link[n] = 0;
	return !strcmp(link, "anon_inode:[userfaultfd]");
}

/* Is the two-letter flag f among the VmFlags of an smaps line? */
static bool has_flag(const char *line, const char *f)
{
	const char *p;

	for (p = strstr(line, f); p; p = strstr(p + 1, f))
		if (p[-1] == ' ' && (p[2] == ' ' || p[2] == '\n' || !p[2]))
			return true;
	return false;
}

bool sct_mem_has_uffd(pid_t pid)
{
	char path[64], line[512];
	struct dirent *de;
	bool found = false;
	DIR *d;
	FILE *f;

	/* a userfaultfd it holds: it may register ranges at any time */
	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (d) {
		while (!found && (de = readdir(d)))
			found = de->d_name[0] != '.' && fd_is_uffd(path, de->d_name);
		closedir(d);
	}
	if (found)
		return true;
	/* ranges registered by a userfaultfd now held elsewhere */
	snprintf(path, sizeof(path), "/proc/%d/smaps", pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f))
		found = !strncmp(line, "VmFlags:", 8) &&
			(has_flag(line, "um") || has_flag(line, "uw") ||
			 has_flag(line, "ui"));
	fclose(f);
	return found;
}
