/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Interpreter for the parameter sources of syscalls/decode.tbl. */
#include "config.h"
#include "decode.h"
#include "arch/arch.h"
#include "mem.h"
#include "net.h"
#include "ppm_flags.h"
#include "proc.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* Each translation widened to one signature, indexed from its op. */
#define SCT_XLAT_FN(up, fn)						\
	static uint64_t xlat_##fn(uint64_t v)				\
	{								\
		return (uint64_t)sct_ppm_##fn(v);			\
	}
SCT_XLATS(SCT_XLAT_FN)
#undef SCT_XLAT_FN

#define SCT_XLAT_ENTRY(up, fn) [SCT_OP_##up] = xlat_##fn,
static uint64_t (*const xlat_fns[SCT_OP_COUNT])(uint64_t) = {
	SCT_XLATS(SCT_XLAT_ENTRY)
};
#undef SCT_XLAT_ENTRY

#define STR_MAX		4096
#define IOV_BATCH	64
#define IOV_MAX_COUNT	1024

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

/* Scratch space for this event; NULL when the arena is full. */
static uint8_t *arena_take(struct sct_call *c, size_t want, size_t *got)
{
	size_t room = c->arena_cap - c->arena_len;

	if (want > room)
		want = room;
	*got = want;
	return want ? c->arena + c->arena_len : NULL;
}

static struct sct_val arena_commit(struct sct_call *c, uint8_t *p, size_t len)
{
	c->arena_len += len;
	return sct_bytes(p, len);
}

static struct sct_val read_str(struct sct_call *c, uint64_t addr)
{
	size_t room;
	uint8_t *p = arena_take(c, STR_MAX, &room);
	ssize_t n;

	if (!p || !addr)
		return (struct sct_val){ 0 };
	n = sct_mem_read_str(c->pid, addr, (char *)p, room);
	if (n <= 0)
		return (struct sct_val){ 0 };
	return arena_commit(c, p, (size_t)n);
}

static struct sct_val read_buf(struct sct_call *c, uint64_t addr, int64_t len)
{
	size_t room;
	uint8_t *p;
	ssize_t n;

	if (len <= 0 || !addr)
		return (struct sct_val){ 0 };
	if ((uint64_t)len > c->snaplen)
		len = c->snaplen;
	p = arena_take(c, (size_t)len, &room);
	if (!p)
		return (struct sct_val){ 0 };
	n = sct_mem_read(c->pid, addr, p, room);
	if (n <= 0)
		return (struct sct_val){ 0 };
	return arena_commit(c, p, (size_t)n);
}

/* Read one word-sized field of a tracee struct. */
static int read_word(struct sct_call *c, uint64_t addr, uint64_t *v)
{
	unsigned ws = c->arch->wordsize;
	uint8_t b[8] = { 0 };

	if (sct_mem_read(c->pid, addr, b, ws) != (ssize_t)ws)
		return -EFAULT;
	if (ws == 8)
		memcpy(v, b, 8);
	else {
		uint32_t w;

		memcpy(&w, b, 4);
		*v = w;
	}
	return 0;
}

/*
 * Walk iovec array iov[cnt]: with gather, copy up to min(total, snaplen)
 * bytes of the buffers; without, just sum the lengths.
 */
static struct sct_val iov_walk(struct sct_call *c, uint64_t iov, uint64_t cnt,
			       int64_t total, bool gather)
{
	unsigned ws = c->arch->wordsize;
	uint8_t raw[IOV_BATCH * 16];
	uint64_t sum = 0, i = 0;
	size_t want = 0, room = 0, got = 0;
	uint8_t *p = NULL;

	if (gather) {
		if (total <= 0)
			return (struct sct_val){ 0 };
		want = (uint64_t)total > c->snaplen ? c->snaplen :
						      (size_t)total;
		p = arena_take(c, want, &room);
		if (!p)
			return (struct sct_val){ 0 };
		want = room;
	}
	if (cnt > IOV_MAX_COUNT)
		cnt = IOV_MAX_COUNT;
	while (i < cnt && (!gather || got < want)) {
		uint64_t batch = cnt - i < IOV_BATCH ? cnt - i : IOV_BATCH;
		ssize_t n = sct_mem_read(c->pid, iov + i * 2 * ws, raw,
					 batch * 2 * ws);
		uint64_t j;

		if (n < (ssize_t)(2 * ws))
			break;
		batch = (uint64_t)n / (2 * ws);
		for (j = 0; j < batch && (!gather || got < want); j++) {
			uint64_t base = 0, len = 0;

			memcpy(&base, raw + j * 2 * ws, ws);
			memcpy(&len, raw + j * 2 * ws + ws, ws);
			sum += len;
			if (gather && len) {
				ssize_t r;

				if (len > want - got)
					len = want - got;
				r = sct_mem_read(c->pid, base, p + got, len);
				if (r > 0)
					got += (size_t)r;
				if (r < (ssize_t)len)
					goto out;
			}
		}
		i += batch;
		if ((size_t)n < batch * 2 * ws)
			break;
	}
out:
	if (!gather)
		return sct_int(sum);
	return got ? arena_commit(c, p, got) : (struct sct_val){ 0 };
}

/* msghdr fields: name, namelen, iov, iovlen, control, controllen, flags */
static int read_msghdr(struct sct_call *c, uint64_t msg, uint64_t *name,
		       uint64_t *namelen, uint64_t *iov, uint64_t *iovlen)
{
	unsigned ws = c->arch->wordsize;

	if (read_word(c, msg, name) || read_word(c, msg + ws, namelen) ||
	    read_word(c, msg + 2 * ws, iov) ||
	    read_word(c, msg + 3 * ws, iovlen))
		return -EFAULT;
	*namelen &= 0xffffffffu;
	return 0;
}

static struct sct_val pi_val(struct sct_call *c, unsigned op)
{
	struct sct_procinfo *pi = c->pi;

	if (!c->pi_loaded) {
		if (sct_proc_read(c->tid, pi, SCT_PI_ALL) < 0)
			return (struct sct_val){ 0 };
		c->pi_loaded = true;
	}
	switch (op) {
	case SCT_OP_PI_EXE:
		return sct_bytes(pi->exe, strlen(pi->exe) + 1);
	case SCT_OP_PI_ARGS:
		return sct_bytes(pi->args, pi->args_len);
	case SCT_OP_PI_TID:
		return sct_int((uint64_t)pi->tid);
	case SCT_OP_PI_PID:
		return sct_int((uint64_t)pi->pid);
	case SCT_OP_PI_PTID:
		return sct_int((uint64_t)pi->ptid);
	case SCT_OP_PI_CWD:
		return sct_bytes(pi->cwd, strlen(pi->cwd) + 1);
	case SCT_OP_PI_FDLIMIT:
		return sct_int(pi->fdlimit);
	case SCT_OP_PI_PGFT_MAJ:
		return sct_int(pi->pfmajor);
	case SCT_OP_PI_PGFT_MIN:
		return sct_int(pi->pfminor);
	case SCT_OP_PI_VM_SIZE:
		return sct_int(pi->vmsize_kb);
	case SCT_OP_PI_VM_RSS:
		return sct_int(pi->vmrss_kb);
	case SCT_OP_PI_VM_SWAP:
		return sct_int(pi->vmswap_kb);
	case SCT_OP_PI_COMM:
		return sct_bytes(pi->comm, strlen(pi->comm) + 1);
	case SCT_OP_PI_CGROUPS:
		return sct_bytes(pi->cgroups, pi->cgroups_len);
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
	default:
		return (struct sct_val){ 0 };
	}
}

static struct sct_val fd_stat(struct sct_call *c, int64_t fd, bool want_dev)
{
	char path[64];
	struct stat st;

	if (fd < 0)
		return (struct sct_val){ 0 };
	snprintf(path, sizeof(path), "/proc/%d/fd/%lld", c->pid, (long long)fd);
	if (stat(path, &st) < 0)
		return (struct sct_val){ 0 };
	return sct_int(want_dev ? sct_encode_dev(st.st_dev) : st.st_ino);
}

static int32_t read_int_at(struct sct_call *c, uint64_t addr, uint64_t idx,
			   bool *ok)
{
	int32_t v = 0;

	*ok = sct_mem_read(c->pid, addr + 4 * idx, &v, 4) == 4;
	return v;
}

/* Values of FD/PID/INT32 type given as a syscall argument are C ints. */
static uint64_t sign_fix(uint8_t pt, const struct sct_operand *o, uint64_t v)
{
	if (o->kind != SCT_O_ARG)
		return v;
	switch (pt) {
	case SCT_PT_FD:
	case SCT_PT_PID:
	case SCT_PT_INT32:
	case SCT_PT_ERRNO:
		return (uint64_t)(int64_t)(int32_t)v;
	default:
		return v;
	}
}

static struct sct_val net_val(struct sct_call *c, const struct sct_src *s)
{
	uint64_t x = operand(c, &s->o[0]);
	uint64_t y = operand(c, &s->o[1]);
	uint64_t z = operand(c, &s->o[2]);
	size_t room;
	uint8_t *p = arena_take(c, SCT_TUPLE_MAX, &room);
	struct sct_sock sk;
	ssize_t n = -1;

	if (!p || room < SCT_TUPLE_MAX)
		return (struct sct_val){ 0 };
	sct_sock_init(&sk, c);
	switch (s->op) {
	case SCT_OP_SOCKADDR:
		n = sct_sock_user_addr(&sk, y ? x : 0, y, p);
		break;
	case SCT_OP_SOCKADDR_LOCAL:
		n = sct_sock_local_addr(&sk, (int)x, p);
		break;
	case SCT_OP_TUPLE_OUT:
		n = sct_sock_tuple(&sk, (int)x, 0, 0, true, p);
		break;
	case SCT_OP_TUPLE_IN:
		n = sct_sock_tuple(&sk, (int)x, 0, 0, false, p);
		break;
	case SCT_OP_TUPLE_TO:
		n = sct_sock_tuple(&sk, (int)x, y, z, true, p);
		break;
	case SCT_OP_TUPLE_FROM: {
		uint32_t len = 0;

		if (y && z && sct_mem_read(c->pid, z, &len, 4) != 4)
			len = 0;
		n = sct_sock_tuple(&sk, (int)x, len ? y : 0, len, false, p);
		break;
	}
	case SCT_OP_MSG_TUPLE_OUT:
	case SCT_OP_MSG_TUPLE_IN: {
		uint64_t name = 0, namelen = 0, iov, iovlen;

		if (read_msghdr(c, y, &name, &namelen, &iov, &iovlen))
			name = namelen = 0;
		n = sct_sock_tuple(&sk, (int)x, namelen ? name : 0, namelen,
				   s->op == SCT_OP_MSG_TUPLE_OUT, p);
		break;
	}
	}
	sct_sock_done(&sk);
	if (n <= 0)
		return (struct sct_val){ 0 };
	return arena_commit(c, p, (size_t)n);
}

static struct sct_val gather(struct sct_call *c, const struct sct_src *s,
			     uint8_t pt)
{
	uint64_t x = operand(c, &s->o[0]);
	uint64_t y = operand(c, &s->o[1]);
	uint64_t z = operand(c, &s->o[2]);
	bool ok;

	switch (s->op) {
	case SCT_OP_VAL:
		/* a string type given a plain argument means "read it" */
		if (pt == SCT_PT_FSPATH || pt == SCT_PT_FSRELPATH ||
		    pt == SCT_PT_CHARBUF)
			return read_str(c, x);
		return sct_int(sign_fix(pt, &s->o[0], x));
	case SCT_OP_STR:
		return read_str(c, x);
	case SCT_OP_BUF:
		return read_buf(c, x, (int64_t)y);
	case SCT_OP_IOV:
		return iov_walk(c, x, y, (int64_t)z, true);
	case SCT_OP_IOVLEN:
		return iov_walk(c, x, y, 0, false);
	case SCT_OP_MSG_IOV:
	case SCT_OP_MSG_IOVLEN: {
		uint64_t name, namelen, iov, iovlen;

		if (read_msghdr(c, x, &name, &namelen, &iov, &iovlen))
			return (struct sct_val){ 0 };
		return iov_walk(c, iov, iovlen, (int64_t)y,
				s->op == SCT_OP_MSG_IOV);
	}
	case SCT_OP_FDPAIR: {
		int32_t v = read_int_at(c, x, y, &ok);

		return ok ? sct_int((uint64_t)(int64_t)v) : (struct sct_val){ 0 };
	}
	case SCT_OP_FDPAIR_INO: {
		int32_t v = read_int_at(c, x, y, &ok);

		return ok ? fd_stat(c, v, false) : (struct sct_val){ 0 };
	}
	case SCT_OP_FDINO:
		return fd_stat(c, (int64_t)x, false);
	case SCT_OP_DEV:
		return fd_stat(c, (int64_t)x, true);
	case SCT_OP_OPEN_MODE:
		return sct_int(sct_ppm_open_mode(x, y));
	case SCT_OP_HOW_FLAGS:
	case SCT_OP_HOW_MODE:
	case SCT_OP_HOW_RESOLVE: {
		/* struct open_how { u64 flags, mode, resolve; } */
		uint64_t how[3];

		if (y < sizeof(how) ||
		    sct_mem_read(c->pid, x, how, sizeof(how)) != sizeof(how))
			return (struct sct_val){ 0 };
		if (s->op == SCT_OP_HOW_FLAGS)
			return sct_int(sct_ppm_open_flags(how[0]));
		if (s->op == SCT_OP_HOW_MODE)
			return sct_int(sct_ppm_open_mode(how[0], how[1]));
		return sct_int(sct_ppm_openat2_resolve(how[2]));
	}
	case SCT_OP_SOCKADDR:
	case SCT_OP_SOCKADDR_LOCAL:
	case SCT_OP_TUPLE_OUT:
	case SCT_OP_TUPLE_IN:
	case SCT_OP_TUPLE_TO:
	case SCT_OP_TUPLE_FROM:
	case SCT_OP_MSG_TUPLE_OUT:
	case SCT_OP_MSG_TUPLE_IN:
		return net_val(c, s);
	default:
		if (s->op >= SCT_OP_PI_EXE && s->op < SCT_OP_COUNT)
			return pi_val(c, s->op);
		if (xlat_fns[s->op])
			return sct_int(xlat_fns[s->op](sign_fix(pt, &s->o[0],
								 x)));
		return (struct sct_val){ 0 };
	}
}

void sct_decode(struct sct_call *c, unsigned type, const struct sct_src *srcs,
		unsigned n, struct sct_val *out)
{
	const struct sct_event_info *ei = &sct_events[type];
	unsigned i;

	for (i = 0; i < ei->nparams; i++)
		out[i] = i < n ? gather(c, &srcs[i], ei->params[i].type) :
				 (struct sct_val){ 0 };
}
