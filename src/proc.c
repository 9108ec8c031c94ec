/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /proc readers for the PL/FDL blocks and the clone/execve exit events. */
#include "config.h"
#include "proc.h"
#include "mem.h"
#include "ppm_flags.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
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
static ssize_t read_file(const char *path, char *buf, size_t size)
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

	snprintf(path, sizeof(path), "/proc/%d/%s", tid, pf_name[f]);
	if (!pf_cached)
		return read_file(path, buf, size);
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
	ST_MINFLT = 10, ST_MAJFLT = 12, ST_PROCESSOR = 39, ST_ARG_START = 48,
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
	if (!open || !p || p < open)
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

/*
 * comm and the numbers after it; the memory bounds of argv and environ
 * are 0 for a process we may not look into.
 */
static void parse_stat(const char *buf, struct sct_procinfo *pi)
{
	unsigned long long v[ST_MAX + 1];
	const char *comm = stat_fields(buf, v);

	if (!comm)
		return;
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
	pi->arg_env[0] = v[ST_ARG_START];
	pi->arg_env[1] = v[ST_ARG_END];
	pi->arg_env[2] = v[ST_ENV_START];
	pi->arg_env[3] = v[ST_ENV_END];
}

static void parse_status(char *buf, struct sct_procinfo *pi)
{
	char *line, *save = NULL;

	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		unsigned long long v;
		unsigned a, b;

		if (sscanf(line, "Tgid: %llu", &v) == 1)
			pi->pid = (int64_t)v;
		else if (sscanf(line, "PPid: %llu", &v) == 1)
			pi->ptid = (int64_t)v;
		else if (sscanf(line, "TracerPid: %llu", &v) == 1)
			pi->tracer = (int64_t)v;
		else if (sscanf(line, "Uid: %u %u", &a, &b) == 2)
			pi->uid = b;
		else if (sscanf(line, "Gid: %u %u", &a, &b) == 2)
			pi->gid = b;
		else if (sscanf(line, "VmSize: %llu", &v) == 1)
			pi->vmsize_kb = (uint32_t)v;
		else if (sscanf(line, "VmRSS: %llu", &v) == 1)
			pi->vmrss_kb = (uint32_t)v;
		else if (sscanf(line, "VmSwap: %llu", &v) == 1)
			pi->vmswap_kb = (uint32_t)v;
		else if (!strncmp(line, "NStgid:", 7) ||
			 !strncmp(line, "NSpid:", 6)) {
			/* The last number is the id in the innermost pid ns. */
			char *last = strrchr(line, '\t');
			char *sp = strrchr(line, ' ');

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
	}
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
		ssize_t n = read_file("/sys/fs/cgroup/cgroup.controllers",
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

static void parse_cgroup(char *buf, struct sct_procinfo *pi)
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
			const char *all = v2_controllers();

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
	parse_stat(buf, pi);
	return 0;
}

static int read_status(pid_t tid, struct sct_procinfo *pi)
{
	char buf[4096];
	ssize_t n = sct_proc_file(tid, SCT_PF_STATUS, buf, sizeof(buf));

	if (n < 0)
		return (int)n;
	parse_status(buf, pi);
	if (pi->vtid == tid && pi->vpid == tid && pi->pid != tid)
		pi->vpid = pi->pid;
	pi->flags = pi->pid != tid ? SCT_PPM_CL_CLONE_THREAD |
				     SCT_PPM_CL_CLONE_FILES : 0;
	return 0;
}

static unsigned long page_kb;

/* VmSize and VmRSS from statm (stat's rss is a per-cpu estimate). */
static int read_statm(pid_t tid, struct sct_procinfo *pi)
{
	unsigned long long size, rss;
	char buf[256];

	if (!page_kb)
		page_kb = (unsigned long)sysconf(_SC_PAGESIZE) >> 10;
	if (sct_proc_file(tid, SCT_PF_STATM, buf, sizeof(buf)) <= 0 ||
	    sscanf(buf, "%llu %llu", &size, &rss) != 2)
		return -ENOENT;
	pi->vmsize_kb = (uint32_t)(size * page_kb);
	pi->vmrss_kb = (uint32_t)(rss * page_kb);
	return 0;
}

int sct_proc_read_mem(pid_t tid, struct sct_procinfo *pi)
{
	int r = read_stat(tid, pi);

	return r < 0 ? r : read_status(tid, pi);
}

int sct_proc_read_task(pid_t tid, struct sct_procinfo *pi)
{
	int r = read_stat(tid, pi);

	if (r < 0)
		return r;
	read_statm(tid, pi);
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
	return read_file(path, buf, size);
}

int sct_proc_read_more(pid_t tid, struct sct_procinfo *pi, unsigned what)
{
	char path[64];
	char buf[SCT_PROC_LIST_MAX * 2];
	struct rlimit rl;
	ssize_t n;

	if (what & SCT_PI_STATUS)
		read_status(tid, pi);
	else if (what & SCT_PI_VM)
		read_statm(tid, pi);
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
	    sct_proc_file(tid, SCT_PF_CGROUP, buf, sizeof(buf)) > 0)
		parse_cgroup(buf, pi);
	if ((what & SCT_PI_FDLIMIT) &&
	    prlimit((pid_t)pi->pid, RLIMIT_NOFILE, NULL, &rl) == 0)
		pi->fdlimit = rl.rlim_cur == RLIM_INFINITY ? UINT64_MAX :
			      rl.rlim_cur;
	return 0;
}

int sct_proc_read_thread(pid_t tid, struct sct_procinfo *pi)
{
	int r;

	pi->tid = pi->vtid = tid;
	pi->vpid = pi->pid;
	r = sct_proc_read_mem(tid, pi);
	if (r < 0)
		return r;
	/* a thread may have a fs of its own (unshare(CLONE_FS)) */
	pi->cwd[0] = pi->root[0] = 0;
	return sct_proc_read_more(tid, pi, SCT_PI_CWD | SCT_PI_EXEPATH);
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
	if (!page_kb)
		page_kb = (unsigned long)sysconf(_SC_PAGESIZE) >> 10;
}

int sct_proc_read(pid_t tid, struct sct_procinfo *pi, unsigned what)
{
	int r;

	memset(pi, 0, offsetof(struct sct_procinfo, exe));
	pi->exe[0] = pi->exepath[0] = pi->cwd[0] = pi->root[0] = 0;
	pi->args_len = pi->env_len = pi->cgroups_len = 0;
	pi->fdlimit = pi->flags = 0;
	pi->uid = pi->gid = pi->loginuid = UINT32_MAX;
	pi->vmsize_kb = pi->vmrss_kb = pi->vmswap_kb = 0;
	pi->pfmajor = pi->pfminor = 0;
	pi->tty = 0;
	pi->exe_writable = 0;
	pi->tid = pi->vtid = tid;
	pi->pid = pi->vpid = tid;

	r = read_stat(tid, pi);
	if (r < 0)
		return r;
	if (pi->kthread) {
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
		return sct_proc_read_more(tid, pi, what & (SCT_PI_CGROUPS |
							   SCT_PI_FDLIMIT));
	}
	if (what & SCT_PI_STATUS) {
		r = read_status(tid, pi);
		if (r < 0)
			return r;
	}
	/* status has the sizes statm would give */
	return sct_proc_read_more(tid, pi, what & ~(SCT_PI_STATUS |
			(what & SCT_PI_STATUS ? SCT_PI_VM : 0)));
}

void sct_proc_comm(pid_t tid, char *dst, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/comm", tid);
	if (read_file(path, dst, size) <= 0)
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

/* ---- fds ---- */

struct sock_entry {
	uint64_t ino;
	uint8_t sip[16], dip[16];
	uint16_t sport, dport;
	uint8_t type;		/* IPV4/6 SOCK or SERVSOCK */
	uint8_t l4proto;
};

struct sock_table {
	struct sock_entry *e;
	size_t n, cap;
};

static void parse_hex_addr(const char *s, uint8_t *out, int v6)
{
	unsigned i, words = v6 ? 4 : 1;

	/* /proc/net prints each 32-bit word in host order */
	for (i = 0; i < words; i++) {
		char w[9];
		uint32_t v;

		memcpy(w, s + 8 * i, 8);
		w[8] = 0;
		v = (uint32_t)strtoul(w, NULL, 16);
		memcpy(out + 4 * i, &v, 4);
	}
}

static void load_inet(struct sock_table *t, pid_t pid, const char *file,
		      int v6, uint8_t l4)
{
	char path[64], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/%s", pid, file);
	f = fopen(path, "re");
	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char la[40], ra[40];
		unsigned lp, rp, st;
		unsigned long long ino;
		struct sock_entry *e;

		if (sscanf(line,
			   " %*u: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x %*x:%*x %*x:%*x %*x %*u %*u %llu",
			   la, &lp, ra, &rp, &st, &ino) != 6 || !ino)
			continue;
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 64;
			void *p = realloc(t->e, cap * sizeof(*t->e));

			if (!p)
				break;
			t->e = p;
			t->cap = cap;
		}
		e = &t->e[t->n++];
		memset(e, 0, sizeof(*e));
		e->ino = ino;
		parse_hex_addr(la, e->sip, v6);
		parse_hex_addr(ra, e->dip, v6);
		e->sport = (uint16_t)lp;
		e->dport = (uint16_t)rp;
		e->l4proto = l4;
		/* TCP_LISTEN is 10; unconnected UDP has no remote port */
		if ((l4 == 2 && st == 10) || (l4 == 3 && rp == 0))
			e->type = v6 ? SCT_FD_IPV6_SERVSOCK :
				       SCT_FD_IPV4_SERVSOCK;
		else
			e->type = v6 ? SCT_FD_IPV6_SOCK : SCT_FD_IPV4_SOCK;
	}
	fclose(f);
}

static const struct sock_entry *find_sock(const struct sock_table *t,
					  uint64_t ino)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->e[i].ino == ino)
			return &t->e[i];
	return NULL;
}

/* Unix socket path by inode from /proc/PID/net/unix. */
static int unix_path(pid_t pid, uint64_t ino, char *dst, size_t size)
{
	char path[64], line[4096 + 128];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/net/unix", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long i;
		int off = 0;

		if (sscanf(line, "%*s %*s %*s %*s %*s %*s %llu %n", &i,
			   &off) >= 1 && i == ino) {
			char *p = line + off;

			p[strcspn(p, "\n")] = 0;
			snprintf(dst, size, "%s", p);
			found = 1;
			break;
		}
	}
	fclose(f);
	return found;
}

static const struct {
	const char *name;
	uint8_t type;
} anon_types[] = {
	{ "anon_inode:[eventfd]", SCT_FD_EVENT },
	{ "anon_inode:[signalfd]", SCT_FD_SIGNALFD },
	{ "anon_inode:[eventpoll]", SCT_FD_EVENTPOLL },
	{ "anon_inode:inotify", SCT_FD_INOTIFY },
	{ "anon_inode:[timerfd]", SCT_FD_TIMERFD },
};

static uint32_t fdinfo_flags(pid_t pid, int fd)
{
	char path[64], buf[512];
	const char *p;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (read_file(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strstr(buf, "flags:");
	return p ? (uint32_t)strtoul(p + 6, NULL, 8) : 0;
}

int sct_proc_fds(pid_t pid, int skip_cloexec, sct_fd_cb cb, void *arg)
{
	struct sock_table socks = { 0 };
	int socks_loaded = 0, count = 0;
	struct sct_fdinfo fi;
	char path[64];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char link[80];
		struct stat st;
		uint32_t flags;
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		ssize_t n;
		size_t i;

		if (*end || fd < 0)
			continue;
		flags = fdinfo_flags(pid, (int)fd);
		if (skip_cloexec && (flags & O_CLOEXEC))
			continue;
		memset(&fi, 0, offsetof(struct sct_fdinfo, name));
		fi.fd = fd;
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", pid, fd);
		n = readlink(link, fi.name, sizeof(fi.name) - 1);
		if (n < 0)
			continue;
		fi.name[n] = 0;
		fi.name_len = (size_t)n;
		if (stat(link, &st) == 0)
			fi.ino = st.st_ino;
		else
			memset(&st, 0, sizeof(st));

		if (!strncmp(fi.name, "socket:[", 8)) {
			const struct sock_entry *se;

			fi.ino = strtoull(fi.name + 8, NULL, 10);
			if (!socks_loaded) {
				load_inet(&socks, pid, "tcp", 0, 2);
				load_inet(&socks, pid, "udp", 0, 3);
				load_inet(&socks, pid, "tcp6", 1, 2);
				load_inet(&socks, pid, "udp6", 1, 3);
				load_inet(&socks, pid, "raw", 0, 5);
				socks_loaded = 1;
			}
			se = find_sock(&socks, fi.ino);
			if (se) {
				fi.type = se->type;
				memcpy(fi.sip, se->sip, 16);
				memcpy(fi.dip, se->dip, 16);
				fi.sport = se->sport;
				fi.dport = se->dport;
				fi.l4proto = se->l4proto;
			} else {
				fi.type = SCT_FD_UNIX_SOCK;
				fi.usrc = fi.ino;
				if (!unix_path(pid, fi.ino, fi.name,
					       sizeof(fi.name)))
					fi.name[0] = 0;
				fi.name_len = strlen(fi.name);
			}
		} else if (!strncmp(fi.name, "pipe:[", 6)) {
			fi.type = SCT_FD_FIFO;
		} else if (!strncmp(fi.name, "anon_inode:", 11)) {
			fi.type = SCT_FD_UNSUPPORTED;
			for (i = 0; i < sizeof(anon_types) / sizeof(anon_types[0]); i++)
				if (!strcmp(fi.name, anon_types[i].name))
					fi.type = anon_types[i].type;
		} else if (S_ISDIR(st.st_mode)) {
			fi.type = SCT_FD_DIRECTORY;
		} else if (S_ISFIFO(st.st_mode)) {
			fi.type = SCT_FD_FIFO;
		} else if (fi.name[0] == '/') {
			fi.type = SCT_FD_FILE_V2;
			fi.open_flags = sct_ppm_open_flags(flags);
			fi.dev = sct_encode_dev(st.st_dev);
		} else {
			fi.type = SCT_FD_UNSUPPORTED;
		}
		cb(&fi, arg);
		count++;
	}
	closedir(d);
	free(socks.e);
	return count;
}
