/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Starting to trace: launch a command under ptrace, or seize every thread
 * of a running process, and say why that failed (Yama, another tracer).
 */
#include "config.h"
#include "launch.h"
#include "buffer.h"
#include "log.h"
#include "mem.h"
#include "proc.h"
#include "run.h"
#include "seccomp_filter.h"
#include "thread.h"
#include "tracer.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SEIZE_OPTS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |	\
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |		\
		    PTRACE_O_TRACEEXEC)

/*
 * LD_PRELOAD for the command: what it had, then the in-process recorder.
 * Last: a library the user preloads to wrap read() and co. wraps the
 * recorder's too (the recorder makes the syscall, not the call on), and
 * a runtime that must come first stays first.  (The captured
 * environments leave the recorder out: proc.h.)
 */
static int preload_env(const char *lib)
{
	const char *old = getenv("LD_PRELOAD");
	size_t n = strlen(lib) + (old ? strlen(old) + 1 : 0) + 1;
	char *v = malloc(n);

	if (!v)
		return -ENOMEM;
	snprintf(v, n, "%s%s%s", old ? old : "", old ? ":" : "", lib);
	if (setenv("LD_PRELOAD", v, 1) < 0)
		return -errno;
	free(v);
	return 0;
}

pid_t sct_launch(struct sct_run *r)
{
	const struct sct_options *o = r->o;
	pid_t pid, parent = getpid();
	struct sct_thread *t;
	int status, err_pipe[2];

	/* a failed exec's errno comes back here (closed by a good exec) */
	if (pipe2(err_pipe, O_CLOEXEC) < 0) {
		sct_warn("pipe: %s", strerror(errno));
		return -errno;
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		int e = errno;

		close(err_pipe[0]);
		close(err_pipe[1]);
		sct_warn("fork: %s", strerror(e));
		return -e;
	}
	if (pid == 0) {
		int exec_err;

		/* The capture owns stdout: the command writes to stderr. */
		if (o->stdout_capture)
			dup2(STDERR_FILENO, STDOUT_FILENO);
		/*
		 * Until seized with EXITKILL, sctrace's death (even SIGKILL)
		 * must end us too, not leave us stopped: PDEATHSIG, and the
		 * check for a parent already gone before it was set.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    getppid() != parent)
			_exit(127);
		/* Wait, stopped, until the parent has seized us. */
		kill(getpid(), SIGSTOP);
		/*
		 * Seized (these calls are not recorded: t->prelude).  The
		 * command runs as it would untraced: no PDEATHSIG (it must
		 * outlive a detach), the signal mask sctrace was given.
		 */
		prctl(PR_SET_PDEATHSIG, 0);
		sigprocmask(SIG_SETMASK, &r->orig_mask, NULL);
		if (o->seccomp) {
			int e = sct_seccomp_load(o->seccomp);

			if (e < 0) {
				fprintf(stderr, "sctrace: seccomp: cannot load "
					"the filter: %s (try %s)\n",
					strerror(-e), o->buffer ?
					"--no-syscall-buffer" : "--no-seccomp");
				_exit(127);
			}
		}
		/* the recorder, after what the command preloads */
		if (o->buffer && preload_env(sct_buffer_library()) < 0)
			_exit(127);
		execv(o->cmd_path, o->argv);
		/* the parent says why (sct_launch_failed) */
		exec_err = errno;
		if (write(err_pipe[1], &exec_err, sizeof(exec_err)) < 0)
			_exit(127);	/* (the parent then says nothing) */
		_exit(127);
	}
	close(err_pipe[1]);
	r->exec_err_fd = err_pipe[0];
	if (waitpid(pid, &status, WSTOPPED) < 0 || !WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		sct_warn("the command did not start");
		return -ECHILD;
	}
	/* EXITKILL: if sctrace dies, what it launched does not run on untraced */
	if (ptrace(PTRACE_SEIZE, pid, 0, SEIZE_OPTS | PTRACE_O_EXITKILL |
		   (o->seccomp ? PTRACE_O_TRACESECCOMP : 0)) < 0) {
		int e = errno;
		/* (before it dies: its tracer, if it has one already) */
		pid_t tracer = sct_proc_tracer(pid);

		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (e == EPERM && tracer > 0)
			sct_warn("cannot trace: the command is already traced by "
				 "process %d (sctrace runs under a tracer that "
				 "follows children)", tracer);
		else
			sct_warn("cannot trace: ptrace(PTRACE_SEIZE): %s%s",
				 strerror(e), e == EPERM ?
				 " (ptrace is forbidden here: check the "
				 "seccomp/container policy and "
				 "/proc/sys/kernel/yama/ptrace_scope)" : "");
		return -e;
	}
	r->main_pid = pid;
	t = sct_thread_add(&r->threads, pid, NULL);
	t->g->seccomp = o->seccomp != NULL;
	t->prelude = true;
	return pid;
}

int sct_launch_failed(struct sct_run *r)
{
	const struct sct_options *o = r->o;
	struct stat st;
	int e = 0;

	if (r->exec_err_fd < 0)
		return 0;
	if (read(r->exec_err_fd, &e, sizeof(e)) != sizeof(e))
		e = 0;
	close(r->exec_err_fd);
	r->exec_err_fd = -1;
	if (!e)
		return 0;
	/* as bash says it; only a command gone since it was found is 127 */
	if (e == ENOENT && stat(o->cmd_path, &st) < 0) {
		sct_warn("%s: command not found", o->argv[0]);
		return 127;
	}
	if (e == ENOENT)
		sct_warn("%s: cannot execute: required file not found (its "
			 "interpreter or loader)", o->argv[0]);
	else
		sct_warn("%s: cannot execute: %s", o->argv[0], strerror(e));
	return 126;
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

/* What a refused attach can be told by: the target's state and ids. */
struct target {
	char state;		/* of /proc/PID/stat, 0 if unknown */
	bool kthread;
	bool known;		/* its status could be read */
	uint32_t euid;
};

static void target_of(pid_t pid, struct target *tg)
{
	struct sct_procinfo *pi = calloc(1, sizeof(*pi));
	char path[64], buf[512];
	const char *p;

	memset(tg, 0, sizeof(*tg));
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (sct_proc_text(path, buf, sizeof(buf)) > 0 &&
	    (p = strrchr(buf, ')')) && p[1] == ' ')
		tg->state = p[2];
	if (pi && sct_proc_read(pid, pi, SCT_PI_NEW | SCT_PI_STATUS) == 0) {
		tg->known = true;
		tg->kthread = pi->kthread;
		tg->euid = pi->uid;
	}
	free(pi);
}

/* Does sctrace hold CAP_SYS_PTRACE (in its effective set)? */
static bool can_ptrace_any(void)
{
	char buf[2048];
	const char *p;

	if (sct_proc_text("/proc/self/status", buf, sizeof(buf)) <= 0 ||
	    !(p = strstr(buf, "CapEff:")))
		return geteuid() == 0;
	return strtoull(p + 7, NULL, 16) & (1ull << 19);	/* CAP_SYS_PTRACE */
}

/* Why attaching to pid failed, as one line. */
static void attach_error(pid_t pid, int e)
{
	struct target tg;
	pid_t tracer;
	int scope;

	if (e == ESRCH) {
		sct_warn("attach %d: no such process", pid);
		return;
	}
	if (e != EPERM) {
		sct_warn("attach %d: %s", pid, strerror(e));
		return;
	}
	if ((tracer = tracer_of(pid)) > 0) {
		sct_warn("attach %d: already traced by process %d", pid, tracer);
		return;
	}
	target_of(pid, &tg);
	if (tg.state == 'Z' || tg.state == 'X') {
		sct_warn("attach %d: the process has exited (a zombie, not yet "
			 "reaped by its parent): nothing to trace", pid);
		return;
	}
	if (tg.kthread) {
		sct_warn("attach %d: a kernel thread: it has no user space to "
			 "trace", pid);
		return;
	}
	scope = yama_scope();
	if (scope >= 1 && !can_ptrace_any()) {
		sct_warn("attach %d: not permitted: Yama ptrace_scope is %d; "
			 "run as root, give sctrace CAP_SYS_PTRACE, or set "
			 "/proc/sys/kernel/yama/ptrace_scope to 0", pid, scope);
		return;
	}
	if (!can_ptrace_any() && tg.known && tg.euid != geteuid()) {
		sct_warn("attach %d: not permitted: another user's process "
			 "(uid %u); run sctrace as that user or as root", pid,
			 tg.euid);
		return;
	}
	if (!can_ptrace_any()) {
		sct_warn("attach %d: not permitted: the process is not "
			 "dumpable or holds privileges sctrace lacks (a set-uid "
			 "or file-capability program), or ptrace is forbidden "
			 "by the container or seccomp policy", pid);
		return;
	}
	sct_warn("attach %d: not permitted, although sctrace has "
		 "CAP_SYS_PTRACE: the kernel's security policy protects this "
		 "process (an LSM, or the container or seccomp policy)", pid);
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
