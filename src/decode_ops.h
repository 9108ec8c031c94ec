/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decode ops: every "fn(...)" a syscalls/decode.tbl source may use.
 * One list drives the op enum (decode.h), the dispatch table (decode.c),
 * the handler prototypes (decode/internal.h) and gen.awk, which reads this
 * file to reject a row whose op is unknown or has too few or too many
 * operands.  Keep one entry per line: gen.awk parses the lines.
 *
 * X(NAME, MIN, MAX, handler): op "name" takes MIN..MAX operands (x, y, z)
 *	and is gathered by sct_op_<handler>() (see decode/internal.h).
 * XLAT(NAME, fn): op "name" takes one operand and writes sct_ppm_<fn>()
 *	of it (ppm_flags.h); handler sct_op_xlat.
 * K(HANDLER, NAME, value): a named operand of the ops of that handler,
 *	written "name" in decode.tbl, SCT_K_HANDLER_NAME in C.
 *
 * Operands are a0..a5 (the syscall arguments), ret, a literal number or a
 * K name.  "@name" (see SCT_OP_CALL) calls the named C decoder instead.
 */
#ifndef SCTRACE_DECODE_OPS_H
#define SCTRACE_DECODE_OPS_H

#define SCT_DECODE_OPS(X, XLAT)						\
	X(VAL, 1, 1, val)	/* the operand itself */		\
	/* the operand as the register holds it: no C int sign	\
	 * extension for an FD/PID/INT32 param (process_vm_*'s pid) */	\
	X(RAW, 1, 1, raw)						\
	/* x when above 0, else 0 (a byte count from a result) */	\
	X(POS, 1, 1, raw)						\
	/* nothing: a zero-length parameter, as the driver writes	\
	 * where it sends none (clone/execve cwd since libs 0.25) */	\
	X(EMPTY, 0, 0, empty)						\
	X(CALL, 1, 1, call)	/* "@name": named decoder #x */		\
	X(STR, 1, 1, str)	/* NUL-terminated string at x */	\
	/* ... when y (a result) is not negative, else nothing */	\
	X(STR_OK, 2, 2, str)						\
	/* bytes at x, length y, cut at snaplen */			\
	X(BUF, 2, 2, buf)						\
	X(IOV, 3, 3, iov)	/* gather iovec x[y], total z */	\
	X(IOVLEN, 2, 2, iov)	/* sum of the lengths of iovec x[y] */	\
	/* gather msghdr x's iovecs, total y */				\
	X(MSG_IOV, 2, 2, msg_iov)					\
	/* sum of msghdr x's iovec lengths */				\
	X(MSG_IOVLEN, 1, 1, msg_iov)					\
	/* msghdr x's control bytes (controllen, cut to 16 bits) */	\
	X(MSG_CONTROL, 1, 1, msg_iov)					\
	/* fd x, msghdr y: local -> msg_name or peer */			\
	X(MSG_TUPLE_OUT, 2, 2, sock)					\
	/* fd x, msghdr y: msg_name or peer -> local */			\
	X(MSG_TUPLE_IN, 2, 2, sock)					\
	X(FDPAIR, 2, 2, fdpair)	/* int x[y] (pipe, socketpair) */	\
	X(FDINO, 1, 1, fd_stat)	/* inode of the tracee's fd x */	\
	/* inode of the tracee's fd x[y] */				\
	X(FDPAIR_INO, 2, 2, fdpair)					\
	X(DEV, 1, 1, fd_stat)	/* device of the tracee's fd x */	\
	X(SOCKADDR, 2, 2, sock)	/* struct sockaddr at x, length y */	\
	/* the local address fd x is bound to */			\
	X(SOCKADDR_LOCAL, 1, 1, sock)					\
	X(TUPLE_OUT, 1, 1, sock)	/* fd x: local -> peer */	\
	X(TUPLE_IN, 1, 1, sock)	/* fd x: peer -> local */		\
	/* fd x: local -> sockaddr y (len z) or peer */			\
	X(TUPLE_TO, 3, 3, sock)						\
	/* connect exit: TUPLE_TO when the call succeeded (or is in	\
	 * progress), else empty, as the libs 0.25 driver */		\
	X(CONNECT_TUPLE, 3, 3, sock)					\
	/* fd x: sockaddr y (len at *z) or peer -> local */		\
	X(TUPLE_FROM, 3, 3, sock)					\
	/* PPM_S_* of mode y if flags x create */			\
	X(OPEN_MODE, 2, 2, open_mode)					\
	/* open flags x (dirfd y, path z); at the exit with		\
	 * PPM_O_F_CREATED when the call created the file (the enter	\
	 * looks whether it existed) */					\
	X(OPEN_FLAGS_X, 3, 3, open_created)				\
	/* struct timespec x as ns; NULL x: y if given */		\
	X(TIMESPEC, 1, 2, timespec)					\
	/* ... struct __kernel_timespec */				\
	X(TIMESPEC64, 1, 2, timespec)					\
	/* PT_FDLIST of pollfd x[y], z: events|revents */		\
	X(POLLFDS, 3, 3, pollfds)					\
	X(U32_AT, 1, 1, at)	/* u32 at pointer x */			\
	/* unsigned long at pointer x; NULL x: 0 */			\
	X(ULONG_AT, 1, 1, at)						\
	X(U64_AT, 1, 1, at)	/* u64 at pointer x; NULL x: 0 */	\
	/* 32-bit ABI: x | y << 32; 64-bit: x */			\
	X(LOHI, 2, 2, lohi)						\
	/* x as a C long: sign-extended on 32-bit ABIs */		\
	X(SLONG, 1, 1, slong)						\
	/* struct rlimit x, field y; -1: z < 0 */			\
	X(RLIMIT, 2, 3, rlimit)						\
	/* ... struct rlimit64 (u64 fields on every ABI) */		\
	X(RLIMIT64, 2, 3, rlimit)					\
	/* prlimit64's new limit as the libs 0.25 driver reads it: whatever	\
	 * the call returned; NULL or unreadable: 0 */			\
	X(RLIMIT64_NEW, 2, 2, rlimit)					\
	X(VM_SIZE, 0, 0, vm)	/* the thread's VmSize (kB) */		\
	X(VM_RSS, 0, 0, vm)	/* ... VmRSS */				\
	X(VM_SWAP, 0, 0, vm)	/* ... VmSwap */			\
	XLAT(OPEN_FLAGS, open_flags)					\
	XLAT(CREAT_MODE, creat_mode)					\
	XLAT(OPENAT2_RESOLVE, openat2_resolve)				\
	XLAT(MODE, mode)						\
	XLAT(ACCESS_MODE, access_mode)					\
	XLAT(UNLINKAT_FLAGS, unlinkat_flags)				\
	XLAT(LINKAT_FLAGS, linkat_flags)				\
	XLAT(EXECVEAT_FLAGS, execveat_flags)				\
	XLAT(RENAMEAT2_FLAGS, renameat2_flags)				\
	XLAT(LSEEK_WHENCE, lseek_whence)				\
	XLAT(FCNTL_CMD, fcntl_cmd)					\
	XLAT(FLOCK_FLAGS, flock_flags)					\
	XLAT(DIRFD, dirfd)						\
	XLAT(CLONE_FLAGS, clone_flags)					\
	XLAT(PROT_FLAGS, prot_flags)					\
	XLAT(MMAP_FLAGS, mmap_flags)					\
	XLAT(FUTEX_OP, futex_op)					\
	XLAT(PTRACE_REQUEST, ptrace_request)				\
	XLAT(RLIMIT_RESOURCE, rlimit_resource)				\
	XLAT(MOUNT_FLAGS, mount_flags)					\
	XLAT(UMOUNT_FLAGS, umount_flags)				\
	XLAT(SOCK_FAMILY, socket_family)				\
	XLAT(SHUTDOWN_HOW, shutdown_how)				\
	XLAT(SOCKOPT_LEVEL, sockopt_level)				\
	XLAT(POLL_EVENTS, poll_events)					\
	XLAT(SEMOP_FLAGS, semop_flags)					\
	XLAT(SEMGET_FLAGS, semget_flags)				\
	XLAT(SEMCTL_CMD, semctl_cmd)					\
	XLAT(QUOTACTL_CMD, quotactl_cmd)				\
	XLAT(QUOTACTL_TYPE, quotactl_type)				\
	XLAT(QUOTACTL_FMT, quotactl_fmt)				\
	XLAT(EVENTFD_FLAGS, eventfd_flags)				\
	XLAT(SIGNALFD_FLAGS, signalfd_flags)				\
	XLAT(TIMERFD_FLAGS, timerfd_flags)				\
	XLAT(INOTIFY_FLAGS, inotify_flags)				\
	XLAT(ACCEPT4_FLAGS, accept4_flags)				\
	XLAT(FD_FLAGS, fd_flags)					\
	XLAT(PIPE2_FLAGS, pipe2_flags)					\
	XLAT(DUP3_FLAGS, dup3_flags)					\
	XLAT(NEWFSTATAT_FLAGS, newfstatat_flags)			\
	XLAT(UMOUNT2_FLAGS, umount2_flags)				\
	XLAT(EPOLL_CREATE1_FLAGS, epoll_create1_flags)			\
	XLAT(MEMFD_FLAGS, memfd_flags)					\
	XLAT(PIDFD_OPEN_FLAGS, pidfd_open_flags)			\
	XLAT(FCHOWNAT_FLAGS, fchownat_flags)				\
	XLAT(MKNOD_MODE, mknod_mode)					\
	XLAT(MKNOD_DEV, mknod_dev)					\
	XLAT(MLOCKALL_FLAGS, mlockall_flags)				\
	XLAT(MLOCK2_FLAGS, mlock2_flags)				\
	XLAT(FINIT_MODULE_FLAGS, finit_module_flags)			\
	XLAT(DELETE_MODULE_FLAGS, delete_module_flags)			\
	XLAT(IO_URING_ENTER_FLAGS, io_uring_enter_flags)		\
	/* the thread's state from /proc, read once per event */	\
	X(PI_EXE, 0, 0, pi)						\
	/* an exec exit: PI_EXE, PI_ARGS, PI_ENV after a success; after	\
	 * a failure, from the argv (envp) array x the call was given */	\
	X(EXEC_EXE, 1, 1, exec_argv)					\
	X(EXEC_ARGS, 1, 1, exec_argv)					\
	X(EXEC_ENV, 1, 1, exec_argv)					\
	X(PI_ARGS, 0, 0, pi)						\
	/* a clone exit: PI_EXE, PI_ARGS, or nothing after a failure	\
	 * (the libs 0.25 driver's) */					\
	X(PI_EXE_OK, 0, 0, pi)						\
	X(PI_ARGS_OK, 0, 0, pi)						\
	X(PI_TID, 0, 0, pi)						\
	X(PI_PID, 0, 0, pi)						\
	X(PI_PTID, 0, 0, pi)						\
	X(PI_CWD, 0, 0, pi)						\
	X(PI_FDLIMIT, 0, 0, pi)						\
	X(PI_PGFT_MAJ, 0, 0, pi)					\
	X(PI_PGFT_MIN, 0, 0, pi)					\
	X(PI_VM_SIZE, 0, 0, pi)						\
	X(PI_VM_RSS, 0, 0, pi)						\
	X(PI_VM_SWAP, 0, 0, pi)						\
	X(PI_COMM, 0, 0, pi)						\
	X(PI_CGROUPS, 0, 0, pi)						\
	X(PI_ENV, 0, 0, pi)						\
	X(PI_TTY, 0, 0, pi)						\
	X(PI_PGID, 0, 0, pi)						\
	X(PI_LOGINUID, 0, 0, pi)					\
	X(PI_UID, 0, 0, pi)						\
	X(PI_GID, 0, 0, pi)						\
	X(PI_VTID, 0, 0, pi)						\
	X(PI_VPID, 0, 0, pi)						\
	/* PPM_CL_* of the clone that made this thread */		\
	X(PI_CLONE_FLAGS, 0, 0, pi)					\
	/* the realpath of its executable (execve's trusted_exepath) */	\
	X(PI_EXEPATH, 0, 0, pi)						\
	/* execve exit: the new image's capabilities (CapInh, CapPrm,	\
	 * CapEff of status; also capset's exit: the thread's after the	\
	 * call), its executable's inode, ctime, mtime (ns),		\
	 * PPM_EXE_* flags */						\
	X(EXE_CAP_INH, 0, 0, exe)					\
	X(EXE_CAP_PRM, 0, 0, exe)					\
	X(EXE_CAP_EFF, 0, 0, exe)					\
	X(EXE_INO, 0, 0, exe)						\
	X(EXE_CTIME, 0, 0, exe)						\
	X(EXE_MTIME, 0, 0, exe)						\
	X(EXE_FLAGS, 0, 0, exe)						\
	/* clone family exit: the start time (ns since boot) of the init	\
	 * of the child's pid namespace on the child's side, 0 on the	\
	 * parent's (libs 0.25's pidns_init_start_ts) */			\
	X(PIDNS_INIT_START, 0, 0, pidns)

/* Named operands, by the handler that reads them. */
#define SCT_DECODE_CONSTS(K)						\
	K(POLLFDS, EVENTS, 0)	/* enter: every entry, its events */	\
	K(POLLFDS, REVENTS, 1)	/* exit: entries with revents */	\
	K(RLIMIT, CUR, 0)	/* rlim_cur */				\
	K(RLIMIT, MAX, 1)	/* rlim_max */

#endif
