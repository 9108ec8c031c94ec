/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decode core: the op table of decode_ops.h, the interpreter that
 * gathers each parameter of syscalls/decode.tbl through its op's handler
 * (src/decode/<family>.c), and the thread's /proc state (the PI_* and VM_*
 * ops), shared by clone's two sides.
 */
#include "config.h"
#include "decode.h"
#include "decode/internal.h"
#include "ppm_flags.h"
#include "proc.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SCT_OP_INFO(up, min, max, handler) [SCT_OP_##up] = { #up, min, max },
#define SCT_XLAT_INFO(up, fn) [SCT_OP_##up] = { #up, 1, 1 },
const struct sct_op_info sct_ops[SCT_OP_COUNT] = {
	SCT_DECODE_OPS(SCT_OP_INFO, SCT_XLAT_INFO)
};
#undef SCT_OP_INFO
#undef SCT_XLAT_INFO

#define SCT_OP_FN(up, min, max, handler) [SCT_OP_##up] = sct_op_##handler,
#define SCT_XLAT_FN(up, fn) [SCT_OP_##up] = sct_op_xlat,
static sct_op_fn *const op_fns[SCT_OP_COUNT] = {
	SCT_DECODE_OPS(SCT_OP_FN, SCT_XLAT_FN)
};
#undef SCT_OP_FN
#undef SCT_XLAT_FN

static bool old_readers;

void sct_decode_set_old_readers(bool on)
{
	old_readers = on;
}

bool sct_decode_old_readers(void)
{
	return old_readers;
}

const struct sct_decoder *sct_decoder_get(int idx)
{
	const struct sct_decoder *d;

	if (idx < 0 || (unsigned)idx >= sct_ndecoders)
		return NULL;
	d = &sct_decoders[idx];
	if (!old_readers)
		return d;
	/* an @old twin: the 2022 event or semantics; else a 2022 event as is */
	if (d->old >= 0)
		return &sct_decoders[d->old];
	return d->ev_enter < SCT_OLD_EVENT_MAX ? d : NULL;
}

const struct sct_decoder *sct_decoder_lookup(const char *syscall)
{
	unsigned i;

	for (i = 0; i < sct_ndecoders; i++)
		if (!strcmp(sct_decoders[i].syscall, syscall))
			return &sct_decoders[i];
	return NULL;
}

static uint64_t operand(const struct sct_call *c, const struct sct_operand *o)
{
	switch (o->kind) {
	case SCT_O_ARG:
		return c->args[o->v];
	case SCT_O_RET:
		return (uint64_t)c->ret;
	case SCT_O_LIT:
		return (uint64_t)(int64_t)o->v;
	default:
		return 0;
	}
}

/* ---------------------------------------------------------------------
 * Memory counters of mmap/munmap/brk exits: the thread's VmSize, VmRSS
 * and VmSwap (mm total_vm, rss and swap entries, in kB, as the driver).
 * mmap and brk are frequent: their files stay open (sct_proc_file).
 * Size and RSS come from /proc/T/stat, whose RSS is the driver's sum
 * (statm and status add in what is still counted per CPU); VmSwap, from
 * status (~3 us to generate, stat ~1 us), only while the system has a
 * swap area (else every VmSwap is 0): sct_proc_vm.
 * ------------------------------------------------------------------- */

static struct sct_val vm_val(struct sct_call *c, unsigned op)
{
	if (!c->vm_loaded) {
		if (sct_proc_vm(c->tid, c->vm_kb) < 0)
			return (struct sct_val){ 0 };
		c->vm_loaded = true;
	}
	return sct_int(c->vm_kb[op - SCT_OP_VM_SIZE]);
}

/* The parts of /proc an op needs beyond stat and status (SCT_PI_*). */
static unsigned pi_need(unsigned op)
{
	switch (op) {
	case SCT_OP_PI_EXE:
	case SCT_OP_PI_ARGS:
	case SCT_OP_PI_EXE_OK:
	case SCT_OP_PI_ARGS_OK:
		return SCT_PI_CMDLINE;
	case SCT_OP_PI_CWD:
		return SCT_PI_CWD;
	case SCT_OP_PI_FDLIMIT:
		return SCT_PI_FDLIMIT;
	case SCT_OP_PI_CGROUPS:
		return SCT_PI_CGROUPS;
	case SCT_OP_PI_ENV:
		return SCT_PI_ENV;
	case SCT_OP_PI_LOGINUID:
		return SCT_PI_LOGINUID;
	case SCT_OP_PI_EXEPATH:
		return SCT_PI_EXEPATH;
	case SCT_OP_PI_UID:
	case SCT_OP_PI_GID:
	case SCT_OP_PI_VTID:
	case SCT_OP_PI_VPID:
		return SCT_PI_STATUS;
	case SCT_OP_PI_VM_SIZE:
	case SCT_OP_PI_VM_RSS:
		return SCT_PI_VM;
	case SCT_OP_PI_VM_SWAP:
		/* no swap area: every VmSwap is 0 (see sct_proc_vm) */
		return sct_proc_swap_active() ? SCT_PI_STATUS : 0;
	default:
		return 0;
	}
}

/*
 * The child side of a clone, from the thread it was forked from: a new
 * process's /proc files cost several times a warm one's to open, and the
 * child's creds, name, argv, environ, cwd, root, rlimits and cgroups are
 * copies of its parent's at this point (it has not run yet).  Its own
 * are only its ids, its fault counters and memory sizes (its stat).
 * A child in another pid namespace than ours, or one moved to a
 * cgroup of its own, is read for itself.  The parent's state comes from
 * its clone exit if that came first, else it is read here and kept for
 * that exit (clone_state.h).
 */
static int pi_inherit(struct sct_call *c, unsigned *what)
{
	unsigned need = *what, src_have = 0;
	struct sct_procinfo *pi = c->pi;
	const struct sct_procinfo *src;
	bool same_cgroup = !c->clone.own_cgroup;

	if (!same_cgroup)
		need &= ~SCT_PI_CGROUPS;
	/* all a clone's params: uid, gid (status), the sizes */
	need |= SCT_PI_STATUS | SCT_PI_VM;
	src = sct_clone_state_take(c->clone_state, &c->clone, &src_have);
	if (src && !(need & ~src_have)) {
		/* the parent's exit came first: its values, as at the fork */
		memcpy(pi, src, sizeof(*pi));
		need = src_have;
	} else {
		/* all a clone exit needs: the parent's exit may reuse it */
		need |= SCT_PI_CMDLINE | SCT_PI_CWD | SCT_PI_FDLIMIT |
			(same_cgroup ? SCT_PI_CGROUPS : 0);
		if (sct_proc_read(c->clone.parent, pi, SCT_PI_NEW | need) < 0)
			return -1;
		if (!src)
			sct_clone_state_keep(c->clone_state, &c->clone, pi, need);
	}
	/*
	 * The ids as we see them must be the child's namespace's own (not
	 * after CLONE_NEWPID, nor after its parent's unshare or setns).
	 */
	if ((c->clone_flags & SCT_PPM_CL_CLONE_NEWPID) ||
	    !sct_proc_in_our_pidns(c->tid))
		return -1;
	pi->tid = pi->vtid = c->tid;
	pi->pid = pi->vpid = c->pid;
	/* its parent, faults, sizes (and name, group: its parent's) */
	if (sct_proc_read(c->tid, pi, SCT_PI_STAT | SCT_PI_VM) < 0)
		return -1;
	if (!same_cgroup) {
		pi->cgroups_len = pi->ev_cgroups_len = 0;
		sct_proc_read(c->tid, pi, SCT_PI_CGROUPS);
		need |= SCT_PI_CGROUPS;
	}
	*what = need;
	return 0;
}

struct sct_val sct_pi_val(struct sct_call *c, unsigned op)
{
	struct sct_procinfo *pi = c->pi;
	const struct sct_procinfo *src;
	unsigned need = pi_need(op), src_have;

	/* a failed clone's: no exe nor args, as the libs 0.25 driver's */
	if (op == SCT_OP_PI_EXE_OK || op == SCT_OP_PI_ARGS_OK) {
		if (c->ret < 0)
			return (struct sct_val){ 0 };
		op = op == SCT_OP_PI_EXE_OK ? SCT_OP_PI_EXE : SCT_OP_PI_ARGS;
	}
	/* a clone's parent whose state its child's side just read */
	if (!c->pi_loaded && c->clone.which == SCT_CLONE_PARENT &&
	    (src = sct_clone_state_take(c->clone_state, &c->clone,
					&src_have))) {
		memcpy(pi, src, sizeof(*pi));
		c->pi_loaded = true;
		c->pi_have = src_have;
		c->pi_of = c->tid;
	}
	if (!c->pi_loaded) {
		/* pi_inherit sets need to what pi then holds */
		c->pi_of = c->clone.parent;
		if (!(c->clone.which == SCT_CLONE_CHILD &&
		      pi_inherit(c, &need) == 0)) {
			c->pi_of = c->tid;
			need = pi_need(op);
			if (sct_proc_read(c->tid, pi, SCT_PI_NEW | need) < 0)
				return (struct sct_val){ 0 };
		}
		c->pi_loaded = true;
		/* (stat, read with the first, has the sizes) */
		c->pi_have = need | SCT_PI_VM;
	} else {
		/* an inherited cgroup list was read with the child's own */
		if (need & ~c->pi_have)
			sct_proc_read(c->pi_of, pi, need & ~c->pi_have);
		c->pi_have |= need;
	}
	switch (op) {
	case SCT_OP_PI_EXE:
		return sct_bytes(pi->exe, strlen(pi->exe) + 1);
	case SCT_OP_PI_ARGS:
		return sct_bytes(pi->args, pi->args_len);
	case SCT_OP_PI_TID:
		return sct_int((uint64_t)pi->tid);
	case SCT_OP_PI_PID:
		/* (the tgid without reading status: ours) */
		return sct_int((uint64_t)(c->pid > 0 ? c->pid : pi->pid));
	case SCT_OP_PI_PTID:
		/* the driver's real_parent->pid: the thread that forked */
		return sct_int((uint64_t)(c->parent_tid > 0 ? c->parent_tid :
					  pi->ptid));
	case SCT_OP_PI_CWD:
		return sct_bytes(pi->cwd, strlen(pi->cwd) + 1);
	case SCT_OP_PI_FDLIMIT:
		return sct_int(pi->fdlimit);
	case SCT_OP_PI_PGFT_MAJ:
		return sct_int(pi->pfmajor);
	case SCT_OP_PI_PGFT_MIN:
		return sct_int(pi->pfminor);
	case SCT_OP_PI_VM_SIZE:
		return sct_int(pi->ev_vmsize_kb);
	case SCT_OP_PI_VM_RSS:
		return sct_int(pi->ev_vmrss_kb);
	case SCT_OP_PI_VM_SWAP:
		return sct_int(pi->vmswap_kb);
	case SCT_OP_PI_COMM:
		return sct_bytes(pi->comm, strlen(pi->comm) + 1);
	case SCT_OP_PI_CGROUPS:
		return sct_bytes(pi->ev_cgroups, pi->ev_cgroups_len);
	case SCT_OP_PI_ENV:
		return sct_bytes(pi->env, pi->env_len);
	case SCT_OP_PI_TTY:
		return sct_int(pi->tty);
	case SCT_OP_PI_PGID:
		return sct_int((uint64_t)pi->pgid);
	case SCT_OP_PI_LOGINUID:
		return sct_int(pi->loginuid);
	case SCT_OP_PI_UID:
		return sct_int(pi->uid);
	case SCT_OP_PI_GID:
		return sct_int(pi->gid);
	case SCT_OP_PI_VTID:
		return sct_int((uint64_t)pi->vtid);
	case SCT_OP_PI_VPID:
		return sct_int((uint64_t)pi->vpid);
	case SCT_OP_PI_CLONE_FLAGS:
		return sct_int(c->clone_flags);
	case SCT_OP_PI_EXEPATH:
		if (!pi->exepath[0])
			return (struct sct_val){ 0 };
		return sct_bytes(pi->exepath, strlen(pi->exepath) + 1);
	default:
		return (struct sct_val){ 0 };
	}
}

SCT_OP_HANDLER(vm)
{
	return vm_val(c, a->s->op);
}

SCT_OP_HANDLER(pi)
{
	return sct_pi_val(c, a->s->op);
}

/* "@name": the named decoder the generator numbered x. */
SCT_OP_HANDLER(call)
{
	if (a->x >= sct_nnamed_decoders)
		return SCT_NONE;
	return sct_named_decoders[a->x](c, a);
}

static struct sct_val gather(struct sct_call *c, const struct sct_src *s,
			     uint8_t pt, unsigned type, unsigned i)
{
	struct sct_opargs a = {
		.s = s,
		.x = operand(c, &s->o[0]),
		.y = operand(c, &s->o[1]),
		.z = operand(c, &s->o[2]),
		.pt = pt,
		.param = SCT_PARAM(c->at_exit, i),
		.type = type,
	};

	if (s->op >= SCT_OP_COUNT || !op_fns[s->op])
		return SCT_NONE;
	return op_fns[s->op](c, &a);
}

void sct_decode(struct sct_call *c, unsigned type, const struct sct_src *srcs,
		unsigned n, struct sct_val *out)
{
	const struct sct_event_info *ei = &sct_events[type];
	unsigned i;

	c->pi_loaded = false;
	c->vm_loaded = false;
	c->acceptq_loaded = false;
	c->exe.caps_loaded = c->exe.stat_loaded = false;
	c->fdst.loaded = c->str.loaded = false;
	for (i = 0; i < ei->nparams; i++)
		out[i] = i < n ? gather(c, &srcs[i], ei->params[i].type, type,
					i) :
				 (struct sct_val){ 0 };
	/* a clone's parent: what it read, for its child's side to come */
	if (c->clone.which == SCT_CLONE_PARENT && c->pi_loaded)
		sct_clone_state_keep(c->clone_state, &c->clone, c->pi,
				     c->pi_have);
}
