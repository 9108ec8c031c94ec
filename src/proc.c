/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Every reader and parser of a thread's /proc state: for the PL blocks,
 * the clone/execve exit events, the memory counters of mmap/brk exits and
 * the filter (the fds and /proc/P/net are procfd.c's).
 */
#include "config.h"
#include "proc.h"
#include "cgroup.h"
#include "mem.h"
#include "ppm_flags.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <sys/sysmacros.h>
#include <unistd.h>

uint32_t sct_encode_dev(dev_t dev)
{
	unsigned maj = major(dev), min = minor(dev);

	return (min & 0xff) | (maj << 8) | ((min & ~0xffu) << 12);
}

/*
 * Read a small /proc file into buf (NUL-terminated).  Returns length or
 * -errno.  A /proc file hands over all it has up to the size asked for in
 * one read, so a short read is its end: no second read to see 0.
 */
ssize_t sct_proc_text(const char *path, char *buf, size_t size)
{
	ssize_t n, got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	while ((size_t)got < size - 1) {
		size_t want = size - 1 - (size_t)got;

		n = read(fd, buf + got, want);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			got = got ? got : -errno;
			break;
		}
		got += n;
		if (n == 0 || (size_t)n < want)
			break;
	}
	close(fd);
	if (got >= 0)
		buf[got] = 0;
	return got;
}

#define SIGBIT(sig)	(1ull << ((sig) - 1))

/* ---- the /proc file cache (see sct_proc_file) ---- */

#define PF_CACHE	32

static const char *const pf_name[SCT_PF_COUNT] = {
	"stat", "status", "statm", "cgroup", "loginuid"
};

/* fd1 is the fd plus one, so that the zeroed table means "all free" */
static struct { pid_t tid; uint8_t file; int fd1; } pf_cache[PF_CACHE];
static unsigned pf_next;
static __thread bool pf_cached;

void sct_proc_cache_on(void)
{
	pf_cached = true;
}

static ssize_t pf_pread(int fd, char *buf, size_t size)
{
	ssize_t n;

	do
		n = pread(fd, buf, size - 1, 0);
	while (n < 0 && errno == EINTR);
	if (n >= 0)
		buf[n] = 0;
	return n < 0 ? -errno : n;
}

ssize_t sct_proc_file(pid_t tid, enum sct_proc_file f, char *buf, size_t size)
{
	char path[64];
	unsigned i, slot;
	ssize_t n;
	int fd;

	/*
	 * stat of the thread itself: /proc/T/stat sums the fault counters
	 * (and times) of all its process's threads, the driver has the
	 * thread's own (task->min_flt), as libscap's scan of task/T/stat.
	 */
	if (f == SCT_PF_STAT)
		snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", tid, tid);
	else
		snprintf(path, sizeof(path), "/proc/%d/%s", tid, pf_name[f]);
	if (!pf_cached)
		return sct_proc_text(path, buf, size);
	for (i = 0; i < PF_CACHE; i++) {
		if (!pf_cache[i].fd1 || pf_cache[i].tid != tid ||
		    pf_cache[i].file != f)
			continue;
		n = pf_pread(pf_cache[i].fd1 - 1, buf, size);
		if (n > 0)
			return n;
		/* gone, or its tid taken by another: open it again */
		close(pf_cache[i].fd1 - 1);
		pf_cache[i].fd1 = 0;
		break;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = pf_pread(fd, buf, size);
	if (n <= 0) {
		close(fd);
		return n;
	}
	slot = pf_next++ % PF_CACHE;
	if (pf_cache[slot].fd1)
		close(pf_cache[slot].fd1 - 1);
	pf_cache[slot].tid = tid;
	pf_cache[slot].file = (uint8_t)f;
	pf_cache[slot].fd1 = fd + 1;
	return n;
}

static void read_link(const char *path, char *dst, size_t size)
{
	ssize_t n = readlink(path, dst, size - 1);

	dst[n > 0 ? n : 0] = 0;
}

/* task flags (include/linux/sched.h): a kernel thread */
#define PF_KTHREAD	0x00200000u

/* Fields of /proc/T/stat after the comm, numbered as in proc(5). */
enum {
	ST_PPID = 4, ST_PGRP = 5, ST_SESSION = 6, ST_TTY = 7, ST_FLAGS = 9,
	ST_MINFLT = 10, ST_MAJFLT = 12, ST_VSIZE = 23, ST_RSS = 24,
	ST_SIGIGNORE = 33, ST_SIGCATCH = 34,
	ST_PROCESSOR = 39, ST_ARG_START = 48,
	ST_ARG_END = 49, ST_ENV_START = 50, ST_ENV_END = 51, ST_MAX = 52
};

/*
 * The numbers of a /proc/T/stat line into v (by field number, 0 where
 * missing); returns where its comm starts, after the first '(' (the raw
 * name runs to the last ')': a name may hold both), or NULL.
 */
static const char *stat_fields(const char *buf, unsigned long long *v)
{
	const char *open = strchr(buf, '('), *p = strrchr(buf, ')');
	unsigned i;

	memset(v, 0, (ST_MAX + 1) * sizeof(*v));
	if (!open || !p || p < open || !p[1] || !p[2])
		return NULL;
	p = strchr(p + 2, ' ');	/* past the one-letter state */
	for (i = ST_PPID; p && i <= ST_MAX; i++) {
		char *end;

		/* tpgid may be -1: it wraps, and is not used */
		v[i] = strtoull(p, &end, 10);
		if (end == p)
			break;
		p = end;
	}
	return open + 1;
}

static unsigned long page_kb;

static unsigned long page_size_kb(void)
{
	if (!page_kb)
		page_kb = (unsigned long)sysconf(_SC_PAGESIZE) >> 10;
	return page_kb;
}

/*
 * comm and the numbers after it; the memory bounds of argv and environ
 * are 0 for a process we may not look into.
 */
int sct_proc_parse_stat(const char *buf, struct sct_procinfo *pi)
{
	unsigned long long v[ST_MAX + 1];
	const char *comm = stat_fields(buf, v);
	char state;

	if (!comm)
		return -EINVAL;
	/* (a kernel worker's name has its workqueue's appended: > 15) */
	snprintf(pi->comm, sizeof(pi->comm), "%.*s",
		 (int)(strrchr(comm, ')') - comm), comm);
	pi->ptid = (int64_t)v[ST_PPID];
	pi->pgid = (int64_t)v[ST_PGRP];
	pi->sid = (int64_t)v[ST_SESSION];
	pi->tty = (uint32_t)v[ST_TTY];
	pi->pfminor = v[ST_MINFLT];
	pi->pfmajor = v[ST_MAJFLT];
	pi->kthread = v[ST_FLAGS] & PF_KTHREAD;
	/* (the one-letter state after the name: Z or X when dead) */
	state = strrchr(comm, ')')[2];
	pi->dead = state == 'Z' || state == 'X';
	pi->arg_env[0] = v[ST_ARG_START];
	pi->arg_env[1] = v[ST_ARG_END];
	pi->arg_env[2] = v[ST_ENV_START];
	pi->arg_env[3] = v[ST_ENV_END];
	pi->ev_vmsize_kb = (uint32_t)(v[ST_VSIZE] >> 10);
	pi->ev_vmrss_kb = (uint32_t)(v[ST_RSS] * page_size_kb());
	return 0;
}

/* "Key:" at the start of line: the text after it, else NULL */
static const char *after_key(const char *line, const char *key, size_t len)
{
	return strncmp(line, key, len) ? NULL : line + len;
}

/*
 * (A status text has some 55 lines: each is told by its first letters,
 * not by trying a scanf format per field on it.)
 */
int sct_proc_parse_status(char *buf, struct sct_procinfo *pi)
{
	char *line, *save = NULL;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		const char *p;
		char *end;

		switch (line[0]) {
		case 'T':
			if ((p = after_key(line, "Tgid:", 5)))
				pi->pid = (int64_t)strtoull(p, NULL, 10);
			else if ((p = after_key(line, "TracerPid:", 10)))
				pi->tracer = (int64_t)strtoull(p, NULL, 10);
			break;
		case 'P':
			if ((p = after_key(line, "PPid:", 5)))
				pi->ptid = (int64_t)strtoull(p, NULL, 10);
			break;
		case 'U':
		case 'G':
			/* real, then effective id: the effective one */
			if ((p = after_key(line, line[0] == 'U' ? "Uid:" : "Gid:",
					   4))) {
				strtoul(p, &end, 10);
				if (end != p) {
					unsigned long e = strtoul(end, NULL, 10);

					if (line[0] == 'U')
						pi->uid = (uint32_t)e;
					else
						pi->gid = (uint32_t)e;
				}
			}
			break;
		case 'C':
			/* CapInh, CapPrm, CapEff: hex, in that order */
			if (!strncmp(line, "Cap", 3) &&
			    (p = strchr(line, ':'))) {
				int i = !strncmp(line + 3, "Inh:", 4) ? 0 :
					!strncmp(line + 3, "Prm:", 4) ? 1 :
					!strncmp(line + 3, "Eff:", 4) ? 2 : -1;

				if (i >= 0)
					pi->cap[i] = strtoull(p + 1, NULL, 16);
			}
			break;
		case 'V':
			if ((p = after_key(line, "VmSize:", 7)))
				pi->vmsize_kb = (uint32_t)strtoull(p, NULL, 10);
			else if ((p = after_key(line, "VmRSS:", 6)))
				pi->vmrss_kb = (uint32_t)strtoull(p, NULL, 10);
			else if ((p = after_key(line, "VmSwap:", 7)))
				pi->vmswap_kb = (uint32_t)strtoull(p, NULL, 10);
			break;
		case 'N':
			if (!strncmp(line, "NStgid:", 7) ||
			    !strncmp(line, "NSpid:", 6)) {
				/* the last number: the id in the innermost ns */
				char *last = strrchr(line, '\t');
				char *sp = strrchr(line, ' ');
				unsigned long long v;

				if (sp > last)
					last = sp;
				if (last) {
					v = strtoull(last + 1, NULL, 10);
					if (line[2] == 't')
						pi->vpid = (int64_t)v;
					else
						pi->vtid = (int64_t)v;
				}
			}
			break;
		default:
			break;
		}
	}
	return 0;
}

static uint32_t status_kb(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? (uint32_t)strtoul(p + strlen(key), NULL, 10) : 0;
}

void sct_proc_parse_vm(const char *status, uint32_t kb[3])
{
	kb[0] = status_kb(status, "\nVmSize:");
	kb[1] = status_kb(status, "\nVmRSS:");
	kb[2] = status_kb(status, "\nVmSwap:");
}

/*
 * Controllers a cgroup v2 path is subject to: libscap lists one
 * "ctrl=/path" per controller; we take them from the root's
 * cgroup.controllers, read once.
 */
static const char *v2_controllers(void)
{
	static char ctrls[512];
	static int done;

	if (!done) {
		ssize_t n = sct_proc_text("/sys/fs/cgroup/cgroup.controllers",
				      ctrls, sizeof(ctrls));
		if (n < 0)
			ctrls[0] = 0;
		done = 1;
	}
	return ctrls;
}

static void add_cgroup(struct sct_procinfo *pi, const char *ctrl, size_t clen,
		       const char *path)
{
	size_t plen = strlen(path);
	size_t need = clen + 1 + plen + 1;

	if (!clen || pi->cgroups_len + need > sizeof(pi->cgroups))
		return;
	memcpy(pi->cgroups + pi->cgroups_len, ctrl, clen);
	pi->cgroups[pi->cgroups_len + clen] = '=';
	memcpy(pi->cgroups + pi->cgroups_len + clen + 1, path, plen + 1);
	pi->cgroups_len += need;
}

int sct_proc_parse_cgroup(char *buf, const char *v2ctrls,
			  struct sct_procinfo *pi)
{
	char *line, *save = NULL;

	pi->cgroups_len = 0;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *ctrls = strchr(line, ':'), *path, *c, *end;

		if (!ctrls)
			continue;
		path = strchr(++ctrls, ':');
		if (!path)
			continue;
		*path++ = 0;
		if (!*ctrls) {
			/* v2: every controller of the unified hierarchy */
			const char *all = v2ctrls;

			while (*all) {
				size_t n = strcspn(all, " \n");

				add_cgroup(pi, all, n, path);
				all += n;
				all += strspn(all, " \n");
			}
			continue;
		}
		for (c = ctrls; *c; c = end) {
			end = c + strcspn(c, ",");
			if (!strncmp(c, "name=", 5))
				c += 5;
			add_cgroup(pi, c, (size_t)(end - c), path);
			if (*end)
				end++;
		}
	}
	return 0;
}

/* Split a NUL-separated list: first item to first, the rest to rest. */
static void split_cmdline(const char *buf, size_t n, char *first,
			  size_t first_size, char *rest, size_t *rest_len,
			  size_t rest_size)
{
	size_t l0 = strnlen(buf, n);
	size_t r;

	snprintf(first, first_size, "%.*s", (int)l0, buf);
	if (l0 < n)
		l0++;
	r = n - l0;
	if (r > rest_size)
		r = rest_size;
	memcpy(rest, buf + l0, r);
	/* A list cut short still ends its last item. */
	if (r && rest[r - 1])
		rest[r - 1] = 0;
	*rest_len = r;
}

static int read_stat(pid_t tid, struct sct_procinfo *pi)
{
	char buf[4096];
	ssize_t n = sct_proc_file(tid, SCT_PF_STAT, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	sct_proc_parse_stat(buf, pi);
	return 0;
}

static int read_status(pid_t tid, struct sct_procinfo *pi)
{
	char buf[4096];
	ssize_t n = sct_proc_file(tid, SCT_PF_STATUS, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	sct_proc_parse_status(buf, pi);
	if (pi->vtid == tid && pi->vpid == tid && pi->pid != tid)
		pi->vpid = pi->pid;
	pi->flags = pi->pid != tid ? SCT_PPM_CL_CLONE_THREAD |
				     SCT_PPM_CL_CLONE_FILES : 0;
	return 0;
}


/*
 * argv or environ: straight from the process's memory, between the bounds
 * /proc/T/stat gave (one process_vm_readv, the bytes the driver copies),
 * else from /proc/T/cmdline or environ.  Returns bytes, or <= 0.
 */
static ssize_t read_list(pid_t tid, const uint64_t *bounds, const char *file,
			 char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	if (bounds[0] && bounds[1] > bounds[0]) {
		uint64_t len = bounds[1] - bounds[0];

		n = sct_mem_read(tid, bounds[0], buf,
				 len < size - 1 ? (size_t)len : size - 1);
		if (n > 0)
			return n;
	}
	snprintf(path, sizeof(path), "/proc/%d/%s", tid, file);
	return sct_proc_text(path, buf, size);
}

static const char *hidden_preload;

void sct_proc_hide_preload(const char *lib)
{
	hidden_preload = lib;
}

size_t sct_proc_strip_preload(char *env, size_t len, const char *lib)
{
	static const char var[] = "LD_PRELOAD=";
	size_t vl = sizeof(var) - 1, ll = strlen(lib), pos = 0, end, n, cut;
	char *v;

	while (pos < len) {
		end = pos;
		while (end < len && env[end])
			end++;
		if (end - pos >= vl && !memcmp(env + pos, var, vl)) {
			v = env + pos + vl;
			n = end - pos - vl;
			if (n == ll && !memcmp(v, lib, ll)) {
				/* the whole variable */
				cut = end - pos + (end < len);
				memmove(env + pos, env + pos + cut, len - pos - cut);
				return len - cut;
			}
			if (n > ll && v[n - ll - 1] == ':' &&
			    !memcmp(v + n - ll, lib, ll)) {
				/* ":lib" after the program's own */
				cut = ll + 1;
				memmove(v + n - cut, v + n, len - (size_t)(v + n - env));
				return len - cut;
			}
			return len;
		}
		pos = end + 1;
	}
	return len;
}

/* The parts of what other than stat and status, as they can be read. */
static void read_parts(pid_t tid, struct sct_procinfo *pi, unsigned what)
{
	char path[64];
	char buf[SCT_PROC_LIST_MAX * 2];
	struct rlimit rl;
	ssize_t n;

	if (what & SCT_PI_CMDLINE) {
		n = read_list(tid, pi->arg_env, "cmdline", buf, sizeof(buf));
		if (n > 0)
			split_cmdline(buf, (size_t)n, pi->exe, sizeof(pi->exe),
				      pi->args, &pi->args_len,
				      sizeof(pi->args));
		/* Kernel threads have no cmdline: sysdig shows the comm. */
		if (!pi->exe[0])
			snprintf(pi->exe, sizeof(pi->exe), "%s", pi->comm);
	}
	if (what & SCT_PI_ENV) {
		n = read_list(tid, pi->arg_env + 2, "environ", buf,
			      sizeof(pi->env) + 2);
		if (n > 0) {
			if ((size_t)n > sizeof(pi->env))
				n = sizeof(pi->env);
			memcpy(pi->env, buf, (size_t)n);
			if (pi->env[n - 1])
				pi->env[n - 1] = 0;
			pi->env_len = (size_t)n;
			if (hidden_preload)
				pi->env_len = sct_proc_strip_preload(
					pi->env, pi->env_len, hidden_preload);
		}
	}
	if (what & SCT_PI_CWD) {
		snprintf(path, sizeof(path), "/proc/%d/cwd", tid);
		read_link(path, pi->cwd, sizeof(pi->cwd) - 1);
		/* sinsp joins relative paths to cwd: it must end in '/' */
		if (pi->cwd[0]) {
			size_t l = strlen(pi->cwd);

			if (pi->cwd[l - 1] != '/') {
				pi->cwd[l] = '/';
				pi->cwd[l + 1] = 0;
			}
		}
	}
	if (what & SCT_PI_EXEPATH) {
		snprintf(path, sizeof(path), "/proc/%d/exe", tid);
		read_link(path, pi->exepath, sizeof(pi->exepath));
		snprintf(path, sizeof(path), "/proc/%d/root", tid);
		read_link(path, pi->root, sizeof(pi->root));
	}
	if ((what & SCT_PI_LOGINUID) &&
	    sct_proc_file(tid, SCT_PF_LOGINUID, buf, 32) > 0)
		pi->loginuid = (uint32_t)strtoul(buf, NULL, 10);
	if ((what & SCT_PI_CGROUPS) &&
	    sct_proc_file(tid, SCT_PF_CGROUP, buf, sizeof(buf)) > 0) {
		pi->ev_cgroups_len = sct_cgroup_event_list(buf,
							   sct_cgroup_sys(),
							   pi->ev_cgroups,
							   sizeof(pi->ev_cgroups));
		sct_proc_parse_cgroup(buf, v2_controllers(), pi);
	}
	if ((what & SCT_PI_FDLIMIT) &&
	    prlimit((pid_t)pi->pid, RLIMIT_NOFILE, NULL, &rl) == 0)
		pi->fdlimit = rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX :
			      rl.rlim_cur;
}

/* SCT_PI_NEW: an empty pi for thread tid */
static void pi_reset(pid_t tid, struct sct_procinfo *pi)
{
	memset(pi, 0, offsetof(struct sct_procinfo, exe));
	pi->exe[0] = pi->exepath[0] = pi->cwd[0] = pi->root[0] = 0;
	pi->args_len = pi->env_len = pi->cgroups_len = pi->ev_cgroups_len = 0;
	pi->fdlimit = pi->flags = 0;
	pi->uid = pi->gid = pi->loginuid = UINT32_MAX;
	pi->vmsize_kb = pi->vmrss_kb = pi->vmswap_kb = 0;
	pi->ev_vmsize_kb = pi->ev_vmrss_kb = 0;
	pi->pfmajor = pi->pfminor = 0;
	pi->tty = 0;
	pi->exe_writable = 0;
	memset(pi->cap, 0, sizeof(pi->cap));
	pi->tid = pi->vtid = tid;
	pi->pid = pi->vpid = tid;
}

int sct_proc_read(pid_t tid, struct sct_procinfo *pi, unsigned what)
{
	bool stat = what & (SCT_PI_NEW | SCT_PI_STAT | SCT_PI_VM);
	int r;

	if (what & SCT_PI_NEW)
		pi_reset(tid, pi);
	if (what & SCT_PI_SIBLING) {
		pi->tid = pi->vtid = tid;
		pi->vpid = pi->pid;
	}
	if (stat) {
		r = read_stat(tid, pi);
		if (r < 0)
			return r;
	}
	if ((what & SCT_PI_NEW) && pi->kthread) {
		/*
		 * A kernel thread: root's, no memory, no argv or environ (its
		 * exe shows as its name), cwd and root "/", in our pid
		 * namespace (else we would not see it): what its status,
		 * links and files say, without reading them.
		 */
		pi->uid = pi->gid = 0;
		snprintf(pi->exe, sizeof(pi->exe), "%s", pi->comm);
		strcpy(pi->cwd, "/");
		strcpy(pi->root, "/");
		read_parts(tid, pi, what & (SCT_PI_CGROUPS | SCT_PI_FDLIMIT));
		return 0;
	}
	if (what & SCT_PI_STATUS) {
		r = read_status(tid, pi);
		if (r < 0 && stat)
			return r;
	}
	if (what & SCT_PI_SIBLING)
		pi->cwd[0] = pi->root[0] = 0;
	read_parts(tid, pi, what);
	return 0;
}

/*
 * Is a swap area active?  (/proc/swaps has more than its header line.)
 * Looked at most once a second.
 */
bool sct_proc_swap_active(void)
{
	static bool active = true;
	static time_t checked;
	struct timespec now;
	char buf[256];
	ssize_t n;
	int fd;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	if (checked && now.tv_sec - checked < 1)
		return active;
	checked = now.tv_sec ? now.tv_sec : 1;
	fd = open("/proc/swaps", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return active = true;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return active = true;
	buf[n] = 0;
	active = strchr(buf, '\n') && strchr(buf, '\n')[1];
	return active;
}

int sct_proc_vm(pid_t tid, uint32_t kb[3])
{
	unsigned long long v[ST_MAX + 1];
	uint32_t st[3];
	char buf[4096];
	ssize_t n;

	/* (no mm, a zombie: 0, as the driver without mm) */
	n = sct_proc_file(tid, SCT_PF_STAT, buf, sizeof(buf));
	if (n <= 0 || !stat_fields(buf, v))
		return n < 0 ? (int)n : -ENOENT;
	kb[0] = (uint32_t)(v[ST_VSIZE] >> 10);
	kb[1] = (uint32_t)(v[ST_RSS] * page_size_kb());
	kb[2] = 0;
	if (!sct_proc_swap_active())
		return 0;
	n = sct_proc_file(tid, SCT_PF_STATUS, buf, sizeof(buf));
	if (n <= 0)
		return n < 0 ? (int)n : -ENOENT;
	sct_proc_parse_vm(buf, st);
	kb[2] = st[2];
	return 0;
}

pid_t sct_proc_tracer(pid_t pid)
{
	struct sct_procinfo *pi = calloc(1, sizeof(*pi));
	pid_t tracer = 0;

	if (!pi)
		return 0;
	if (sct_proc_read(pid, pi, SCT_PI_STATUS) == 0)
		tracer = (pid_t)pi->tracer;
	free(pi);
	return tracer;
}

/* The value of "key:\t<hex>" in a status text, 0 if absent. */
static uint64_t status_hex(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? strtoull(p + strlen(key), NULL, 16) : 0;
}

/*
 * What the kernel does with a signal it delivers to a process that leaves
 * it to the default action (or ignores it).  stat has the ignored and
 * caught sets too, as decimal numbers of the first 31 signals only; it
 * costs a third of status to generate.
 */
enum sct_sig_fate sct_proc_sig_fate(pid_t tid, int sig)
{
	const uint64_t ignore = SIGBIT(SIGCHLD) | SIGBIT(SIGURG) |
				SIGBIT(SIGWINCH) | SIGBIT(SIGCONT);
	const uint64_t stop = SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) |
			      SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU);
	const uint64_t dump = SIGBIT(SIGQUIT) | SIGBIT(SIGILL) |
			      SIGBIT(SIGTRAP) | SIGBIT(SIGABRT) |
			      SIGBIT(SIGBUS) | SIGBIT(SIGFPE) | SIGBIT(SIGSEGV) |
			      SIGBIT(SIGXCPU) | SIGBIT(SIGXFSZ) | SIGBIT(SIGSYS);
	unsigned long long v[ST_MAX + 1];
	uint64_t bit, ign, cgt;
	char buf[4096];

	if (sig < 1 || sig > 64)
		return SCT_SIG_RUNS;
	bit = SIGBIT(sig);
	if (sig < 32) {
		if (sct_proc_file(tid, SCT_PF_STAT, buf, sizeof(buf)) <= 0 ||
		    !stat_fields(buf, v))
			return SCT_SIG_RUNS;
		ign = v[ST_SIGIGNORE];
		cgt = v[ST_SIGCATCH];
	} else {
		if (sct_proc_file(tid, SCT_PF_STATUS, buf, sizeof(buf)) <= 0)
			return SCT_SIG_RUNS;
		ign = status_hex(buf, "\nSigIgn:");
		cgt = status_hex(buf, "\nSigCgt:");
	}
	if (ign & bit)
		return SCT_SIG_IGNORED;
	if ((cgt & bit) || (stop & bit))
		return SCT_SIG_RUNS;
	if (ignore & bit)
		return SCT_SIG_IGNORED;
	return (dump & bit) ? SCT_SIG_DUMPS : SCT_SIG_KILLS;
}

/* Our own pid namespace, as /proc/self/ns/pid names it ("" if unknown). */
static char our_pidns[64];

static void read_our_pidns(void)
{
	if (!our_pidns[0])
		read_link("/proc/self/ns/pid", our_pidns, sizeof(our_pidns));
}

bool sct_proc_in_our_pidns(pid_t tid)
{
	char path[64], ns[64];

	read_our_pidns();
	snprintf(path, sizeof(path), "/proc/%d/ns/pid", tid);
	read_link(path, ns, sizeof(ns));
	return our_pidns[0] && !strcmp(ns, our_pidns);
}

void sct_proc_init(void)
{
	read_our_pidns();
	v2_controllers();
	sct_cgroup_sys();
	page_size_kb();
}

void sct_proc_comm(pid_t tid, char *dst, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", tid);
	if (sct_proc_text(path, dst, size) <= 0)
		dst[0] = 0;
	dst[strcspn(dst, "\n")] = 0;
}

int sct_proc_cpu(pid_t tid)
{
	unsigned long long v[ST_MAX + 1];
	char buf[1024];

	if (sct_proc_file(tid, SCT_PF_STAT, buf, sizeof(buf)) <= 0 ||
	    !stat_fields(buf, v))
		return -1;
	return (int)v[ST_PROCESSOR];
}
