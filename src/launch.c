/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Starting to trace: launch a command under ptrace, or seize every thread
 * of a running process, and say why that failed (Yama, another tracer).
 */
#include "config.h"
#include "launch.h"
#include "log.h"
#include "mem.h"
#include "proc.h"
#include "run.h"
#include "seccomp_filter.h"
#include "thread.h"
#include "tracer.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEIZE_OPTS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |	\
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |		\
		    PTRACE_O_TRACEEXEC)

pid_t sct_launch(struct sct_run *r)
{
	const struct sct_options *o = r->o;
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		sct_warn("fork: %s", strerror(errno));
		return -errno;
	}
	if (pid == 0) {
		/* The capture owns stdout: the command writes to stderr. */
		if (o->stdout_capture)
			dup2(STDERR_FILENO, STDOUT_FILENO);
		/* Wait, stopped, until the parent has seized us. */
		kill(getpid(), SIGSTOP);
		if (o->seccomp) {
			int e = sct_seccomp_load(o->seccomp);

			if (e < 0) {
				fprintf(stderr, "sctrace: seccomp: cannot load "
					"the filter: %s (try --no-seccomp)\n",
					strerror(-e));
				_exit(127);
			}
		}
		execv(o->cmd_path, o->argv);
		fprintf(stderr, "sctrace: cannot run %s: %s\n", o->argv[0],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, WSTOPPED) < 0 || !WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		sct_warn("the command did not start");
		return -ECHILD;
	}
	/* EXITKILL: if sctrace dies, what it launched does not run on untraced */
	if (ptrace(PTRACE_SEIZE, pid, 0, SEIZE_OPTS | PTRACE_O_EXITKILL |
		   (o->seccomp ? PTRACE_O_TRACESECCOMP : 0)) < 0) {
		int e = errno;

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		sct_warn("cannot trace: ptrace(PTRACE_SEIZE): %s%s", strerror(e),
			 e == EPERM ? " (ptrace is forbidden here: check the "
				      "seccomp/container policy and "
				      "/proc/sys/kernel/yama/ptrace_scope)" :
				      "");
		return -e;
	}
	r->main_pid = pid;
	sct_thread_add(&r->threads, pid, NULL)->g->seccomp = o->seccomp != NULL;
	return pid;
}

static pid_t tracer_of(pid_t pid)
{
	return sct_proc_tracer(pid);
}

static int yama_scope(void)
{
	FILE *f = fopen("/proc/sys/kernel/yama/ptrace_scope", "re");
	int v = -1;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* Why attaching to pid failed, as one line. */
static void attach_error(pid_t pid, int e)
{
	pid_t tracer;
	int scope;

	if (e == ESRCH) {
		sct_warn("attach %d: no such process", pid);
		return;
	}
	if (e == EPERM && (tracer = tracer_of(pid)) > 0) {
		sct_warn("attach %d: already traced by process %d", pid, tracer);
		return;
	}
	scope = yama_scope();
	if (e == EPERM && scope >= 1 && getuid() != 0) {
		sct_warn("attach %d: not permitted: Yama ptrace_scope is %d; "
			 "run as root, give sctrace CAP_SYS_PTRACE, or set "
			 "/proc/sys/kernel/yama/ptrace_scope to 0", pid, scope);
		return;
	}
	if (e == EPERM) {
		sct_warn("attach %d: not permitted (another user's process, or "
			 "ptrace forbidden by the container or seccomp policy)",
			 pid);
		return;
	}
	sct_warn("attach %d: %s", pid, strerror(e));
}

/*
 * Seize every thread of process pid.  Threads may appear while we attach:
 * rescan /proc/PID/task until a pass finds no new one (new threads of an
 * already seized thread are auto-attached and found by waitpid).
 */
int sct_attach(struct sct_run *r, pid_t pid)
{
	struct sct_group *g = NULL;
	bool found_new = true;
	char path[64];

	if (pid == getpid()) {
		sct_warn("attach %d: sctrace cannot trace itself", pid);
		return -EINVAL;
	}
	if (sct_thread_find(&r->threads, pid)) {
		sct_warn("attach %d: given twice", pid);
		return -EINVAL;
	}
	snprintf(path, sizeof(path), "/proc/%d/task", pid);
	while (found_new) {
		struct dirent *de;
		DIR *d = opendir(path);

		if (!d) {
			if (!g) {
				attach_error(pid, ESRCH);
				return -ESRCH;
			}
			break;
		}
		found_new = false;
		while ((de = readdir(d))) {
			pid_t tid = (pid_t)atoi(de->d_name);
			struct sct_thread *t;

			if (tid <= 0 || sct_thread_find(&r->threads, tid))
				continue;
			if (ptrace(PTRACE_SEIZE, tid, 0, SEIZE_OPTS) < 0) {
				int e = errno;
				pid_t other = tracer_of(tid);

				/* gone, or auto-attached by us already: fine */
				if (g && (e == ESRCH || !other ||
					  other == getpid()))
					continue;
				closedir(d);
				if (g && other)
					sct_warn("attach %d: thread %d is already "
						 "traced by process %d", pid, tid,
						 other);
				else
					attach_error(pid, e);
				return -e;
			}
			if (!g) {
				g = sct_group_new(pid);
				g->attached = true;
				g->uffd = sct_mem_has_uffd(pid);
			}
			t = sct_thread_add(&r->threads, tid, g);
			t->seized = true;
			ptrace(PTRACE_INTERRUPT, tid, 0, 0);
			found_new = true;
		}
		closedir(d);
	}
	return 0;
}
