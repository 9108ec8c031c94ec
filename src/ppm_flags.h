/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Translations of raw Linux syscall arguments into scap's PPM encodings. */
#ifndef SCTRACE_PPM_FLAGS_H
#define SCTRACE_PPM_FLAGS_H

#include <stdint.h>

/*
 * The values a 2022 (libs e5c53d64) kernel driver wrote into FLAGS, MODE and
 * a few other parameters.  Every function takes the raw syscall argument as
 * the tracee passed it and returns what goes into the event; the return type
 * has the width of the parameter (FLAGS8 -> uint8_t and so on).  Bits and
 * values the 2022 encoding has no name for are dropped (bit sets) or become
 * the "unknown" value of the encoding (enumerations), as the driver did.
 *
 * Parameters the 2022 driver wrote raw need no function: socket/socketpair
 * 'domain' (PPM_AF_* numbers equal AF_*), mkdirat 'mode', splice, umount,
 * renameat2 and userfaultfd 'flags', quotactl 'dqi_flags'.  A few are
 * provided anyway below, so that every call site says what it writes.
 */

/* open(2) flags, PT_FLAGS32: PPM_O_* (note O_RDONLY is 1, not 0) */
#define SCT_PPM_O_NONE		0
#define SCT_PPM_O_RDONLY	(1u << 0)
#define SCT_PPM_O_WRONLY	(1u << 1)
#define SCT_PPM_O_RDWR		(SCT_PPM_O_RDONLY | SCT_PPM_O_WRONLY)
#define SCT_PPM_O_CREAT		(1u << 2)
#define SCT_PPM_O_APPEND	(1u << 3)
#define SCT_PPM_O_DSYNC		(1u << 4)
#define SCT_PPM_O_EXCL		(1u << 5)
#define SCT_PPM_O_NONBLOCK	(1u << 6)
#define SCT_PPM_O_SYNC		(1u << 7)
#define SCT_PPM_O_TRUNC		(1u << 8)
#define SCT_PPM_O_DIRECT	(1u << 9)
#define SCT_PPM_O_DIRECTORY	(1u << 10)
#define SCT_PPM_O_LARGEFILE	(1u << 11)
#define SCT_PPM_O_CLOEXEC	(1u << 12)
#define SCT_PPM_O_TMPFILE	(1u << 13)

/* file mode bits, PT_MODE and the open/creat 'mode' parameter: PPM_S_* */
#define SCT_PPM_S_IXOTH		(1u << 0)
#define SCT_PPM_S_IWOTH		(1u << 1)
#define SCT_PPM_S_IROTH		(1u << 2)
#define SCT_PPM_S_IXGRP		(1u << 3)
#define SCT_PPM_S_IWGRP		(1u << 4)
#define SCT_PPM_S_IRGRP		(1u << 5)
#define SCT_PPM_S_IXUSR		(1u << 6)
#define SCT_PPM_S_IWUSR		(1u << 7)
#define SCT_PPM_S_IRUSR		(1u << 8)
#define SCT_PPM_S_ISVTX		(1u << 9)
#define SCT_PPM_S_ISGID		(1u << 10)
#define SCT_PPM_S_ISUID		(1u << 11)

/* clone/clone3/unshare/setns flags, PT_FLAGS32: PPM_CL_* */
#define SCT_PPM_CL_NONE			0
#define SCT_PPM_CL_CLONE_FILES		(1u << 0)
#define SCT_PPM_CL_CLONE_FS		(1u << 1)
#define SCT_PPM_CL_CLONE_IO		(1u << 2)
#define SCT_PPM_CL_CLONE_NEWIPC		(1u << 3)
#define SCT_PPM_CL_CLONE_NEWNET		(1u << 4)
#define SCT_PPM_CL_CLONE_NEWNS		(1u << 5)
#define SCT_PPM_CL_CLONE_NEWPID		(1u << 6)
#define SCT_PPM_CL_CLONE_NEWUTS		(1u << 7)
#define SCT_PPM_CL_CLONE_PARENT		(1u << 8)
#define SCT_PPM_CL_CLONE_PARENT_SETTID	(1u << 9)
#define SCT_PPM_CL_CLONE_PTRACE		(1u << 10)
#define SCT_PPM_CL_CLONE_SIGHAND	(1u << 11)
#define SCT_PPM_CL_CLONE_SYSVSEM	(1u << 12)
#define SCT_PPM_CL_CLONE_THREAD		(1u << 13)
#define SCT_PPM_CL_CLONE_UNTRACED	(1u << 14)
#define SCT_PPM_CL_CLONE_VM		(1u << 15)
#define SCT_PPM_CL_CLONE_NEWUSER	(1u << 20)
#define SCT_PPM_CL_CLONE_CHILD_CLEARTID	(1u << 23)
#define SCT_PPM_CL_CLONE_CHILD_SETTID	(1u << 24)
#define SCT_PPM_CL_CLONE_SETTLS		(1u << 25)
#define SCT_PPM_CL_CLONE_STOPPED	(1u << 26)
#define SCT_PPM_CL_CLONE_VFORK		(1u << 27)
#define SCT_PPM_CL_CLONE_NEWCGROUP	(1u << 28)
/*
 * Not a clone flag: the driver ORs it into the clone/fork/vfork/clone3 exit
 * 'flags' when the caller's pid namespace is not the initial one, or when
 * its children go to another pid namespace than its own.
 */
#define SCT_PPM_CL_CHILD_IN_PIDNS	(1u << 29)

/* socket families, the first byte of PT_SOCKADDR / PT_SOCKTUPLE: PPM_AF_* */
#define SCT_PPM_AF_UNSPEC	0
#define SCT_PPM_AF_UNIX		1
#define SCT_PPM_AF_LOCAL	1
#define SCT_PPM_AF_INET		2
#define SCT_PPM_AF_AX25		3
#define SCT_PPM_AF_IPX		4
#define SCT_PPM_AF_APPLETALK	5
#define SCT_PPM_AF_NETROM	6
#define SCT_PPM_AF_BRIDGE	7
#define SCT_PPM_AF_ATMPVC	8
#define SCT_PPM_AF_X25		9
#define SCT_PPM_AF_INET6	10
#define SCT_PPM_AF_ROSE		11
#define SCT_PPM_AF_DECnet	12
#define SCT_PPM_AF_NETBEUI	13
#define SCT_PPM_AF_SECURITY	14
#define SCT_PPM_AF_KEY		15
#define SCT_PPM_AF_NETLINK	16
#define SCT_PPM_AF_ROUTE	SCT_PPM_AF_NETLINK
#define SCT_PPM_AF_PACKET	17
#define SCT_PPM_AF_ASH		18
#define SCT_PPM_AF_ECONET	19
#define SCT_PPM_AF_ATMSVC	20
#define SCT_PPM_AF_RDS		21
#define SCT_PPM_AF_SNA		22
#define SCT_PPM_AF_IRDA		23
#define SCT_PPM_AF_PPPOX	24
#define SCT_PPM_AF_WANPIPE	25
#define SCT_PPM_AF_LLC		26
#define SCT_PPM_AF_CAN		29
#define SCT_PPM_AF_TIPC		30
#define SCT_PPM_AF_BLUETOOTH	31
#define SCT_PPM_AF_IUCV		32
#define SCT_PPM_AF_RXRPC	33
#define SCT_PPM_AF_ISDN		34
#define SCT_PPM_AF_PHONET	35
#define SCT_PPM_AF_IEEE802154	36
#define SCT_PPM_AF_CAIF		37
#define SCT_PPM_AF_ALG		38
#define SCT_PPM_AF_NFC		39

/* dirfd parameters: AT_FDCWD is written as this (sign-extended) value */
#define SCT_PPM_AT_FDCWD	(-100)

/* execve/execveat exit 'flags' */
#define SCT_PPM_EXE_WRITABLE	(1u << 0)

/* index byte of the PT_DYN 'val' parameter of getsockopt/setsockopt exits */
#define SCT_PPM_SOCKOPT_IDX_UNKNOWN	0	/* raw bytes, optlen of them */
#define SCT_PPM_SOCKOPT_IDX_ERRNO	1	/* int64: -(int)value */
#define SCT_PPM_SOCKOPT_IDX_UINT32	2
#define SCT_PPM_SOCKOPT_IDX_UINT64	3
#define SCT_PPM_SOCKOPT_IDX_TIMEVAL	4	/* uint64 nanoseconds */

/* index byte of the PT_DYN 'addr'/'data' parameters of the ptrace exit */
#define SCT_PPM_PTRACE_IDX_UINT64	0
#define SCT_PPM_PTRACE_IDX_SIGTYPE	1

/* bpf exit 'res_or_fd' PT_DYN index */
#define SCT_PPM_BPF_IDX_FD		0
#define SCT_PPM_BPF_IDX_RES		1

/* quotactl 'cmd' (one bit per command): PPM_Q_* */
#define SCT_PPM_Q_QUOTAON	(1u << 0)
#define SCT_PPM_Q_QUOTAOFF	(1u << 1)
#define SCT_PPM_Q_GETFMT	(1u << 2)
#define SCT_PPM_Q_GETINFO	(1u << 3)
#define SCT_PPM_Q_SETINFO	(1u << 4)
#define SCT_PPM_Q_GETQUOTA	(1u << 5)
#define SCT_PPM_Q_SETQUOTA	(1u << 6)
#define SCT_PPM_Q_SYNC		(1u << 7)
#define SCT_PPM_Q_XQUOTAON	(1u << 8)
#define SCT_PPM_Q_XQUOTAOFF	(1u << 9)
#define SCT_PPM_Q_XGETQUOTA	(1u << 10)
#define SCT_PPM_Q_XSETQLIM	(1u << 11)
#define SCT_PPM_Q_XGETQSTAT	(1u << 12)
#define SCT_PPM_Q_XQUOTARM	(1u << 13)
#define SCT_PPM_Q_XQUOTASYNC	(1u << 14)
#define SCT_PPM_Q_XGETQSTATV	(1u << 15)	/* never written by the driver */

/* quotactl 'type': PPM_USRQUOTA, PPM_GRPQUOTA */
#define SCT_PPM_USRQUOTA	(1u << 0)
#define SCT_PPM_GRPQUOTA	(1u << 1)

/* quotactl 'quota_fmt', 'quota_fmt_out': PPM_QFMT_* */
#define SCT_PPM_QFMT_NOT_USED	(1u << 0)
#define SCT_PPM_QFMT_VFS_OLD	(1u << 1)
#define SCT_PPM_QFMT_VFS_V0	(1u << 2)
#define SCT_PPM_QFMT_VFS_V1	(1u << 3)

/* --- files ------------------------------------------------------------ */

/* open/openat/openat2 'flags' (O_*) */
uint32_t sct_ppm_open_flags(uint64_t linux_flags);
/*
 * open/openat/openat2 'mode': the PPM_S_* form of the mode, but only when the
 * flags create a file (O_CREAT or O_TMPFILE); 0 otherwise.
 */
uint32_t sct_ppm_open_mode(uint64_t linux_flags, uint64_t mode);
/* creat 'mode': as open with O_CREAT */
uint32_t sct_ppm_creat_mode(uint64_t mode);
/* openat2 'resolve' (RESOLVE_*) */
uint32_t sct_ppm_openat2_resolve(uint64_t resolve);
/* chmod/fchmod/fchmodat 'mode' (PT_MODE): S_I* -> PPM_S_* */
uint32_t sct_ppm_mode(uint64_t mode);
/* access 'mode' (F_OK/R_OK/W_OK/X_OK) */
uint32_t sct_ppm_access_mode(uint64_t mode);
/* unlinkat 'flags' (AT_REMOVEDIR) */
uint32_t sct_ppm_unlinkat_flags(uint64_t flags);
/* linkat 'flags' (AT_SYMLINK_FOLLOW, AT_EMPTY_PATH) */
uint32_t sct_ppm_linkat_flags(uint64_t flags);
/* execveat enter 'flags' (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW) */
uint32_t sct_ppm_execveat_flags(uint64_t flags);
/* renameat2 'flags': written raw (RENAME_* equal PPM_RENAME_*), 32 bits */
uint32_t sct_ppm_renameat2_flags(uint64_t flags);
/* lseek/llseek 'whence'; SEEK_DATA, SEEK_HOLE and junk become SEEK_SET (0) */
uint8_t sct_ppm_lseek_whence(uint64_t whence);
/* fcntl 'cmd' (F_*); unknown commands become 0 */
uint8_t sct_ppm_fcntl_cmd(uint64_t cmd);
/* flock 'operation' (LOCK_*) */
uint32_t sct_ppm_flock_flags(uint64_t op);
/* dirfd parameters: AT_FDCWD (also as a 32-bit value) -> -100, else as is */
int64_t sct_ppm_dirfd(uint64_t fd);

/* --- processes and memory --------------------------------------------- */

/*
 * clone/clone3 exit 'flags', unshare 'flags', setns 'nstype' (CLONE_*).
 * fork/vfork exits carry no clone flags (0).  The caller adds
 * SCT_PPM_CL_CHILD_IN_PIDNS to the exit flags where it applies.
 */
uint32_t sct_ppm_clone_flags(uint64_t linux_flags);
/* mmap/mmap2/mprotect 'prot' (PROT_*) */
uint32_t sct_ppm_prot_flags(uint64_t prot);
/* mmap/mmap2 'flags' (MAP_*) */
uint32_t sct_ppm_mmap_flags(uint64_t flags);
/* futex 'op' (FUTEX_* command and the PRIVATE/CLOCK_REALTIME bits) */
uint16_t sct_ppm_futex_op(uint64_t op);
/* ptrace 'request' (PTRACE_*); unknown requests become 0 */
uint16_t sct_ppm_ptrace_request(uint64_t req);
/* getrlimit/setrlimit/prlimit 'resource' (RLIMIT_*); unknown -> 255 */
uint8_t sct_ppm_rlimit_resource(uint64_t resource);
/* mount 'flags': the MS_* bits as they are, without the 0xC0ED magic */
uint32_t sct_ppm_mount_flags(uint64_t flags);
/* umount2 'flags': written raw (MNT_* equal PPM_MNT_*), 32 bits */
uint32_t sct_ppm_umount_flags(uint64_t flags);

/* --- sockets, polling, IPC -------------------------------------------- */

/* socket family (AF_*) for the first byte of SOCKADDR/SOCKTUPLE */
uint32_t sct_ppm_socket_family(uint64_t af);
/* shutdown 'how' (SHUT_*) */
uint8_t sct_ppm_shutdown_how(uint64_t how);
/* getsockopt/setsockopt 'level': SOL_SOCKET -> 1, SOL_TCP -> 2, else 0 */
uint8_t sct_ppm_sockopt_level(uint64_t level);
/* getsockopt/setsockopt 'optname': SO_* of SOL_SOCKET only, else 0 */
uint8_t sct_ppm_sockopt_optname(uint64_t level, uint64_t optname);
/* which SCT_PPM_SOCKOPT_IDX_* the 'val' parameter uses for this option */
uint8_t sct_ppm_sockopt_val_idx(uint64_t level, uint64_t optname);
/* poll/ppoll events and revents in PT_FDLIST entries (POLL*) */
uint16_t sct_ppm_poll_events(uint64_t events);
/* semop 'sem_flg_N' (IPC_NOWAIT, SEM_UNDO) */
uint16_t sct_ppm_semop_flags(uint64_t flags);
/* semget 'semflg' (IPC_CREAT, IPC_EXCL) */
uint32_t sct_ppm_semget_flags(uint64_t flags);
/* semctl 'cmd' (IPC_STAT ... SETVAL, each a bit); unknown -> 0 */
uint16_t sct_ppm_semctl_cmd(uint64_t cmd);
/* quotactl enter 'cmd', from the full QCMD() argument; unknown -> 0 */
uint16_t sct_ppm_quotactl_cmd(uint64_t cmd);
/* quotactl enter 'type', from the full QCMD() argument; unknown -> 0 */
uint8_t sct_ppm_quotactl_type(uint64_t cmd);
/* quotactl 'quota_fmt' / 'quota_fmt_out' (QFMT_*); unknown -> 1 */
uint8_t sct_ppm_quotactl_fmt(uint64_t fmt);

/*
 * Parameters the 2022 driver filled with a constant 0 whatever the tracee
 * passed ("not implemented yet" in its fillers): eventfd/eventfd2 'flags',
 * signalfd/signalfd4 'flags' (and 'mask'), timerfd_create 'flags' (and
 * 'clockid'), inotify_init/inotify_init1 'flags', accept4 enter 'flags'
 * (and, without a function here, the mkdir enter 'mode').  These return 0
 * so that the call sites can still pass the raw value.
 */
uint32_t sct_ppm_eventfd_flags(uint64_t flags);
uint8_t sct_ppm_signalfd_flags(uint64_t flags);
uint8_t sct_ppm_timerfd_flags(uint64_t flags);
uint8_t sct_ppm_inotify_flags(uint64_t flags);
int32_t sct_ppm_accept4_flags(uint64_t flags);

#endif
