/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * libsctrace-preload.so: the in-process recorder.  Preloaded into a
 * program that sctrace launches, it makes a few hot syscalls itself (read,
 * write, their positional and vector forms, lseek, close, opens (not O_TMPFILE),
 * the stat family, ioctl, fcntl, the getpid family, send and recv, poll:
 * SCT_RECORDED in
 * ring.h) from its trampoline, which sctrace's seccomp filter lets
 * through without a stop, and records each into its thread's ring for the
 * tracer to decode (src/ring.h has the protocol, src/buffer.c the other
 * side).  Whatever it cannot record it hands to libc: that call stops as
 * usual.  Under anything but sctrace it stays out of the way.
 *
 * Built without a red zone: the trampoline is reached with a call from
 * inline assembly.
 */
#include "config.h"
#include "ring.h"
/* SCT_USERFAULTFD_IOC_NEW */
#include "mem.h"

#include <dlfcn.h>
#include <gnu/libc-version.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define EXPORT	__attribute__((visibility("default")))

#define RING_SIZE	(256u << 10)
#define PAGE		4096u

/*
 * The trampoline: a syscall instruction, then a return.  sctrace's seccomp
 * filter lets the calls made from it through without a stop (not
 * SCT_NR_MAGIC's): it knows where, since it has ld.so map this library at
 * SCT_LIB_BASE and finds SCT_TRAMP_SYM in its dynamic symbols.  Its
 * hidden alias is what the library calls (directly, not through the PLT).
 */
#if defined(__x86_64__)
__asm__(".text\n"
	".globl " SCT_TRAMP_SYM "\n"
	".type " SCT_TRAMP_SYM ",@function\n"
	".globl sct_tramp_here\n"
	".hidden sct_tramp_here\n"
	".type sct_tramp_here,@function\n"
	SCT_TRAMP_SYM ":\n"
	"sct_tramp_here:\n"
	"	syscall\n"
	"	ret\n"
	".size " SCT_TRAMP_SYM ",.-" SCT_TRAMP_SYM "\n"
	".size sct_tramp_here,.-sct_tramp_here\n");

static inline long tramp(long nr, long a, long b, long c, long d, long e,
			 long f)
{
	register long rax __asm__("rax") = nr;
	register long rdi __asm__("rdi") = a;
	register long rsi __asm__("rsi") = b;
	register long rdx __asm__("rdx") = c;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ volatile("call sct_tramp_here"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(rdx), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory", "cc");
	return rax;
}
#elif defined(__aarch64__)
__asm__(".text\n"
	".globl " SCT_TRAMP_SYM "\n"
	".type " SCT_TRAMP_SYM ",%function\n"
	".globl sct_tramp_here\n"
	".hidden sct_tramp_here\n"
	".type sct_tramp_here,%function\n"
	SCT_TRAMP_SYM ":\n"
	"sct_tramp_here:\n"
	"	svc #0\n"
	"	ret\n"
	".size " SCT_TRAMP_SYM ",.-" SCT_TRAMP_SYM "\n"
	".size sct_tramp_here,.-sct_tramp_here\n");

static inline long tramp(long nr, long a, long b, long c, long d, long e,
			 long f)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("bl sct_tramp_here"
			 : "+r"(x0)
			 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			   "r"(x5)
			 : "x16", "x17", "x30", "memory", "cc");
	return x0;
}
#else
#error "the in-process recorder is built for x86_64 and aarch64 only"
#endif

#define sys(nr, a, b, c, d, e, f) \
	tramp((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), \
	      (long)(f))

/* The library's first byte: where ld.so mapped it. */
extern const char __ehdr_start[] __attribute__((visibility("hidden")));

/* ---- process and thread state ---- */

static bool enabled;		/* at SCT_LIB_BASE: under sctrace */

/*
 * Room for sctrace to write an exec's environment into (ring.h); never
 * touched here.  In the file's data, not in .bss: ld.so maps it with the
 * data segment, where a large .bss would cost one more mapping (a stop)
 * at every exec; a page of it costs memory only once written.
 */
EXPORT char sct_exec_env[SCT_EXEC_ENV_SIZE]
	__attribute__((aligned(16), section(".data.sct_exec_env")));
/*
 * A page that a fork child sees zeroed (MADV_WIPEONFORK): [0] 0 = not
 * ours.  (Memory is read with process_vm_readv of the calling thread's
 * own tid, its ring's: the process's pid names a leader that may have
 * exited, and then has no memory to read.)
 */
static volatile uint32_t *alive;
static pthread_key_t ring_key;
static void ready(void);

/*
 * A thread's state lives in its ring's header (own[]), found through a
 * pthread key: an ELF TLS variable would make ld.so allocate the initial
 * thread's TLS differently, a change the capture would show.
 */
struct me {
	struct sct_ring_hdr *hdr;
	uint8_t *data;
	uint32_t size;
	bool busy;		/* in a recorded call (a signal handler's go to libc) */
};

_Static_assert(sizeof(struct me) <= sizeof(((struct sct_ring_hdr *)0)->own),
	       "struct me fits in the ring header");

#define NO_RING	((struct me *)1)	/* the key's value: never a ring */

static ssize_t (*libc_read)(int, void *, size_t);
static ssize_t (*libc_write)(int, const void *, size_t);
static ssize_t (*libc_pread)(int, void *, size_t, off_t);
static ssize_t (*libc_pwrite)(int, const void *, size_t, off_t);
static off_t (*libc_lseek)(int, off_t, int);
static int (*libc_close)(int);
static ssize_t (*libc_read_chk)(int, void *, size_t, size_t);
static ssize_t (*libc_pread_chk)(int, void *, size_t, off_t, size_t);

/*
 * libc's clock_gettime (the vDSO's) makes a syscall of its own when the
 * clock source cannot be read from user space: that syscall would stop
 * and be recorded.  Then the time comes from the trampoline.
 */
static bool vdso_clock;

static uint64_t now(void)
{
	struct timespec ts;

	if (vdso_clock)
		clock_gettime(CLOCK_REALTIME, &ts);
	else
		sys(SYS_clock_gettime, CLOCK_REALTIME, &ts, 0, 0, 0, 0);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Is the clock source one that the vDSO reads without a syscall? */
static bool clock_in_vdso(void)
{
	static const char *const fast[] = {
		"tsc\n", "kvm-clock\n", "arch_sys_counter\n",
		"hyperv_clocksource_tsc_page\n",
	};
	char buf[64] = { 0 };
	unsigned i;
	long fd, n;

	fd = sys(SYS_openat, AT_FDCWD,
		 "/sys/devices/system/clocksource/clocksource0/current_clocksource",
		 O_RDONLY | O_CLOEXEC, 0, 0, 0);
	if (fd < 0)
		return false;
	n = sys(SYS_read, fd, buf, sizeof(buf) - 1, 0, 0, 0);
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	for (i = 0; n > 0 && i < sizeof(fast) / sizeof(fast[0]); i++)
		if (!strcmp(buf, fast[i]))
			return true;
	return false;
}

static void ring_drop(struct me *m)
{
	if (m && m != NO_RING)
		sys(SYS_munmap, m->hdr, sizeof(*m->hdr) + m->size, 0, 0, 0, 0);
}

/* A thread ends: its ring stays with the tracer, which maps it too. */
static void thread_end(void *v)
{
	if (v == NO_RING)
		return;
	ring_drop(v);
	pthread_setspecific(ring_key, NO_RING);
}

static struct me *ring_new(void)
{
	size_t total = sizeof(struct sct_ring_hdr) + RING_SIZE;
	struct sct_ring_hdr *h;
	struct me *m;
	long fd, p;

	fd = sys(SYS_memfd_create, "sctrace-ring",
		 MFD_CLOEXEC | MFD_ALLOW_SEALING, 0, 0, 0, 0);
	if (fd < 0)
		return NULL;
	/* sealed at its size: the tracer maps it without fear of SIGBUS */
	p = sys(SYS_ftruncate, fd, total, 0, 0, 0, 0);
	if (p == 0)
		p = sys(SYS_fcntl, fd, F_ADD_SEALS,
			F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL, 0, 0, 0);
	if (p == 0)
		p = sys(SYS_mmap, 0, total, PROT_READ | PROT_WRITE, MAP_SHARED,
			fd, 0);
	if (p < 0 && p > -4096) {
		sys(SYS_close, fd, 0, 0, 0, 0, 0);
		return NULL;
	}
	h = (struct sct_ring_hdr *)p;
	h->magic = SCT_RING_MAGIC;
	h->version = SCT_RING_VERSION;
	h->size = RING_SIZE;
	h->tid = (uint32_t)sys(SYS_gettid, 0, 0, 0, 0, 0, 0);
	sys(SCT_NR_MAGIC, SCT_MAGIC_RING, fd, total, 0, 0, 0);
	sys(SYS_close, fd, 0, 0, 0, 0, 0);
	if (!__atomic_load_n(&h->ack, __ATOMIC_ACQUIRE)) {
		sys(SYS_munmap, h, total, 0, 0, 0, 0);
		return NULL;
	}
	m = (struct me *)h->own;
	m->hdr = h;
	m->data = (uint8_t *)(h + 1);
	m->size = RING_SIZE;
	m->busy = false;
	return m;
}

/* This thread's ring, or NULL: make the call through libc. */
static inline struct me *ring(void)
{
	struct me *m;

	if (!enabled)
		return NULL;
	if (!*alive) {
		/* a fork child: the ring it sees is its parent's */
		ring_drop(pthread_getspecific(ring_key));
		pthread_setspecific(ring_key, NULL);
		alive[0] = 1;
	}
	m = pthread_getspecific(ring_key);
	if (!m) {
		/* one attempt per thread */
		m = ring_new();
		pthread_setspecific(ring_key, m ? m : NO_RING);
	}
	if (m == NO_RING || !m || m->busy ||
	    __atomic_load_n(&m->hdr->paused, __ATOMIC_ACQUIRE) ==
		    SCT_RING_LIBC)
		return NULL;
	return m;
}

/* ---- records ---- */

struct call {
	long nr;
	long a[6];
	/* the buffer its exit event shows: bytes at addr, up to the result */
	const void *addr;
	size_t max;
	/* a second path its exit event shows (rename's new one) */
	const char *path2;
	/* a path its exit event shows (and its enter: path_enter) */
	const char *path;
	bool path_enter;
	/* its result is a new fd: its device and inode go with the exit */
	bool new_fd;
	/* an open that may create path: whether it is there (SCT_REC_PATH_*) */
	bool look;
	/* memory both records show as it is then (poll's array): at a[0] */
	size_t both_len;
	/*
	 * A socket call: the socket's addresses (SCT_SOCK_*) with its enter
	 * (sendto: and the address at a[4], a[5] bytes) or its exit
	 * (recvfrom: and the length at a[5], then that much address at a[4]).
	 */
	unsigned sock;
	/*
	 * An iovec call: its array (a copy: v, cnt entries) goes with both
	 * records, and its exit's buffers up to the result and the snaplen.
	 */
	const struct iovec *v;
	unsigned cnt;
};

#define PATH_BYTES	4096u

/* Append n bytes of tracee memory at addr (src: where they are here). */
static void add_snip(struct sct_rec *r, uint64_t addr, const void *src,
		     size_t n)
{
	struct sct_snip *s = (struct sct_snip *)((uint8_t *)r + r->len);

	s->addr = addr;
	s->len = (uint32_t)n;
	s->pad = 0;
	memcpy(s + 1, src, n);
	r->nsnip++;
	r->len += (uint32_t)(sizeof(*s) + SCT_REC_ALIGN(n));
}

/*
 * The string at p, up to PATH_BYTES, as a snippet of r: read with
 * process_vm_readv, which fails where the kernel's own read would
 * (EFAULT) instead of faulting here; split at a page boundary, so that
 * the bytes before an unmapped page are kept.
 */
static void add_path(struct sct_rec *r, const char *p, uint32_t tid)
{
	struct sct_snip *s = (struct sct_snip *)((uint8_t *)r + r->len);
	char *dst = (char *)(s + 1);
	size_t first = PAGE - ((uintptr_t)p & (PAGE - 1)), n;
	struct iovec local = { dst, PATH_BYTES };
	struct iovec remote[2] = {
		{ (void *)p, first < PATH_BYTES ? first : PATH_BYTES },
		{ (void *)(p + first), first < PATH_BYTES ? PATH_BYTES - first : 0 },
	};
	long got;
	char *nul;

	got = sys(SYS_process_vm_readv, tid, &local, 1, remote,
		  remote[1].iov_len ? 2 : 1, 0);
	if (got <= 0)
		return;
	nul = memchr(dst, 0, (size_t)got);
	n = nul ? (size_t)(nul - dst) + 1 : (size_t)got;
	s->addr = (uint64_t)(uintptr_t)p;
	s->len = (uint32_t)n;
	s->pad = 0;
	r->nsnip++;
	r->len += (uint32_t)(sizeof(*s) + SCT_REC_ALIGN(n));
}

/*
 * n bytes of the thread's memory at addr as a snippet of r, read with
 * process_vm_readv (none where the kernel could not read them either).
 */
static void add_mem(struct sct_rec *r, uint64_t addr, size_t n, uint32_t tid)
{
	struct sct_snip *s = (struct sct_snip *)((uint8_t *)r + r->len);
	struct iovec local = { s + 1, n };
	struct iovec remote = { (void *)(uintptr_t)addr, n };
	long got;

	got = sys(SYS_process_vm_readv, tid, &local, 1, &remote, 1, 0);
	if (got <= 0)
		return;
	s->addr = addr;
	s->len = (uint32_t)got;
	s->pad = 0;
	r->nsnip++;
	r->len += (uint32_t)(sizeof(*s) + SCT_REC_ALIGN((size_t)got));
}

enum { SOCK_NONE, SOCK_TO, SOCK_FROM };

/*
 * A socket call's facts (struct sct_sock_facts) and the address it passes
 * or gets (struct call's sock).
 */
static void add_sock(struct sct_rec *r, const struct call *c, uint32_t tid)
{
	struct sct_sock_facts f = { 0 };
	socklen_t len = SCT_SOCK_ADDR_MAX;
	uint64_t alen = 0;

	if (sys(SYS_getsockname, c->a[0], f.local, &len, 0, 0, 0) == 0)
		f.llen = len < SCT_SOCK_ADDR_MAX ? len : SCT_SOCK_ADDR_MAX;
	len = SCT_SOCK_ADDR_MAX;
	if (sys(SYS_getpeername, c->a[0], f.remote, &len, 0, 0, 0) == 0)
		f.rlen = len < SCT_SOCK_ADDR_MAX ? len : SCT_SOCK_ADDR_MAX;
	if (f.llen >= 2 && ((struct sockaddr *)f.local)->sa_family == AF_UNIX) {
		struct stat st;

		if (sys(SYS_fstat, c->a[0], &st, 0, 0, 0, 0) == 0)
			f.ino = st.st_ino;
	}
	add_snip(r, 1, &f, sizeof(f));
	if (!c->a[4] || !c->a[5])
		return;
	if (c->sock == SOCK_TO) {
		alen = (uint64_t)c->a[5];
	} else {
		uint32_t n = r->nsnip;
		const struct sct_snip *s;
		uint32_t v;

		add_mem(r, (uint64_t)c->a[5], 4, tid);
		if (r->nsnip == n)
			return;
		s = (const struct sct_snip *)((const uint8_t *)r + r->len -
					      sizeof(*s) - 8);
		if (s->len != 4)
			return;
		memcpy(&v, s + 1, 4);
		alen = v;
	}
	if (alen)
		add_mem(r, (uint64_t)c->a[4],
			alen < SCT_SOCK_ADDR_MAX ? alen : SCT_SOCK_ADDR_MAX, tid);
}

/* The bytes sctrace reads at a new fd's exit: SCT_FD_FACTS in ring.h. */
static void add_fd_facts(struct sct_rec *r, long fd)
{
	struct sct_fd_facts f = { .fd = fd };
	struct stat st;

	if (sys(SYS_fstat, fd, &st, 0, 0, 0, 0))
		return;
	f.dev = st.st_dev;
	f.ino = st.st_ino;
	add_snip(r, 0, &f, sizeof(f));
}

/*
 * An iovec call's exit: its array, then the first n bytes of its buffers
 * (those the kernel has just read or written).
 */
static void add_iov(struct sct_rec *r, const struct call *c, long n)
{
	unsigned i;

	add_snip(r, (uint64_t)c->a[1], c->v, c->cnt * sizeof(*c->v));
	for (i = 0; i < c->cnt && n > 0; i++) {
		size_t k = c->v[i].iov_len < (size_t)n ? c->v[i].iov_len :
							 (size_t)n;

		if (!k)
			continue;
		add_snip(r, (uint64_t)(uintptr_t)c->v[i].iov_base,
			 c->v[i].iov_base, k);
		n -= (long)k;
	}
}

/*
 * Make the call from the trampoline and record it.  false: no room (the
 * caller goes through libc, and that call's stop empties the ring).
 */
static bool record(struct me *m, const struct call *c, long *res)
{
	struct sct_ring_hdr *h = m->hdr;
	uint64_t head = h->head, tail, off, pad = 0, need, enter_max, exit_max;
	size_t snap = 0;
	struct sct_rec *e, *x;
	long ret;

	if (__atomic_load_n(&h->paused, __ATOMIC_ACQUIRE) == SCT_RING_FREE) {
		*res = sys(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4],
			   c->a[5]);
		return true;
	}
	enter_max = sizeof(*e);
	exit_max = sizeof(*x);
	if (c->addr) {
		snap = c->max < h->snaplen ? c->max : h->snaplen;
		exit_max += sizeof(struct sct_snip) + SCT_REC_ALIGN(snap);
	}
	if (c->path && c->path_enter)
		enter_max += sizeof(struct sct_snip) + PATH_BYTES;
	if (c->path)
		exit_max += sizeof(struct sct_snip) + PATH_BYTES;
	if (c->path2)
		exit_max += sizeof(struct sct_snip) + PATH_BYTES;
	if (c->new_fd)
		exit_max += sizeof(struct sct_snip) +
			    SCT_REC_ALIGN(sizeof(struct sct_fd_facts));
	if (c->sock) {
		size_t sb = sizeof(struct sct_snip) +
			    sizeof(struct sct_sock_facts) +
			    sizeof(struct sct_snip) + SCT_SOCK_ADDR_MAX +
			    sizeof(struct sct_snip) + 8;

		if (c->sock == SOCK_TO)
			enter_max += sb;
		else
			exit_max += sb;
	}
	if (c->both_len) {
		enter_max += sizeof(struct sct_snip) + SCT_REC_ALIGN(c->both_len);
		exit_max += sizeof(struct sct_snip) + SCT_REC_ALIGN(c->both_len);
	}
	if (c->v) {
		size_t vb = sizeof(struct sct_snip) +
			    SCT_REC_ALIGN(c->cnt * sizeof(*c->v));

		snap = h->snaplen;
		enter_max += vb;
		exit_max += vb + c->cnt * (sizeof(struct sct_snip) + 8) + snap;
	}
	need = enter_max + exit_max;
	if (need > m->size / 2)
		return false;
	m->busy = true;
	tail = __atomic_load_n(&h->tail, __ATOMIC_ACQUIRE);
	off = head % m->size;
	if (off + need > m->size)
		pad = m->size - off;
	if (head + pad + need - tail > m->size) {
		m->busy = false;
		return false;
	}
	if (pad) {
		struct sct_rec *p = (struct sct_rec *)(m->data + off);

		p->len = (uint32_t)pad;
		p->kind = SCT_REC_PAD;
		head += pad;
		off = 0;
	}
	e = (struct sct_rec *)(m->data + off);
	e->len = sizeof(*e);
	e->kind = SCT_REC_ENTER;
	e->nsnip = 0;
	e->nr = c->nr;
	memcpy(e->args, c->a, sizeof(e->args));
	e->ret = 0;
	if (c->look)
		e->ret = sys(SYS_faccessat, c->a[0], c->path, F_OK, 0, 0, 0) ==
				 -ENOENT ? SCT_REC_PATH_NEW : SCT_REC_PATH_EXISTED;
	if (c->path && c->path_enter)
		add_path(e, c->path, h->tid);
	if (c->v)
		add_snip(e, (uint64_t)c->a[1], c->v, c->cnt * sizeof(*c->v));
	if (c->both_len)
		add_mem(e, (uint64_t)c->a[0], c->both_len, h->tid);
	if (c->sock == SOCK_TO)
		add_sock(e, c, h->tid);
	e->ts = now();
	head += e->len;
	__atomic_store_n(&h->head, head, __ATOMIC_RELEASE);

	ret = sys(c->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);

	x = (struct sct_rec *)((uint8_t *)e + e->len);
	x->kind = SCT_REC_EXIT;
	x->nr = c->nr;
	memcpy(x->args, c->a, sizeof(x->args));
	x->ret = ret;
	x->nsnip = 0;
	x->len = sizeof(*x);
	if (c->path && c->path_enter && e->nsnip) {
		const struct sct_snip *ps = (const struct sct_snip *)(e + 1);

		add_snip(x, ps->addr, ps + 1, ps->len);
	} else if (c->path && !c->path_enter) {
		add_path(x, c->path, h->tid);
	}
	if (c->path2)
		add_path(x, c->path2, h->tid);
	if (c->addr && ret > 0)
		add_snip(x, (uint64_t)(uintptr_t)c->addr, c->addr,
			 (size_t)ret < snap ? (size_t)ret : snap);
	if (c->new_fd && ret >= 0)
		add_fd_facts(x, ret);
	if (c->v)
		add_iov(x, c, ret < (long)snap ? ret : (long)snap);
	if (c->both_len)
		add_mem(x, (uint64_t)c->a[0], c->both_len, h->tid);
	if (c->sock == SOCK_FROM)
		add_sock(x, c, h->tid);
	x->ts = now();
	__atomic_store_n(&h->head, head + x->len, __ATOMIC_RELEASE);
	m->busy = false;
	*res = ret;
	return true;
}

static long result(long ret)
{
	if (ret < 0 && ret > -4096) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

/* ---- the calls it takes ---- */

/* libc's _FORTIFY_SOURCE entry points (no header declares them) */
ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen);
ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t pos, size_t buflen);
ssize_t __pread_chk(int fd, void *buf, size_t n, off_t pos, size_t buflen);

#define CALL(m, c, libc_call) do {				\
	long r_;						\
	ready();						\
	if ((m) && record((m), (c), &r_))			\
		return result(r_);				\
	return libc_call;					\
} while (0)

EXPORT ssize_t read(int fd, void *buf, size_t n)
{
	struct call c = { .nr = SYS_read,
			  .a = { fd, (long)buf, (long)n }, .addr = buf, .max = n };

	CALL(ring(), &c, libc_read(fd, buf, n));
}

EXPORT ssize_t __read_chk(int fd, void *buf, size_t n, size_t buflen)
{
	struct call c = { .nr = SYS_read,
			  .a = { fd, (long)buf, (long)n }, .addr = buf, .max = n };

	ready();
	if (n > buflen)
		return libc_read_chk(fd, buf, n, buflen);
	CALL(ring(), &c, libc_read_chk(fd, buf, n, buflen));
}

EXPORT ssize_t write(int fd, const void *buf, size_t n)
{
	struct call c = { .nr = SYS_write,
			  .a = { fd, (long)buf, (long)n }, .addr = buf, .max = n };

	CALL(ring(), &c, libc_write(fd, buf, n));
}

EXPORT ssize_t pread64(int fd, void *buf, size_t n, off_t pos)
{
	struct call c = { .nr = SYS_pread64,
			  .a = { fd, (long)buf, (long)n, pos }, .addr = buf, .max = n };

	CALL(ring(), &c, libc_pread(fd, buf, n, pos));
}

EXPORT ssize_t pread(int fd, void *buf, size_t n, off_t pos)
	__attribute__((alias("pread64")));

EXPORT ssize_t __pread64_chk(int fd, void *buf, size_t n, off_t pos,
			     size_t buflen)
{
	struct call c = { .nr = SYS_pread64,
			  .a = { fd, (long)buf, (long)n, pos }, .addr = buf, .max = n };

	ready();
	if (n > buflen)
		return libc_pread_chk(fd, buf, n, pos, buflen);
	CALL(ring(), &c, libc_pread_chk(fd, buf, n, pos, buflen));
}

EXPORT ssize_t __pread_chk(int fd, void *buf, size_t n, off_t pos,
			   size_t buflen) __attribute__((alias("__pread64_chk")));

EXPORT ssize_t pwrite64(int fd, const void *buf, size_t n, off_t pos)
{
	struct call c = { .nr = SYS_pwrite64,
			  .a = { fd, (long)buf, (long)n, pos }, .addr = buf, .max = n };

	CALL(ring(), &c, libc_pwrite(fd, buf, n, pos));
}

EXPORT ssize_t pwrite(int fd, const void *buf, size_t n, off_t pos)
	__attribute__((alias("pwrite64")));

EXPORT off_t lseek64(int fd, off_t pos, int whence)
{
	struct call c = { .nr = SYS_lseek,
			  .a = { fd, pos, whence } };

	CALL(ring(), &c, libc_lseek(fd, pos, whence));
}

EXPORT off_t lseek(int fd, off_t pos, int whence)
	__attribute__((alias("lseek64")));

EXPORT int close(int fd)
{
	struct call c = { .nr = SYS_close, .a = { fd } };

	CALL(ring(), &c, libc_close(fd));
}

/*
 * The iovec calls, with at most SCT_REC_IOV_MAX entries (more go to
 * libc).  The array is read with process_vm_readv, which fails where the
 * kernel would (EFAULT: then libc makes the call and it stops).  The
 * positional ones pass the offset as glibc does on 64-bit ABIs: low word,
 * then 0.
 */
static ssize_t (*libc_readv)(int, const struct iovec *, int);
static ssize_t (*libc_writev)(int, const struct iovec *, int);
static ssize_t (*libc_preadv)(int, const struct iovec *, int, off_t);
static ssize_t (*libc_pwritev)(int, const struct iovec *, int, off_t);

static bool iov_copy(struct me *m, struct call *c, struct iovec *v,
		     const struct iovec *iov, int cnt)
{
	struct iovec local = { v, (size_t)cnt * sizeof(*v) };
	struct iovec remote = { (void *)iov, (size_t)cnt * sizeof(*v) };

	if (cnt <= 0 || cnt > SCT_REC_IOV_MAX)
		return false;
	if (sys(SYS_process_vm_readv, m->hdr->tid, &local, 1, &remote, 1, 0) !=
	    (long)local.iov_len)
		return false;
	c->v = v;
	c->cnt = (unsigned)cnt;
	return true;
}

static long iov_call(long nr, int fd, const struct iovec *iov, int cnt,
		     off_t pos, bool *done)
{
	struct iovec v[SCT_REC_IOV_MAX];
	struct call c = { .nr = nr,
			  .a = { fd, (long)iov, cnt, pos, 0 } };
	struct me *m = ring();
	long r;

	ready();
	*done = m && iov_copy(m, &c, v, iov, cnt) && record(m, &c, &r);
	return *done ? result(r) : 0;
}

EXPORT ssize_t readv(int fd, const struct iovec *iov, int cnt)
{
	bool done;
	long r = iov_call(SYS_readv, fd, iov, cnt, 0, &done);

	return done ? r : libc_readv(fd, iov, cnt);
}

EXPORT ssize_t writev(int fd, const struct iovec *iov, int cnt)
{
	bool done;
	long r = iov_call(SYS_writev, fd, iov, cnt, 0, &done);

	return done ? r : libc_writev(fd, iov, cnt);
}

EXPORT ssize_t preadv64(int fd, const struct iovec *iov, int cnt, off_t pos)
{
	bool done;
	long r = iov_call(SYS_preadv, fd, iov, cnt, pos, &done);

	return done ? r : libc_preadv(fd, iov, cnt, pos);
}

EXPORT ssize_t preadv(int fd, const struct iovec *iov, int cnt, off_t pos)
	__attribute__((alias("preadv64")));

EXPORT ssize_t pwritev64(int fd, const struct iovec *iov, int cnt, off_t pos)
{
	bool done;
	long r = iov_call(SYS_pwritev, fd, iov, cnt, pos,
			  &done);

	return done ? r : libc_pwritev(fd, iov, cnt, pos);
}

EXPORT ssize_t pwritev(int fd, const struct iovec *iov, int cnt, off_t pos)
	__attribute__((alias("pwritev64")));

/*
 * Calls on fds and paths whose events show only their arguments and the
 * paths (read after the call): made as glibc makes them.  The ones of the
 * old ABI (unlink, mkdir, rmdir, access, rename, dup2) only where glibc
 * makes that syscall (x86_64; aarch64's glibc makes the *at ones, with
 * arguments of its own, and they stop).
 */
#define COMMA ,

/*
 * name(params): record SYS_name with the arguments args (COMMA between
 * them) and the paths at path_arg and path2_arg (NULL: none), else make
 * libc's name cargs.
 */
#define WRAP(ret_t, name, params, path_arg, path2_arg, args, cargs)	\
static ret_t (*libc_##name) params;					\
EXPORT ret_t name params						\
{									\
	struct call c = { .nr = SYS_##name, .a = { args },		\
			  .path = (path_arg), .path2 = (path2_arg) };	\
	struct me *m;							\
	long r;								\
									\
	ready();							\
	m = ring();							\
	if (m && record(m, &c, &r))					\
		return (ret_t)result(r);				\
	return libc_##name cargs;					\
}

WRAP(int, dup, (int fd), NULL, NULL, fd, (fd))
WRAP(int, dup3, (int fd, int to, int flags), NULL, NULL,
     fd COMMA to COMMA flags, (fd, to, flags))
WRAP(int, fchmod, (int fd, mode_t mode), NULL, NULL, fd COMMA mode,
     (fd, mode))
WRAP(int, fchown, (int fd, uid_t uid, gid_t gid), NULL, NULL,
     fd COMMA uid COMMA gid, (fd, uid, gid))
WRAP(int, flock, (int fd, int op), NULL, NULL, fd COMMA op, (fd, op))
WRAP(int, unlinkat, (int dirfd, const char *path, int flags), path, NULL,
     dirfd COMMA (long)path COMMA flags, (dirfd, path, flags))
WRAP(int, mkdirat, (int dirfd, const char *path, mode_t mode), path, NULL,
     dirfd COMMA (long)path COMMA mode, (dirfd, path, mode))
#ifdef SYS_renameat
WRAP(int, renameat, (int ofd, const char *old, int nfd, const char *new),
     old, new, ofd COMMA (long)old COMMA nfd COMMA (long)new,
     (ofd, old, nfd, new))
#endif
#ifdef SYS_dup2
WRAP(int, dup2, (int fd, int to), NULL, NULL, fd COMMA to, (fd, to))
#endif
#ifdef SYS_unlink
WRAP(int, unlink, (const char *path), path, NULL, (long)path, (path))
WRAP(int, rmdir, (const char *path), path, NULL, (long)path, (path))
WRAP(int, mkdir, (const char *path, mode_t mode), path, NULL,
     (long)path COMMA mode, (path, mode))
WRAP(int, access, (const char *path, int mode), path, NULL,
     (long)path COMMA mode, (path, mode))
#endif
#ifdef SYS_rename
WRAP(int, rename, (const char *old, const char *new), old, new,
     (long)old COMMA (long)new, (old, new))
#endif

/*
 * send, recv, sendto, recvfrom: glibc makes all of them sendto and
 * recvfrom (no address: NULL, 0).  Their tuples come from the socket's
 * addresses read by the recorder (add_sock).
 */
static ssize_t (*libc_sendto)(int, const void *, size_t, int,
			      const struct sockaddr *, socklen_t);
static ssize_t (*libc_recvfrom)(int, void *, size_t, int, struct sockaddr *,
				socklen_t *);

EXPORT ssize_t sendto(int fd, const void *buf, size_t n, int flags,
		      const struct sockaddr *to, socklen_t tolen)
{
	struct call c = { .nr = SYS_sendto,
			  .a = { fd, (long)buf, (long)n, flags, (long)to, tolen },
			  .addr = buf, .max = n, .sock = SOCK_TO };

	CALL(ring(), &c, libc_sendto(fd, buf, n, flags, to, tolen));
}

EXPORT ssize_t send(int fd, const void *buf, size_t n, int flags)
{
	return sendto(fd, buf, n, flags, NULL, 0);
}

EXPORT ssize_t recvfrom(int fd, void *buf, size_t n, int flags,
			struct sockaddr *from, socklen_t *fromlen)
{
	struct call c = { .nr = SYS_recvfrom,
			  .a = { fd, (long)buf, (long)n, flags, (long)from,
				 (long)fromlen },
			  .addr = buf, .max = n, .sock = SOCK_FROM };

	CALL(ring(), &c, libc_recvfrom(fd, buf, n, flags, from, fromlen));
}

EXPORT ssize_t recv(int fd, void *buf, size_t n, int flags)
{
	return recvfrom(fd, buf, n, flags, NULL, NULL);
}

/*
 * poll and epoll_wait, where glibc makes those syscalls (x86_64; aarch64
 * has neither: its glibc makes ppoll and epoll_pwait, left to libc).
 * poll's events show its array, at most SCT_REC_POLL_MAX entries.
 */
static int (*libc_poll)(struct pollfd *, nfds_t, int);
static int (*libc_epoll_wait)(int, struct epoll_event *, int, int);

EXPORT int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	ready();
#ifdef SYS_poll
	struct call c = { .nr = SYS_poll,
			  .a = { (long)fds, (long)n, timeout },
			  .both_len = n * sizeof(*fds) };
	struct me *m;
	long r;

	if (n <= SCT_REC_POLL_MAX && (m = ring()) && record(m, &c, &r))
		return (int)result(r);
#endif
	return libc_poll(fds, n, timeout);
}

EXPORT int epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout)
{
	ready();
#ifdef SYS_epoll_wait
	struct call c = { .nr = SYS_epoll_wait,
			  .a = { epfd, (long)ev, max, timeout } };
	struct me *m;
	long r;

	if ((m = ring()) && record(m, &c, &r))
		return (int)result(r);
#endif
	return libc_epoll_wait(epfd, ev, max, timeout);
}

/*
 * Opens, all made as openat (as glibc does), the mode 0 unless the flags
 * take one.  An O_CREAT one without O_EXCL looks whether its path is there
 * first (the exit event says whether the call created the file), as
 * sctrace does at an enter stop.  O_TMPFILE's go through libc.
 */
static int open_call(int dirfd, const char *path, int flags, mode_t mode,
		     int (*libc_call)(int, const char *, int, mode_t))
{
	struct call c = { .nr = SYS_openat,
			  .a = { dirfd, (long)path, flags,
				 SCT_OPEN_NEEDS_MODE(flags) ? mode : 0 },
			  .path = path, .path_enter = true, .new_fd = true,
			  .look = (flags & O_CREAT) && !(flags & O_EXCL) };
	struct me *m;
	long r;

	ready();
	if (!SCT_OPEN_TMPFILE(flags) && (m = ring()) && record(m, &c, &r))
		return (int)result(r);
	return libc_call(dirfd, path, flags, mode);
}

static int (*libc_openat)(int, const char *, int, ...);

static int via_openat(int dirfd, const char *path, int flags, mode_t mode)
{
	return libc_openat(dirfd, path, flags, mode);
}

static mode_t mode_arg(int flags, va_list ap)
{
	return SCT_OPEN_NEEDS_MODE(flags) ? va_arg(ap, mode_t) : 0;
}

EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_call(dirfd, path, flags, mode, via_openat);
}

EXPORT int openat(int dirfd, const char *path, int flags, ...)
	__attribute__((alias("openat64")));

EXPORT int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = mode_arg(flags, ap);
	va_end(ap);
	return open_call(AT_FDCWD, path, flags, mode, via_openat);
}

EXPORT int open(const char *path, int flags, ...)
	__attribute__((alias("open64")));

/* _FORTIFY_SOURCE's: they abort an O_CREAT without a mode (libc's do) */
static int (*libc_open_2)(const char *, int);
static int (*libc_openat_2)(int, const char *, int);

int __open64_2(const char *path, int flags);
int __open_2(const char *path, int flags);
int __openat64_2(int dirfd, const char *path, int flags);
int __openat_2(int dirfd, const char *path, int flags);

EXPORT int __open64_2(const char *path, int flags)
{
	ready();
	if (SCT_OPEN_NEEDS_MODE(flags))
		return libc_open_2(path, flags);
	return open_call(AT_FDCWD, path, flags, 0, via_openat);
}

EXPORT int __open_2(const char *path, int flags)
	__attribute__((alias("__open64_2")));

EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	ready();
	if (SCT_OPEN_NEEDS_MODE(flags))
		return libc_openat_2(dirfd, path, flags);
	return open_call(dirfd, path, flags, 0, via_openat);
}

EXPORT int __openat_2(int dirfd, const char *path, int flags)
	__attribute__((alias("__openat64_2")));

/*
 * The stat family, as glibc 2.33 and later makes it (earlier ones make
 * stat, lstat and fstat calls): every one a newfstatat, fstat's with the
 * path "" and AT_EMPTY_PATH, after its own EBADF for a negative fd.  The
 * event shows no stat buffer, only the path.
 */
static int (*libc_fstatat)(int, const char *, struct stat *, int);
static bool glibc_stats;	/* glibc >= 2.33 */

static int stat_call(int dirfd, const char *path, struct stat *buf,
		     int flags)
{
	struct call c = { .nr = SYS_newfstatat,
			  .a = { dirfd, (long)path, (long)buf, flags },
			  .path = path };
	struct me *m;
	long r;

	ready();
	if (glibc_stats && (m = ring()) && record(m, &c, &r))
		return (int)result(r);
	if (libc_fstatat)
		return libc_fstatat(dirfd, path, buf, flags);
	return (int)syscall(SYS_newfstatat, dirfd, path, buf, flags);
}

/* (the 64 forms are the same calls on 64-bit ABIs) */
EXPORT int fstatat(int dirfd, const char *path, struct stat *buf, int flags)
{
	return stat_call(dirfd, path, buf, flags);
}

EXPORT int fstatat64(int dirfd, const char *path, struct stat64 *buf,
		     int flags)
{
	return stat_call(dirfd, path, (struct stat *)buf, flags);
}

EXPORT int stat(const char *path, struct stat *buf)
{
	return stat_call(AT_FDCWD, path, buf, 0);
}

EXPORT int stat64(const char *path, struct stat64 *buf)
{
	return stat_call(AT_FDCWD, path, (struct stat *)buf, 0);
}

EXPORT int lstat(const char *path, struct stat *buf)
{
	return stat_call(AT_FDCWD, path, buf, AT_SYMLINK_NOFOLLOW);
}

EXPORT int lstat64(const char *path, struct stat64 *buf)
{
	return stat_call(AT_FDCWD, path, (struct stat *)buf,
			 AT_SYMLINK_NOFOLLOW);
}

static int fstat_call(int fd, struct stat *buf)
{
	if (fd < 0) {
		errno = EBADF;
		return -1;
	}
	return stat_call(fd, "", buf, AT_EMPTY_PATH);
}

EXPORT int fstat(int fd, struct stat *buf)
{
	return fstat_call(fd, buf);
}

EXPORT int fstat64(int fd, struct stat64 *buf)
{
	return fstat_call(fd, (struct stat *)buf);
}

/*
 * ioctl and fcntl: their events show the raw argument, no memory.  Not
 * the ioctl that makes a userfaultfd (sctrace must see that one at its
 * stop: mem.h), nor fcntl's F_GETOWN, which glibc makes as F_GETOWN_EX.
 */
static int (*libc_ioctl)(int, unsigned long, ...);
static int (*libc_fcntl)(int, int, ...);

EXPORT int ioctl(int fd, unsigned long req, ...)
{
	struct call c = { .nr = SYS_ioctl };
	struct me *m;
	va_list ap;
	void *arg;
	long r;

	ready();
	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);
	c.a[0] = fd;
	c.a[1] = (long)req;
	c.a[2] = (long)arg;
	if ((uint32_t)req != SCT_USERFAULTFD_IOC_NEW && (m = ring()) &&
	    record(m, &c, &r))
		return (int)result(r);
	return libc_ioctl(fd, req, arg);
}

/* glibc's isatty: tcgetattr's ioctl TCGETS, into a kernel termios */
static int (*libc_isatty)(int);

EXPORT int isatty(int fd)
{
	unsigned char kernel_termios[64];
	struct call c = { .nr = SYS_ioctl,
			  .a = { fd, TCGETS, (long)kernel_termios } };
	struct me *m;
	long r;

	ready();
	if ((m = ring()) && record(m, &c, &r))
		return result(r) == 0;
	return libc_isatty(fd);
}

static int fcntl_call(int fd, int cmd, va_list ap)
{
	struct call c = { .nr = SYS_fcntl };
	struct me *m;
	void *arg;
	long r;

	ready();
	arg = va_arg(ap, void *);
	c.a[0] = fd;
	c.a[1] = cmd;
	c.a[2] = (long)arg;
	if (cmd != F_GETOWN && (m = ring()) && record(m, &c, &r))
		return (int)result(r);
	return libc_fcntl(fd, cmd, arg);
}

EXPORT int fcntl64(int fd, int cmd, ...)
{
	va_list ap;
	int r;

	va_start(ap, cmd);
	r = fcntl_call(fd, cmd, ap);
	va_end(ap);
	return r;
}

EXPORT int fcntl(int fd, int cmd, ...) __attribute__((alias("fcntl64")));

/*
 * The getpid family: no arguments; glibc's never set errno (under a
 * seccomp filter that fails them, the caller gets -ENOSYS as is).
 */
#define ID_CALL(name, type)					\
EXPORT type name(void)						\
{								\
	struct call c = { .nr = SYS_##name };	\
	struct me *m = ring();					\
	long r;							\
								\
	if (m && record(m, &c, &r))				\
		return (type)r;					\
	return (type)syscall(SYS_##name);			\
}

ID_CALL(getpid, pid_t)
ID_CALL(getppid, pid_t)
ID_CALL(gettid, pid_t)
ID_CALL(getuid, uid_t)
ID_CALL(geteuid, uid_t)
ID_CALL(getgid, gid_t)
ID_CALL(getegid, gid_t)

/* ---- start-up ---- */

#define LIBC(var, name)	(*(void **)&(var) = dlsym(RTLD_NEXT, name))

/*
 * libc's functions that the wrappers fall back on.  Resolved at the first
 * call of a wrapper, or in the constructor, whichever comes first:
 * another library's constructor may call one of ours before ours runs
 * (libselinux's calls access).  false: not all found (not glibc?).
 */
static bool resolve(void)
{
	if (!LIBC(libc_read, "read") || !LIBC(libc_write, "write") ||
	    !LIBC(libc_pread, "pread64") || !LIBC(libc_pwrite, "pwrite64") ||
	    !LIBC(libc_lseek, "lseek64") || !LIBC(libc_close, "close") ||
	    !LIBC(libc_read_chk, "__read_chk") ||
	    !LIBC(libc_pread_chk, "__pread64_chk") ||
	    !LIBC(libc_openat, "openat64") ||
	    !LIBC(libc_open_2, "__open64_2") ||
	    !LIBC(libc_openat_2, "__openat64_2") ||
	    !LIBC(libc_ioctl, "ioctl") || !LIBC(libc_fcntl, "fcntl64") ||
	    !LIBC(libc_isatty, "isatty") || !LIBC(libc_readv, "readv") ||
	    !LIBC(libc_writev, "writev") || !LIBC(libc_preadv, "preadv64") ||
	    !LIBC(libc_pwritev, "pwritev64") || !LIBC(libc_poll, "poll") ||
	    !LIBC(libc_epoll_wait, "epoll_wait") ||
	    !LIBC(libc_sendto, "sendto") || !LIBC(libc_recvfrom, "recvfrom") ||
	    !LIBC(libc_dup, "dup") || !LIBC(libc_dup3, "dup3") ||
	    !LIBC(libc_fchmod, "fchmod") || !LIBC(libc_fchown, "fchown") ||
	    !LIBC(libc_flock, "flock") || !LIBC(libc_unlinkat, "unlinkat") ||
	    !LIBC(libc_mkdirat, "mkdirat"))
		return false;
#ifdef SYS_dup2
	if (!LIBC(libc_dup2, "dup2"))
		return false;
#endif
#ifdef SYS_unlink
	if (!LIBC(libc_unlink, "unlink") || !LIBC(libc_rmdir, "rmdir") ||
	    !LIBC(libc_mkdir, "mkdir") || !LIBC(libc_access, "access"))
		return false;
#endif
#ifdef SYS_renameat
	if (!LIBC(libc_renameat, "renameat"))
		return false;
#endif
#ifdef SYS_rename
	if (!LIBC(libc_rename, "rename"))
		return false;
#endif
	/* (optional: a glibc before 2.33 exports no fstatat64) */
	LIBC(libc_fstatat, "fstatat64");
	{
		unsigned maj = 0, min = 0;
		const char *v = gnu_get_libc_version();

		while (*v >= '0' && *v <= '9')
			maj = maj * 10 + (unsigned)(*v++ - '0');
		if (*v == '.')
			v++;
		while (*v >= '0' && *v <= '9')
			min = min * 10 + (unsigned)(*v++ - '0');
		glibc_stats = libc_fstatat && (maj > 2 || (maj == 2 && min >= 33));
	}
	return true;
}

static int resolved;	/* 0: not yet, 1: all found, -1: not */

static void ready(void)
{
	if (__builtin_expect(!__atomic_load_n(&resolved, __ATOMIC_ACQUIRE), 0))
		__atomic_store_n(&resolved, resolve() ? 1 : -1,
				 __ATOMIC_RELEASE);
}

__attribute__((constructor)) static void start(void)
{
	long p;

	ready();
	if (resolved != 1)
		return;
	/*
	 * Under sctrace?  Only sctrace has ld.so map this library at
	 * SCT_LIB_BASE (elsewhere, the kernel places it at random, far from
	 * there).  Under anything else the library stays out of the way.
	 */
	if ((uintptr_t)__ehdr_start != SCT_LIB_BASE)
		return;
	p = sys(SYS_mmap, 0, PAGE, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p < 0 && p > -4096)
		return;
	if (sys(SYS_madvise, p, PAGE, MADV_WIPEONFORK, 0, 0, 0))
		return;
	alive = (volatile uint32_t *)p;
	alive[0] = 1;
	vdso_clock = clock_in_vdso();
	if (pthread_key_create(&ring_key, thread_end))
		return;
	enabled = true;
}
