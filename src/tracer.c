/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ptrace stop loop.  Every traced thread is seized (PTRACE_SEIZE
 * semantics are inherited by auto-attached children); each stop is waited
 * for, turned into events by sysevent.c (syscall stops, a clone child's
 * first stop, a death), and the thread resumed; signals are passed on;
 * on SIGINT/SIGTERM/SIGHUP attached processes are detached.
 */
#include "config.h"
#include "tracer.h"
#include "fixup.h"
#include "launch.h"
#include "log.h"
#include "mem.h"
#include "ppm_flags.h"
#include "proc.h"
#include "recexec.h"
#include "run.h"
#include "seccomp_filter.h"
#include "buffer.h"
#include "ring.h"
#include "snapshot.h"
#include "stopwait.h"
#include "rotate.h"
#include "sysevent.h"
#include "thread.h"
#include "writer.h"

#include <sched.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open	434
#endif

/* the run (static: the signal handlers see it) */
static struct sct_run T;
/* the mask before sct_trace_hold_signals, if it was called */
static sigset_t held_from;
static bool held;

static struct sct_thread *find(pid_t tid)
{
	return sct_thread_find(&T.threads, tid);
}

static struct sct_thread *add(pid_t tid, struct sct_group *g)
{
	return sct_thread_add(&T.threads, tid, g);
}

static void drop(struct sct_thread *t)
{
	sct_recexec_forget(t);
	if (t->g->refs == 1)
		sct_recexec_done(t->g);	/* its process ends */
	sct_buffer_forget(&T, t);
	sct_thread_drop(&T.threads, t);
}

/*
 * Under our seccomp filter a syscall is announced by a seccomp stop, so
 * the thread runs with PTRACE_CONT and PTRACE_SYSCALL only until the exit
 * of a syscall it stopped for.
 */
static void resume(struct sct_thread *t, int sig)
{
	int req = t->g->seccomp && !t->in_syscall ? PTRACE_CONT :
						    PTRACE_SYSCALL;

	if (ptrace(req, t->tid, 0, sig) < 0 && errno != ESRCH)
		sct_warn("resuming %d: %s", t->tid, strerror(errno));
}

/*
 * Is ctid, just made by a clone whose syscall did not stop (the seccomp
 * filter left it out), a thread of its parent's process?  Only a process
 * (a thread-group leader) has a pidfd without PIDFD_THREAD.
 */
static bool new_thread(unsigned event, pid_t ctid)
{
	int fd;

	if (event != PTRACE_EVENT_CLONE)
		return false;	/* fork, vfork: a process */
	fd = (int)syscall(SYS_pidfd_open, ctid, 0);
	if (fd >= 0) {
		close(fd);
		return false;
	}
	return errno == EINVAL;
}

static void on_new_child(struct sct_thread *parent, unsigned event,
			 pid_t ctid)
{
	struct sct_clone_call cc;
	struct sct_thread *c = find(ctid);
	bool known = sct_sysevent_clone_of(parent, &cc), thread;

	if (known)
		thread = cc.flags & SCT_PPM_CL_CLONE_THREAD;
	else	/* no clone event to write: only which group it joins */
		thread = new_thread(event, ctid);
	if (!c) {
		c = add(ctid, thread ? parent->g : NULL);
	} else if (thread && c->g != parent->g) {
		sct_group_put(c->g);
		c->g = parent->g;
		c->g->refs++;
	}
	/* the filter is inherited; an attached process has none */
	c->g->seccomp = parent->g->seccomp;
	/* a copy of its parent's memory: its recorder's code too */
	if (c->g != parent->g) {
		c->g->lib_ip = parent->g->lib_ip;
		c->g->prog_key = parent->g->prog_key;
	}
	c->g->attached = parent->g->attached;
	/* (a fork copies userfaultfd ranges with UFFD_FEATURE_EVENT_FORK) */
	if (parent->g->uffd)
		c->g->uffd = true;
	c->arch = parent->arch;
	c->announced = true;
	/* last seen on its parent's cpu: no /proc read for a new thread */
	if (c->cpu < 0) {
		c->cpu = parent->cpu;
		c->cpu_ts = parent->cpu_ts;
	}
	if (known)
		sct_sysevent_clone_made(c, parent, &cc);
	if (T.interrupted && c->g->attached) {
		/* born while we detach: let it go, never traced further */
		if (c->held) {
			ptrace(PTRACE_DETACH, c->tid, 0, 0);
			drop(c);
		} else {
			c->detaching = true;
		}
		return;
	}
	if (c->held) {
		/* it stopped before we knew it: write its birth, let it go */
		c->held = false;
		if (c->child_pending)
			sct_sysevent_child(&T, c);
		resume(c, 0);
	}
}

/*
 * execve succeeded (its syscall may not have stopped: the seccomp filter
 * leaves out what the capture filter excludes); a non-leader that execs
 * takes over the leader's tid.
 */
static void on_exec(struct sct_thread *t, pid_t former)
{
	struct sct_thread *f;

	sct_recexec_execd(t, former != t->tid ? find(former) : NULL);
	/* a new program: its name and parent's facts are read when needed */
	t->comm[0] = 0;
	t->prelude = false;
	t->g->pinfo = false;
	/* a new address space: no userfaultfd range in it yet */
	t->g->uffd = false;
	/* nor a recorder (its records were written before this stop) */
	t->g->lib_ip = 0;
	t->g->lib_loading = T.o->buffer;
	t->g->lib_fd = -1;
	t->g->lib_lo = t->g->lib_hi = 0;
	sct_buffer_forget(&T, t);
	if (t->g->pid == T.main_pid)
		T.main_execd = true;
	sct_sysevent_exec(&T, t);
	if (former == t->tid || !(f = find(former)))
		return;
	t->arch = f->arch;
	t->se = f->se;
	memcpy(t->args, f->args, sizeof(t->args));
	t->in_syscall = f->in_syscall;
	/* the former tid is never reported again: it is gone */
	sct_sysevent_procexit(&T, f, 0);
	drop(f);
	/*
	 * The leader's last written enter is whatever it was doing: the
	 * execve exit will write an execve enter for its tid first.
	 */
	t->enter_written = false;
}

static void handle_stop(struct sct_thread *t, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	unsigned long msg = 0;
	bool doubt;

	sct_mem_stop(t->g->uffd);
	/* its vfork child has let go of its memory: record again */
	if (t->ring_paused && !t->ring_shared)
		sct_buffer_mode(t, SCT_RING_RECORD);
	if (sig == (SIGTRAP | 0x80)) {
		struct __ptrace_syscall_info si;

		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(si), &si) > 0) {
			/* under seccomp the seccomp stop was the entry */
			if (si.op == PTRACE_SYSCALL_INFO_ENTRY &&
			    !(t->g->seccomp && t->in_syscall)) {
				if (sct_buffer_own_call(&T, t, &si)) {
					t->own_call = true;
					resume(t, 0);
					return;
				}
				sct_sysevent_enter(&T, t, &si);
				sct_fixup_entry(t);
				sct_recexec_enter(&T, t);
			} else if (si.op == PTRACE_SYSCALL_INFO_EXIT &&
				   t->own_call) {
				if (t->own_exit)
					sct_buffer_own_exit(t, &si);
				t->own_call = t->own_exit = false;
				t->in_syscall = false;
			} else if (si.op == PTRACE_SYSCALL_INFO_EXIT) {
				sct_recexec_exit(t);
				sct_sysevent_exit(&T, t, &si);
			}
		}
		resume(t, 0);
		return;
	}
	switch (event) {
	case 0:
		/* signal-delivery-stop: deliver it unchanged */
		sct_buffer_signal(&T, t);
		sct_sysevent_signal(&T, t, sig);
		resume(t, sig);
		return;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		/*
		 * A vfork child runs in t's memory, t's recorder state
		 * included: before it is let go (on_new_child), t's ring
		 * records no more, until t stops again.  So does a process made
		 * with CLONE_VM but not CLONE_THREAD (a fork event when its
		 * exit signal is SIGCHLD): then for good.  Its flags are known
		 * when its clone stopped; if not, only a clone event is in
		 * doubt (a thread has a ring of its own: t records again).
		 */
		doubt = false;
		if (t->ring) {
			struct sct_clone_call cc;
			bool vm = event == PTRACE_EVENT_CLONE;

			if (sct_sysevent_clone_of(t, &cc) && cc.flags)
				vm = (cc.flags & SCT_PPM_CL_CLONE_VM) &&
				     !(cc.flags & SCT_PPM_CL_CLONE_THREAD);
			else
				doubt = vm && !t->ring_shared;
			if (vm && event != PTRACE_EVENT_VFORK)
				t->ring_shared = true;
			if (vm || event == PTRACE_EVENT_VFORK)
				sct_buffer_mode(t, SCT_RING_LIBC);
		}
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0) {
			struct sct_thread *c;

			on_new_child(t, event, (pid_t)msg);
			/* (a clone whose flags were not known: a thread after all) */
			c = find((pid_t)msg);
			if (doubt && c && c->g == t->g) {
				t->ring_shared = false;
				sct_buffer_mode(t, SCT_RING_RECORD);
			}
		}
		break;
	case PTRACE_EVENT_EXEC:
		sct_stopwait_exec(&T.wait, 0);
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0)
			on_exec(t, (pid_t)msg);
		break;
	case PTRACE_EVENT_SECCOMP: {
		struct __ptrace_syscall_info si;

		/* same layout as an entry: nr, args */
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(si), &si) > 0 &&
		    si.op == PTRACE_SYSCALL_INFO_SECCOMP) {
			/*
			 * The program's own filter stopped a call of the
			 * recorder's trampoline: made as without a tracer
			 * (ENOSYS), and recorded by the recorder, not here.
			 */
			if (si.seccomp.ret_data != SCT_SECCOMP_DATA &&
			    t->g->lib_ip &&
			    si.instruction_pointer == t->g->lib_ip) {
				sct_fixup_foreign(t);
				break;
			}
			/* the recorder's own: no exit stop unless wanted */
			if (sct_buffer_own_call(&T, t, &si)) {
				t->own_call = t->in_syscall = t->own_exit;
				break;
			}
			sct_sysevent_enter(&T, t, &si);
			/* the program's own filter's stop, or ours (fixup.h) */
			if (si.seccomp.ret_data != SCT_SECCOMP_DATA) {
				sct_fixup_foreign(t);
			} else {
				sct_fixup_entry(t);
				sct_recexec_enter(&T, t);
			}
		}
		break;
	}
	case PTRACE_EVENT_STOP:
		if (!t->started)
			break;	/* handled below */
		if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
		    sig == SIGTTOU) {
			/* group-stop: stay stopped until SIGCONT */
			if (ptrace(PTRACE_LISTEN, t->tid, 0, 0) < 0 &&
			    errno != ESRCH)
				sct_warn("listen %d: %s", t->tid,
					 strerror(errno));
			return;
		}
		break;
	default:
		break;
	}
	resume(t, 0);
}

/*
 * A thread's first stop.  A seized thread's is usually the stop that
 * PTRACE_INTERRUPT asked for, but not always: one that was entering a
 * fork, clone or exec (or had a signal coming) when seized reports that
 * event first, the interrupt's stop coming after it.  Such a stop is
 * handled as any other: a fork event missed would leave its child held
 * for ever (and the process waiting for it, and the tracer too).
 */
static void handle_first_stop(struct sct_thread *t, int status)
{
	t->started = true;
	sct_mem_stop(t->g->uffd);
	if (t->child_pending) {
		sct_sysevent_child(&T, t);
		resume(t, 0);
	} else if (t->tid != T.main_pid && !t->seized && !t->announced) {
		/* a child whose parent's clone event we have not seen yet */
		t->held = true;
		T.maybe_held = true;
	} else if (t->seized && (unsigned)status >> 16 != PTRACE_EVENT_STOP) {
		handle_stop(t, status);
	} else {
		resume(t, 0);
	}
}

/*
 * A thread being detached reached a stop: let it go, delivering the signal
 * it was stopped for, if any.  Nothing more is written for it.
 */
/*
 * The thread a fork, vfork or clone event stop of t has just made (added
 * to the table if its own first stop has not come yet), or NULL.
 */
static struct sct_thread *event_child(struct sct_thread *t, unsigned event)
{
	unsigned long msg;
	struct sct_thread *c;

	if ((event != PTRACE_EVENT_CLONE && event != PTRACE_EVENT_FORK &&
	     event != PTRACE_EVENT_VFORK) ||
	    ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) < 0)
		return NULL;
	c = find((pid_t)msg);
	return c ? c : add((pid_t)msg, NULL);
}

static void detach_stop(struct sct_thread *t, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	struct sct_thread *c;

	/* a thread or child born now is ours too: let it go at its stop */
	if ((c = event_child(t, event))) {
		if (c->held) {
			ptrace(PTRACE_DETACH, c->tid, 0, 0);
			drop(c);
		} else {
			c->detaching = true;
		}
	}
	/* at the exit of a failed exec: its own environment argument back */
	if (sig == (SIGTRAP | 0x80) && event == 0)
		sct_recexec_exit(t);
	if (sig == (SIGTRAP | 0x80) || event != 0 || !t->started)
		sig = 0;
	if (ptrace(PTRACE_DETACH, t->tid, 0, sig) < 0 && errno != ESRCH)
		sct_warn("detaching %d: %s", t->tid, strerror(errno));
	drop(t);
}

/* The value of "key\t<number>" in a /proc status text, or -1. */
static long status_num(const char *buf, const char *key)
{
	const char *p = strstr(buf, key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/*
 * A thread held at its first stop (handle_first_stop) waits for its
 * creator's clone event.  A creator killed (SIGKILL) between the clone
 * and that event stop never reports it: when a thread dies, a held one
 * whose creator (its process's leader, or its parent process) is no
 * longer traced is let go (detached if we are detaching), lest it wait
 * for ever, and the tracer with it.
 */
static void release_orphan(struct sct_thread *t, void *arg)
{
	bool *still_held = arg;
	char buf[2048];
	long tgid, ppid;

	if (!t->held)
		return;
	*still_held = true;
	if (sct_proc_file(t->tid, SCT_PF_STATUS, buf, sizeof(buf)) <= 0)
		return;
	tgid = status_num(buf, "\nTgid:");
	ppid = status_num(buf, "\nPPid:");
	if (find((pid_t)(tgid != t->tid ? tgid : ppid)))
		return;		/* its creator's event may still come */
	t->held = false;
	t->announced = true;
	if (T.interrupted || T.output_gone) {
		ptrace(PTRACE_DETACH, t->tid, 0, 0);
		drop(t);
		return;
	}
	resume(t, 0);
}

static void handle_death(pid_t pid, int status)
{
	struct sct_thread *t = find(pid);

	if (pid == T.main_pid) {
		T.main_status = status;
		T.main_done = true;
	}
	if (!t)
		return;
	sct_sysevent_death(&T, t, status);
	drop(t);
	/* (a walk of the whole table only while a thread may be held) */
	if (T.maybe_held) {
		bool still_held = false;

		sct_threads_for_each(&T.threads, release_orphan, &still_held);
		T.maybe_held = still_held;
	}
}

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	/* a signal from the terminal reaches the tracee by itself */
	if (T.main_pid > 0 && si->si_code <= 0 && si->si_pid != 0 &&
	    !T.interrupted)
		kill(T.main_pid, sig);
	T.interrupted++;
	/*
	 * If the signal came just before waitpid, nothing may wake it up for
	 * a long time: SIGALRM will.
	 */
	alarm(1);
}

/*
 * SIGALRM wakes waitpid up: after a signal (see on_signal), and each
 * second under -M, whose time is looked at each time round the loop.
 */
static void on_alarm(int sig)
{
	(void)sig;
	if (T.interrupted || (T.o->max_ns && !T.output_gone) ||
	    (T.o->rotate && T.o->rotate->max_ns) || T.o->live_status ||
	    T.rings)
		alarm(1);
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: waitpid returns */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sa.sa_flags = 0;
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

void sct_trace_hold_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	held = sigprocmask(SIG_BLOCK, &set, &held_from) == 0;
}

static void kill_unattached(struct sct_thread *t, void *arg)
{
	(void)arg;
	if (!t->g->attached)
		kill(t->tid, SIGKILL);
}

/* Second signal: end the launched processes (never attached ones). */
static void kill_launched(void)
{
	sct_threads_for_each(&T.threads, kill_unattached, NULL);
}

static void detach_one(struct sct_thread *t, void *arg)
{
	bool all = arg != NULL;

	if ((!all && !t->g->attached) || t->detaching || t->quiet)
		return;
	if (t->g->seccomp) {
		/*
		 * Our seccomp filter stays with it: untraced, its filtered
		 * syscalls would fail with ENOSYS.  It stays attached and is
		 * only resumed (quiet_stop).
		 */
		t->quiet = true;
		/* its recorder records no more: its calls run free */
		sct_buffer_mode(t, SCT_RING_FREE);
		if (t->held) {
			t->held = false;
			ptrace(PTRACE_CONT, t->tid, 0, 0);
		}
		return;
	}
	t->detaching = true;
	if (t->held) {
		/* sitting in its first stop: let it go now */
		ptrace(PTRACE_DETACH, t->tid, 0, 0);
		drop(t);
	} else if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) < 0 &&
		   errno != ESRCH) {
		sct_warn("interrupting %d: %s", t->tid, strerror(errno));
	}
}

/*
 * First signal: every thread of an attached process is interrupted, and
 * detached at the stop that follows, wherever it is (in a syscall, in a
 * group-stop, held).  The processes go on as if never traced.
 */
static void detach_attached(void)
{
	sct_threads_for_each(&T.threads, detach_one, NULL);
}

/*
 * Detaching takes a stop of each thread, and those come at once.  A thread
 * still in the table a second later is stuck by a race not foreseen: in a
 * ptrace-stop whose report was taken (it would wait for ever, and we with
 * it), or not ours any more, or gone without a word.  Each is let go or
 * forgotten: nothing is left stopped, and sctrace ends.
 */
/* Our pid as /proc names it (its pid namespace may not be ours). */
static long proc_self_pid(void)
{
	static long pid;
	char buf[32];
	ssize_t n;

	if (!pid) {
		n = readlink("/proc/self", buf, sizeof(buf) - 1);
		buf[n > 0 ? n : 0] = 0;
		pid = n > 0 ? strtol(buf, NULL, 10) : getpid();
	}
	return pid;
}

static void unstick(struct sct_thread *t, void *arg)
{
	char buf[2048];
	const char *st;
	long tracer;
	char state;

	(void)arg;
	/* a launched one is traced on (under our filter it must be) */
	if (!t->detaching && !t->g->attached && !(t->held && !T.main_pid))
		return;
	if (sct_proc_file(t->tid, SCT_PF_STATUS, buf, sizeof(buf)) <= 0) {
		drop(t);	/* gone */
		return;
	}
	tracer = status_num(buf, "\nTracerPid:");
	st = strstr(buf, "\nState:");
	if (tracer != proc_self_pid()) {
		drop(t);	/* not ours (any more) */
		return;
	}
	if (st && sscanf(st + 7, " %c", &state) == 1 && state == 't' &&
	    ptrace(PTRACE_DETACH, t->tid, 0, 0) == 0) {
		sct_debug("detach: %d was stuck in a stop, let go", t->tid);
		drop(t);
	}
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * The capture's reader has gone (EPIPE): nothing more can be recorded, so
 * stop slowing the programs down.  Every thread is detached (a launched
 * command runs on untraced; sctrace still waits for it), except those
 * under our seccomp filter, which are only resumed from now on.
 */
static void stop_tracing(void)
{
	static int all = 1;

	sct_warn("%s: tracing stopped, the traced programs run on", T.why);
	sct_threads_for_each(&T.threads, detach_one, &all);
}

/* A stop of a quiet thread: resume it, as if untraced; record nothing. */
static void quiet_stop(struct sct_thread *t, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	bool first = !t->started;
	struct sct_thread *c;

	t->started = true;
	t->in_syscall = false;
	if ((c = event_child(t, event))) {
		/* its child has its filter: quiet too */
		c->g->seccomp = t->g->seccomp;
		c->quiet = true;
		if (c->held) {
			c->held = false;
			ptrace(PTRACE_CONT, c->tid, 0, 0);
		}
	}
	if (event == PTRACE_EVENT_STOP && !first &&
	    (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	     sig == SIGTTOU)) {
		ptrace(PTRACE_LISTEN, t->tid, 0, 0);
		return;
	}
	if (sig == (SIGTRAP | 0x80) || event != 0 || first)
		sig = 0;
	if (ptrace(PTRACE_CONT, t->tid, 0, sig) < 0 && errno != ESRCH)
		sct_warn("resuming %d: %s", t->tid, strerror(errno));
}

/*
 * The launched command, detached when the output went: still our child,
 * its end is waited for (a second signal kills it, as when traced).
 */
static void wait_untraced_main(void)
{
	while (!T.main_done) {
		int status;
		pid_t pid;

		if (T.interrupted > 1)
			kill(T.main_pid, SIGKILL);
		pid = waitpid(T.main_pid, &status, 0);
		if (pid == T.main_pid &&
		    (WIFEXITED(status) || WIFSIGNALED(status))) {
			T.main_status = status;
			T.main_done = true;
		} else if (pid < 0 && errno != EINTR) {
			break;
		}
	}
}

static int cpus_to_run_on(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	return CPU_COUNT(&set);
}

static void count_group(struct sct_thread *t, void *arg)
{
	if (t->tid == t->g->pid)
		++*(unsigned *)arg;
}

/* -v on a terminal: what is being done, twice a second (see on_alarm) */
static void live_status(void)
{
	static uint64_t last;
	struct timespec ts;
	unsigned procs = 0;
	uint64_t now, bytes;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	if (now - last < 500000000ull)
		return;
	last = now;
	sct_threads_for_each(&T.threads, count_group, &procs);
	bytes = T.o->w ? T.o->w->nbytes + T.o->w->len : 0;
	sct_status("%llu events, %.1f MB written, %u processes (%u threads) "
		   "traced", (unsigned long long)T.st->events, bytes / 1e6,
		   procs, T.threads.n);
}

static void loop(void)
{
	bool killed = false, detached = false, gone = false;
	bool sweep_due = false;
	uint64_t detach_ns = 0;

	while (T.threads.n) {
		struct sct_thread *t;
		int status;
		pid_t pid;

		sct_sysevent_check_time(&T, 0);
		sct_sysevent_rotate(&T);
		if (T.o->live_status)
			live_status();
		if (T.output_gone && !gone) {
			stop_tracing();
			gone = true;
		}
		if (T.interrupted && !detached) {
			detach_attached();
			detached = true;
			detach_ns = mono_ns();
		}
		/* a second signal: stop waiting for the launched command */
		if (T.interrupted > 1 && !killed) {
			kill_launched();
			killed = true;
		}
		if (!T.threads.n)
			break;
		if (sweep_due) {
			/* only when no stop is waiting to be reported */
			sweep_due = false;
			pid = waitpid(-1, &status, __WALL | WNOHANG);
			if (pid == 0) {
				sct_threads_for_each(&T.threads, unstick, NULL);
				continue;
			}
		} else {
			pid = sct_stopwait_next(&T.wait, &status,
						&T.interrupted);
		}
		/* records made since: before this stop's events (buffer.h) */
		if (T.rings)
			sct_buffer_drain(&T);
		if (pid < 0) {
			if (errno == EINTR) {
				/* (SIGALRM each second while detaching) */
				sweep_due = detached &&
					    mono_ns() - detach_ns > 1000000000ull;
				continue;
			}
			if (errno == ECHILD)
				break;
			sct_die("waitpid: %s", strerror(errno));
		}
		T.st->stops++;
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			handle_death(pid, status);
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		t = find(pid);
		if (!t) {
			t = add(pid, NULL);	/* a child ahead of its parent */
			/* only attached processes left: it is one of theirs */
			if (detached && !T.main_pid)
				t->detaching = true;
			/* nothing is recorded any more: of a quiet one? */
			else if (gone && T.o->seccomp)
				t->quiet = true;
			else if (gone)
				t->detaching = true;
		}
		if (t->detaching)
			detach_stop(t, status);
		else if (t->quiet)
			quiet_stop(t, status);
		else if (!t->started)
			handle_first_stop(t, status);
		else
			handle_stop(t, status);
	}
}

int sct_trace_run(const struct sct_options *o, struct sct_stats *st)
{
	pid_t *pids = NULL;
	unsigned i, n = 0;
	int not_run = 0;
	pid_t pid = 0;

	memset(&T, 0, sizeof(T));
	if (held)
		T.orig_mask = held_from;
	else
		sigprocmask(SIG_SETMASK, NULL, &T.orig_mask);
	T.o = o;
	T.exec_err_fd = -1;
	T.st = st;
	pids = calloc(o->npids + 1, sizeof(*pids));
	if (!pids)
		sct_die("out of memory");
	sct_sysevent_init(&T);
	sct_stopwait_init(&T.wait, !o->no_spin && cpus_to_run_on() > 1,
			  (int)sysconf(_SC_NPROCESSORS_ONLN));
	sct_proc_cache_on();

	for (i = 0; i < o->npids; i++) {
		int r = sct_attach(&T, o->pids[i]);

		if (r < 0) {
			/* leave nothing stopped behind */
			T.interrupted = 1;
			detach_attached();
			loop();
			free(pids);
			sct_sysevent_fini(&T);
			sct_stopwait_fini(&T.wait);
			return r;
		}
		pids[n++] = o->pids[i];
	}
	if (o->argv) {
		pid = sct_launch(&T);
		if (pid < 0) {
			if (T.exec_err_fd >= 0)
				close(T.exec_err_fd);
			T.interrupted = 1;
			detach_attached();
			loop();
			free(pids);
			sct_sysevent_fini(&T);
			sct_stopwait_fini(&T.wait);
			return pid;
		}
		pids[n++] = pid;
	}
	install_signals();
	/*
	 * What was launched is seized with EXITKILL and the handlers are in
	 * place: a signal held since the start is handled now (passed on).
	 */
	sigprocmask(SIG_SETMASK, &T.orig_mask, NULL);
	sct_snapshot_init();
	/*
	 * The header blocks are written just before the first event, so that
	 * with a filter the process list shows the processes as they are
	 * then (after the exec that the filter may have left out).
	 */
	T.pids = pids;
	T.npids = n;
	if (o->w)
		T.snap = sct_snapshot_start(pids, n);
	/* The launched child waits in a job-control stop: let it go on. */
	if (pid > 0)
		kill(pid, SIGCONT);
	/* -M, -G, -v; rings to empty for a reader: see on_alarm */
	if (o->max_ns || (o->rotate && o->rotate->max_ns) || o->live_status ||
	    o->buffer)
		alarm(1);
	loop();
	sct_buffer_fini(&T);
	sct_status_clear();
	if (T.output_gone && T.main_pid > 0)
		wait_untraced_main();
	if (T.main_done && !T.main_execd)
		not_run = sct_launch_failed(&T);
	if (T.exec_err_fd >= 0)
		close(T.exec_err_fd);
	if (not_run && !o->npids) {
		/* nothing ran: the caller keeps no capture */
		st->exec_failed = true;
		sct_snapshot_free(T.snap);
		free(pids);
		sct_sysevent_fini(&T);
		return not_run;
	}
	if (o->w && !o->w->nevents)
		sct_sysevent_no_events(&T);
	sct_snapshot_free(T.snap);
	free(pids);
	sct_sysevent_fini(&T);
	st->polled = T.wait.polled;
	st->slept = T.wait.slept;
	st->pauses = T.wait.pauses;
	st->exec_quiets = T.wait.exec_quiets;
	sct_stopwait_fini(&T.wait);
	if (!o->argv)
		return 0;
	if (not_run)
		return not_run;
	if (!T.main_done)
		return T.interrupted ? 128 + SIGINT : 1;
	if (WIFSIGNALED(T.main_status))
		return 128 + WTERMSIG(T.main_status);
	return WEXITSTATUS(T.main_status);
}
