/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ptrace engine.  Every traced thread is seized (PTRACE_SEIZE semantics
 * are inherited by auto-attached children), each syscall stop is read with
 * one PTRACE_GET_SYSCALL_INFO, and the enter and exit events are written
 * at their stops, so that for every tid each exit directly follows its own
 * enter (docs/scap-format.md §3.2).
 */
#include "config.h"
#include "tracer.h"
#include "arch/arch.h"
#include "decode.h"
#include "evfilter.h"
#include "filter.h"
#include "log.h"
#include "mem.h"
#include "ppm_flags.h"
#include "print.h"
#include "proc.h"
#include "seccomp_filter.h"
#include "snapshot.h"
#include "thread.h"
#include "writer.h"

#include <dirent.h>
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
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP	0x200000000ULL
#endif

#define ARENA_SIZE	(256u << 10)
#define CPU_REFRESH_NS	50000000ull
#define HASH_SIZE	4096u
/* a reader on the other end of -o - sees events at least this often */
#define FLUSH_NS	100000000ull
/* polling for the next stop before sleeping in waitpid (see wait_stop) */
#define SPIN_NS		40000ull
#define SPIN_MISSES	8u

static struct {
	const struct sct_options *o;
	struct sct_stats *st;
	struct sct_thread *hash[HASH_SIZE];
	unsigned nthreads;
	pid_t main_pid;
	int main_status;
	bool main_done;
	uint64_t last_ts;
	uint64_t last_flush;
	pid_t *pids;			/* traced at the start, for the FDLs */
	unsigned npids;
	bool header_done;
	bool main_execd;
	struct sct_procinfo *pi;
	/*
	 * A clone's parent's state, read once for both sides: at the parent's
	 * clone exit for the child's side (for_child), or at the child's
	 * first stop for the parent's exit.
	 */
	struct sct_procinfo *clone_pi;
	pid_t clone_pi_parent, clone_pi_child;
	bool clone_pi_for_child;
	unsigned clone_pi_have;
	struct sct_call call;
	struct sct_val vals[SCT_MAX_PARAMS];
	const struct sct_arch *last_arch;
	uint32_t last_audit;
	struct sct_snapshot *snap;	/* until the header is written */
	bool spin;			/* more than one cpu to run on */
	unsigned spin_misses;		/* polls in a row that found nothing */
	unsigned spin_skip;		/* blocking waits left before polling again */
	volatile sig_atomic_t interrupted;
} T;

/* ---- thread table ---- */

static struct sct_thread *find(pid_t tid)
{
	struct sct_thread *t;

	for (t = T.hash[(unsigned)tid % HASH_SIZE]; t; t = t->next)
		if (t->tid == tid)
			return t;
	return NULL;
}

static struct sct_group *group_new(pid_t pid)
{
	struct sct_group *g = calloc(1, sizeof(*g));

	if (!g)
		sct_die("out of memory");
	g->pid = pid;
	g->pidfd = -1;
	return g;
}

static void group_put(struct sct_group *g)
{
	if (--g->refs > 0)
		return;
	if (g->pidfd >= 0)
		close(g->pidfd);
	sct_evfilter_forget(g);
	free(g);
}

static struct sct_thread *add(pid_t tid, struct sct_group *g)
{
	struct sct_thread *t = calloc(1, sizeof(*t));
	unsigned h = (unsigned)tid % HASH_SIZE;

	if (!t)
		sct_die("out of memory");
	t->tid = tid;
	t->g = g ? g : group_new(tid);
	t->g->refs++;
	t->cpu = -1;
	t->next = T.hash[h];
	T.hash[h] = t;
	T.nthreads++;
	return t;
}

static void drop(struct sct_thread *t)
{
	struct sct_thread **pp = &T.hash[(unsigned)t->tid % HASH_SIZE];

	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
	group_put(t->g);
	free(t->enter_fdname);
	free(t);
	T.nthreads--;
}

/* ---- event output ---- */

static uint64_t now_ns(void)
{
	struct timespec ts;
	uint64_t ns;

	clock_gettime(CLOCK_REALTIME, &ts);
	ns = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	/* keep the file in non-decreasing time order */
	if (ns < T.last_ts)
		ns = T.last_ts;
	T.last_ts = ns;
	return ns;
}

static uint16_t thread_cpu(struct sct_thread *t, uint64_t ts)
{
	if (t->cpu < 0 || ts - t->cpu_ts > CPU_REFRESH_NS) {
		int cpu = sct_proc_cpu(t->tid);

		t->cpu = cpu >= 0 && (unsigned)cpu < sct_snapshot_ncpus() ? cpu : 0;
		t->cpu_ts = ts;
	}
	return (uint16_t)t->cpu;
}

/*
 * The header goes before the first written event: the processes traced
 * then (the attached and launched ones and those they made before it, of
 * which a filter may have kept no clone event) are read now, as they are;
 * the rest of the system comes from the snapshot thread.
 */
static void write_header(void)
{
	pid_t *pids;
	unsigned i, n = 0;
	struct sct_thread *t;

	if (T.header_done || !T.o->w)
		return;
	T.header_done = true;
	pids = calloc(T.nthreads + T.npids + 1, sizeof(*pids));
	if (!pids)
		sct_die("out of memory");
	for (i = 0; i < T.npids; i++)
		pids[n++] = T.pids[i];
	for (i = 0; i < HASH_SIZE; i++)
		for (t = T.hash[i]; t; t = t->next) {
			unsigned k;

			for (k = 0; k < n && pids[k] != t->g->pid; k++)
				;
			if (k == n)
				pids[n++] = t->g->pid;
		}
	/* the launched command's fds: left out if its exec will close them */
	sct_snapshot_write(T.o->w, T.snap, pids, n,
			   T.main_pid > 0 && !T.main_execd ? T.main_pid : 0);
	free(pids);
	T.snap = NULL;	/* the writer's now */
}

static void emit(struct sct_thread *t, pid_t tid, unsigned type)
{
	uint64_t ts;
	uint16_t cpu;

	write_header();
	ts = now_ns();
	cpu = thread_cpu(t, ts);

	if (T.o->w) {
		sct_writer_event(T.o->w, cpu, type, ts, (uint64_t)tid, T.vals);
		if (!T.last_flush)
			T.last_flush = ts;	/* the first flush: FLUSH_NS from now */
		if (ts - T.last_flush > FLUSH_NS) {
			sct_writer_flush(T.o->w);
			T.last_flush = ts;
		}
	} else {
		if (!t->comm[0])
			sct_proc_comm(t->tid, t->comm, sizeof(t->comm));
		sct_print_event(T.o->text, cpu, type, ts, tid, t->comm, T.vals);
	}
	T.st->events++;
}

/* Prepare the decoding context for thread t (tid may differ: clone child). */
static struct sct_call *call_for(struct sct_thread *t, pid_t tid, pid_t pid)
{
	struct sct_call *c = &T.call;

	c->tid = tid;
	c->pid = pid;
	c->arch = t->arch;
	memcpy(c->args, t->args, sizeof(c->args));
	c->ret = 0;
	c->pi_loaded = false;
	c->clone_flags = 0;
	c->parent_tid = 0;
	c->pi_from = 0;
	c->pi_src = NULL;
	c->pi_keep = NULL;
	c->pi_kept = false;
	c->pi_preset = NULL;
	c->pidfd = &t->g->pidfd;
	c->arena_len = 0;
	return c;
}

static const struct sct_decoder *decoder_of(const struct sct_sysent *se)
{
	return se && se->decoder >= 0 ? &sct_decoders[se->decoder] : NULL;
}

static bool is_clone(const struct sct_decoder *d)
{
	return d && (d->ev_enter == SCT_EV_SYSCALL_CLONE_20_E ||
		     d->ev_enter == SCT_EV_SYSCALL_CLONE3_E ||
		     d->ev_enter == SCT_EV_SYSCALL_FORK_20_E ||
		     d->ev_enter == SCT_EV_SYSCALL_VFORK_20_E);
}

/* The raw clone flags of the clone-family call t is making. */
static uint64_t clone_raw_flags(struct sct_thread *t, const struct sct_decoder *d,
				pid_t tid)
{
	uint64_t flags = 0;

	if (d->ev_enter == SCT_EV_SYSCALL_CLONE_20_E)
		return t->args[0];
	/* struct clone_args starts with u64 flags */
	if (d->ev_enter == SCT_EV_SYSCALL_CLONE3_E &&
	    sct_mem_read(tid, t->args[0], &flags, 8) == 8)
		return flags;
	return 0;
}

/* PPM_CL_* flags of raw clone flags (none for fork and vfork events). */
static uint32_t ppm_clone_flags(const struct sct_decoder *d, uint64_t raw)
{
	if (d->ev_enter != SCT_EV_SYSCALL_CLONE_20_E &&
	    d->ev_enter != SCT_EV_SYSCALL_CLONE3_E)
		return 0;
	return sct_ppm_clone_flags(raw);
}

/* PPM_CL_* flags of the clone-family call t is making. */
static uint32_t clone_flags_of(struct sct_thread *t, const struct sct_decoder *d,
			       pid_t tid)
{
	return ppm_clone_flags(d, clone_raw_flags(t, d, tid));
}

/* Does the capture filter keep this event (values in T.vals)? */
static bool wanted(struct sct_thread *t, pid_t tid, unsigned type, int64_t ret)
{
	if (sct_evfilter_wanted(T.o->filter, t, tid, type, ret, T.vals))
		return true;
	T.st->filtered++;
	return false;
}

/*
 * Can the capture filter keep events of this dedicated type at all?  With
 * a filter on evt.type, a syscall of another type is only seen for
 * sctrace's own bookkeeping (clone, execve and the like stop under the
 * seccomp filter whatever the filter asks): its values, /proc reads
 * included, need not be gathered.  Types that create, use or destroy fds
 * are always evaluated, because the filter tracks fd names through them.
 */
static bool type_kept(unsigned type)
{
	static uint8_t known[SCT_EVENT_MAX];	/* 0 unknown, 1 kept, 2 not */
	const char **names;
	unsigned i, n;

	if (type >= SCT_EVENT_MAX)
		return true;
	if (!known[type]) {
		known[type] = 1;
		if (T.o->filter && sct_filter_types(T.o->filter, &names, &n) &&
		    !(sct_events[type].flags & (SCT_EF_CREATES_FD |
						SCT_EF_USES_FD |
						SCT_EF_DESTROYS_FD))) {
			known[type] = 2;
			for (i = 0; i < n; i++)
				if (!strcmp(names[i], sct_events[type].name))
					known[type] = 1;
		}
	}
	return known[type] == 1;
}

/* Gather the enter or exit event of t's current syscall into T.vals. */
static unsigned gather(struct sct_thread *t, bool at_exit, int64_t ret)
{
	const struct sct_decoder *d = decoder_of(t->se);
	struct sct_call *c;
	unsigned type;

	if (!d) {
		T.vals[0] = sct_int(t->se ? t->se->ppm_sc : 0);
		T.vals[1] = sct_int(t->nr);
		return at_exit ? SCT_EV_GENERIC_X : SCT_EV_GENERIC_E;
	}
	c = call_for(t, t->tid, t->g->pid);
	c->ret = ret;
	c->at_exit = at_exit;
	if (at_exit && is_clone(d))
		c->clone_flags = clone_flags_of(t, d, t->tid);
	/* a clone's parent whose state its child's first stop just read */
	if (at_exit && ret > 0 && is_clone(d) && !T.clone_pi_for_child &&
	    T.clone_pi_parent == t->tid && T.clone_pi_child == ret) {
		c->pi_preset = T.clone_pi;
		c->pi_preset_have = T.clone_pi_have;
	}
	type = d->ev_enter + at_exit;
	sct_decode(c, type, at_exit ? d->exit : d->enter,
		   at_exit ? d->n_exit : d->n_enter, T.vals);
	return type;
}

static void syscall_enter(struct sct_thread *t, const struct __ptrace_syscall_info *si)
{
	unsigned i, type;

	if (si->arch != T.last_audit || !T.last_arch) {
		T.last_arch = sct_arch_lookup(si->arch);
		T.last_audit = si->arch;
	}
	t->arch = T.last_arch ? T.last_arch : sct_arch_native();
	t->se = T.last_arch ? sct_sysent(T.last_arch, si->entry.nr) : NULL;
	t->nr = si->entry.nr;
	for (i = 0; i < 6; i++)
		t->args[i] = si->entry.args[i];
	if (t->se && t->arch->demux) {
		const struct sct_sysent *real = t->arch->demux(t->arch, t->se,
							       t->args,
							       t->tid);

		if (real)
			t->se = real;
	}
	t->in_syscall = true;
	T.st->syscalls++;
	if (t->se && t->se->decoder >= 0 &&
	    !type_kept(sct_decoders[t->se->decoder].ev_enter)) {
		t->enter_written = false;
		T.st->filtered++;
		return;
	}
	type = gather(t, false, 0);
	t->enter_written = wanted(t, t->tid, type, 0);
	if (t->enter_written)
		emit(t, t->tid, type);
}

static void syscall_exit(struct sct_thread *t, const struct __ptrace_syscall_info *si)
{
	const struct sct_decoder *d = decoder_of(t->se);
	int64_t ret = si->exit.rval;
	unsigned type;

	if (!t->in_syscall)
		return;		/* its enter was never seen */
	t->in_syscall = false;
	if (d && !type_kept(d->ev_enter + 1)) {
		T.st->filtered++;
		return;
	}
	type = gather(t, true, ret);
	if (T.call.pi_preset)
		T.clone_pi_parent = 0;	/* used up */
	else if (ret > 0 && is_clone(d) && T.call.pi_loaded) {
		struct sct_thread *child = find((pid_t)ret);

		/* the child's side, not written yet, inherits this state */
		if (child && child->child_pending) {
			memcpy(T.clone_pi, T.pi, sizeof(*T.pi));
			T.clone_pi_parent = t->tid;
			T.clone_pi_child = child->tid;
			T.clone_pi_for_child = true;
			T.clone_pi_have = T.call.pi_have;
		}
	}
	if (!wanted(t, t->tid, type, ret))
		return;
	if (!t->enter_written) {
		/*
		 * An exit is only ever written right after its own enter
		 * (the newest reader aborts on a mismatch): write it now.
		 */
		emit(t, t->tid, gather(t, false, 0));
		type = gather(t, true, ret);
	}
	emit(t, t->tid, type);
}

/* The child side of a clone: res = 0, its state (inherited, see pi_inherit). */
static void emit_child(struct sct_thread *t)
{
	struct sct_call *c;
	unsigned type = t->child_dec->ev_enter + 1;

	t->child_pending = false;
	memcpy(t->args, t->child_args, sizeof(t->args));
	if (!type_kept(type)) {
		T.st->filtered++;
		return;
	}
	c = call_for(t, t->tid, t->g->pid);
	c->ret = 0;
	c->at_exit = true;
	c->clone_flags = t->child_flags;
	/* a thread's child is a sibling's: CLONE_THREAD/PARENT keep ours */
	if (!(t->child_flags & (SCT_PPM_CL_CLONE_THREAD |
				SCT_PPM_CL_CLONE_PARENT)))
		c->parent_tid = t->parent_tid;
	c->pi_from = t->parent_tid;
	c->pi_same_cgroup = !t->child_own_cgroup;
	if (T.clone_pi_for_child && T.clone_pi_child == t->tid &&
	    T.clone_pi_parent == t->parent_tid) {
		c->pi_src = T.clone_pi;
		c->pi_src_have = T.clone_pi_have;
		T.clone_pi_child = 0;
	} else {
		c->pi_keep = T.clone_pi;
	}
	sct_decode(c, type, t->child_dec->exit, t->child_dec->n_exit, T.vals);
	if (c->pi_kept) {
		/* for the parent's clone exit, still to come */
		T.clone_pi_parent = t->parent_tid;
		T.clone_pi_child = t->tid;
		T.clone_pi_for_child = false;
		T.clone_pi_have = c->pi_keep_have;
	}
	if (wanted(t, t->tid, type, 0))
		emit(t, t->tid, type);
}

/* procexit's values from a wait status: status, exit code, signal, core */
static void procexit_vals(int status)
{
	T.vals[0] = sct_int((uint64_t)(int64_t)status);
	T.vals[1] = sct_int(WIFEXITED(status) ? WEXITSTATUS(status) : 0);
	T.vals[2] = sct_int(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	T.vals[3] = sct_int(WIFSIGNALED(status) && WCOREDUMP(status));
}

static void procexit(struct sct_thread *t, int status)
{
	procexit_vals(status);
	if (wanted(t, t->tid, SCT_EV_PROCEXIT_1_E, 0))
		emit(t, t->tid, SCT_EV_PROCEXIT_1_E);
}

/* ---- stops ---- */

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
	const struct sct_decoder *d = decoder_of(parent->se);
	struct sct_thread *c = find(ctid);
	uint64_t raw = 0;
	uint32_t flags = 0;
	bool thread, known = parent->in_syscall && d && is_clone(d);

	if (known) {
		raw = clone_raw_flags(parent, d, parent->tid);
		flags = ppm_clone_flags(d, raw);
		thread = flags & SCT_PPM_CL_CLONE_THREAD;
	} else {
		/* no clone event to write: only which group it joins */
		thread = new_thread(event, ctid);
	}
	if (!c) {
		c = add(ctid, thread ? parent->g : NULL);
	} else if (thread && c->g != parent->g) {
		group_put(c->g);
		c->g = parent->g;
		c->g->refs++;
	}
	/* the filter is inherited; an attached process has none */
	c->g->seccomp = parent->g->seccomp;
	c->g->attached = parent->g->attached;
	c->arch = parent->arch;
	c->announced = true;
	/* last seen on its parent's cpu: no /proc read for a new thread */
	if (c->cpu < 0) {
		c->cpu = parent->cpu;
		c->cpu_ts = parent->cpu_ts;
	}
	if (known) {
		c->child_pending = true;
		c->child_dec = d;
		c->child_flags = flags;
		c->child_own_cgroup = raw & CLONE_INTO_CGROUP;
		c->parent_tid = parent->tid;
		memcpy(c->child_args, parent->args, sizeof(c->child_args));
	}
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
			emit_child(c);
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

	/* a new program: its name and parent's facts are read when needed */
	t->comm[0] = 0;
	t->g->pinfo = false;
	if (t->g->pid == T.main_pid)
		T.main_execd = true;
	if (former == t->tid || !(f = find(former)))
		return;
	t->arch = f->arch;
	t->se = f->se;
	memcpy(t->args, f->args, sizeof(t->args));
	t->in_syscall = f->in_syscall;
	/* the former tid is never reported again: it is gone */
	procexit(f, 0);
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

	if (sig == (SIGTRAP | 0x80)) {
		struct __ptrace_syscall_info si;

		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(si), &si) > 0) {
			/* under seccomp the seccomp stop was the entry */
			if (si.op == PTRACE_SYSCALL_INFO_ENTRY &&
			    !(t->g->seccomp && t->in_syscall))
				syscall_enter(t, &si);
			else if (si.op == PTRACE_SYSCALL_INFO_EXIT)
				syscall_exit(t, &si);
		}
		resume(t, 0);
		return;
	}
	switch (event) {
	case 0:
		/* signal-delivery-stop: deliver it unchanged */
		resume(t, sig);
		return;
	case PTRACE_EVENT_CLONE:
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0)
			on_new_child(t, event, (pid_t)msg);
		break;
	case PTRACE_EVENT_EXEC:
		if (ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0)
			on_exec(t, (pid_t)msg);
		break;
	case PTRACE_EVENT_SECCOMP: {
		struct __ptrace_syscall_info si;

		/* same layout as an entry: nr, args */
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->tid, sizeof(si), &si) > 0 &&
		    si.op == PTRACE_SYSCALL_INFO_SECCOMP)
			syscall_enter(t, &si);
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

static void handle_first_stop(struct sct_thread *t, int status)
{
	t->started = true;
	if (t->child_pending) {
		emit_child(t);
		resume(t, 0);
	} else if (t->tid != T.main_pid && !t->seized && !t->announced) {
		/* a child whose parent's clone event we have not seen yet */
		t->held = true;
	} else {
		resume(t, 0);
	}
	(void)status;
}

/*
 * A thread being detached reached a stop: let it go, delivering the signal
 * it was stopped for, if any.  Nothing more is written for it.
 */
static void detach_stop(struct sct_thread *t, int status)
{
	int sig = WSTOPSIG(status);
	unsigned event = (unsigned)status >> 16;
	unsigned long msg;

	/* a thread or child born now is ours too: let it go at its stop */
	if ((event == PTRACE_EVENT_CLONE || event == PTRACE_EVENT_FORK ||
	     event == PTRACE_EVENT_VFORK) &&
	    ptrace(PTRACE_GETEVENTMSG, t->tid, 0, &msg) == 0) {
		struct sct_thread *c = find((pid_t)msg);

		if (!c)
			c = add((pid_t)msg, NULL);
		if (c->held) {
			ptrace(PTRACE_DETACH, c->tid, 0, 0);
			drop(c);
		} else {
			c->detaching = true;
		}
	}
	if (sig == (SIGTRAP | 0x80) || event != 0 || !t->started)
		sig = 0;
	if (ptrace(PTRACE_DETACH, t->tid, 0, sig) < 0 && errno != ESRCH)
		sct_warn("detaching %d: %s", t->tid, strerror(errno));
	drop(t);
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
	procexit(t, status);
	drop(t);
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

static void on_alarm(int sig)
{
	(void)sig;
	if (T.interrupted)
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

/* Second signal: end the launched processes (never attached ones). */
static void kill_launched(void)
{
	unsigned i;
	struct sct_thread *t;

	for (i = 0; i < HASH_SIZE; i++)
		for (t = T.hash[i]; t; t = t->next)
			if (!t->g->attached)
				kill(t->tid, SIGKILL);
}

/*
 * First signal: every thread of an attached process is interrupted, and
 * detached at the stop that follows, wherever it is (in a syscall, in a
 * group-stop, held).  The processes go on as if never traced.
 */
static void detach_attached(void)
{
	struct sct_thread *t, *next;
	unsigned i;

	for (i = 0; i < HASH_SIZE; i++)
		for (t = T.hash[i]; t; t = next) {
			next = t->next;
			if (!t->g->attached || t->detaching)
				continue;
			t->detaching = true;
			if (t->held) {
				/* sitting in its first stop: let it go now */
				ptrace(PTRACE_DETACH, t->tid, 0, 0);
				drop(t);
			} else if (ptrace(PTRACE_INTERRUPT, t->tid, 0, 0) < 0 &&
				   errno != ESRCH) {
				sct_warn("interrupting %d: %s", t->tid,
					 strerror(errno));
			}
		}
}

/*
 * The next stop.  A thread that was just resumed usually stops again
 * within microseconds.  Sleeping in waitpid costs a wake-up through the
 * scheduler for each stop, often from another cpu (in a virtual machine an
 * interrupt to a halted vcpu): that latency is most of what a stop costs.
 * So, with a cpu to spare, poll for up to SPIN_NS first.  The spin is
 * adaptive: after SPIN_MISSES polls in a row that found nothing (tracees
 * that block in their syscalls, or compute long between them) the next
 * waits sleep straight away, and polling is tried again later.  At worst
 * sctrace burns SPIN_NS of cpu per stop; a tracee that stops rarely costs
 * nothing.
 */
static pid_t wait_stop(int *status)
{
	struct timespec ts;
	uint64_t t0, now;
	pid_t pid;

	if (!T.spin || T.spin_skip) {
		if (T.spin_skip)
			T.spin_skip--;
		return waitpid(-1, status, __WALL);
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t0 = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	do {
		pid = waitpid(-1, status, __WALL | WNOHANG);
		if (pid != 0) {
			T.spin_misses = 0;
			return pid;
		}
		if (T.interrupted) {
			errno = EINTR;
			return -1;
		}
		clock_gettime(CLOCK_MONOTONIC, &ts);
		now = (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
	} while (now - t0 < SPIN_NS);
	if (++T.spin_misses >= SPIN_MISSES) {
		T.spin_misses = 0;
		T.spin_skip = 64;
	}
	return waitpid(-1, status, __WALL);
}

static int cpus_to_run_on(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) < 0)
		return 1;
	return CPU_COUNT(&set);
}

static void loop(void)
{
	bool killed = false, detached = false;

	while (T.nthreads) {
		struct sct_thread *t;
		int status;
		pid_t pid;

		if (T.interrupted && !detached) {
			detach_attached();
			detached = true;
		}
		/* a second signal: stop waiting for the launched command */
		if (T.interrupted > 1 && !killed) {
			kill_launched();
			killed = true;
		}
		if (!T.nthreads)
			break;
		pid = wait_stop(&status);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
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
		}
		if (t->detaching)
			detach_stop(t, status);
		else if (!t->started)
			handle_first_stop(t, status);
		else
			handle_stop(t, status);
	}
}

/* ---- start ---- */

#define SEIZE_OPTS (PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACECLONE |	\
		    PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |		\
		    PTRACE_O_TRACEEXEC)

static pid_t launch(const struct sct_options *o)
{
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
			int r = sct_seccomp_load(o->seccomp);

			if (r < 0) {
				fprintf(stderr, "sctrace: seccomp: cannot load "
					"the filter: %s (try --no-seccomp)\n",
					strerror(-r));
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
	T.main_pid = pid;
	add(pid, NULL)->g->seccomp = o->seccomp != NULL;
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
static int attach(pid_t pid)
{
	struct sct_group *g = NULL;
	bool found_new = true;
	char path[64];

	if (pid == getpid()) {
		sct_warn("attach %d: sctrace cannot trace itself", pid);
		return -EINVAL;
	}
	if (find(pid)) {
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

			if (tid <= 0 || find(tid))
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
				g = group_new(pid);
				g->attached = true;
			}
			t = add(tid, g);
			t->seized = true;
			ptrace(PTRACE_INTERRUPT, tid, 0, 0);
			found_new = true;
		}
		closedir(d);
	}
	return 0;
}

/*
 * The libs readers refuse a file without any event ("no events in file"):
 * when the filter kept nothing, write the launched command's end, which
 * did happen, and say so.
 */
static void no_events(void)
{
	sct_warn("no event matched the filter; the capture holds only the "
		 "launched command's procexit");
	write_header();
	if (T.main_done) {
		struct sct_thread t = { .tid = T.main_pid, .cpu = -1 };
		struct sct_group g = { .pid = T.main_pid, .pidfd = -1 };

		t.g = &g;
		procexit_vals(T.main_status);
		emit(&t, T.main_pid, SCT_EV_PROCEXIT_1_E);
	}
}

int sct_trace_run(const struct sct_options *o, struct sct_stats *st)
{
	pid_t *pids = NULL;
	unsigned i, n = 0;
	pid_t pid = 0;

	memset(&T, 0, sizeof(T));
	T.o = o;
	T.st = st;
	T.pi = malloc(sizeof(*T.pi));
	T.clone_pi = malloc(sizeof(*T.clone_pi));
	T.call.arena = malloc(ARENA_SIZE);
	pids = calloc(o->npids + 1, sizeof(*pids));
	if (!T.pi || !T.clone_pi || !T.call.arena || !pids)
		sct_die("out of memory");
	T.call.arena_cap = ARENA_SIZE;
	T.call.pi = T.pi;
	T.call.snaplen = o->snaplen;
	T.spin = !o->no_spin && cpus_to_run_on() > 1;
	sct_proc_cache_on();

	for (i = 0; i < o->npids; i++) {
		int r = attach(o->pids[i]);

		if (r < 0) {
			/* leave nothing stopped behind */
			T.interrupted = 1;
			detach_attached();
			loop();
			free(pids);
			return r;
		}
		pids[n++] = o->pids[i];
	}
	if (o->argv) {
		pid = launch(o);
		if (pid < 0) {
			T.interrupted = 1;
			detach_attached();
			loop();
			free(pids);
			return pid;
		}
		pids[n++] = pid;
	}
	install_signals();
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
	loop();
	if (o->w && !o->w->nevents)
		no_events();
	sct_snapshot_free(T.snap);
	free(pids);
	free(T.pi);
	free(T.clone_pi);
	free(T.call.arena);
	if (!o->argv)
		return 0;
	if (!T.main_done)
		return T.interrupted ? 128 + SIGINT : 1;
	if (WIFSIGNALED(T.main_status))
		return 128 + WTERMSIG(T.main_status);
	return WEXITSTATUS(T.main_status);
}
