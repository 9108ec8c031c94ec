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
#define SCT_PPM_O_F_CREATED	(1u << 14)	/* libs 0.25: made by this call */

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

/* file type bits of the mknod/mknodat 'mode' (libs 0.25): PPM_S_IF* */
#define SCT_PPM_S_IFREG		0100000
#define SCT_PPM_S_IFCHR		0020000
#define SCT_PPM_S_IFBLK		0060000
#define SCT_PPM_S_IFIFO		0010000
#define SCT_PPM_S_IFSOCK	0140000

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

/* openat2 'resolve': PPM_RESOLVE_* */
#define SCT_PPM_RESOLVE_NO_XDEV		(1u << 4)
#define SCT_PPM_RESOLVE_NO_MAGICLINKS	(1u << 2)
#define SCT_PPM_RESOLVE_NO_SYMLINKS	(1u << 3)
#define SCT_PPM_RESOLVE_BENEATH		(1u << 0)
#define SCT_PPM_RESOLVE_IN_ROOT		(1u << 1)
#define SCT_PPM_RESOLVE_CACHED		(1u << 5)

/* access 'mode': PPM_*_OK (PPM_F_OK is 0) */
#define SCT_PPM_F_OK			0
#define SCT_PPM_X_OK			(1u << 0)
#define SCT_PPM_W_OK			(1u << 1)
#define SCT_PPM_R_OK			(1u << 2)

/* lseek/llseek 'whence': PPM_SEEK_* */
#define SCT_PPM_SEEK_SET		0
#define SCT_PPM_SEEK_CUR		1
#define SCT_PPM_SEEK_END		2

/* fcntl 'cmd': PPM_FCNTL_* (0: unknown) */
#define SCT_PPM_FCNTL_UNKNOWN		0
#define SCT_PPM_FCNTL_F_DUPFD		1
#define SCT_PPM_FCNTL_F_GETFD		2
#define SCT_PPM_FCNTL_F_SETFD		3
#define SCT_PPM_FCNTL_F_GETFL		4
#define SCT_PPM_FCNTL_F_SETFL		5
#define SCT_PPM_FCNTL_F_GETLK		6
#define SCT_PPM_FCNTL_F_SETLK		8
#define SCT_PPM_FCNTL_F_SETLKW		9
#define SCT_PPM_FCNTL_F_SETOWN		10
#define SCT_PPM_FCNTL_F_GETOWN		12
#define SCT_PPM_FCNTL_F_SETSIG		13
#define SCT_PPM_FCNTL_F_GETSIG		15
#define SCT_PPM_FCNTL_F_GETLK64		17
#define SCT_PPM_FCNTL_F_SETLK64		18
#define SCT_PPM_FCNTL_F_SETLKW64	19
#define SCT_PPM_FCNTL_F_SETOWN_EX	21
#define SCT_PPM_FCNTL_F_GETOWN_EX	22
#define SCT_PPM_FCNTL_F_SETLEASE	23
#define SCT_PPM_FCNTL_F_GETLEASE	24
#define SCT_PPM_FCNTL_F_CANCELLK	25
#define SCT_PPM_FCNTL_F_DUPFD_CLOEXEC	26
#define SCT_PPM_FCNTL_F_NOTIFY		27
#define SCT_PPM_FCNTL_F_SETPIPE_SZ	28
#define SCT_PPM_FCNTL_F_GETPIPE_SZ	29
#define SCT_PPM_FCNTL_F_OFD_GETLK	30
#define SCT_PPM_FCNTL_F_OFD_SETLK	31
#define SCT_PPM_FCNTL_F_OFD_SETLKW	32

/* flock 'operation': PPM_LOCK_* */
#define SCT_PPM_LOCK_SH			(1u << 0)
#define SCT_PPM_LOCK_EX			(1u << 1)
#define SCT_PPM_LOCK_NB			(1u << 2)
#define SCT_PPM_LOCK_UN			(1u << 3)

/* mmap/mprotect 'prot': PPM_PROT_* */
#define SCT_PPM_PROT_READ		(1u << 0)
#define SCT_PPM_PROT_WRITE		(1u << 1)
#define SCT_PPM_PROT_EXEC		(1u << 2)
#define SCT_PPM_PROT_SEM		(1u << 3)
#define SCT_PPM_PROT_GROWSDOWN		(1u << 4)
#define SCT_PPM_PROT_GROWSUP		(1u << 5)
#define SCT_PPM_PROT_SAO		(1u << 6)

/* mmap 'flags': PPM_MAP_* */
#define SCT_PPM_MAP_SHARED		(1u << 0)
#define SCT_PPM_MAP_PRIVATE		(1u << 1)
#define SCT_PPM_MAP_FIXED		(1u << 2)
#define SCT_PPM_MAP_ANONYMOUS		(1u << 3)
#define SCT_PPM_MAP_32BIT		(1u << 4)
#define SCT_PPM_MAP_RENAME		(1u << 5)
#define SCT_PPM_MAP_NORESERVE		(1u << 6)
#define SCT_PPM_MAP_POPULATE		(1u << 7)
#define SCT_PPM_MAP_NONBLOCK		(1u << 8)
#define SCT_PPM_MAP_GROWSDOWN		(1u << 9)
#define SCT_PPM_MAP_DENYWRITE		(1u << 10)
#define SCT_PPM_MAP_EXECUTABLE		(1u << 11)
#define SCT_PPM_MAP_INHERIT		(1u << 12)
#define SCT_PPM_MAP_FILE		(1u << 13)
#define SCT_PPM_MAP_LOCKED		(1u << 14)

/* futex 'op' commands: PPM_FU_* (the Linux numbers) */
#define SCT_PPM_FU_FUTEX_PRIVATE_FLAG	128
#define SCT_PPM_FU_FUTEX_CLOCK_REALTIME	256
#define SCT_PPM_FU_FUTEX_WAIT		0
#define SCT_PPM_FU_FUTEX_WAKE		1
#define SCT_PPM_FU_FUTEX_FD		2
#define SCT_PPM_FU_FUTEX_REQUEUE	3
#define SCT_PPM_FU_FUTEX_CMP_REQUEUE	4
#define SCT_PPM_FU_FUTEX_WAKE_OP	5
#define SCT_PPM_FU_FUTEX_LOCK_PI	6
#define SCT_PPM_FU_FUTEX_UNLOCK_PI	7
#define SCT_PPM_FU_FUTEX_TRYLOCK_PI	8
#define SCT_PPM_FU_FUTEX_WAIT_BITSET	9
#define SCT_PPM_FU_FUTEX_WAKE_BITSET	10
#define SCT_PPM_FU_FUTEX_WAIT_REQUEUE_PI	11
#define SCT_PPM_FU_FUTEX_CMP_REQUEUE_PI	12

/* ptrace 'request': PPM_PTRACE_* (0: unknown) */
#define SCT_PPM_PTRACE_UNKNOWN		0
#define SCT_PPM_PTRACE_TRACEME		1
#define SCT_PPM_PTRACE_PEEKTEXT		2
#define SCT_PPM_PTRACE_PEEKDATA		3
#define SCT_PPM_PTRACE_PEEKUSR		4
#define SCT_PPM_PTRACE_POKETEXT		5
#define SCT_PPM_PTRACE_POKEDATA		6
#define SCT_PPM_PTRACE_POKEUSR		7
#define SCT_PPM_PTRACE_CONT		8
#define SCT_PPM_PTRACE_KILL		9
#define SCT_PPM_PTRACE_SINGLESTEP	10
#define SCT_PPM_PTRACE_ATTACH		11
#define SCT_PPM_PTRACE_DETACH		12
#define SCT_PPM_PTRACE_SYSCALL		13
#define SCT_PPM_PTRACE_SETOPTIONS	14
#define SCT_PPM_PTRACE_GETEVENTMSG	15
#define SCT_PPM_PTRACE_GETSIGINFO	16
#define SCT_PPM_PTRACE_SETSIGINFO	17
#define SCT_PPM_PTRACE_GETREGSET	18
#define SCT_PPM_PTRACE_SETREGSET	19
#define SCT_PPM_PTRACE_SEIZE		20
#define SCT_PPM_PTRACE_INTERRUPT	21
#define SCT_PPM_PTRACE_LISTEN		22
#define SCT_PPM_PTRACE_PEEKSIGINFO	23
#define SCT_PPM_PTRACE_GETSIGMASK	24
#define SCT_PPM_PTRACE_SETSIGMASK	25
#define SCT_PPM_PTRACE_GETREGS		26
#define SCT_PPM_PTRACE_SETREGS		27
#define SCT_PPM_PTRACE_GETFPREGS	28
#define SCT_PPM_PTRACE_SETFPREGS	29
#define SCT_PPM_PTRACE_GETFPXREGS	30
#define SCT_PPM_PTRACE_SETFPXREGS	31
#define SCT_PPM_PTRACE_OLDSETOPTIONS	32
#define SCT_PPM_PTRACE_GET_THREAD_AREA	33
#define SCT_PPM_PTRACE_SET_THREAD_AREA	34
#define SCT_PPM_PTRACE_ARCH_PRCTL	35
#define SCT_PPM_PTRACE_SYSEMU		36
#define SCT_PPM_PTRACE_SYSEMU_SINGLESTEP	37
#define SCT_PPM_PTRACE_SINGLEBLOCK	38

/* getrlimit/setrlimit/prlimit 'resource': PPM_RLIMIT_* */
#define SCT_PPM_RLIMIT_UNKNOWN		255
#define SCT_PPM_RLIMIT_CPU		0
#define SCT_PPM_RLIMIT_FSIZE		1
#define SCT_PPM_RLIMIT_DATA		2
#define SCT_PPM_RLIMIT_STACK		3
#define SCT_PPM_RLIMIT_CORE		4
#define SCT_PPM_RLIMIT_RSS		5
#define SCT_PPM_RLIMIT_NPROC		6
#define SCT_PPM_RLIMIT_NOFILE		7
#define SCT_PPM_RLIMIT_MEMLOCK		8
#define SCT_PPM_RLIMIT_AS		9
#define SCT_PPM_RLIMIT_LOCKS		10
#define SCT_PPM_RLIMIT_SIGPENDING	11
#define SCT_PPM_RLIMIT_MSGQUEUE		12
#define SCT_PPM_RLIMIT_NICE		13
#define SCT_PPM_RLIMIT_RTPRIO		14
#define SCT_PPM_RLIMIT_RTTIME		15

/* shutdown 'how': PPM_SHUT_* */
#define SCT_PPM_SHUT_RD			0
#define SCT_PPM_SHUT_WR			1
#define SCT_PPM_SHUT_RDWR		2

/* poll/ppoll events and revents: PPM_POLL* */
#define SCT_PPM_POLLIN			(1u << 0)
#define SCT_PPM_POLLPRI			(1u << 1)
#define SCT_PPM_POLLOUT			(1u << 2)
#define SCT_PPM_POLLRDHUP		(1u << 3)
#define SCT_PPM_POLLERR			(1u << 4)
#define SCT_PPM_POLLHUP			(1u << 5)
#define SCT_PPM_POLLNVAL		(1u << 6)
#define SCT_PPM_POLLRDNORM		(1u << 7)
#define SCT_PPM_POLLRDBAND		(1u << 8)
#define SCT_PPM_POLLWRNORM		(1u << 9)
#define SCT_PPM_POLLWRBAND		(1u << 10)

/* semctl 'cmd' (one bit per command): PPM_IPC_*, PPM_SEM_*, PPM_GET*, PPM_SET* */
#define SCT_PPM_IPC_STAT		(1u << 0)
#define SCT_PPM_IPC_SET			(1u << 1)
#define SCT_PPM_IPC_RMID		(1u << 2)
#define SCT_PPM_IPC_INFO		(1u << 3)
#define SCT_PPM_SEM_INFO		(1u << 4)
#define SCT_PPM_SEM_STAT		(1u << 5)
#define SCT_PPM_GETALL			(1u << 6)
#define SCT_PPM_GETNCNT			(1u << 7)
#define SCT_PPM_GETPID			(1u << 8)
#define SCT_PPM_GETVAL			(1u << 9)
#define SCT_PPM_GETZCNT			(1u << 10)
#define SCT_PPM_SETALL			(1u << 11)
#define SCT_PPM_SETVAL			(1u << 12)

/* getsockopt/setsockopt 'level': PPM_SOCKOPT_LEVEL_* */
#define SCT_PPM_SOCKOPT_LEVEL_UNKNOWN	0
#define SCT_PPM_SOCKOPT_LEVEL_SOL_SOCKET	1
#define SCT_PPM_SOCKOPT_LEVEL_SOL_TCP	2

/* getsockopt/setsockopt 'optname' of SOL_SOCKET: PPM_SOCKOPT_* (0: unknown) */
#define SCT_PPM_SOCKOPT_UNKNOWN		0
#define SCT_PPM_SOCKOPT_SO_DEBUG	1
#define SCT_PPM_SOCKOPT_SO_REUSEADDR	2
#define SCT_PPM_SOCKOPT_SO_TYPE		3
#define SCT_PPM_SOCKOPT_SO_ERROR	4
#define SCT_PPM_SOCKOPT_SO_DONTROUTE	5
#define SCT_PPM_SOCKOPT_SO_BROADCAST	6
#define SCT_PPM_SOCKOPT_SO_SNDBUF	7
#define SCT_PPM_SOCKOPT_SO_RCVBUF	8
#define SCT_PPM_SOCKOPT_SO_KEEPALIVE	9
#define SCT_PPM_SOCKOPT_SO_OOBINLINE	10
#define SCT_PPM_SOCKOPT_SO_NO_CHECK	11
#define SCT_PPM_SOCKOPT_SO_PRIORITY	12
#define SCT_PPM_SOCKOPT_SO_LINGER	13
#define SCT_PPM_SOCKOPT_SO_BSDCOMPAT	14
#define SCT_PPM_SOCKOPT_SO_REUSEPORT	15
#define SCT_PPM_SOCKOPT_SO_PASSCRED	16
#define SCT_PPM_SOCKOPT_SO_PEERCRED	17
#define SCT_PPM_SOCKOPT_SO_RCVLOWAT	18
#define SCT_PPM_SOCKOPT_SO_SNDLOWAT	19
#define SCT_PPM_SOCKOPT_SO_RCVTIMEO	20
#define SCT_PPM_SOCKOPT_SO_SNDTIMEO	21
#define SCT_PPM_SOCKOPT_SO_SECURITY_AUTHENTICATION	22
#define SCT_PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_TRANSPORT	23
#define SCT_PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_NETWORK	24
#define SCT_PPM_SOCKOPT_SO_BINDTODEVICE	25
#define SCT_PPM_SOCKOPT_SO_ATTACH_FILTER	26
#define SCT_PPM_SOCKOPT_SO_DETACH_FILTER	27
#define SCT_PPM_SOCKOPT_SO_PEERNAME	28
#define SCT_PPM_SOCKOPT_SO_TIMESTAMP	29
#define SCT_PPM_SOCKOPT_SO_ACCEPTCONN	30
#define SCT_PPM_SOCKOPT_SO_PEERSEC	31
#define SCT_PPM_SOCKOPT_SO_SNDBUFFORCE	32
#define SCT_PPM_SOCKOPT_SO_RCVBUFFORCE	33
#define SCT_PPM_SOCKOPT_SO_PASSSEC	34
#define SCT_PPM_SOCKOPT_SO_TIMESTAMPNS	35
#define SCT_PPM_SOCKOPT_SO_MARK		36
#define SCT_PPM_SOCKOPT_SO_TIMESTAMPING	37
#define SCT_PPM_SOCKOPT_SO_PROTOCOL	38
#define SCT_PPM_SOCKOPT_SO_DOMAIN	39
#define SCT_PPM_SOCKOPT_SO_RXQ_OVFL	40
#define SCT_PPM_SOCKOPT_SO_WIFI_STATUS	41
#define SCT_PPM_SOCKOPT_SO_PEEK_OFF	42
#define SCT_PPM_SOCKOPT_SO_NOFCS	43
#define SCT_PPM_SOCKOPT_SO_LOCK_FILTER	44
#define SCT_PPM_SOCKOPT_SO_SELECT_ERR_QUEUE	45
#define SCT_PPM_SOCKOPT_SO_BUSY_POLL	46
#define SCT_PPM_SOCKOPT_SO_MAX_PACING_RATE	47
#define SCT_PPM_SOCKOPT_SO_BPF_EXTENSIONS	48
#define SCT_PPM_SOCKOPT_SO_INCOMING_CPU	49
#define SCT_PPM_SOCKOPT_SO_ATTACH_BPF	50
#define SCT_PPM_SOCKOPT_SO_PEERGROUPS	51
#define SCT_PPM_SOCKOPT_SO_MEMINFO	52
#define SCT_PPM_SOCKOPT_SO_COOKIE	53

/* unlinkat/linkat 'flags': PPM_AT_* */
#define SCT_PPM_AT_REMOVEDIR		0x200
#define SCT_PPM_AT_SYMLINK_FOLLOW	0x400
#define SCT_PPM_AT_EMPTY_PATH		0x1000
#define SCT_PPM_AT_SYMLINK_NOFOLLOW	0x100
#define SCT_PPM_AT_NO_AUTOMOUNT		0x800
/* execve exit 'flags' (libs 0.25) */
#define SCT_PPM_EXE_WRITABLE		(1u << 0)
#define SCT_PPM_EXE_UPPER_LAYER		(1u << 1)
#define SCT_PPM_EXE_FROM_MEMFD		(1u << 2)
#define SCT_PPM_EXE_LOWER_LAYER		(1u << 3)
/* umount2 'flags' (libs 0.25) */
#define SCT_PPM_MNT_FORCE		(1u << 0)
#define SCT_PPM_MNT_DETACH		(1u << 1)
#define SCT_PPM_MNT_EXPIRE		(1u << 2)
#define SCT_PPM_UMOUNT_NOFOLLOW		(1u << 3)

/* epoll_create1 'flags' (libs 0.25) */
#define SCT_PPM_EPOLL_CLOEXEC		(1u << 0)
/* memfd_create 'flags' (libs 0.25): PPM_MFD_* */
#define SCT_PPM_MFD_CLOEXEC		(1u << 0)
#define SCT_PPM_MFD_ALLOW_SEALING	(1u << 1)
#define SCT_PPM_MFD_HUGETLB		(1u << 2)
/* pidfd_open 'flags' (libs 0.25) */
#define SCT_PPM_PIDFD_NONBLOCK		(1u << 0)
/* mlockall 'flags', mlock2 'flags' (libs 0.25) */
#define SCT_PPM_MLOCKALL_MCL_CURRENT	(1u << 0)
#define SCT_PPM_MLOCKALL_MCL_FUTURE	(1u << 1)
#define SCT_PPM_MLOCKALL_MCL_ONFAULT	(1u << 2)
#define SCT_PPM_MLOCK_ONFAULT		(1u << 0)
/* finit_module 'flags' (libs 0.25): PPM_MODULE_INIT_* */
#define SCT_PPM_MODULE_INIT_IGNORE_MODVERSIONS	(1u << 0)
#define SCT_PPM_MODULE_INIT_IGNORE_VERMAGIC	(1u << 1)
#define SCT_PPM_MODULE_INIT_COMPRESSED_FILE	(1u << 2)
/* delete_module 'flags' (libs 0.25): PPM_DELETE_MODULE_* */
#define SCT_PPM_DELETE_MODULE_O_TRUNC		(1u << 0)
#define SCT_PPM_DELETE_MODULE_O_NONBLOCK	(1u << 1)
/* prctl 'option' values the driver reads arg2 of (PPM_PR_*, = PR_*) */
#define SCT_PPM_PR_SET_NAME		15
#define SCT_PPM_PR_GET_NAME		16
#define SCT_PPM_PR_GET_CHILD_SUBREAPER	37
/* io_uring_setup 'flags' (libs 0.25): PPM_IORING_SETUP_*, PPM_IORING_SQ_* */
#define SCT_PPM_IORING_SETUP_IOPOLL	(1u << 0)
#define SCT_PPM_IORING_SETUP_SQPOLL	(1u << 1)
#define SCT_PPM_IORING_SQ_NEED_WAKEUP	(1u << 2)
#define SCT_PPM_IORING_SETUP_SQ_AFF	(1u << 3)
#define SCT_PPM_IORING_SETUP_CQSIZE	(1u << 4)
#define SCT_PPM_IORING_SETUP_CLAMP	(1u << 5)
#define SCT_PPM_IORING_SETUP_ATTACH_WQ	(1u << 6)
#define SCT_PPM_IORING_SETUP_R_DISABLED	(1u << 7)
/* io_uring_setup 'features' (libs 0.25): PPM_IORING_FEAT_* */
#define SCT_PPM_IORING_FEAT_SINGLE_MMAP		(1u << 0)
#define SCT_PPM_IORING_FEAT_NODROP		(1u << 1)
#define SCT_PPM_IORING_FEAT_SUBMIT_STABLE	(1u << 2)
#define SCT_PPM_IORING_FEAT_RW_CUR_POS		(1u << 3)
#define SCT_PPM_IORING_FEAT_CUR_PERSONALITY	(1u << 4)
#define SCT_PPM_IORING_FEAT_FAST_POLL		(1u << 5)
#define SCT_PPM_IORING_FEAT_POLL_32BITS		(1u << 6)
#define SCT_PPM_IORING_FEAT_SQPOLL_NONFIXED	(1u << 7)
#define SCT_PPM_IORING_FEAT_ENTER_EXT_ARG	(1u << 8)
#define SCT_PPM_IORING_FEAT_NATIVE_WORKERS	(1u << 9)
#define SCT_PPM_IORING_FEAT_RSRC_TAGS		(1u << 10)
/* io_uring_enter 'flags' (libs 0.25): PPM_IORING_ENTER_* */
#define SCT_PPM_IORING_ENTER_GETEVENTS	(1u << 0)
#define SCT_PPM_IORING_ENTER_SQ_WAKEUP	(1u << 1)
#define SCT_PPM_IORING_ENTER_SQ_WAIT	(1u << 2)
#define SCT_PPM_IORING_ENTER_EXT_ARG	(1u << 3)
/* fsconfig 'cmd' (libs 0.25; = FSCONFIG_*, written raw) */
#define SCT_PPM_FSCONFIG_SET_FLAG	0
#define SCT_PPM_FSCONFIG_SET_STRING	1
#define SCT_PPM_FSCONFIG_SET_BINARY	2
#define SCT_PPM_FSCONFIG_SET_PATH	3
#define SCT_PPM_FSCONFIG_SET_PATH_EMPTY	4
#define SCT_PPM_FSCONFIG_SET_FD		5
#define SCT_PPM_FSCONFIG_CMD_CREATE	6
#define SCT_PPM_FSCONFIG_CMD_RECONFIGURE	7

/* execveat enter 'flags': PPM_EXVAT_* */
#define SCT_PPM_EXVAT_AT_EMPTY_PATH	(1u << 0)
#define SCT_PPM_EXVAT_AT_SYMLINK_NOFOLLOW	(1u << 1)

/* semop 'sem_flg_N': PPM_IPC_NOWAIT, PPM_SEM_UNDO */
#define SCT_PPM_IPC_NOWAIT		(1u << 0)
#define SCT_PPM_SEM_UNDO		(1u << 1)

/* semget 'semflg': PPM_IPC_CREAT, PPM_IPC_EXCL */
#define SCT_PPM_IPC_CREAT		(1u << 13)
#define SCT_PPM_IPC_EXCL		(1u << 14)

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

/*
 * The libs 0.25 driver's translations for the events it added after 2022
 * (driver/ppm_flag_helpers.h of libs 0.25.4).
 */
/* O_NONBLOCK and O_CLOEXEC (= SOCK_*) only; a negative int: 0.
 * eventfd2, inotify_init1, signalfd4 'flags', accept4 enter 'flags'. */
uint32_t sct_ppm_fd_flags(uint64_t flags);
/* pipe2 'flags': fd_flags and O_DIRECT */
uint32_t sct_ppm_pipe2_flags(uint64_t flags);
/* dup3 'flags': O_CLOEXEC only */
uint32_t sct_ppm_dup3_flags(uint64_t flags);
/* newfstatat 'flags': AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT */
uint32_t sct_ppm_newfstatat_flags(uint64_t flags);
/* umount2 'flags': MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW */
uint32_t sct_ppm_umount2_flags(uint64_t flags);
/* epoll_create1 'flags': EPOLL_CLOEXEC */
uint32_t sct_ppm_epoll_create1_flags(uint64_t flags);
/* memfd_create 'flags': MFD_CLOEXEC, MFD_ALLOW_SEALING, MFD_HUGETLB */
uint32_t sct_ppm_memfd_flags(uint64_t flags);
/* pidfd_open 'flags': O_NONBLOCK (PIDFD_NONBLOCK) */
uint32_t sct_ppm_pidfd_open_flags(uint64_t flags);
/* fchownat 'flags': AT_SYMLINK_FOLLOW and AT_EMPTY_PATH, as the driver
 * tests them (AT_SYMLINK_NOFOLLOW, the flag fchownat takes, is dropped) */
uint32_t sct_ppm_fchownat_flags(uint64_t flags);
/* mknod/mknodat 'mode' (PT_MODE): the permission bits as chmod's, and the
 * file type of S_IFREG (also a type of 0), S_IFCHR, S_IFBLK, S_IFIFO,
 * S_IFSOCK */
uint32_t sct_ppm_mknod_mode(uint64_t mode);
/* mknod/mknodat 'dev': the driver encodes the argument (already a user
 * dev_t) as if it were a kernel one (20 minor bits): 0x103 -> 0x100003 */
uint32_t sct_ppm_mknod_dev(uint64_t dev);
/* mlockall 'flags' (MCL_*), mlock2 'flags' (MLOCK_ONFAULT) */
uint32_t sct_ppm_mlockall_flags(uint64_t flags);
uint32_t sct_ppm_mlock2_flags(uint64_t flags);
/* finit_module 'flags' (MODULE_INIT_*), delete_module 'flags' (O_TRUNC,
 * O_NONBLOCK) */
uint32_t sct_ppm_finit_module_flags(uint64_t flags);
uint32_t sct_ppm_delete_module_flags(uint64_t flags);
/* io_uring_setup 'flags' (IORING_SETUP_*; bit 0 also as the driver's
 * IORING_SQ_NEED_WAKEUP) and 'features' (IORING_FEAT_*, not EXT_ARG nor
 * any newer, which the driver does not test) */
uint32_t sct_ppm_io_uring_setup_flags(uint64_t flags);
uint32_t sct_ppm_io_uring_feats(uint64_t feats);
/* io_uring_enter 'flags' (IORING_ENTER_*) */
uint32_t sct_ppm_io_uring_enter_flags(uint64_t flags);

#endif
