/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MI, UL, PL and FDL blocks from /proc and the system's user databases. */
#include "config.h"
#include "snapshot.h"
#include "buf.h"
#include "log.h"
#include "proc.h"
#include "procfd.h"
#include "writer.h"

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <time.h>
#include <unistd.h>

static unsigned ncpus;

void sct_snapshot_init(void)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);

	ncpus = n > 0 ? (unsigned)n : 1;
}

unsigned sct_snapshot_ncpus(void)
{
	if (!ncpus)
		sct_snapshot_init();
	return ncpus;
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Buffers filled in the snapshot thread report a lack of memory in err. */
#define SOFT_BUF { .soft = true }

static int write_mi(struct sct_writer *w)
{
	struct sct_machine m = { 0 };
	struct sct_buf b = SOFT_BUF;
	int err;
	struct sysinfo si;
	FILE *f;

	m.num_cpus = sct_snapshot_ncpus();
	if (sysinfo(&si) == 0)
		m.memory_bytes = (uint64_t)si.totalram * si.mem_unit;
	f = fopen("/proc/sys/kernel/pid_max", "re");
	if (f) {
		unsigned long long v;

		if (fscanf(f, "%llu", &v) == 1)
			m.max_pid = v;
		fclose(f);
	}
	gethostname(m.hostname, sizeof(m.hostname) - 1);
	m.boot_ts = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_BOOTTIME);
	sct_mi_body(&b, &m);
	err = b.err;
	if (!err)
		sct_writer_block(w, SCT_BLOCK_MI, b.p, b.len);
	sct_buf_free(&b);
	return err;
}

static int write_ul(struct sct_writer *w)
{
	struct sct_buf b = SOFT_BUF;
	int err;
	struct passwd *pw;
	struct group *gr;

	setpwent();
	while ((pw = getpwent()))
		sct_ul_user(&b, pw->pw_uid, pw->pw_gid, pw->pw_name,
			    pw->pw_dir ? pw->pw_dir : "",
			    pw->pw_shell ? pw->pw_shell : "");
	endpwent();
	setgrent();
	while ((gr = getgrent()))
		sct_ul_group(&b, gr->gr_gid, gr->gr_name);
	endgrent();
	err = b.err;
	if (!err)
		sct_writer_block(w, SCT_BLOCK_UL_V2, b.p, b.len);
	sct_buf_free(&b);
	return err;
}

static long numeric(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return *end || v <= 0 ? -1 : v;
}

/*
 * Processes written in the PL: an FDL naming a tid that is not there makes
 * sysdig 0.29 reject the whole file ("FD block references TID ...").
 */
struct pidset {
	pid_t *p;
	unsigned n, cap;
};

static int pidset_add(struct pidset *s, pid_t pid)
{
	if (s->n == s->cap) {
		unsigned cap = s->cap ? s->cap * 2 : 256;
		pid_t *p = realloc(s->p, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		s->p = p;
		s->cap = cap;
	}
	s->p[s->n++] = pid;
	return 0;
}

/* A thread of a process whose leader pi holds: what is its own. */
#define SIBLING	(SCT_PI_SIBLING | SCT_PI_STAT | SCT_PI_STATUS | \
		 SCT_PI_CWD | SCT_PI_EXEPATH)

/*
 * The PL entries of every thread of process pid into b.  A non-leader
 * thread shares its leader's memory (argv, environ, exe), fd limit, login
 * uid and cgroups: those are copied, its own ids, name, counters, creds,
 * cwd and root are read.  Returns whether the leader could be read (and,
 * for a process not in the traced list, was not one we trace).
 */
static bool pl_process(struct sct_buf *b, struct sct_procinfo *pi,
		       long pid, bool traced)
{
	struct dirent *te;
	char path[64];
	bool leader = false;
	DIR *task;

	snprintf(path, sizeof(path), "/proc/%ld/task", pid);
	task = opendir(path);
	if (!task)
		return false;	/* gone while we looked */
	if (sct_proc_read((pid_t)pid, pi, SCT_PI_NEW | SCT_PI_ALL) == 0) {
		/*
		 * born traced since the start: its clone event tells of it.
		 * Dead and not yet reaped: no exe, cwd or fds left to tell,
		 * and no syscall to come; one of ours that died between our
		 * wait and its parent's has no TracerPid any more, and
		 * would otherwise stand nameless in the list.
		 */
		if (!traced && (pi->tracer == getpid() || pi->dead)) {
			closedir(task);
			return false;
		}
		sct_pl_entry(b, pi);
		leader = true;
	}
	while ((te = readdir(task))) {
		long tid = numeric(te->d_name);

		if (tid < 0 || tid == pid)
			continue;
		if (sct_proc_read((pid_t)tid, pi,
				  leader ? SIBLING : (SCT_PI_NEW | SCT_PI_ALL)))
			continue;
		sct_pl_entry(b, pi);
	}
	closedir(task);
	return leader;
}

static void add_fd(const struct sct_fdinfo *fi, void *arg)
{
	sct_fdl_entry(arg, fi);
}

static int write_fdl(struct sct_writer *w, pid_t pid, bool skip_cloexec)
{
	struct sct_buf b = SOFT_BUF;
	int err;

	sct_buf_u64(&b, (uint64_t)pid);
	if (sct_proc_fds(pid, skip_cloexec, add_fd, &b) >= 0 && !b.err)
		sct_writer_block(w, SCT_BLOCK_FDL_V2, b.p, b.len);
	err = b.err;
	sct_buf_free(&b);
	return err;
}

static bool listed(const pid_t *pids, unsigned n, pid_t pid)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/*
 * The system's part of the header, read in a thread of its own from the
 * start of the trace: MI, UL, and the PL entries and FDLs of every process
 * but the traced ones.  On a machine with many processes this takes tens
 * of milliseconds or more; the traced programs run meanwhile, their events
 * wait in the writer's buffer (sct_writer_hold).  The thread never ends the
 * process: it leaves its first error in err and what (a lack of memory, no
 * /proc), which the tracing thread reports when it joins it.
 */
struct sct_snapshot {
	pthread_t thread;
	bool started;
	pid_t *traced;
	unsigned ntraced;
	struct sct_writer head;		/* MI, UL */
	struct sct_buf pl;		/* entries of the other processes */
	struct sct_writer fdl;		/* their FDL blocks */
	/* filled by sct_snapshot_write: the traced processes' (those then) */
	struct sct_buf traced_pl;
	struct sct_writer traced_fdl;
	int err;			/* the thread's first error, -errno */
	const char *what;		/* what failed */
};

/* Keep the first error of the snapshot thread; true if err is one. */
static bool failed(struct sct_snapshot *sn, int err, const char *what)
{
	if (err && !sn->err) {
		sn->err = err;
		sn->what = what;
	}
	return err != 0;
}

static void others(struct sct_snapshot *sn)
{
	struct sct_procinfo *pi = malloc(sizeof(*pi));
	struct pidset written = { 0 };
	struct dirent *de;
	DIR *proc;
	unsigned i;

	if (failed(sn, pi ? 0 : -ENOMEM, "out of memory") ||
	    failed(sn, write_mi(&sn->head), "out of memory") ||
	    failed(sn, write_ul(&sn->head), "out of memory"))
		goto out;
	proc = opendir("/proc");
	if (!proc) {
		failed(sn, -errno, "cannot read /proc: is it mounted?");
		goto out;
	}
	sn->pl.soft = true;
	while ((de = readdir(proc))) {
		long pid = numeric(de->d_name);

		if (pid < 0 || listed(sn->traced, sn->ntraced, (pid_t)pid))
			continue;
		/* (a kernel thread has no fds) */
		if (pl_process(&sn->pl, pi, pid, false) && !pi->kthread &&
		    failed(sn, pidset_add(&written, (pid_t)pid),
			   "out of memory"))
			break;
	}
	closedir(proc);
	if (failed(sn, sn->pl.err, "out of memory"))
		goto out;
	/* every process in the PL, where we may read its fds */
	for (i = 0; i < written.n; i++)
		if (failed(sn, write_fdl(&sn->fdl, written.p[i], false),
			   "out of memory"))
			break;
out:
	free(written.p);
	free(pi);
}

static void *others_thread(void *arg)
{
	others(arg);
	return NULL;
}

struct sct_snapshot *sct_snapshot_start(const pid_t *traced, unsigned n)
{
	struct sct_snapshot *sn = calloc(1, sizeof(*sn));
	sigset_t all, old;

	if (!sn || !(sn->traced = calloc(n + 1, sizeof(pid_t))) ||
	    sct_writer_open_mem(&sn->head) || sct_writer_open_mem(&sn->fdl) ||
	    sct_writer_open_mem(&sn->traced_fdl))
		sct_die("out of memory");
	memcpy(sn->traced, traced, n * sizeof(pid_t));
	sn->ntraced = n;
	sct_snapshot_ncpus();
	sct_proc_init();	/* its one-time reads, before two threads use it */
	/* signals are for the tracing thread */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	sn->started = pthread_create(&sn->thread, NULL, others_thread, sn) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!sn->started)
		others(sn);	/* no thread: read it all now */
	return sn;
}

/* Before the first flush: the whole header in front of the first events. */
static void complete(struct sct_writer *w, void *arg)
{
	struct sct_snapshot *sn = arg;
	struct sct_writer h;

	if (sn->started)
		pthread_join(sn->thread, NULL);
	sn->started = false;
	if (sn->err)
		sct_die("%s", sn->what);
	if (sn->head.err || sn->fdl.err || sct_writer_open_mem(&h))
		sct_die("out of memory");
	sct_writer_shb(&h);
	sct_writer_raw(&h, sn->head.buf, sn->head.len);	/* MI, UL */
	sct_buf_bytes(&sn->traced_pl, sn->pl.p, sn->pl.len);
	sct_writer_block(&h, SCT_BLOCK_PL_V9, sn->traced_pl.p,
			 sn->traced_pl.len);
	sct_writer_raw(&h, sn->traced_fdl.buf, sn->traced_fdl.len);
	sct_writer_raw(&h, sn->fdl.buf, sn->fdl.len);
	if (h.err)
		sct_die("out of memory");
	sct_writer_prepend(w, h.buf, h.len);
	sct_writer_close(&h);
	sct_snapshot_free(sn);
}

void sct_snapshot_write(struct sct_writer *w, struct sct_snapshot *sn,
			const pid_t *pids, unsigned n, pid_t unexeced)
{
	struct sct_procinfo *pi = malloc(sizeof(*pi));
	unsigned i;

	if (!pi)
		sct_die("out of memory");
	for (i = 0; i < n; i++)
		if (pl_process(&sn->traced_pl, pi, pids[i], true) &&
		    write_fdl(&sn->traced_fdl, pids[i], pids[i] == unexeced))
			sct_die("out of memory");
	free(pi);
	sct_writer_hold(w, complete, sn);
}

void sct_snapshot_add(struct sct_snapshot *sn, const struct sct_procinfo *pi)
{
	sct_pl_entry(&sn->traced_pl, pi);
}

void sct_snapshot_free(struct sct_snapshot *sn)
{
	if (!sn)
		return;
	if (sn->started)
		pthread_join(sn->thread, NULL);
	sct_writer_close(&sn->head);
	sct_writer_close(&sn->fdl);
	sct_writer_close(&sn->traced_fdl);
	sct_buf_free(&sn->pl);
	sct_buf_free(&sn->traced_pl);
	free(sn->traced);
	free(sn);
}
