/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the in-process recorder (src/preload/preload.c, preloaded into a
 * launched program) and the tracer (src/buffer.c) share: where the
 * library is mapped and its syscalls are made from, the call that passes
 * a thread's ring to the tracer, and the layout of a ring of records.  Fixed-size fields only: one layout on every ABI.
 *
 * The protocol, in short (README "How it works" says why):
 * - The launched program runs under sctrace's seccomp filter, which stops
 *   every syscall except those made from the trampoline's syscall
 *   instruction (SCT_NR_MAGIC stops from there too).
 * - When ld.so maps the library, sctrace has its first mapping made at
 *   SCT_LIB_BASE (an address hint: ld.so takes the address it gets).  The
 *   trampoline is the function SCT_TRAMP_SYM in it: sctrace finds it in
 *   the library's dynamic symbols, so it knows the instruction's address
 *   before the program starts.  A library mapped anywhere else (not under
 *   sctrace, or the place was taken) stays out of the way, and every call
 *   stops.
 * - At an exec, sctrace may take the recorder out of LD_PRELOAD (see
 *   SCT_EXEC_ENV_SYM).
 * - Each thread, at its first recorded call, makes a memfd ring and passes
 *   it with SCT_NR_MAGIC(SCT_MAGIC_RING, fd, size): the tracer maps the
 *   same file, sets snaplen and ack in its header.
 * - A recorded call appends an ENTER record (committed before the call
 *   is made) and an EXIT record (after), moving head forward with a
 *   release store; the tracer reads records up to head and moves tail.
 *   A call that does not fit, or any other, is made the ordinary way and
 *   stops; the tracer empties the thread's ring at every one of its stops,
 *   so the order of one thread's events is exact.
 */
#ifndef SCTRACE_RING_H
#define SCTRACE_RING_H

#include <stdint.h>

/* A syscall number no kernel has, on every ABI. */
#define SCT_NR_MAGIC		0x5c7e
#define SCT_MAGIC_RING		2	/* a1: memfd, a2: its size */

/* Where the library is mapped under sctrace (64 KiB aligned, for arm64). */
#define SCT_LIB_BASE		0x70000000ull
/* The trampoline: a syscall instruction at the start of this function. */
#define SCT_TRAMP_SYM		"sct_tramp"
#if defined(__x86_64__) || defined(__i386__)
#define SCT_TRAMP_INSN_LEN	2	/* syscall (0f 05) */
#else
#define SCT_TRAMP_INSN_LEN	4	/* svc #0 */
#endif

/*
 * Where sctrace writes the environment of an exec it keeps the recorder
 * out of (a program that recorded next to nothing the last time): the
 * exec's environment array without the recorder in LD_PRELOAD, in the
 * exec-ing process's copy of this array of the library's.
 */
#define SCT_EXEC_ENV_SYM	"sct_exec_env"
#define SCT_EXEC_ENV_SIZE	(32u << 10)

#define SCT_RING_MAGIC		0x676e6972u	/* "ring" */
#define SCT_RING_VERSION	3
#define SCT_RING_SIZE_MIN	(64u << 10)
#define SCT_RING_SIZE_MAX	(16u << 20)

/*
 * The calls the recorder may record (what the tracer accepts in a
 * record, too).  (Only without a capture filter on evt.type: then every
 * syscall stops, and so must be recorded.)
 */
#define SCT_RECORDED(X) \
	X(read) X(write) X(pread64) X(pwrite64) X(lseek) X(close) \
	X(getpid) X(getppid) X(gettid) X(getuid) X(geteuid) X(getgid) \
	X(getegid) X(openat) X(newfstatat) X(ioctl) X(fcntl) X(readv) \
	X(writev) X(preadv) X(pwritev) X(poll) X(epoll_wait) X(sendto) \
	X(recvfrom) X(dup) X(dup2) X(dup3) X(unlink) X(unlinkat) X(mkdir) \
	X(mkdirat) X(rmdir) X(access) X(rename) X(renameat) X(fchmod) \
	X(fchown) X(flock)

enum {
#define SCT_RC_ENUM(name) SCT_RC_##name,
	SCT_RECORDED(SCT_RC_ENUM)
#undef SCT_RC_ENUM
	SCT_RC_COUNT
};

/* paused: how the recorder makes its calls */
#define SCT_RING_RECORD		0	/* recorded */
#define SCT_RING_LIBC		1	/* through libc: they stop as usual */
#define SCT_RING_FREE		2	/* from the trampoline, unrecorded */

struct sct_ring_hdr {
	uint32_t magic, version;
	uint32_t size;		/* bytes of data after the header */
	uint32_t tid;		/* its thread (library) */
	/* written by the tracer */
	uint32_t ack;		/* 1: mapped, records will be read */
	uint32_t snaplen;
	uint32_t paused;	/* SCT_RING_*: LIBC while a vfork child shares
				   the memory; FREE once nothing is recorded */
	uint32_t pad0;
	uint8_t own[32];	/* the recorder's own (the tracer ignores it) */
	uint64_t head __attribute__((aligned(64)));	/* bytes committed */
	uint64_t tail __attribute__((aligned(64)));	/* bytes consumed */
	uint8_t pad1[56];
};

#define SCT_REC_ENTER		1
#define SCT_REC_EXIT		2
#define SCT_REC_PAD		3	/* skip to the ring's start */

/*
 * One record, 8-byte aligned, never wrapping.  An EXIT record repeats the
 * call's number and arguments.  Either holds the tracee memory its event
 * reads (nsnip snippets: struct sct_snip, then len bytes, padded to 8):
 * an openat's path in both, a read's buffer in its exit, an iovec array
 * in both and its buffers in the exit.  The recorder
 * records openat only without O_TMPFILE (SCT_OPEN_TMPFILE).
 */
struct sct_rec {
	uint32_t len;		/* whole record, header included */
	uint16_t kind;
	uint16_t nsnip;
	int64_t nr;
	uint64_t ts;		/* CLOCK_REALTIME, ns */
	uint64_t args[6];
	int64_t ret;
};

struct sct_snip {
	uint64_t addr;
	uint32_t len;
	uint32_t pad;
};

/*
 * A snippet at address 0 (no memory is read there) of this size: what
 * sctrace reads of a new fd at its exit stop (openat: its device and
 * inode), as fstat gave them to the recorder right after the call.
 */
struct sct_fd_facts {
	int64_t fd;
	uint64_t dev, ino;
};

/*
 * A snippet at address 1 of this size: what sctrace reads of a socket fd
 * for an event's tuple at a stop, as the recorder read it: getsockname's
 * and getpeername's addresses (length 0: the call failed) and, for a
 * unix socket, fstat's inode.  In a sendto's ENTER record and a
 * recvfrom's EXIT record.
 */
#define SCT_SOCK_ADDR_MAX	128
struct sct_sock_facts {
	uint32_t llen, rlen;
	uint64_t ino;
	uint8_t local[SCT_SOCK_ADDR_MAX], remote[SCT_SOCK_ADDR_MAX];
};

/*
 * An iovec call (readv, writev, preadv, pwritev) of at most this many
 * entries is recorded: its array in both records, then in its exit one
 * snippet per buffer.
 */
#define SCT_REC_IOV_MAX		64
/* A poll of at most this many fds is recorded (its array in both). */
#define SCT_REC_POLL_MAX	256
#define SCT_REC_SNIPS_MAX	(SCT_REC_IOV_MAX + 2)

/*
 * An open that takes a mode (as glibc's __OPEN_NEEDS_MODE: O_TMPFILE
 * holds O_DIRECTORY, only all its bits make one), and one that is never
 * recorded: O_TMPFILE's, whose new file sctrace looks at in its stops.
 * (<fcntl.h>'s flags)
 */
#define SCT_OPEN_NEEDS_MODE(flags) \
	(((flags) & O_CREAT) != 0 || ((flags) & O_TMPFILE) == O_TMPFILE)
#define SCT_OPEN_TMPFILE(flags)	(((flags) & O_TMPFILE) == O_TMPFILE)

/*
 * An openat's ENTER record, O_CREAT without O_EXCL: in ret, whether its
 * path was there just before the call (faccessat F_OK, as sctrace looks at
 * an enter stop, for the exit's "created" flag); 0: not looked.
 */
#define SCT_REC_PATH_EXISTED	1
#define SCT_REC_PATH_NEW	2	/* ENOENT */

#define SCT_REC_ALIGN(n)	(((n) + 7u) & ~(uint64_t)7u)

#endif
