/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the readers need to know about processes and threads, from /proc. */
#ifndef SCTRACE_PROC_H
#define SCTRACE_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Reader limits (docs/scap-format.md §1.5): longer strings reject the file. */
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
	char cgroups[SCT_PROC_LIST_MAX];	/* subsys=/path\0 ..., libscap's */
	size_t cgroups_len;
	char ev_cgroups[SCT_PROC_LIST_MAX];	/* ... the driver's (cgroup.h) */
	size_t ev_cgroups_len;
	char root[SCT_PROC_STR_MAX];
	uint64_t fdlimit;
	uint32_t flags;			/* PPM_CL_* */
	uint32_t uid, gid, loginuid;
	uint64_t cap[3];		/* CapInh, CapPrm, CapEff (status) */
	uint32_t vmsize_kb, vmrss_kb, vmswap_kb;	/* status's */
	/*
	 * VmSize and RSS as stat gives them, which an event's parameters
	 * carry: the driver adds up the RSS counters without their per-CPU
	 * parts not yet folded in, as stat does; status and statm add those
	 * in too on recent kernels (6.18: 8,360 pages against 8,400).
	 */
	uint32_t ev_vmsize_kb, ev_vmrss_kb;
	uint64_t pfmajor, pfminor;
	uint32_t tty;
	uint8_t exe_writable;
	int64_t tracer;			/* TracerPid (not written) */
	bool kthread;			/* a kernel thread (not written) */
	bool dead;			/* exited, not reaped: state Z or X */
};

/*
 * What sct_proc_read reads into a pi, and how it treats what pi holds.
 * Parts not asked for are left as they are.
 */
#define SCT_PI_CMDLINE	(1u << 0)	/* exe, args */
#define SCT_PI_ENV	(1u << 1)
#define SCT_PI_CWD	(1u << 2)
#define SCT_PI_CGROUPS	(1u << 3)
#define SCT_PI_EXEPATH	(1u << 4)	/* exepath, root */
#define SCT_PI_LOGINUID	(1u << 5)
#define SCT_PI_FDLIMIT	(1u << 6)
/* tgid, uid, gid, capabilities, ns ids, VmSize/RSS/Swap, TracerPid */
#define SCT_PI_STATUS	(1u << 7)
/* ev_vmsize_kb, ev_vmrss_kb: stat's (read whenever stat is) */
#define SCT_PI_VM	(1u << 8)
#define SCT_PI_ALL	0x1ffu		/* every part above */
/* stat: comm, ppid, pgid, sid, tty, faults, argv/environ bounds, kthread,
 * dead */
#define SCT_PI_STAT	(1u << 9)
/*
 * Start from an empty pi (ids: tid's own, creds unknown) and read stat.
 * A kernel thread then gets what its status, links and files would say
 * (root, no memory, exe its name, cwd and root "/") and, of the parts
 * asked for, only CGROUPS and FDLIMIT are read.
 */
#define SCT_PI_NEW	(1u << 10)
/*
 * pi holds another thread of tid's process (its leader): keep what the
 * threads share (memory: argv, environ, exe; fd limit, login uid,
 * cgroups), make the ids tid's and forget cwd and root (a thread may have
 * a fs of its own).
 */
#define SCT_PI_SIBLING	(1u << 11)

/*
 * The one /proc reader of a thread's state: read what (SCT_PI_*) of
 * thread tid into pi.  Returns 0, or -errno when the thread is gone: its
 * stat (SCT_PI_NEW, SCT_PI_STAT), or its status read along with its stat,
 * cannot be read.  Otherwise parts that cannot be read (other users'
 * processes) are left empty.
 */
int sct_proc_read(pid_t tid, struct sct_procinfo *pi, unsigned what);

/*
 * The environments read from now on leave out lib in LD_PRELOAD (the
 * in-process recorder that sctrace preloads after the program's own,
 * buffer.h): the variable goes if lib was all of it.  Set once, before
 * tracing starts.
 */
void sct_proc_hide_preload(const char *lib);
/* Leave lib out of the NUL-separated environment env[len]: new length. */
size_t sct_proc_strip_preload(char *env, size_t len, const char *lib);

/*
 * Parsers of /proc text, used by sct_proc_read (and by tests on canned
 * text).  stat: one /proc/T/stat line.  status: /proc/T/status (modified:
 * split into lines).  cgroup: /proc/T/cgroup (modified), with v2ctrls the
 * unified hierarchy's controllers (space-separated, as in the root's
 * cgroup.controllers) that a v2 line stands for.  Each returns 0, or
 * -EINVAL for text it cannot read.
 */
int sct_proc_parse_stat(const char *text, struct sct_procinfo *pi);
int sct_proc_parse_status(char *text, struct sct_procinfo *pi);
int sct_proc_parse_cgroup(char *text, const char *v2ctrls,
			  struct sct_procinfo *pi);
/*
 * The memory sizes (kB) of /proc/T/status: VmSize, VmRSS, VmSwap, each 0
 * when missing (a zombie has none).
 */
void sct_proc_parse_vm(const char *status, uint32_t kb[3]);

/*
 * VmSize, VmRSS and VmSwap (kB) of thread tid into kb, for the memory
 * counters of mmap/munmap/brk exits: size and RSS from stat, as the
 * driver counts them (see ev_vmrss_kb); VmSwap from status while the
 * system has a swap area, else 0.  0 or -errno.
 */
int sct_proc_vm(pid_t tid, uint32_t kb[3]);

/* Has the system an active swap area?  (/proc/swaps, at most once a second) */
bool sct_proc_swap_active(void);

/* TracerPid of process pid, 0 if none or unknown. */
pid_t sct_proc_tracer(pid_t pid);

/* What signal sig does to thread tid's process when delivered. */
enum sct_sig_fate {
	SCT_SIG_RUNS,		/* caught, a stop signal, or unknown */
	/*
	 * discarded when sent if the process were not traced: ignored
	 * (SigIgn), or left to a default action that ignores it (SIGCHLD,
	 * SIGURG, SIGWINCH, SIGCONT)
	 */
	SCT_SIG_IGNORED,
	SCT_SIG_KILLS,		/* left to a default action that ends it */
	SCT_SIG_DUMPS,		/* ... that ends it with a core dump */
};

enum sct_sig_fate sct_proc_sig_fate(pid_t tid, int sig);

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

/*
 * Read a small file (of /proc, /sys) by its path into buf, NUL-terminated.
 * Returns its length or -errno.
 */
ssize_t sct_proc_text(const char *path, char *buf, size_t size);

/* Is thread tid in our pid namespace (its ids there are ours)? */
bool sct_proc_in_our_pidns(pid_t tid);

/* One-time reads, done before threads use this module. */
void sct_proc_init(void);

/* The comm of a thread (empty if gone). */
void sct_proc_comm(pid_t tid, char *dst, size_t size);

/* Current cpu of a thread (field 39 of /proc/T/stat), or -1. */
int sct_proc_cpu(pid_t tid);

/* Kernel device number in the encoding the readers use (new_encode_dev). */
uint32_t sct_encode_dev(dev_t dev);

#endif
