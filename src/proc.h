/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the readers need to know about processes, threads and fds, from /proc. */
#ifndef SCTRACE_PROC_H
#define SCTRACE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reader limits (scap-format.md §1.5): longer strings reject the file. */
#define SCT_PROC_STR_MAX	1024
#define SCT_PROC_LIST_MAX	4096

struct sct_procinfo {
	int64_t tid, pid, ptid, sid, pgid, vtid, vpid;
	char comm[32];
	uint64_t arg_env[4];		/* argv start, end, environ start, end */
	char exe[SCT_PROC_STR_MAX];	/* argv[0] */
	char exepath[SCT_PROC_STR_MAX];	/* realpath of /proc/T/exe */
	char args[SCT_PROC_LIST_MAX];	/* argv[1..], each NUL-terminated */
	size_t args_len;
	char cwd[SCT_PROC_STR_MAX];
	char env[SCT_PROC_LIST_MAX];
	size_t env_len;
	char cgroups[SCT_PROC_LIST_MAX];	/* subsys=/path\0 ... */
	size_t cgroups_len;
	char root[SCT_PROC_STR_MAX];
	uint64_t fdlimit;
	uint32_t flags;			/* PPM_CL_* */
	uint32_t uid, gid, loginuid;
	uint32_t vmsize_kb, vmrss_kb, vmswap_kb;
	uint64_t pfmajor, pfminor;
	uint32_t tty;
	uint8_t exe_writable;
	int64_t tracer;			/* TracerPid (not written) */
	bool kthread;			/* a kernel thread (not written) */
};

/* What to read: /proc/T/stat always, the rest on demand. */
#define SCT_PI_CMDLINE	(1u << 0)	/* exe, args */
#define SCT_PI_ENV	(1u << 1)
#define SCT_PI_CWD	(1u << 2)
#define SCT_PI_CGROUPS	(1u << 3)
#define SCT_PI_EXEPATH	(1u << 4)	/* exepath, root */
#define SCT_PI_LOGINUID	(1u << 5)
#define SCT_PI_FDLIMIT	(1u << 6)
#define SCT_PI_STATUS	(1u << 7)	/* tgid, uid, gid, ns ids, VmSize/RSS/Swap */
#define SCT_PI_VM	(1u << 8)	/* VmSize, VmRSS (from statm, cheaper) */
#define SCT_PI_ALL	0x1ffu

/*
 * Fill pi for thread tid.  Returns 0, or -errno when the thread is gone.
 * Fields that cannot be read (other users' processes) are left empty.
 */
int sct_proc_read(pid_t tid, struct sct_procinfo *pi, unsigned what);

/*
 * pi holds the leader of tid's process: make it tid's (ids, name, state,
 * creds, counters from stat and status, cwd, root).  0 or -errno.
 */
int sct_proc_read_thread(pid_t tid, struct sct_procinfo *pi);

/* Files of /proc/T/ that sct_proc_file reads. */
enum sct_proc_file {
	SCT_PF_STAT, SCT_PF_STATUS, SCT_PF_STATM, SCT_PF_CGROUP,
	SCT_PF_LOGINUID, SCT_PF_COUNT
};

/*
 * Read /proc/T/<file> into buf (NUL-terminated); returns its length or
 * -errno.  In the thread that called sct_proc_cache_on, the files stay
 * open (a few dozen, least recently opened closed first) and are read
 * again with pread, which makes /proc generate them anew: a new open costs
 * as much as the read.  A file of a thread that is gone fails to read and
 * is opened again, so a reused tid never gets another task's numbers.
 */
ssize_t sct_proc_file(pid_t tid, enum sct_proc_file f, char *buf, size_t size);
/* Keep /proc files open for this thread's reads (the tracing thread). */
void sct_proc_cache_on(void);

/* Is thread tid in our pid namespace (its ids there are ours)? */
bool sct_proc_in_our_pidns(pid_t tid);

/* One-time reads, done before threads use this module. */
void sct_proc_init(void);

/* Add what to a pi that sct_proc_read filled before.  Returns 0. */
int sct_proc_read_more(pid_t tid, struct sct_procinfo *pi, unsigned what);

/*
 * Only what stat says (name, parent, group, tty, fault counters) and
 * VmSize and VmRSS (statm), over what pi holds.
 */
int sct_proc_read_task(pid_t tid, struct sct_procinfo *pi);

/* Refresh only the memory and fault counters (mmap/brk exits, clone). */
int sct_proc_read_mem(pid_t tid, struct sct_procinfo *pi);

/* scap fd types (scap_fd_type), on-disk facts. */
enum sct_fd_type {
	SCT_FD_FILE = 1,
	SCT_FD_DIRECTORY = 2,
	SCT_FD_IPV4_SOCK = 3,
	SCT_FD_IPV6_SOCK = 4,
	SCT_FD_IPV4_SERVSOCK = 5,
	SCT_FD_IPV6_SERVSOCK = 6,
	SCT_FD_FIFO = 7,
	SCT_FD_UNIX_SOCK = 8,
	SCT_FD_EVENT = 9,
	SCT_FD_UNSUPPORTED = 10,
	SCT_FD_SIGNALFD = 11,
	SCT_FD_EVENTPOLL = 12,
	SCT_FD_INOTIFY = 13,
	SCT_FD_TIMERFD = 14,
	SCT_FD_NETLINK = 15,
	SCT_FD_FILE_V2 = 16,
};

struct sct_fdinfo {
	int64_t fd;
	uint64_t ino;
	uint8_t type;			/* enum sct_fd_type */
	uint32_t open_flags;		/* PPM_O_*, FILE_V2 */
	uint32_t dev;			/* FILE_V2 */
	uint8_t sip[16], dip[16];	/* network order */
	uint16_t sport, dport;		/* host order */
	uint8_t l4proto;
	uint64_t usrc, udst;		/* unix socket ids */
	size_t name_len;
	char name[SCT_PROC_STR_MAX];
};

typedef void (*sct_fd_cb)(const struct sct_fdinfo *fi, void *arg);

/*
 * Call cb for every open fd of process pid.  skip_cloexec leaves out fds
 * that an exec will close.  Returns the number of fds, or -errno.
 */
int sct_proc_fds(pid_t pid, int skip_cloexec, sct_fd_cb cb, void *arg);

/* The comm of a thread (empty if gone). */
void sct_proc_comm(pid_t tid, char *dst, size_t size);

/* Current cpu of a thread (field 39 of /proc/T/stat), or -1. */
int sct_proc_cpu(pid_t tid);

/* Kernel device number in the encoding the readers use (new_encode_dev). */
uint32_t sct_encode_dev(dev_t dev);

#endif
