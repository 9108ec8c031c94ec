/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table-driven parameter gathering.  syscalls/decode.tbl says, for each
 * syscall with a dedicated event, where each enter and exit parameter comes
 * from ("fd=a0", "data=buf(a1,ret)", "name=str(a1)").  The generator turns
 * every "fn(...)" into SCT_OP_FN with its operands; this file's interpreter
 * gathers the values and the schema-driven encoder lays them out.
 */
#ifndef SCTRACE_DECODE_H
#define SCTRACE_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "clone_state.h"
#include "event.h"

struct sct_arch;
struct sct_procinfo;

/* decode.tbl name -> sct_ppm_<fn>() of ppm_flags.h */
#define SCT_XLATS(X)					\
	X(OPEN_FLAGS, open_flags)			\
	X(CREAT_MODE, creat_mode)			\
	X(OPENAT2_RESOLVE, openat2_resolve)		\
	X(MODE, mode)					\
	X(ACCESS_MODE, access_mode)			\
	X(UNLINKAT_FLAGS, unlinkat_flags)		\
	X(LINKAT_FLAGS, linkat_flags)			\
	X(EXECVEAT_FLAGS, execveat_flags)		\
	X(RENAMEAT2_FLAGS, renameat2_flags)		\
	X(LSEEK_WHENCE, lseek_whence)			\
	X(FCNTL_CMD, fcntl_cmd)				\
	X(FLOCK_FLAGS, flock_flags)			\
	X(DIRFD, dirfd)					\
	X(CLONE_FLAGS, clone_flags)			\
	X(PROT_FLAGS, prot_flags)			\
	X(MMAP_FLAGS, mmap_flags)			\
	X(FUTEX_OP, futex_op)				\
	X(PTRACE_REQUEST, ptrace_request)		\
	X(RLIMIT_RESOURCE, rlimit_resource)		\
	X(MOUNT_FLAGS, mount_flags)			\
	X(UMOUNT_FLAGS, umount_flags)			\
	X(SOCK_FAMILY, socket_family)			\
	X(SHUTDOWN_HOW, shutdown_how)			\
	X(SOCKOPT_LEVEL, sockopt_level)			\
	X(POLL_EVENTS, poll_events)			\
	X(SEMOP_FLAGS, semop_flags)			\
	X(SEMGET_FLAGS, semget_flags)			\
	X(SEMCTL_CMD, semctl_cmd)			\
	X(QUOTACTL_CMD, quotactl_cmd)			\
	X(QUOTACTL_TYPE, quotactl_type)			\
	X(QUOTACTL_FMT, quotactl_fmt)			\
	X(EVENTFD_FLAGS, eventfd_flags)			\
	X(SIGNALFD_FLAGS, signalfd_flags)		\
	X(TIMERFD_FLAGS, timerfd_flags)			\
	X(INOTIFY_FLAGS, inotify_flags)			\
	X(ACCEPT4_FLAGS, accept4_flags)

enum sct_op {
	SCT_OP_VAL,		/* the operand itself (arg, ret or literal) */
	SCT_OP_STR,		/* NUL-terminated string at pointer x */
	SCT_OP_BUF,		/* bytes at pointer x, length y, cut at snaplen */
	SCT_OP_IOV,		/* gather iovec x[y], total z, cut at snaplen */
	SCT_OP_IOVLEN,		/* sum of the lengths of iovec x[y] */
	SCT_OP_MSG_IOV,		/* gather the msghdr x's iovecs, total y */
	SCT_OP_MSG_IOVLEN,	/* sum of msghdr x's iovec lengths */
	SCT_OP_MSG_TUPLE_OUT,	/* fd x, msghdr y: local -> msg_name or peer */
	SCT_OP_MSG_TUPLE_IN,	/* fd x, msghdr y: msg_name or peer -> local */
	SCT_OP_FDPAIR,		/* int x[y] (pipe, socketpair) */
	SCT_OP_FDINO,		/* inode of the tracee's fd x */
	SCT_OP_FDPAIR_INO,	/* inode of the tracee's fd x[y] */
	SCT_OP_DEV,		/* device of the tracee's fd x */
	SCT_OP_SOCKADDR,	/* struct sockaddr at x, length y */
	SCT_OP_SOCKADDR_LOCAL,	/* the local address fd x is bound to */
	SCT_OP_TUPLE_OUT,	/* fd x: local -> peer */
	SCT_OP_TUPLE_IN,	/* fd x: peer -> local */
	SCT_OP_TUPLE_TO,	/* fd x: local -> sockaddr y (len z) or peer */
	SCT_OP_TUPLE_FROM,	/* fd x: sockaddr y (len at *z) or peer -> local */
	SCT_OP_OPEN_MODE,	/* PPM_S_* of mode y if flags x create a file */
	SCT_OP_HOW_FLAGS,	/* struct open_how x (size y): flags */
	SCT_OP_HOW_MODE,	/* ... mode */
	SCT_OP_HOW_RESOLVE,	/* ... resolve */
	SCT_OP_TIMESPEC,	/* struct timespec x as ns; NULL x: y if given */
	SCT_OP_POLLFDS,		/* PT_FDLIST of pollfd x[y]; z: 0 events, 1 revents */
	SCT_OP_U32_AT,		/* u32 at pointer x */
	SCT_OP_ULONG_AT,	/* unsigned long at pointer x; NULL x: 0 */
	SCT_OP_LOHI,		/* 32-bit ABI: x | y << 32; 64-bit: x */
	SCT_OP_SLONG,		/* x as a C long: sign-extended on 32-bit ABIs */
	SCT_OP_U64_AT,		/* u64 at pointer x; NULL x: 0 */
	SCT_OP_TIMESPEC64,	/* struct __kernel_timespec x as ns; NULL x: y */
	SCT_OP_RLIMIT,		/* struct rlimit x, field y (0 cur, 1 max); -1 if z < 0 or unreadable */
	SCT_OP_RLIMIT64,	/* ... struct rlimit64 (u64 fields on every ABI: prlimit64) */
	SCT_OP_VM_SIZE,		/* the thread's VmSize (kB), /proc/T/status only */
	SCT_OP_VM_RSS,		/* ... VmRSS */
	SCT_OP_VM_SWAP,		/* ... VmSwap */
	SCT_OP_PTRACE_ADDR,	/* PT_DYN addr of ptrace request x, addr y */
	SCT_OP_PTRACE_DATA,	/* PT_DYN data of ptrace request x, data y */
	SCT_OP_SOCKOPT_OPTNAME,	/* PPM optname of level x, optname y */
	SCT_OP_SOCKOPT_VAL,	/* PT_DYN optval x, optlen y (z = 1: y points to it);
				   level and optname are arguments 1 and 2 */
	SCT_OP_BPF_RES,		/* PT_DYN res_or_fd of bpf cmd x */
	SCT_OP_SEMBUF,		/* sembuf x[y]: entry z / 3, field z % 3 */
	SCT_OP_SEMCTL_VAL,	/* y if semctl cmd x is SETVAL, else 0 */
	SCT_OP_QUOTA_ID,	/* quotactl cmd x: id y if it names a user/group */
	SCT_OP_QUOTA_FMT,	/* quotactl cmd x: format id y for Q_QUOTAON */
	SCT_OP_QUOTA_PATH,	/* quotactl cmd x: path at y for Q_QUOTAON, else "" */
	SCT_OP_QUOTA,		/* quotactl cmd x, addr y: exit field z (see decode.c) */
	SCT_OP_ACCEPT_QUEUE,	/* listening fd x: y = 0 queuepct, 1 queuelen, 2 queuemax */
	/* one-operand translations to the PPM encodings, see SCT_XLATS */
#define SCT_XLAT_OP(up, fn) SCT_OP_##up,
	SCT_XLATS(SCT_XLAT_OP)
#undef SCT_XLAT_OP
	/* fields of the thread's /proc state, read once per event */
	SCT_OP_PI_EXE,
	SCT_OP_PI_ARGS,
	SCT_OP_PI_TID,
	SCT_OP_PI_PID,
	SCT_OP_PI_PTID,
	SCT_OP_PI_CWD,
	SCT_OP_PI_FDLIMIT,
	SCT_OP_PI_PGFT_MAJ,
	SCT_OP_PI_PGFT_MIN,
	SCT_OP_PI_VM_SIZE,
	SCT_OP_PI_VM_RSS,
	SCT_OP_PI_VM_SWAP,
	SCT_OP_PI_COMM,
	SCT_OP_PI_CGROUPS,
	SCT_OP_PI_ENV,
	SCT_OP_PI_TTY,
	SCT_OP_PI_PGID,
	SCT_OP_PI_LOGINUID,
	SCT_OP_PI_UID,
	SCT_OP_PI_GID,
	SCT_OP_PI_VTID,
	SCT_OP_PI_VPID,
	SCT_OP_PI_CLONE_FLAGS,	/* PPM_CL_* of the clone that made this thread */
	SCT_OP_COUNT
};

/* Operand kinds. */
enum {
	SCT_O_NONE,
	SCT_O_ARG,	/* v = 0..5 */
	SCT_O_RET,
	SCT_O_LIT,	/* v = the literal */
};

struct sct_operand {
	uint8_t kind;
	int32_t v;
};

struct sct_src {
	uint8_t op;		/* enum sct_op */
	struct sct_operand o[3];
};

struct sct_decoder {
	const char *syscall;
	uint16_t ev_enter;	/* the exit event is ev_enter + 1 */
	uint8_t n_enter, n_exit;
	const struct sct_src *enter;
	const struct sct_src *exit;
};

extern const struct sct_decoder sct_decoders[];
extern const unsigned sct_ndecoders;

/*
 * One syscall being decoded.  The tracer fills the identity and raw
 * values; the interpreter uses the scratch arena for gathered bytes.
 */
struct sct_call {
	pid_t tid, pid;
	const struct sct_arch *arch;
	uint64_t args[6];
	int64_t ret;
	bool at_exit;
	unsigned snaplen;
	/* process state for the PI_* operands, loaded on first use */
	struct sct_procinfo *pi;
	bool pi_loaded;
	unsigned pi_have;	/* SCT_PI_* read into pi */
	uint32_t clone_flags;	/* PPM_CL_* for the PI_CLONE_FLAGS operand */
	pid_t parent_tid;	/* child side of a clone: the forking thread */
	pid_t pi_of;		/* whose /proc pi was read from */
	/*
	 * A side of a clone (clone.which != SCT_CLONE_NONE): the parent's
	 * state is read once for both sides, through clone_state.
	 */
	struct sct_clone_state *clone_state;
	struct sct_clone_side clone;
	/* VmSize, VmRSS, VmSwap for the VM_* operands, loaded on first use */
	uint32_t vm_kb[3];
	bool vm_loaded;
	/* accept queue of the listening socket for ACCEPT_QUEUE, same */
	uint32_t acceptq[3];
	bool acceptq_loaded;
	int *pidfd;		/* slot of the process's pidfd (-1: not open yet) */
	/* scratch space, reset per event */
	uint8_t *arena;
	size_t arena_len, arena_cap;
};

/*
 * Gather n values described by srcs for event type into out.
 * Never fails: what cannot be read becomes an empty parameter.
 */
void sct_decode(struct sct_call *c, unsigned type, const struct sct_src *srcs,
		unsigned n, struct sct_val *out);

/* Decoder by syscall name (start-up and tests). */
const struct sct_decoder *sct_decoder_lookup(const char *syscall);

#endif
