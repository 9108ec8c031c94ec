/* SPDX-License-Identifier: GPL-2.0-or-later */
/* MI, UL, PL and FDL blocks from /proc and the system's user databases. */
#include "config.h"
#include "snapshot.h"
#include "buf.h"
#include "log.h"
#include "proc.h"
#include "writer.h"

#include <dirent.h>
#include <grp.h>
#include <pwd.h>
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

static void write_mi(struct sct_writer *w)
{
	struct sct_machine m = { 0 };
	struct sct_buf b = { 0 };
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
	sct_writer_block(w, SCT_BLOCK_MI, b.p, b.len);
	sct_buf_free(&b);
}

static void write_ul(struct sct_writer *w)
{
	struct sct_buf b = { 0 };
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
	sct_writer_block(w, SCT_BLOCK_UL_V2, b.p, b.len);
	sct_buf_free(&b);
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

static void pidset_add(struct pidset *s, pid_t pid)
{
	if (s->n == s->cap) {
		unsigned cap = s->cap ? s->cap * 2 : 256;
		pid_t *p = realloc(s->p, cap * sizeof(*p));

		if (!p)
			sct_die("out of memory");
		s->p = p;
		s->cap = cap;
	}
	s->p[s->n++] = pid;
}

static void write_pl(struct sct_writer *w, struct sct_procinfo *pi,
		     struct pidset *written)
{
	struct sct_buf b = { 0 };
	struct dirent *de;
	DIR *proc = opendir("/proc");

	if (!proc)
		sct_die("cannot read /proc: is it mounted?");
	while ((de = readdir(proc))) {
		char path[64];
		struct dirent *te;
		DIR *task;
		long pid = numeric(de->d_name);

		if (pid < 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/task", pid);
		task = opendir(path);
		if (!task)
			continue;	/* gone while we looked */
		while ((te = readdir(task))) {
			long tid = numeric(te->d_name);

			if (tid < 0 || sct_proc_read((pid_t)tid, pi, SCT_PI_ALL))
				continue;
			sct_pl_entry(&b, pi);
			if (tid == pid)
				pidset_add(written, (pid_t)pid);
		}
		closedir(task);
	}
	closedir(proc);
	sct_writer_block(w, SCT_BLOCK_PL_V9, b.p, b.len);
	sct_buf_free(&b);
}

static void add_fd(const struct sct_fdinfo *fi, void *arg)
{
	sct_fdl_entry(arg, fi);
}

static void write_fdl(struct sct_writer *w, pid_t pid, bool skip_cloexec)
{
	struct sct_buf b = { 0 };

	sct_buf_u64(&b, (uint64_t)pid);
	if (sct_proc_fds(pid, skip_cloexec, add_fd, &b) >= 0)
		sct_writer_block(w, SCT_BLOCK_FDL_V2, b.p, b.len);
	sct_buf_free(&b);
}

static bool listed(const pid_t *pids, unsigned n, pid_t pid)
{
	unsigned i;

	for (i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

void sct_snapshot_write(struct sct_writer *w, const pid_t *pids, unsigned n,
			bool last_launched)
{
	struct sct_procinfo *pi = malloc(sizeof(*pi));
	unsigned i;

	if (!pi)
		sct_die("out of memory");
	struct pidset written = { 0 };

	sct_writer_shb(w);
	write_mi(w);
	write_ul(w);
	write_pl(w, pi, &written);
	/* every process in the PL (traced ones first), where we may read it */
	for (i = 0; i < n; i++)
		if (listed(written.p, written.n, pids[i]))
			write_fdl(w, pids[i], last_launched && i == n - 1);
	for (i = 0; i < written.n; i++)
		if (!listed(pids, n, written.p[i]))
			write_fdl(w, written.p[i], false);
	free(written.p);
	free(pi);
}
