/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Syscall event assembly.  The enter and exit events are written at their
 * stops, so that for every tid each exit directly follows its own enter
 * (docs/scap-format.md §3.2).
 */
#include "config.h"
#include "sysevent.h"
#include "arch/arch.h"
#include "clone_state.h"
#include "decode.h"
#include "evfilter.h"
#include "filter.h"
#include "log.h"
#include "mem.h"
#include "ppm_flags.h"
#include "print.h"
#include "proc.h"
#include "run.h"
#include "rotate.h"
#include "snapshot.h"
#include "stack.h"
#include "summary.h"
#include "thread.h"
#include "tracer.h"
#include "writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP	0x200000000ULL
#endif

#define ARENA_SIZE	(256u << 10)
#define CPU_REFRESH_NS	50000000ull
/* a reader on the other end of -o - sees events at least this often */
#define FLUSH_NS	100000000ull

static void call_init(struct sct_run *r, struct sct_call *c)
{
	c->arena = malloc(ARENA_SIZE);
	c->pi = malloc(sizeof(*c->pi));
	if (!c->arena || !c->pi)
		sct_die("out of memory");
	c->arena_cap = ARENA_SIZE;
	c->snaplen = r->o->snaplen;
	c->clone_state = r->clone;
}

/* The native syscall table's entry for name, or NULL. */
static const struct sct_sysent *native_sysent(const char *name)
{
	const struct sct_arch *a = sct_arch_native();
	int nr = sct_arch_nr(a, name);

	return nr >= 0 ? sct_sysent(a, (uint64_t)nr) : NULL;
}

static const struct sct_decoder *decoder_of(const struct sct_sysent *se);

void sct_sysevent_init(struct sct_run *r)
{
	const struct sct_sysent *se = native_sysent("prctl");

	r->sc_prctl = se && se->ppm_sc ? se->ppm_sc : UINT16_MAX;
	se = native_sysent("mremap");
	r->sc_mremap = se && se->ppm_sc ? se->ppm_sc : UINT16_MAX;
	r->clone_dec = decoder_of(native_sysent("clone"));
	r->execve_dec = decoder_of(native_sysent("execve"));
	r->clone = sct_clone_state_new();
	r->evfilter = sct_evfilter_new(r->o->filter);
	call_init(r, &r->call);
	call_init(r, &r->enter_call);
	call_init(r, &r->desc_call);
}

void sct_sysevent_fini(struct sct_run *r)
{
	free(r->main_pi);
	free(r->call.arena);
	free(r->call.pi);
	free(r->enter_call.arena);
	free(r->enter_call.pi);
	free(r->desc_call.arena);
	free(r->desc_call.pi);
	sct_evfilter_free(r->evfilter);
	sct_clone_state_free(r->clone);
}

/* ---- output ---- */

static uint64_t now_ns(struct sct_run *r)
{
	struct timespec ts;
	uint64_t ns;

	if (r->rec_ts) {
		ns = r->rec_ts;		/* when the recorder saw it */
	} else {
		clock_gettime(CLOCK_REALTIME, &ts);
		ns = (uint64_t)ts.tv_sec * 1000000000ull +
		     (uint64_t)ts.tv_nsec;
	}
	/* keep the file in non-decreasing time order */
	if (ns < r->last_ts)
		ns = r->last_ts;
	r->last_ts = ns;
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

struct pid_list {
	pid_t *pids;
	unsigned n;
};

static void add_pid(struct sct_thread *t, void *arg)
{
	struct pid_list *l = arg;
	unsigned k;

	/* the header lists every thread of its process as it is now */
	t->told = SCT_TOLD_ALL;

	for (k = 0; k < l->n && l->pids[k] != t->g->pid; k++)
		;
	if (k == l->n)
		l->pids[l->n++] = t->g->pid;
}

/*
 * The header goes before the first written event: the processes traced
 * then (the attached and launched ones and those they made before it, of
 * which a filter may have kept no clone event) are read now, as they are;
 * the rest of the system comes from the snapshot thread.
 */
static void write_header(struct sct_run *r)
{
	struct pid_list l = { 0 };
	unsigned i;

	r->header_done = true;
	if (!r->o->w)
		return;
	l.pids = calloc(r->threads.n + r->npids + 1, sizeof(*l.pids));
	if (!l.pids)
		sct_die("out of memory");
	for (i = 0; i < r->npids; i++)
		l.pids[l.n++] = r->pids[i];
	sct_threads_for_each(&r->threads, add_pid, &l);
	/* the launched command's fds: left out if its exec will close them */
	sct_snapshot_write(r->o->w, r->snap, l.pids, l.n,
			   r->main_pid > 0 && !r->main_execd ? r->main_pid : 0);
	free(l.pids);
	r->snap = NULL;	/* the writer's now */
	/* -C counts the header too: written now, its size is known */
	if (r->o->rotate && r->o->rotate->max_bytes)
		sct_writer_flush(r->o->w);
}

static void describe(struct sct_run *r, struct sct_thread *t);

/*
 * -k with a capture file: the stack of a syscall, unwound at its enter
 * (where it was called from), is written right after its exit (the
 * readers keep an enter and its exit together) as a notification event,
 * same thread and time: id "ustack", desc the frames as text (stack.h).
 * Every reader shows notifications (evt.type=notification); libs 0.21 and
 * 0.25 abort on an async event that no plugin of theirs declared, so not
 * that.
 */
static void stack_event(struct sct_run *r, struct sct_thread *t,
			unsigned type, uint16_t cpu, uint64_t ts)
{
	static const char name[] = "ustack";
	struct sct_val v[2];

	if (sct_event_is_enter(type)) {
		if (type == SCT_EV_PROCEXIT_1_E ||
		    type == SCT_EV_SIGNALDELIVER_E || !t->in_syscall ||
		    t->arch != sct_arch_native())
			return;	/* (libunwind knows the tracer's own ABI only) */
		free(t->stack);
		t->stack = sct_stack_text(r->o->stacks, t->g, t->tid, t->ip,
					  t->sp);
		return;
	}
	if (!t->stack)
		return;
	v[0] = sct_bytes(name, sizeof(name));
	v[1] = sct_bytes(t->stack, strlen(t->stack) + 1);
	sct_writer_event(r->o->w, cpu, SCT_EV_NOTIFICATION_E, ts,
			 (uint64_t)t->tid, v);
	r->st->events++;
	free(t->stack);
	t->stack = NULL;
}

/* Record nothing more (tracer.c then stops tracing), saying why. */
static void __attribute__((format(printf, 2, 3)))
capture_done(struct sct_run *r, const char *fmt, ...)
{
	va_list ap;

	if (r->output_gone)
		return;
	r->output_gone = true;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
}

void sct_sysevent_check_time(struct sct_run *r, uint64_t now)
{
	struct timespec ts;

	if (!r->o->max_ns || r->output_gone)
		return;
	if (!now) {
		clock_gettime(CLOCK_REALTIME, &ts);
		now = (uint64_t)ts.tv_sec * 1000000000ull +
		      (uint64_t)ts.tv_nsec;
	}
	if (r->start_ts && now - r->start_ts >= r->o->max_ns)
		capture_done(r, "-M: %llu s of capture",
			     (unsigned long long)(r->o->max_ns / 1000000000ull));
}

static void emit(struct sct_run *r, struct sct_thread *t, unsigned type,
		 struct sct_val *vals)
{
	uint64_t ts;
	uint16_t cpu;

	if (r->output_gone)
		return;
	if (!r->header_done)
		write_header(r);
	/* (a dead thread's /proc is gone: its last events tell nothing new) */
	if (t->told != SCT_TOLD_ALL && !t->gone)
		describe(r, t);
	ts = now_ns(r);
	cpu = thread_cpu(t, ts);

	if (r->o->w) {
		sct_writer_event(r->o->w, cpu, type, ts, (uint64_t)t->tid, vals);
		if (r->o->stacks)
			stack_event(r, t, type, cpu, ts);
		if (!r->last_flush)
			r->last_flush = ts;	/* the first flush: FLUSH_NS from now */
		if (ts - r->last_flush > FLUSH_NS) {
			sct_writer_flush(r->o->w);
			r->last_flush = ts;
		}
		/* nobody reads what we write: the tracer stops tracing */
		if (r->o->w->err == -EPIPE)
			capture_done(r, "the capture's reader has gone (Broken "
				     "pipe)");
	} else if (r->o->text) {
		struct sct_print_thread pt = {
			.tid = t->tid, .pid = t->g->pid, .pidfd = &t->g->pidfd,
			.comm = sct_thread_comm(t),
		};

		sct_print_event(r->o->text, cpu, type, ts, &pt, vals);
		/* -k: where in the program the syscall was made */
		if (r->o->stacks && sct_event_is_enter(type) &&
		    type != SCT_EV_PROCEXIT_1_E && type != SCT_EV_SIGNALDELIVER_E &&
		    t->in_syscall && t->arch == sct_arch_native())
			sct_stack_print(r->o->stacks, r->o->text, t->g, t->tid,
					t->ip, t->sp);
	}
	r->st->events++;
	t->nemitted++;
	if (!r->start_ts)
		r->start_ts = ts;
	if (r->o->max_events && r->st->events >= r->o->max_events)
		capture_done(r, "-n: %llu events written",
			     (unsigned long long)r->st->events);
	else
		sct_sysevent_check_time(r, ts);
}

/* An exit in the next file must bring its enter along (see sysevent_exit). */
static void enter_again(struct sct_thread *t, void *arg)
{
	(void)arg;
	t->enter_written = false;
	t->buf_enter_written = false;	/* a recorded call's too (buffer.c) */
}

void sct_sysevent_rotate(struct sct_run *r)
{
	struct sct_rotate *rot = r->o->rotate;
	struct sct_writer *w = r->o->w;
	struct pid_list l = { 0 };
	struct timespec ts;
	int err;

	if (!rot || !w || r->output_gone || !r->header_done)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	if (!sct_rotate_due(rot, w, (uint64_t)ts.tv_sec * 1000000000ull +
			    (uint64_t)ts.tv_nsec))
		return;
	err = sct_rotate_next(rot, w);
	if (err) {
		/* (the files so far are whole; main says it at the end) */
		w->err = err;
		capture_done(r, "writing %.60s: %s", rot->name, strerror(-err));
		return;
	}
	/* the new file's header, written before its first event */
	l.pids = calloc(r->threads.n + 1, sizeof(*l.pids));
	if (!l.pids)
		sct_die("out of memory");
	sct_threads_for_each(&r->threads, add_pid, &l);
	r->snap = sct_snapshot_start(l.pids, l.n);
	free(l.pids);
	r->header_done = false;
	sct_threads_for_each(&r->threads, enter_again, NULL);
}

/* ---- gather ---- */

/* Prepare the decoding context c for thread t's current syscall. */
static struct sct_call *call_for(struct sct_call *c, struct sct_thread *t)
{
	c->tid = t->tid;
	c->pid = t->g->pid;
	c->arch = t->arch;
	memcpy(c->args, t->args, sizeof(c->args));
	c->ret = 0;
	c->clone_flags = 0;
	c->parent_tid = 0;
	c->clone = (struct sct_clone_side){ .which = SCT_CLONE_NONE };
	c->pidfd = &t->g->pidfd;
	c->arena_len = 0;
	return c;
}

static const struct sct_decoder *decoder_of(const struct sct_sysent *se)
{
	return se ? sct_decoder_get(se->decoder) : NULL;
}

static bool is_clone(const struct sct_decoder *d)
{
	return d && (d->ev_enter == SCT_EV_SYSCALL_CLONE_20_E ||
		     d->ev_enter == SCT_EV_SYSCALL_CLONE3_E ||
		     d->ev_enter == SCT_EV_SYSCALL_FORK_20_E ||
		     d->ev_enter == SCT_EV_SYSCALL_VFORK_20_E);
}

/* The raw clone flags of t's clone-family call d. */
static uint64_t clone_raw(const struct sct_thread *t,
			  const struct sct_decoder *d)
{
	uint64_t flags = 0;

	if (d->ev_enter == SCT_EV_SYSCALL_CLONE_20_E)
		return t->args[0];
	/* struct clone_args starts with u64 flags */
	if (d->ev_enter == SCT_EV_SYSCALL_CLONE3_E &&
	    sct_mem_read(t->tid, t->args[0], &flags, 8) == 8)
		return flags;
	return 0;
}

/* PPM_CL_* flags of raw clone flags (none for fork and vfork events). */
static uint32_t clone_flags(const struct sct_decoder *d, uint64_t raw)
{
	if (d->ev_enter != SCT_EV_SYSCALL_CLONE_20_E &&
	    d->ev_enter != SCT_EV_SYSCALL_CLONE3_E)
		return 0;
	return sct_ppm_clone_flags(raw);
}

bool sct_sysevent_clone_of(const struct sct_thread *t,
			   struct sct_clone_call *cc)
{
	const struct sct_decoder *d = decoder_of(t->se);

	if (!t->in_syscall || !is_clone(d))
		return false;
	cc->dec = d;
	cc->raw = clone_raw(t, d);
	cc->flags = clone_flags(d, cc->raw);
	return true;
}

void sct_sysevent_clone_made(struct sct_thread *child,
			     const struct sct_thread *parent,
			     const struct sct_clone_call *cc)
{
	child->child_pending = true;
	child->child_dec = cc->dec;
	child->child_flags = cc->flags;
	child->child_own_cgroup = cc->raw & CLONE_INTO_CGROUP;
	child->parent_tid = parent->tid;
	memcpy(child->child_args, parent->args, sizeof(child->child_args));
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* -c: t's syscall came back with ret */
static void count_call(struct sct_run *r, struct sct_thread *t, int64_t ret)
{
	char name[32];

	if (!t->se)
		snprintf(name, sizeof(name), "syscall_%llu",
			 (unsigned long long)t->nr);
	sct_summary_add(r->o->summary, t->se ? t->se->name : name,
			mono_ns() - t->enter_ns, ret);
}

/* Does the capture filter keep this event (values in vals)? */
static bool wanted(struct sct_run *r, struct sct_thread *t, unsigned type,
		   int64_t ret, const struct sct_val *vals)
{
	if (sct_evfilter_wanted(r->evfilter, t, type, ret, vals))
		return true;
	r->st->filtered++;
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
static bool type_kept(struct sct_run *r, unsigned type)
{
	uint8_t *known = r->type_known;
	const char **names;
	unsigned i, n;

	if (type >= SCT_EVENT_MAX)
		return true;
	if (!known[type]) {
		known[type] = 1;
		if (r->o->filter && sct_filter_types(r->o->filter, &names, &n) &&
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

/*
 * Gather the enter or exit event of t's current syscall into vals, with
 * the decoding context c.
 */
static unsigned gather(struct sct_run *r, struct sct_call *c,
		       struct sct_thread *t, bool at_exit, int64_t ret,
		       struct sct_val *vals)
{
	const struct sct_decoder *d = decoder_of(t->se);
	unsigned type;

	if (!d) {
		vals[0] = sct_int(t->se ? t->se->ppm_sc : 0);
		vals[1] = sct_int(t->nr);
		return at_exit ? SCT_EV_GENERIC_X : SCT_EV_GENERIC_E;
	}
	call_for(c, t);
	c->ret = ret;
	c->at_exit = at_exit;
	if (at_exit && is_clone(d)) {
		c->clone_flags = clone_flags(d, clone_raw(t, d));
		if (ret > 0) {
			struct sct_thread *child = sct_thread_find(&r->threads,
								   (pid_t)ret);

			/* the parent's side; the child's may be still to come */
			c->clone = (struct sct_clone_side){
				.which = SCT_CLONE_PARENT,
				.parent = t->tid,
				.child = (pid_t)ret,
				.other_pending = child && child->child_pending,
			};
		}
	}
	type = d->ev_enter + at_exit;
	sct_decode(c, type, at_exit ? d->exit : d->enter,
		   at_exit ? d->n_exit : d->n_enter, vals);
	return type;
}

void sct_sysevent_enter(struct sct_run *r, struct sct_thread *t,
			const struct __ptrace_syscall_info *si)
{
	unsigned i, type;

	if (si->arch != r->last_audit || !r->last_arch) {
		r->last_arch = sct_arch_lookup(si->arch);
		r->last_audit = si->arch;
	}
	t->arch = r->last_arch ? r->last_arch : sct_arch_native();
	t->se = r->last_arch ? sct_sysent(r->last_arch, si->entry.nr) : NULL;
	t->nr = si->entry.nr;
	t->ip = si->instruction_pointer;
	t->sp = si->stack_pointer;
	for (i = 0; i < 6; i++)
		t->args[i] = si->entry.args[i];
	if (t->se && t->arch->demux) {
		const struct sct_sysent *real = t->arch->demux(t->arch, t->se,
							       t->args,
							       t->tid);

		if (real)
			t->se = real;
	}
	/* the launched child's own calls before its exec (launch.c) */
	if (t->prelude) {
		if (!t->se || strncmp(t->se->name, "execve", 6))
			return;
		t->prelude = false;
	}
	t->in_syscall = true;
	r->st->syscalls++;
	if (r->o->summary)
		t->enter_ns = mono_ns();
	if (decoder_of(t->se) &&
	    !type_kept(r, decoder_of(t->se)->ev_enter)) {
		t->enter_written = false;
		r->st->filtered++;
		return;
	}
	type = gather(r, &r->call, t, false, 0, r->vals);
	t->enter_written = wanted(r, t, type, 0, r->vals);
	if (t->enter_written)
		emit(r, t, type, r->vals);
}

/*
 * Does t's successful open (of decoder d, result fd) open a comm file of
 * /proc for writing?  The path is read only for opens for writing, and
 * only its end is looked at: "comm", alone or after a '/' (/proc/self/comm,
 * /proc/thread-self/comm, /proc/P/task/T/comm, or relative to a dirfd).
 */
static bool opens_comm(struct sct_thread *t, const struct sct_decoder *d)
{
	uint64_t path, flags;
	char buf[64];
	ssize_t n;

	if (d->ev_enter == SCT_EV_SYSCALL_OPEN_E) {
		path = t->args[0];
		flags = t->args[1];
	} else {
		path = t->args[1];
		flags = t->args[2];
		/* openat2: struct open_how starts with u64 flags */
		if (d->ev_enter == SCT_EV_SYSCALL_OPENAT2_E &&
		    sct_mem_read(t->tid, t->args[2], &flags, 8) != 8)
			return false;
	}
	if ((flags & O_ACCMODE) == O_RDONLY)
		return false;
	n = sct_mem_read_str(t->tid, path, buf, sizeof(buf));
	if (n < 6)
		return n == 5 && !strcmp(buf, "comm");
	return !strcmp(buf + n - 6, "/comm") || !strcmp(buf, "comm");
}

/*
 * The name (comm) cached for text output and proc.name filters follows
 * prctl(PR_SET_NAME) and writes to a comm file of /proc (a thread may only
 * rename threads of its own process).  Called at every exit: cheap unless
 * an open for writing or a write.
 */
/* Did the call change its process's mappings (-k's caches, stack.h)? */
static bool maps_change(const struct sct_run *r, const struct sct_thread *t,
			const struct sct_decoder *d)
{
	if (t->se->ppm_sc == r->sc_mremap)
		return true;
	if (!d)
		return false;
	switch (d->ev_enter) {
	case SCT_EV_SYSCALL_MMAP_E:
	case SCT_EV_SYSCALL_MMAP2_E:
	case SCT_EV_SYSCALL_MUNMAP_E:
	case SCT_EV_SYSCALL_MPROTECT_E:
	case SCT_EV_SYSCALL_BRK_1_E:
	case SCT_EV_SYSCALL_BRK_4_E:
		return true;
	default:
		return false;
	}
}

static void comm_changes(struct sct_run *r, struct sct_thread *t,
			 const struct sct_decoder *d, int64_t ret)
{
	struct sct_group *g = t->g;
	unsigned i;

	if (ret < 0 || !t->se)
		return;
	/* prctl: its own event by default, generic for old readers */
	if (t->se->ppm_sc == r->sc_prctl && t->args[0] == PR_SET_NAME) {
		t->comm[0] = 0;
		return;
	}
	if (!d)
		return;
	switch (d->ev_enter) {
	case SCT_EV_SYSCALL_OPEN_E:
	case SCT_EV_SYSCALL_OPENAT_2_E:
	case SCT_EV_SYSCALL_OPENAT2_E:
		for (i = 0; i < g->ncomm_fds; i++)
			if (g->comm_fds[i] == (int)ret)
				return;
		if (opens_comm(t, d)) {
			/* XXX only the last four such fds (and no dup) */
			g->comm_fds[g->ncomm_fds % 4] = (int)ret;
			if (g->ncomm_fds < 4)
				g->ncomm_fds++;
		}
		break;
	case SCT_EV_SYSCALL_WRITE_E:
	case SCT_EV_SYSCALL_PWRITE_E:
	case SCT_EV_SYSCALL_WRITEV_E:
	case SCT_EV_SYSCALL_PWRITEV_E:
		/* (an fd closed and reused costs one needless read) */
		for (i = 0; ret > 0 && i < g->ncomm_fds; i++)
			if (g->comm_fds[i] == (int)t->args[0])
				g->comm_gen++;
		break;
	default:
		break;
	}
}

/*
 * Did t's syscall just make a userfaultfd (userfaultfd(), or the ioctl
 * of /dev/userfaultfd)?  Its process's memory may then have pages that
 * only its own handler provides: read it carefully from now on (mem.h).
 * The seccomp filter stops at both whatever the capture filter asks.
 * XXX a process sharing the memory without being a thread of it
 * (CLONE_VM without CLONE_THREAD) is not marked with its maker.
 */
static bool makes_uffd(const struct sct_thread *t,
		       const struct sct_decoder *d, int64_t ret)
{
	if (ret < 0 || !d)
		return false;
	return d->ev_enter == SCT_EV_SYSCALL_USERFAULTFD_E ||
	       (d->ev_enter == SCT_EV_SYSCALL_IOCTL_3_E &&
		(uint32_t)t->args[1] == SCT_USERFAULTFD_IOC_NEW);
}

/*
 * A sigreturn has no exit event: the registers it restores include the
 * syscall number, which the kernel sets to -1 there (no restart), so the
 * driver's sys_exit tracepoint finds no syscall and writes nothing.
 */
static bool returns_nowhere(const struct sct_thread *t)
{
	const char *name = t->se ? t->se->name : NULL;

	return name && (name[0] == 'r' || name[0] == 's') &&
	       (!strcmp(name, "rt_sigreturn") || !strcmp(name, "sigreturn"));
}

/* The most messages of one sendmmsg/recvmmsg the driver writes. */
#define MMSG_MAX	16

/*
 * sendmmsg and recvmmsg exits, as the driver writes them: one exit per
 * message sent or received (the first 16), each that message's: res its
 * msg_len, its size, data, tuple (and control bytes); a failed call (or
 * none sent), one with res, fd and nothing else.  Each exit after the
 * first comes after an enter of its own, as the readers pair them.  The
 * table's row decodes one msghdr (a1) and one length (ret): the thread's
 * a1 is pointed at each message's in turn.
 */
static void mmsg_exit(struct sct_run *r, struct sct_thread *t, int64_t ret)
{
	const uint64_t base = t->args[1];
	const unsigned ws = t->arch->wordsize;
	int64_t i, n = ret > 0 ? (ret < MMSG_MAX ? ret : MMSG_MAX) : 1;
	unsigned type, etype;

	for (i = 0; i < n; i++) {
		int64_t res = ret;

		if (ret > 0) {
			/* struct mmsghdr: a msghdr (7 words), msg_len */
			uint32_t len = 0;

			t->args[1] = base + (uint64_t)i * 8 * ws;
			if (sct_mem_read(t->tid, t->args[1] + 7 * ws, &len,
					 4) != 4)
				len = 0;
			res = len;
		} else {
			t->args[1] = 0;
		}
		type = gather(r, &r->call, t, true, res, r->vals);
		if (ret <= 0) {
			r->vals[2] = sct_int(0);	/* size */
			r->vals[4] = (struct sct_val){ 0 };	/* tuple: none */
		}
		if (!wanted(r, t, type, res, r->vals))
			continue;
		if (i > 0 || !t->enter_written) {
			etype = gather(r, &r->enter_call, t, false, 0,
				       r->enter_vals);
			emit(r, t, etype, r->enter_vals);
		}
		emit(r, t, type, r->vals);
	}
	t->args[1] = base;
}

void sct_sysevent_exit(struct sct_run *r, struct sct_thread *t,
		       const struct __ptrace_syscall_info *si)
{
	const struct sct_decoder *d = decoder_of(t->se);
	int64_t ret = si->exit.rval;
	unsigned type;

	if (!t->in_syscall)
		return;		/* its enter was never seen */
	t->in_syscall = false;
	if (r->o->summary)
		count_call(r, t, ret);
	comm_changes(r, t, d, ret);
	if (r->o->stacks && maps_change(r, t, d))
		sct_stacks_changed(t->g);
	if (makes_uffd(t, d, ret))
		t->g->uffd = true;
	if (returns_nowhere(t))
		return;
	if (d && !type_kept(r, d->ev_enter + 1)) {
		r->st->filtered++;
		return;
	}
	if (d && (d->ev_enter == SCT_EV_SOCKET_SENDMMSG_E ||
		  d->ev_enter == SCT_EV_SOCKET_RECVMMSG_E)) {
		mmsg_exit(r, t, ret);
		return;
	}
	type = gather(r, &r->call, t, true, ret, r->vals);
	if (!wanted(r, t, type, ret, r->vals))
		return;
	/* an exec's exit tells the readers the new program */
	if (ret == 0 && d && (d->ev_enter == SCT_EV_SYSCALL_EXECVE_19_E ||
			      d->ev_enter == SCT_EV_SYSCALL_EXECVEAT_E) &&
	    t->told == SCT_TOLD_STALE)
		t->told = SCT_TOLD_ALL;
	if (!t->enter_written) {
		/*
		 * An exit is only ever written right after its own enter
		 * (the newest reader aborts on a mismatch): write it now,
		 * decoded in a context of its own beside the exit's values.
		 */
		unsigned etype = gather(r, &r->enter_call, t, false, 0,
					r->enter_vals);

		emit(r, t, etype, r->enter_vals);
	}
	emit(r, t, type, r->vals);
	/* the launched child's exec failed: what it does next is sctrace's */
	if (ret < 0 && t->tid == r->main_pid && !r->main_execd && d &&
	    (d->ev_enter == SCT_EV_SYSCALL_EXECVE_19_E ||
	     d->ev_enter == SCT_EV_SYSCALL_EXECVEAT_E))
		t->prelude = true;
}

/* The child side of a clone: res = 0, its state (inherited, see pi_inherit). */
void sct_sysevent_child(struct sct_run *r, struct sct_thread *t)
{
	struct sct_call *c;
	unsigned type = t->child_dec->ev_enter + 1;

	t->child_pending = false;
	memcpy(t->args, t->child_args, sizeof(t->args));
	if (!type_kept(r, type)) {
		r->st->filtered++;
		return;
	}
	c = call_for(&r->call, t);
	c->ret = 0;
	c->at_exit = true;
	c->clone_flags = t->child_flags;
	/* a thread's child is a sibling's: CLONE_THREAD/PARENT keep ours */
	if (!(t->child_flags & (SCT_PPM_CL_CLONE_THREAD |
				SCT_PPM_CL_CLONE_PARENT)))
		c->parent_tid = t->parent_tid;
	/* the child's side; its parent's exit may be still to come */
	c->clone = (struct sct_clone_side){
		.which = SCT_CLONE_CHILD,
		.parent = t->parent_tid,
		.child = t->tid,
		.other_pending = true,
		.own_cgroup = t->child_own_cgroup,
	};
	sct_decode(c, type, t->child_dec->exit, t->child_dec->n_exit, r->vals);
	if (wanted(r, t, type, 0, r->vals)) {
		t->told = SCT_TOLD_ALL;	/* (it is this event) */
		emit(r, t, type, r->vals);
	}
}

/*
 * A thread the readers do not know as it is (a filter left out its clone
 * or its exec, see enum sct_told) has an event about to be written: tell
 * them first what a driver capture would have told them, with the events
 * that did happen and were left out, as its process is now:
 *  - born unseen: its side of the clone that made it (res = 0), with its
 *    process's state now (name, exe, args, cwd, ...), after its leader's
 *    if that is unknown too;
 *  - known, but its program changed unseen: the exec, enter and exit.
 * These are written whatever the filter says, once per thread or exec:
 * every written event's thread then has a name, parent and program.
 */
static void describe(struct sct_run *r, struct sct_thread *t)
{
	enum sct_told told = t->told;
	const struct sct_decoder *d;
	struct sct_call *c;
	struct sct_thread *l;
	unsigned type;

	t->told = SCT_TOLD_ALL;
	if (!r->o->w)
		return;		/* text output names each event's thread */
	if (t->tid != t->g->pid &&
	    (l = sct_thread_find(&r->threads, t->g->pid)) &&
	    l->told != SCT_TOLD_ALL)
		describe(r, l);
	d = told == SCT_TOLD_STALE ? r->execve_dec :
	    t->child_dec ? t->child_dec : r->clone_dec;
	if (!d)
		return;
	c = call_for(&r->desc_call, t);
	c->at_exit = true;
	type = d->ev_enter + 1;
	if (told != SCT_TOLD_STALE) {
		if (t->child_dec) {
			memcpy(c->args, t->child_args, sizeof(c->args));
			c->clone_flags = t->child_flags;
		} else if (t->tid != t->g->pid) {
			c->clone_flags = SCT_PPM_CL_CLONE_THREAD |
				SCT_PPM_CL_CLONE_VM | SCT_PPM_CL_CLONE_FS |
				SCT_PPM_CL_CLONE_FILES |
				SCT_PPM_CL_CLONE_SIGHAND;
		}
		if (t->parent_tid > 0 &&
		    !(c->clone_flags & (SCT_PPM_CL_CLONE_THREAD |
					SCT_PPM_CL_CLONE_PARENT)))
			c->parent_tid = t->parent_tid;
		sct_decode(c, type, d->exit, d->n_exit, r->desc_vals);
		emit(r, t, type, r->desc_vals);
		return;
	}
	sct_decode(c, type, d->exit, d->n_exit, r->desc_vals);
	/* the enter's filename: the program as the kernel found it */
	if (!c->pi_loaded || !(c->pi_have & SCT_PI_EXEPATH))
		c->pi->exepath[0] = 0;
	if (!c->pi->exepath[0])
		sct_proc_read(t->tid, c->pi, SCT_PI_EXEPATH);
	r->enter_desc = sct_bytes(c->pi->exepath, strlen(c->pi->exepath) + 1);
	emit(r, t, d->ev_enter, &r->enter_desc);
	emit(r, t, type, r->desc_vals);
}

/* procexit's values from a wait status: status, exit code, signal, core */
static void procexit_vals(struct sct_val *vals, int status)
{
	vals[0] = sct_int((uint64_t)(int64_t)status);
	vals[1] = sct_int(WIFEXITED(status) ? WEXITSTATUS(status) : 0);
	vals[2] = sct_int(WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	vals[3] = sct_int(WIFSIGNALED(status) && WCOREDUMP(status));
	vals[4] = sct_int(0);	/* reaper_tid */
}

void sct_sysevent_procexit(struct sct_run *r, struct sct_thread *t,
			   int status)
{
	t->gone = true;
	procexit_vals(r->vals, status);
	r->vals[4] = sct_int((uint64_t)(int64_t)sct_decode_reaper(&r->threads,
								  t));
	if (wanted(r, t, SCT_EV_PROCEXIT_1_E, 0, r->vals))
		emit(r, t, SCT_EV_PROCEXIT_1_E, r->vals);
}

/*
 * The sender the driver names in a signaldeliver event (its signal_deliver
 * tracepoint): si_pid of SIGKILL, SIGCHLD and real-time signals, and of
 * SIGTERM, SIGHUP, SIGINT, SIGTSTP and SIGQUIT when sent by a process
 * (si_code SI_USER, SI_QUEUE or below 0); else 0.
 */
static pid_t signal_sender(int sig, const siginfo_t *si)
{
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return si->si_pid;
	switch (sig) {
	case SIGKILL:
	case SIGCHLD:
		return si->si_pid;
	case SIGTERM:
	case SIGHUP:
	case SIGINT:
	case SIGTSTP:
	case SIGQUIT:
		return si->si_code == SI_USER || si->si_code == SI_QUEUE ||
			       si->si_code <= 0 ? si->si_pid : 0;
	default:
		return 0;
	}
}

static void signaldeliver(struct sct_run *r, struct sct_thread *t,
			  pid_t spid, int sig)
{
	r->vals[0] = sct_int((uint64_t)(int64_t)spid);
	r->vals[1] = sct_int((uint64_t)(int64_t)t->tid);
	r->vals[2] = sct_int((uint64_t)sig);
	if (wanted(r, t, SCT_EV_SIGNALDELIVER_E, 0, r->vals))
		emit(r, t, SCT_EV_SIGNALDELIVER_E, r->vals);
}

/*
 * A signal passes the tracer on its way to delivery: the driver's
 * signaldeliver event (sender, receiving thread, signal).  Not for a
 * signal the process ignores: untraced, the kernel would have discarded
 * it when sent (a traced process is told even of those).  Nor, here, for
 * one whose default action ends the process without a core dump:
 * untraced, the kernel turns it into SIGKILL for every thread when it is
 * sent (complete_signal), and the driver sees only that, at each
 * thread's death (sct_sysevent_death).
 */
void sct_sysevent_signal(struct sct_run *r, struct sct_thread *t, int sig)
{
	siginfo_t si;
	pid_t spid = 0;

	if (!type_kept(r, SCT_EV_SIGNALDELIVER_E))
		return;
	switch (sct_proc_sig_fate(t->tid, sig)) {
	case SCT_SIG_IGNORED:
	case SCT_SIG_KILLS:
		return;
	case SCT_SIG_DUMPS:
		t->dumping = true;
		break;
	case SCT_SIG_RUNS:
		break;
	}
	if (ptrace(PTRACE_GETSIGINFO, t->tid, 0, &si) == 0)
		spid = signal_sender(sig, &si);
	signaldeliver(r, t, spid, sig);
}

/*
 * Was t in a call of its own that ends it (exit, exit_group)?  (Before
 * the launched program's exec, the launcher's calls are no events, but
 * the last one stopped for is known.)
 */
static bool exiting(const struct sct_thread *t)
{
	return (t->in_syscall || t->prelude) && t->se && t->se->name &&
	       (!strcmp(t->se->name, "exit_group") ||
		!strcmp(t->se->name, "exit"));
}

/*
 * A thread ended by its process's end (another thread's exit_group or
 * exec, a fatal signal, SIGKILL) passes the kernel's signal code on its
 * way out, which tells the driver's signal_deliver tracepoint of a
 * SIGKILL from no sender (get_signal, SIGNAL_GROUP_EXIT).  Not the thread
 * that called exit or exit_group, nor the one that took a core-dumping
 * signal (its own signaldeliver was written at its delivery stop).
 */
void sct_sysevent_death(struct sct_run *r, struct sct_thread *t, int status)
{
	t->gone = true;
	if (type_kept(r, SCT_EV_SIGNALDELIVER_E) && !exiting(t) &&
	    !(t->dumping && WIFSIGNALED(status)))
		signaldeliver(r, t, 0, SIGKILL);
	sct_sysevent_procexit(r, t, status);
}

void sct_sysevent_exec(struct sct_run *r, struct sct_thread *t)
{
	sct_stacks_changed(t->g);
	/* what the readers know is the former program's, until told */
	if (t->told == SCT_TOLD_ALL)
		t->told = SCT_TOLD_STALE;
	/*
	 * While no event is written, the launched command's state after its
	 * exec is kept: if it is gone before the first event, the procexit
	 * written for it at the end still has a name (sct_sysevent_no_events).
	 */
	if (r->header_done || !r->o->w || t->g->pid != r->main_pid)
		return;
	if (!r->main_pi && !(r->main_pi = malloc(sizeof(*r->main_pi))))
		sct_die("out of memory");
	if (sct_proc_read(t->g->pid, r->main_pi, SCT_PI_NEW | SCT_PI_ALL) < 0) {
		free(r->main_pi);
		r->main_pi = NULL;
	}
}

/* A notification event (id "sctrace") saying why the file holds it. */
static void notify(struct sct_run *r, pid_t tid, const char *desc)
{
	static const char id[] = "sctrace";
	/* (its thread, if any, is in the process list) */
	struct sct_thread t = { .tid = tid, .cpu = -1, .told = SCT_TOLD_ALL };
	struct sct_group g = { .pid = tid, .pidfd = -1 };

	t.g = &g;
	r->vals[0] = sct_bytes(id, sizeof(id));
	r->vals[1] = sct_bytes(desc, strlen(desc) + 1);
	emit(r, &t, SCT_EV_NOTIFICATION_E, r->vals);
}

/*
 * The libs readers refuse a file without any event ("no events in file").
 * When nothing was written, write the launched command's end, which did
 * happen (named in the process list even if it was gone before the
 * header), or else a notification event saying that nothing was
 * captured; and say so.
 */
void sct_sysevent_no_events(struct sct_run *r)
{
	const char *why = r->o->filter ? "no event matched the filter" :
		"no syscall was seen (the traced processes were stopped or "
		"blocked all along)";

	if (!r->header_done) {
		if (r->main_done && r->main_pi)
			sct_snapshot_add(r->snap, r->main_pi);
		write_header(r);
	}
	if (r->main_done) {
		struct sct_thread t = { .tid = r->main_pid, .cpu = -1,
					.told = SCT_TOLD_ALL };
		struct sct_group g = { .pid = r->main_pid, .pidfd = -1 };

		sct_warn("%s; the capture holds only the end (procexit) of "
			 "the launched command", why);
		t.g = &g;
		procexit_vals(r->vals, r->main_status);
		emit(r, &t, SCT_EV_PROCEXIT_1_E, r->vals);
		return;
	}
	sct_warn("%s; the capture holds only a notification event saying so",
		 why);
	notify(r, r->npids ? r->pids[0] : getpid(), why);
}
