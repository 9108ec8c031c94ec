/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * In-process recording, the tracer's side (buffer.h; the protocol is in
 * ring.h).  A ring is the recorder's memfd, mapped here too: records are
 * read while their thread runs, each copied out before use (the tracee
 * writes that memory), checked against the ring's bounds, and accepted
 * only for the calls the recorder makes.  A ring found damaged is let go
 * and its recorder paused: from then on its thread's calls stop as usual.
 */
#include "config.h"
#include "buffer.h"
#include "arch/arch.h"
#include "arch/regs.h"
#include "elfsym.h"
#include "log.h"
#include "mem.h"
#include "ring.h"
#include "seccomp_filter.h"
#include "run.h"
#include "sysevent.h"
#include "thread.h"
#include "tracer.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#ifndef F_GET_SEALS
#define F_GET_SEALS	1034
#define F_SEAL_SHRINK	0x0002
#endif

/* A ring as the tracer maps it. */
struct sct_bring {
	struct sct_bring *next;
	struct sct_thread *t;
	struct sct_ring_hdr *hdr;
	uint8_t *data;
	size_t maplen;
	uint32_t size;
	uint64_t tail;
	bool have;		/* rec holds the next record's header */
	struct sct_rec rec;
};

/* The calls the recorder makes (preload.c): no others are accepted. */
static const char *const recordable[SCT_RC_COUNT] = {
#define SCT_RC_NAME(name) #name,
	SCT_RECORDED(SCT_RC_NAME)
#undef SCT_RC_NAME
};

#define MAX_SNIPS	SCT_REC_SNIPS_MAX

#if defined(__x86_64__)
#define NATIVE_EM	EM_X86_64
#elif defined(__aarch64__)
#define NATIVE_EM	EM_AARCH64
#else
#define NATIVE_EM	0	/* no recorder built */
#endif

const char *sct_buffer_library(void)
{
	static char path[PATH_MAX];
	static bool looked;
	const char *env;
	char exe[PATH_MAX - 64];
	ssize_t n;
	char *slash;

	if (looked)
		return path[0] ? path : NULL;
	looked = true;
	env = getenv("SCTRACE_PRELOAD");
	if (env && *env) {
		snprintf(path, sizeof(path), "%s", env);
	} else {
		/* beside the sctrace of a build tree, else where installed */
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n > 0) {
			exe[n] = 0;
			slash = strrchr(exe, '/');
			if (slash) {
				*slash = 0;
				snprintf(path, sizeof(path),
					 "%s/preload/libsctrace-preload.so", exe);
			}
		}
		if (!path[0] || access(path, R_OK))
			snprintf(path, sizeof(path), "%s",
				 SCTRACE_PKGLIBDIR "/libsctrace-preload.so");
	}
	/* LD_PRELOAD splits at spaces and colons */
	if (access(path, R_OK) || strpbrk(path, " :\t") || path[0] != '/')
		path[0] = 0;
	return path[0] ? path : NULL;
}

uint64_t sct_buffer_lib_sym(const char *name)
{
	const char *lib = sct_buffer_library();
	struct sct_elfsym *e;
	uint64_t off, addr = 0;

	/* (a shared object is linked at 0: its symbols are offsets) */
	if (lib && (e = sct_elfsym_open(lib))) {
		if (sct_elfsym_addr(e, name, &off) && off < (1u << 30))
			addr = SCT_LIB_BASE + off;
		sct_elfsym_free(e);
	}
	return addr;
}

uint64_t sct_buffer_tramp_ip(void)
{
	static uint64_t ip;
	static bool looked;

	if (!looked) {
		looked = true;
		ip = sct_buffer_lib_sym(SCT_TRAMP_SYM);
		if (ip)
			ip += SCT_TRAMP_INSN_LEN;
	}
	return ip;
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* The native numbers of the recordable calls (looked up once). */
static const int *recordable_nrs(void)
{
	static int nrs[SCT_RC_COUNT];
	static bool known;
	unsigned i;

	if (!known) {
		for (i = 0; i < SCT_RC_COUNT; i++)
			nrs[i] = sct_arch_nr(sct_arch_native(), recordable[i]);
		known = true;
	}
	return nrs;
}

/* Is nr a recordable call's native number?  (by a table, built once) */
#define NR_TABLE	1024
static bool accepted(int64_t nr)
{
	static bool table[NR_TABLE], built;
	unsigned i;

	if (!built) {
		for (i = 0; i < SCT_RC_COUNT; i++)
			if (recordable_nrs()[i] >= 0 &&
			    recordable_nrs()[i] < NR_TABLE)
				table[recordable_nrs()[i]] = true;
		built = true;
	}
	return nr >= 0 && nr < NR_TABLE && table[nr];
}

static void ring_free(struct sct_run *r, struct sct_bring *b)
{
	struct sct_bring **pp;

	for (pp = &r->rings; *pp; pp = &(*pp)->next)
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	if (b->t)
		b->t->ring = NULL;
	munmap(b->hdr, b->maplen);
	free(b);
}

/* A damaged ring: its recorder records no more, its records are lost. */
static void ring_bad(struct sct_run *r, struct sct_bring *b, const char *why)
{
	sct_warn("thread %d: in-process records dropped (%s); its calls stop "
		 "as usual from now on", b->t ? b->t->tid : 0, why);
	__atomic_store_n(&b->hdr->paused, SCT_RING_LIBC, __ATOMIC_RELEASE);
	r->st->ring_errors++;
	ring_free(r, b);
}

/* Is the next record's header in b->rec?  false: none yet (or damaged). */
static bool peek(struct sct_run *r, struct sct_bring *b, bool *bad)
{
	uint64_t head, off;

	if (b->have)
		return true;
	head = __atomic_load_n(&b->hdr->head, __ATOMIC_ACQUIRE);
	while (b->tail != head) {
		if (head - b->tail > b->size || head < b->tail) {
			*bad = true;
			return false;
		}
		off = b->tail % b->size;
		if (off + 8 > b->size) {
			*bad = true;
			return false;
		}
		memcpy(&b->rec, b->data + off,
		       off + sizeof(b->rec) <= b->size ? sizeof(b->rec) : 8);
		if (b->rec.len < 8 || b->rec.len % 8 ||
		    b->rec.len > head - b->tail || off + b->rec.len > b->size) {
			*bad = true;
			return false;
		}
		if (b->rec.kind == SCT_REC_PAD) {
			b->tail += b->rec.len;
			continue;
		}
		if (b->rec.len < sizeof(b->rec) ||
		    (b->rec.kind != SCT_REC_ENTER &&
		     b->rec.kind != SCT_REC_EXIT) ||
		    !accepted(b->rec.nr)) {
			*bad = true;
			return false;
		}
		b->have = true;
		return true;
	}
	(void)r;
	__atomic_store_n(&b->hdr->tail, b->tail, __ATOMIC_RELEASE);
	return false;
}

/* The ptrace state of a thread, kept aside while a record is written. */
struct saved {
	bool in_syscall, enter_written;
	const struct sct_arch *arch;
	const struct sct_sysent *se;
	uint64_t nr, args[6], ip, sp, enter_ns;
};

static void save(const struct sct_thread *t, struct saved *s)
{
	s->in_syscall = t->in_syscall;
	s->enter_written = t->enter_written;
	s->arch = t->arch;
	s->se = t->se;
	s->nr = t->nr;
	memcpy(s->args, t->args, sizeof(s->args));
	s->ip = t->ip;
	s->sp = t->sp;
	s->enter_ns = t->enter_ns;
}

static void restore(struct sct_thread *t, const struct saved *s)
{
	t->in_syscall = s->in_syscall;
	t->enter_written = s->enter_written;
	t->arch = s->arch;
	t->se = s->se;
	t->nr = s->nr;
	memcpy(t->args, s->args, sizeof(s->args));
	t->ip = s->ip;
	t->sp = s->sp;
	t->enter_ns = s->enter_ns;
}

static void info(struct __ptrace_syscall_info *si, const struct sct_rec *rec,
		 uint8_t op)
{
	unsigned i;

	memset(si, 0, sizeof(*si));
	si->op = op;
	si->arch = sct_arch_native()->audit_arch;
	if (op == PTRACE_SYSCALL_INFO_EXIT) {
		si->exit.rval = rec->ret;
		si->exit.is_error = rec->ret < 0 && rec->ret > -4096;
		return;
	}
	si->entry.nr = (uint64_t)rec->nr;
	for (i = 0; i < 6; i++)
		si->entry.args[i] = rec->args[i];
}

/* A record copied out of its ring, its snippets found. */
struct loaded {
	const struct sct_rec *rec;
	struct sct_mem_snip snips[MAX_SNIPS];
	unsigned nsnip;
	struct sct_fd_facts facts;	/* fd -1: none */
	struct sct_sock_facts sock;
	bool has_sock;
};

/*
 * Copy b's next record (its header in b->rec) out of the ring and check
 * it: false when it is malformed.
 */
static bool load(struct sct_run *r, struct sct_bring *b, struct loaded *l)
{
	uint32_t len = b->rec.len, pos;
	const struct sct_rec *rec;
	unsigned i;
	uint8_t *copy;

	if (len > r->rec_cap) {
		uint8_t *n = realloc(r->rec_buf, len);

		if (!n)
			sct_die("out of memory");
		r->rec_buf = n;
		r->rec_cap = len;
	}
	copy = r->rec_buf;
	memcpy(copy, b->data + b->tail % b->size, len);
	l->rec = rec = (const struct sct_rec *)copy;
	l->nsnip = 0;
	l->facts.fd = -1;
	l->has_sock = false;
	if (rec->len != len || rec->nsnip > MAX_SNIPS ||
	    rec->nr != b->rec.nr || rec->kind != b->rec.kind)
		return false;
	/* (an O_TMPFILE file is looked at in its stops: never recorded) */
	if (rec->nr == recordable_nrs()[SCT_RC_openat] &&
	    SCT_OPEN_TMPFILE(rec->args[2]))
		return false;
	pos = sizeof(*rec);
	for (i = 0; i < rec->nsnip; i++) {
		struct sct_snip sn;

		if (len - pos < sizeof(sn))
			return false;
		memcpy(&sn, copy + pos, sizeof(sn));
		pos += sizeof(sn);
		if (sn.len > len - pos)
			return false;
		if (sn.addr == 0) {
			/* a new fd's device and inode */
			if (sn.len != sizeof(l->facts))
				return false;
			memcpy(&l->facts, copy + pos, sizeof(l->facts));
		} else if (sn.addr == 1) {
			/* a socket's addresses */
			if (sn.len != sizeof(l->sock))
				return false;
			memcpy(&l->sock, copy + pos, sizeof(l->sock));
			if (l->sock.llen > SCT_SOCK_ADDR_MAX ||
			    l->sock.rlen > SCT_SOCK_ADDR_MAX)
				return false;
			l->has_sock = true;
		} else {
			l->snips[l->nsnip].addr = sn.addr;
			l->snips[l->nsnip].len = sn.len;
			l->snips[l->nsnip].bytes = copy + pos;
			l->nsnip++;
		}
		pos += (uint32_t)SCT_REC_ALIGN(sn.len);
		if (pos > len)
			return false;
	}
	return true;
}

/* The record's memory (and new fd) stand in for the tracee's, or not. */
static void from_record(struct sct_run *r, const struct loaded *l)
{
	static const struct sct_fd_facts none = { .fd = -1 };
	const struct sct_fd_facts *f = !l ? NULL :
				       l->facts.fd >= 0 ? &l->facts : &none;

	sct_mem_from_record(l ? l->snips : NULL, l ? l->nsnip : 0);
	r->call.rec_fd = f;
	r->enter_call.rec_fd = f;
	r->call.rec_sock = r->enter_call.rec_sock =
		l && l->has_sock ? &l->sock : NULL;
}

static void write_enter(struct sct_run *r, struct sct_thread *t,
			const struct loaded *l)
{
	const struct sct_rec *rec = l->rec;
	struct __ptrace_syscall_info si;
	struct saved s;

	save(t, &s);
	info(&si, rec, PTRACE_SYSCALL_INFO_ENTRY);
	from_record(r, l);
	/* an open's look at its path (ring.h), else none */
	r->call.rec_path = r->enter_call.rec_path =
		rec->ret == SCT_REC_PATH_EXISTED || rec->ret == SCT_REC_PATH_NEW ?
			(int)rec->ret : 0;
	r->rec_ts = rec->ts;
	sct_sysevent_enter(r, t, &si);
	r->rec_ts = 0;
	r->call.rec_path = r->enter_call.rec_path = 0;
	from_record(r, NULL);
	t->buf_in = t->in_syscall;
	t->buf_enter_written = t->enter_written;
	t->buf_seq = t->nemitted;
	t->buf_nr = rec->nr;
	memcpy(t->buf_args, rec->args, sizeof(t->buf_args));
	t->buf_enter_ts = rec->ts;
	restore(t, &s);
}

/* An exit record: its snippets are the memory its event reads. */
static void write_exit(struct sct_run *r, struct sct_thread *t,
		       const struct loaded *l)
{
	const struct sct_rec *rec = l->rec;
	struct __ptrace_syscall_info si;
	struct saved s;

	/* written at a signal's stop (sct_buffer_signal) */
	if (t->buf_exit_done) {
		t->buf_exit_done = false;
		return;
	}
	if (t->buf_restarted) {
		t->buf_restarted = false;
		/* not restarted after all: the kernel said EINTR */
		if (rec->ret == -EINTR)
			return;
	}
	save(t, &s);
	t->arch = sct_arch_native();
	t->nr = (uint64_t)rec->nr;
	t->se = sct_sysent(t->arch, t->nr);
	memcpy(t->args, rec->args, sizeof(t->args));
	t->ip = t->sp = 0;
	t->in_syscall = true;
	/* its enter is the thread's last event: else it is written again */
	t->enter_written = t->buf_in && t->buf_enter_written &&
			   t->buf_nr == rec->nr && t->buf_seq == t->nemitted;
	if (t->buf_in && rec->ts >= t->buf_enter_ts)
		t->enter_ns = mono_ns() - (rec->ts - t->buf_enter_ts);
	else
		t->enter_ns = mono_ns();
	t->buf_in = false;
	info(&si, rec, PTRACE_SYSCALL_INFO_EXIT);
	from_record(r, l);
	r->rec_ts = rec->ts;
	sct_sysevent_exit(r, t, &si);
	r->rec_ts = 0;
	from_record(r, NULL);
	restore(t, &s);
}

/* The kernel's codes for a call that a signal interrupted. */
static bool restart_code(int64_t ret)
{
	return ret == -512 || ret == -513 || ret == -514 || ret == -516;
}

void sct_buffer_signal(struct sct_run *r, struct sct_thread *t)
{
	struct __ptrace_syscall_info si;
	struct saved s;
	uint64_t pc;
	int64_t ret;

	if (!t->ring || !t->buf_in || sct_regs_result(t->tid, &pc, &ret))
		return;
#if defined(__aarch64__)
	/*
	 * arm64 sets up a syscall's restart before the signal-delivery stop
	 * ("so that a debugger sees the changed pc"): back at the svc, x0 the
	 * first argument again.  The recorded calls that can be interrupted
	 * (reads, writes, opens of a fifo, lock waits) say ERESTARTSYS.  (A
	 * signal in the few instructions between the enter record and the
	 * svc looks the same.)
	 */
	if (pc + SCT_TRAMP_INSN_LEN == sct_buffer_tramp_ip()) {
		pc += SCT_TRAMP_INSN_LEN;
		ret = -512;
	}
#endif
	if (pc != sct_buffer_tramp_ip())
		return;
	/*
	 * Stopped just after the trampoline's syscall: the recorded call
	 * returned ret, or a signal interrupted it (a restart code).  The
	 * exit is written now, from the registers and the live memory, as a
	 * syscall-exit stop would have it: before the signal.
	 */
	save(t, &s);
	t->arch = sct_arch_native();
	t->nr = (uint64_t)t->buf_nr;
	t->se = sct_sysent(t->arch, t->nr);
	memcpy(t->args, t->buf_args, sizeof(t->args));
	t->ip = t->sp = 0;
	t->in_syscall = true;
	t->enter_written = t->buf_enter_written && t->buf_seq == t->nemitted;
	t->enter_ns = mono_ns();
	memset(&si, 0, sizeof(si));
	si.op = PTRACE_SYSCALL_INFO_EXIT;
	si.exit.rval = ret;
	si.exit.is_error = ret < 0 && ret > -4096;
	sct_sysevent_exit(r, t, &si);
	restore(t, &s);
	t->buf_in = false;
	if (restart_code(ret))
		t->buf_restarted = true;	/* its record: a new call */
	else
		t->buf_exit_done = true;	/* its record: nothing new */
}

/* Write b's next record (in b->rec). */
static void consume(struct sct_run *r, struct sct_bring *b)
{
	struct sct_thread *t = b->t;
	struct loaded l;

	b->have = false;
	if (!load(r, b, &l)) {
		ring_bad(r, b, "a malformed record");
		return;
	}
	b->tail += b->rec.len;
	if (!t || t->quiet || t->detaching)
		return;
	t->g->records++;
	if (l.rec->kind == SCT_REC_ENTER)
		write_enter(r, t, &l);
	else
		write_exit(r, t, &l);
	/* -C, -G: a new file between two events, as between two stops */
	sct_sysevent_rotate(r);
}

void sct_buffer_drain(struct sct_run *r)
{
	struct sct_bring *b, *best, *next;
	bool bad;

	for (;;) {
		best = NULL;
		for (b = r->rings; b; b = next) {
			next = b->next;
			bad = false;
			if (!peek(r, b, &bad)) {
				if (bad)
					ring_bad(r, b, "a record out of bounds");
				continue;
			}
			if (!best || b->rec.ts < best->rec.ts)
				best = b;
		}
		if (!best)
			return;
		consume(r, best);
	}
}

/* Map the ring the recorder of t passes: memfd fd of size total. */
static void ring_take(struct sct_run *r, struct sct_thread *t, int64_t fd,
		      uint64_t total)
{
	char path[64];
	struct sct_bring *b;
	struct stat st;
	void *p;
	int f;

	if (total < sizeof(struct sct_ring_hdr) + SCT_RING_SIZE_MIN ||
	    total > sizeof(struct sct_ring_hdr) + SCT_RING_SIZE_MAX ||
	    fd < 0 || fd > INT_MAX)
		return;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", t->tid, (int)fd);
	f = open(path, O_RDWR | O_CLOEXEC);
	if (f < 0) {
		sct_debug("recorder of %d: %s: %s", t->tid, path,
			  strerror(errno));
		return;
	}
	/* a sealed memfd of that size: it cannot shrink under our reads */
	if (fstat(f, &st) || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size != total ||
	    !(fcntl(f, F_GET_SEALS) & F_SEAL_SHRINK)) {
		close(f);
		return;
	}
	p = mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0);
	close(f);
	if (p == MAP_FAILED)
		return;
	b = calloc(1, sizeof(*b));
	if (!b)
		sct_die("out of memory");
	b->hdr = p;
	b->maplen = total;
	b->data = (uint8_t *)(b->hdr + 1);
	b->size = (uint32_t)(total - sizeof(*b->hdr));
	if (b->hdr->magic != SCT_RING_MAGIC ||
	    b->hdr->version != SCT_RING_VERSION || b->hdr->size != b->size ||
	    b->size % 8 || b->hdr->head || b->hdr->tail) {
		munmap(p, total);
		free(b);
		return;
	}
	/* one ring per thread: a new program's recorder replaces the old */
	if (t->ring)
		sct_buffer_forget(r, t);
	b->t = t;
	t->ring = b;
	b->next = r->rings;
	r->rings = b;
	b->hdr->snaplen = r->o->snaplen;
	__atomic_store_n(&b->hdr->ack, 1, __ATOMIC_RELEASE);
	r->st->rings++;
}

/*
 * ld.so loading the recorder, from the exec to the close of its file: the
 * open, what is done with that fd, the mappings made from it and the
 * changes to them (the library has no RELRO: nothing is left to do after
 * the close).  None of it is the program's.
 */
enum { L_OPEN, L_OPENAT, L_READ, L_PREAD, L_FSTAT, L_NEWFSTATAT, L_MMAP,
       L_MPROTECT, L_MUNMAP, L_CLOSE, L_N };

static const char *const load_names[L_N] = {
	"open", "openat", "read", "pread64", "fstat", "newfstatat", "mmap",
	"mprotect", "munmap", "close",
};

/* lib_fd: the file is open, its fd not known yet */
#define LIB_FD_OPENED	(-2)

static int load_call(uint64_t nr)
{
	static int64_t nrs[L_N];
	static bool known;
	int i;

	if (!known) {
		for (i = 0; i < L_N; i++)
			nrs[i] = sct_arch_nr(sct_arch_native(), load_names[i]);
		known = true;
	}
	for (i = 0; i < L_N; i++)
		if (nrs[i] >= 0 && (uint64_t)nrs[i] == nr)
			return i;
	return -1;
}

static bool in_lib(const struct sct_group *g, uint64_t addr, uint64_t len)
{
	return g->lib_hi > g->lib_lo && addr >= g->lib_lo &&
	       addr <= g->lib_hi && len <= g->lib_hi - addr;
}

/* Is this call of ld.so's loading of the recorder? */
static bool loading(struct sct_thread *t,
		    const struct __ptrace_syscall_info *si)
{
	struct sct_group *g = t->g;
	const uint64_t *a = si->entry.args;
	const char *lib = sct_buffer_library();
	char path[PATH_MAX];
	int c = load_call(si->entry.nr);

	switch (c) {
	case L_OPEN:
	case L_OPENAT:
		if (g->lib_fd != -1 || g->lib_hi || !lib)
			return false;
		return sct_mem_read_str(t->tid, a[c == L_OPENAT], path,
					sizeof(path)) > 0 &&
		       !strcmp(path, lib);
	case L_READ:
	case L_PREAD:
	case L_FSTAT:
	case L_NEWFSTATAT:
	case L_CLOSE:
		return g->lib_fd >= 0 && a[0] == (uint64_t)g->lib_fd;
	case L_MMAP:
		/*
		 * From its file; or, its file open and nothing of it mapped
		 * yet, the anonymous reservation of its extent that ld.so
		 * makes for a segment alignment above the page size (aarch64's
		 * 64 KiB: the excess is unmapped then); or its zeroed bss
		 * inside its range.
		 */
		return (g->lib_fd >= 0 && (int32_t)a[4] == g->lib_fd) ||
		       (g->lib_fd >= 0 && !g->lib_hi &&
			(a[3] & MAP_ANONYMOUS) && a[2] == PROT_NONE) ||
		       ((a[3] & MAP_FIXED) && in_lib(g, a[0], a[1]));
	case L_MPROTECT:
	case L_MUNMAP:
		return in_lib(g, a[0], a[1]);
	default:
		return false;
	}
}

void sct_buffer_own_exit(struct sct_thread *t,
			 const struct __ptrace_syscall_info *si)
{
	struct sct_group *g = t->g;
	int64_t ret = si->exit.rval;
	int c = load_call(t->own_nr);

	if (c == L_MMAP && ret >= 0 && !g->lib_hi) {
		/* the first: the whole extent, segments go inside it */
		g->lib_lo = (uint64_t)ret;
		g->lib_hi = (uint64_t)ret + t->own_len;
		/* where the recorder is on (ring.h) */
		if (g->lib_lo == SCT_LIB_BASE)
			g->lib_ip = sct_buffer_tramp_ip();
	}
}

bool sct_buffer_own_call(struct sct_run *r, struct sct_thread *t,
			 const struct __ptrace_syscall_info *si)
{
	/* entry and seccomp stops lay out nr and args alike */
	uint64_t nr = si->entry.nr;
	const uint64_t *a = si->entry.args;

	if (si->arch != sct_arch_native()->audit_arch)
		return false;
	/*
	 * The call after the open of the library's file: ld.so reads the
	 * ELF header from the fd it got, or the open failed (then it says
	 * so on stderr).  (Learnt here, the open needs no exit stop.)
	 */
	if (t->g->lib_fd == LIB_FD_OPENED) {
		int c = load_call(nr);

		t->g->lib_fd = (c == L_READ || c == L_PREAD) && a[0] <= INT32_MAX ?
			       (int)a[0] : -1;
	}
	if (t->g->lib_loading && nr != SCT_NR_MAGIC && loading(t, si)) {
		int c = load_call(nr);
		bool first = c == L_MMAP && !t->g->lib_hi;

		/* an exit stop only to learn the first mapping */
		t->own_nr = nr;
		t->own_len = a[1];
		t->own_exit = first;
		if (c == L_OPEN || c == L_OPENAT)
			t->g->lib_fd = LIB_FD_OPENED;
		/*
		 * The first mapping, where ld.so lets the kernel choose: at
		 * SCT_LIB_BASE if that place is free (a hint, not MAP_FIXED).
		 */
		if (first && !a[0] &&
		    sct_regs_set_arg0(t->tid, sct_arch_native(), SCT_LIB_BASE))
			sct_debug("recorder of %d: not placed", t->tid);
		if (c == L_CLOSE) {
			t->g->lib_fd = -1;
			t->g->lib_loading = false;
		}
		/*
		 * The excess of an aligned reservation, unmapped at either
		 * end: the range shrinks (the next object may be mapped there).
		 */
		if (c == L_MUNMAP && a[0] == t->g->lib_lo)
			t->g->lib_lo += a[1];
		else if (c == L_MUNMAP && a[0] + a[1] == t->g->lib_hi)
			t->g->lib_hi = a[0];
		return true;
	}
	/* the recorder's, from its trampoline, once it is on */
	if (nr == SCT_NR_MAGIC) {
		if (r->o->buffer && t->g->seccomp && t->g->lib_ip &&
		    a[0] == SCT_MAGIC_RING &&
		    si->instruction_pointer == t->g->lib_ip)
			ring_take(r, t, (int64_t)a[1], a[2]);
		return true;
	}
	return false;
}

void sct_buffer_forget(struct sct_run *r, struct sct_thread *t)
{
	if (!t->ring)
		return;
	sct_buffer_drain(r);
	if (t->ring)
		ring_free(r, t->ring);
}

void sct_buffer_mode(struct sct_thread *t, unsigned mode)
{
	if (t->ring)
		__atomic_store_n(&t->ring->hdr->paused, mode, __ATOMIC_RELEASE);
	t->ring_paused = mode == SCT_RING_LIBC;
}

void sct_buffer_fini(struct sct_run *r)
{
	sct_buffer_drain(r);
	while (r->rings) {
		__atomic_store_n(&r->rings->hdr->paused, SCT_RING_FREE,
				 __ATOMIC_RELEASE);
		ring_free(r, r->rings);
	}
	free(r->rec_buf);
	r->rec_buf = NULL;
	r->rec_cap = 0;
}

/*
 * Would ld.so preload the recorder into the program at path, and may it?
 * A dynamically linked ELF program of the native ABI (through one "#!"),
 * not built with a sanitizer runtime that must be loaded first.  Any
 * doubt says no: the program is then traced with stops only.
 */
bool sct_buffer_fits(const char *path)
{
	static const char *const sanitizers[] = {
		"libasan.so", "libtsan.so", "libmsan.so", "libhwasan.so",
	};
	const struct sct_arch *a = sct_arch_native();
	char interp[PATH_MAX];
	unsigned char *p;
	struct stat st;
	bool ok = false, dyn = false, is64 = false;
	unsigned machine = 0;
	unsigned i, depth;
	int fd;

	for (depth = 0; depth < 2; depth++) {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return false;
		if (fstat(fd, &st) || st.st_size < 64 ||
		    st.st_size > (1ll << 30)) {
			close(fd);
			return false;
		}
		p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (p == MAP_FAILED)
			return false;
		if (p[0] == '#' && p[1] == '!') {
			size_t k = 2, j = 0;

			while (k < 64 && (p[k] == ' ' || p[k] == '\t'))
				k++;
			while (k < (size_t)st.st_size && j < sizeof(interp) - 1 &&
			       p[k] != ' ' && p[k] != '\t' && p[k] != '\n')
				interp[j++] = (char)p[k++];
			interp[j] = 0;
			munmap(p, (size_t)st.st_size);
			path = interp;
			continue;
		}
		ok = sct_elf_program(p, (size_t)st.st_size, &is64, &machine,
				     &dyn) &&
		     dyn && is64 == (a->wordsize == 8) && machine == NATIVE_EM;
		for (i = 0; ok && i < sizeof(sanitizers) / sizeof(sanitizers[0]);
		     i++)
			if (memmem(p, (size_t)st.st_size, sanitizers[i],
				   strlen(sanitizers[i])))
				ok = false;
		munmap(p, (size_t)st.st_size);
		return ok;
	}
	return false;
}
