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
#include <fcntl.h>
#include <stddef.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
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
/* pollfd entries looked at, and FDLIST entries written, per event */
#define POLL_SCAN_MAX	4096
#define POLL_EMIT_MAX	1024
#define POLL_BATCH	256
/* PT_DYN byte buffers (sockopt values): the driver's per-param limit */
#define DYN_BYTES_MAX	65000

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
	n = sct_mem_read_str(c->tid, addr, (char *)p, room);
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
	n = sct_mem_read(c->tid, addr, p, room);
	if (n <= 0)
		return (struct sct_val){ 0 };
	return arena_commit(c, p, (size_t)n);
}

/* Read one word-sized field of a tracee struct. */
static int read_word(struct sct_call *c, uint64_t addr, uint64_t *v)
{
	unsigned ws = c->arch->wordsize;
	uint8_t b[8] = { 0 };

	if (sct_mem_read(c->tid, addr, b, ws) != (ssize_t)ws)
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
		ssize_t n = sct_mem_read(c->tid, iov + i * 2 * ws, raw,
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
				r = sct_mem_read(c->tid, base, p + got, len);
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

/* ---------------------------------------------------------------------
 * Small fixed-size reads and PT_DYN values
 * ------------------------------------------------------------------- */

static bool read_u32(struct sct_call *c, uint64_t addr, uint32_t *v)
{
	return addr && sct_mem_read(c->tid, addr, v, 4) == 4;
}

static bool read_u64(struct sct_call *c, uint64_t addr, uint64_t *v)
{
	return addr && sct_mem_read(c->tid, addr, v, 8) == 8;
}

/* A signed C long of the tracee's ABI. */
static bool read_long(struct sct_call *c, uint64_t addr, int64_t *v)
{
	uint64_t w;

	if (!addr || read_word(c, addr, &w))
		return false;
	if (c->arch->wordsize == 4)
		*v = (int64_t)(int32_t)(uint32_t)w;
	else
		*v = (int64_t)w;
	return true;
}

/* PT_DYN: the index byte, then the value at the width of its type. */
static struct sct_val dyn_int(struct sct_call *c, uint8_t idx, uint64_t v,
			      unsigned width)
{
	size_t room;
	uint8_t *p = arena_take(c, 1 + 8, &room);
	unsigned i;

	if (!p || room < 1 + width)
		return (struct sct_val){ 0 };
	p[0] = idx;
	for (i = 0; i < width; i++)
		p[1 + i] = (uint8_t)(v >> (8 * i));
	return arena_commit(c, p, 1 + width);
}

/* PT_DYN holding raw tracee bytes (addr, len): index byte + the bytes. */
static struct sct_val dyn_bytes(struct sct_call *c, uint8_t idx,
				uint64_t addr, uint64_t len)
{
	size_t room;
	uint8_t *p;
	ssize_t n = 0;

	if (len > DYN_BYTES_MAX)
		len = DYN_BYTES_MAX;
	p = arena_take(c, 1 + (size_t)len, &room);
	if (!p)
		return (struct sct_val){ 0 };
	p[0] = idx;
	if (addr && len && room > 1) {
		n = sct_mem_read(c->tid, addr, p + 1, room - 1);
		if (n < 0)
			n = 0;
	}
	return arena_commit(c, p, 1 + (size_t)n);
}

/* ---------------------------------------------------------------------
 * Time, poll, limits
 * ------------------------------------------------------------------- */

/* struct timespec at x as nanoseconds (tv_sec * 1e9 + tv_nsec). */
static struct sct_val timespec_ns(struct sct_call *c, const struct sct_src *s,
				  uint64_t x, uint64_t if_null)
{
	unsigned ws = c->arch->wordsize;
	int64_t sec, nsec;

	if (!x) {
		if (s->o[1].kind != SCT_O_NONE)
			return sct_int(if_null);
		return (struct sct_val){ 0 };
	}
	if (!read_long(c, x, &sec) || !read_long(c, x + ws, &nsec))
		return (struct sct_val){ 0 };
	return sct_int((uint64_t)sec * 1000000000u + (uint64_t)nsec);
}

/*
 * PT_FDLIST of struct pollfd fds[nfds]: u16 count, then (i64 fd, u16
 * PPM_POLL* flags) per entry.  Enter: every entry with its events; exit:
 * only the entries with revents.  Something is always written (at least
 * a zero count): the 2022 readers take the count without checking the
 * parameter's length.
 */
static struct sct_val pollfds(struct sct_call *c, uint64_t fds, uint64_t nfds,
			      bool revents)
{
	struct pollfd_raw { int32_t fd; int16_t events, revents; }
		raw[POLL_BATCH];
	size_t room;
	uint8_t *p = arena_take(c, 2 + 10 * (size_t)POLL_EMIT_MAX, &room);
	uint64_t i = 0;
	unsigned count = 0;
	size_t pos = 2;

	if (!p || room < 2)
		return (struct sct_val){ 0 };
	if (nfds > POLL_SCAN_MAX)
		nfds = POLL_SCAN_MAX;
	while (fds && i < nfds && count < POLL_EMIT_MAX) {
		uint64_t batch = nfds - i < POLL_BATCH ? nfds - i : POLL_BATCH;
		ssize_t n = sct_mem_read(c->tid, fds + i * sizeof(raw[0]), raw,
					 batch * sizeof(raw[0]));
		uint64_t j;

		if (n < (ssize_t)sizeof(raw[0]))
			break;
		batch = (uint64_t)n / sizeof(raw[0]);
		for (j = 0; j < batch && count < POLL_EMIT_MAX; j++) {
			int64_t fd = raw[j].fd;
			uint16_t fl;

			if (revents && !raw[j].revents)
				continue;
			fl = sct_ppm_poll_events((uint16_t)(revents ?
				raw[j].revents : raw[j].events));
			if (pos + 10 > room)
				goto out;
			memcpy(p + pos, &fd, 8);
			memcpy(p + pos + 8, &fl, 2);
			pos += 10;
			count++;
		}
		i += batch;
	}
out:
	p[0] = (uint8_t)count;
	p[1] = (uint8_t)(count >> 8);
	return arena_commit(c, p, pos);
}

/*
 * One field of struct rlimit (longs) or rlimit64 (u64s) at x; -1 when z
 * says the call failed or the memory is unreadable, as the driver.
 */
static struct sct_val rlimit_field(struct sct_call *c,
				   const struct sct_src *s, uint64_t x,
				   uint64_t field, uint64_t z)
{
	unsigned ws = s->op == SCT_OP_RLIMIT64 ? 8 : c->arch->wordsize;
	uint64_t v = 0;

	if (s->o[2].kind != SCT_O_NONE && (int64_t)z < 0)
		return sct_int((uint64_t)-1);
	if (!x || sct_mem_read(c->tid, x + (field ? ws : 0), &v, ws) !=
			  (ssize_t)ws)
		return sct_int((uint64_t)-1);
	return sct_int(v);
}

/* ---------------------------------------------------------------------
 * Memory counters of mmap/munmap/brk exits: the thread's VmSize, VmRSS
 * and VmSwap (mm total_vm, rss and swap entries, in kB, as the driver).
 * mmap and brk are frequent: their files stay open (sct_proc_file).
 * /proc/T/status costs ~13 us to generate,
 * /proc/T/statm ~1.5 us but has no swap count: statm is used while the
 * system has no swap area (then every VmSwap is 0): sct_proc_vm.
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

/* ---------------------------------------------------------------------
 * ptrace, sockopt, bpf (PT_DYN parameters)
 * ------------------------------------------------------------------- */

#define PTRACE_PEEKTEXT_	1
#define PTRACE_PEEKDATA_	2
#define PTRACE_PEEKUSR_		3
#define PTRACE_CONT_		7
#define PTRACE_SINGLESTEP_	9
#define PTRACE_DETACH_		17
#define PTRACE_SYSCALL_		24

static struct sct_val ptrace_dyn(struct sct_call *c, uint64_t req,
				 uint64_t v, bool data)
{
	/* a failed request carries both as u64 0 */
	if (c->ret < 0)
		return dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, 0, 8);
	if (!data)
		return dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, v, 8);
	switch (req) {
	case PTRACE_PEEKTEXT_:
	case PTRACE_PEEKDATA_:
	case PTRACE_PEEKUSR_: {
		/* the raw syscall stores the word it peeked at *data */
		uint64_t w;

		if (read_word(c, v, &w))
			return (struct sct_val){ 0 };
		return dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, w, 8);
	}
	case PTRACE_CONT_:
	case PTRACE_SINGLESTEP_:
	case PTRACE_DETACH_:
	case PTRACE_SYSCALL_:
		return dyn_int(c, SCT_PPM_PTRACE_IDX_SIGTYPE, v, 1);
	default:
		return dyn_int(c, SCT_PPM_PTRACE_IDX_UINT64, v, 8);
	}
}

static struct sct_val sockopt_val(struct sct_call *c, uint64_t optval,
				  uint64_t optlen, bool len_is_ptr)
{
	uint8_t idx = sct_ppm_sockopt_val_idx(c->args[1], c->args[2]);
	unsigned ws = c->arch->wordsize;
	uint32_t u32;
	uint64_t u64;
	int64_t sec, usec;

	/*
	 * What cannot be read becomes "unknown type, no bytes": a PT_DYN
	 * without its index byte reads as an invalid parameter.
	 */
	switch (idx) {
	case SCT_PPM_SOCKOPT_IDX_ERRNO:
		if (!read_u32(c, optval, &u32))
			break;
		return dyn_int(c, idx, (uint64_t)(int64_t)-(int32_t)u32, 8);
	case SCT_PPM_SOCKOPT_IDX_UINT32:
		if (!read_u32(c, optval, &u32))
			break;
		return dyn_int(c, idx, u32, 4);
	case SCT_PPM_SOCKOPT_IDX_UINT64:
		if (!read_u64(c, optval, &u64))
			break;
		return dyn_int(c, idx, u64, 8);
	case SCT_PPM_SOCKOPT_IDX_TIMEVAL:
		if (!read_long(c, optval, &sec) ||
		    !read_long(c, optval + ws, &usec))
			break;
		return dyn_int(c, idx, (uint64_t)sec * 1000000000u +
				       (uint64_t)usec * 1000u, 8);
	default:
		if (len_is_ptr && !read_u32(c, optlen, &u32))
			break;
		if (len_is_ptr)
			optlen = u32;
		/* an int in the driver: a negative length copies nothing */
		if ((int32_t)optlen <= 0)
			optlen = 0;
		return dyn_bytes(c, SCT_PPM_SOCKOPT_IDX_UNKNOWN, optval,
				 (uint32_t)optlen);
	}
	return dyn_bytes(c, SCT_PPM_SOCKOPT_IDX_UNKNOWN, 0, 0);
}

#define BPF_MAP_CREATE_	0
#define BPF_PROG_LOAD_	5

static struct sct_val bpf_res(struct sct_call *c, uint64_t cmd)
{
	if (c->ret >= 0 && (cmd == BPF_MAP_CREATE_ || cmd == BPF_PROG_LOAD_))
		return dyn_int(c, SCT_PPM_BPF_IDX_FD, (uint64_t)c->ret, 8);
	return dyn_int(c, SCT_PPM_BPF_IDX_RES, (uint64_t)c->ret, 8);
}

/*
 * accept/accept4 exits: the listening socket's accept queue after the
 * call, as sk_ack_backlog, sk_max_ack_backlog and the first as a percent
 * of the second.  TCP reports both in TCP_INFO of a listener (unacked,
 * sacked); other sockets have no such interface and get 0s.
 */
static struct sct_val accept_queue(struct sct_call *c, uint64_t fd,
				   uint64_t which)
{
	if (!c->acceptq_loaded) {
		struct sct_sock sk;
		uint8_t addr[SCT_TUPLE_MAX];
		struct tcp_info ti;
		socklen_t len = sizeof(ti);

		memset(c->acceptq, 0, sizeof(c->acceptq));
		sct_sock_init(&sk, c);
		/* brings our copy of the fd into sk.fd */
		if (sct_sock_local_addr(&sk, (int)fd, addr) > 0 &&
		    (addr[0] == SCT_PPM_AF_INET || addr[0] == SCT_PPM_AF_INET6) &&
		    sk.fd >= 0 &&
		    !getsockopt(sk.fd, IPPROTO_TCP, TCP_INFO, &ti, &len) &&
		    len >= offsetof(struct tcp_info, tcpi_sacked) + 4 &&
		    ti.tcpi_state == TCP_LISTEN) {
			c->acceptq[1] = ti.tcpi_unacked;
			c->acceptq[2] = ti.tcpi_sacked;
			if (ti.tcpi_sacked)
				c->acceptq[0] = (uint32_t)((uint64_t)ti.tcpi_unacked *
							   100 / ti.tcpi_sacked);
		}
		sct_sock_done(&sk);
		c->acceptq_loaded = true;
	}
	return sct_int(which < 3 ? c->acceptq[which] : 0);
}

/* ---------------------------------------------------------------------
 * SysV semaphores, quotactl
 * ------------------------------------------------------------------- */

/* struct sembuf { u16 sem_num; s16 sem_op; s16 sem_flg; } */
static struct sct_val sembuf_field(struct sct_call *c, uint64_t sops,
				   uint64_t nsops, uint64_t sel)
{
	uint64_t entry = sel / 3;
	uint16_t f[3];

	if (!nsops || !sops || sel >= 6)
		return (struct sct_val){ 0 };	/* not written by the driver */
	if (entry >= nsops)
		return sct_int(0);
	if (sct_mem_read(c->tid, sops + 6 * entry, f, 6) != 6)
		return (struct sct_val){ 0 };
	switch (sel % 3) {
	case 0:
		return sct_int(f[0]);
	case 1:
		return sct_int((uint64_t)(int64_t)(int16_t)f[1]);
	default:
		return sct_int(sct_ppm_semop_flags(f[2]));
	}
}

#define SETVAL_		16

/* PPM_Q_* (quotactl_cmd translation) the exit/enter logic looks at */
#define PPM_Q_QUOTAON	(1u << 0)
#define PPM_Q_GETFMT	(1u << 2)
#define PPM_Q_GETINFO	(1u << 3)
#define PPM_Q_SETINFO	(1u << 4)
#define PPM_Q_GETQUOTA	(1u << 5)
#define PPM_Q_SETQUOTA	(1u << 6)
#define PPM_Q_XGETQUOTA	(1u << 10)
#define PPM_Q_XSETQLIM	(1u << 11)
#define PPM_QFMT_NOT_USED (1u << 0)

/*
 * quotactl exit fields (z): 0 dqb_bhardlimit, 1 dqb_bsoftlimit,
 * 2 dqb_curspace, 3 dqb_ihardlimit, 4 dqb_isoftlimit, 5 dqb_btime,
 * 6 dqb_itime (struct if_dqblk of Q_GETQUOTA/Q_SETQUOTA), 7 dqi_bgrace,
 * 8 dqi_igrace, 9 dqi_flags (struct if_dqinfo of Q_GETINFO/Q_SETINFO),
 * 10 quota_fmt_out (Q_GETFMT).  A field its command does not carry, or
 * whose valid bit is clear, is 0.
 */
static struct sct_val quota_field(struct sct_call *c, uint64_t cmd,
				  uint64_t addr, uint64_t field)
{
	/* if_dqblk: 8 u64 then u32 dqb_valid; if_dqinfo: 2 u64, u32 flags, valid */
	static const struct { uint8_t off, valid; } dqblk[7] = {
		{ 0, 1 }, { 8, 1 }, { 16, 2 }, { 24, 4 }, { 32, 4 },
		{ 48, 16 }, { 56, 32 },
	};
	static const struct { uint8_t off, valid; } dqinfo[3] = {
		{ 0, 1 }, { 8, 2 }, { 16, 4 },
	};
	uint16_t ppm = sct_ppm_quotactl_cmd(cmd);
	uint8_t b[72];

	if (field < 7) {
		uint64_t v;
		uint32_t valid;

		if (ppm != PPM_Q_GETQUOTA && ppm != PPM_Q_SETQUOTA)
			return sct_int(0);
		if (!addr || sct_mem_read(c->tid, addr, b, 72) != 72)
			return (struct sct_val){ 0 };
		memcpy(&valid, b + 64, 4);
		if (!(valid & dqblk[field].valid))
			return sct_int(0);
		memcpy(&v, b + dqblk[field].off, 8);
		return sct_int(v);
	}
	if (field < 10) {
		uint64_t v = 0;
		uint32_t valid;

		if (ppm != PPM_Q_GETINFO && ppm != PPM_Q_SETINFO)
			return sct_int(0);
		if (!addr || sct_mem_read(c->tid, addr, b, 24) != 24)
			return (struct sct_val){ 0 };
		memcpy(&valid, b + 20, 4);
		if (!(valid & dqinfo[field - 7].valid))
			return sct_int(0);
		memcpy(&v, b + dqinfo[field - 7].off, field == 9 ? 4 : 8);
		return sct_int(v);
	}
	if (field == 10) {
		uint32_t fmt;

		if (ppm != PPM_Q_GETFMT)
			return sct_int(PPM_QFMT_NOT_USED);
		if (!read_u32(c, addr, &fmt))
			return (struct sct_val){ 0 };
		return sct_int(sct_ppm_quotactl_fmt(fmt));
	}
	return (struct sct_val){ 0 };
}

static struct sct_val quota_val(struct sct_call *c, const struct sct_src *s,
				uint64_t x, uint64_t y, uint64_t z)
{
	uint16_t ppm = sct_ppm_quotactl_cmd(x);

	switch (s->op) {
	case SCT_OP_QUOTA_ID:
		if (ppm == PPM_Q_GETQUOTA || ppm == PPM_Q_SETQUOTA ||
		    ppm == PPM_Q_XGETQUOTA || ppm == PPM_Q_XSETQLIM)
			return sct_int((uint32_t)y);
		return sct_int(0);
	case SCT_OP_QUOTA_FMT:
		if (ppm == PPM_Q_QUOTAON)
			return sct_int(sct_ppm_quotactl_fmt(y));
		return sct_int(PPM_QFMT_NOT_USED);
	case SCT_OP_QUOTA_PATH:
		if (ppm == PPM_Q_QUOTAON)
			return read_str(c, y);
		return sct_bytes("", 1);
	default:
		return quota_field(c, x, y, z);
	}
}

/* The parts of /proc an op needs beyond stat and status (SCT_PI_*). */
static unsigned pi_need(unsigned op)
{
	switch (op) {
	case SCT_OP_PI_EXE:
	case SCT_OP_PI_ARGS:
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
 * are only its ids, its fault counters and memory sizes (its stat and
 * statm).  A child in another pid namespace than ours, or one moved to a
 * cgroup of its own, is read for itself.  The parent's state read here
 * (the child stopped before its parent's clone exit) is left in pi_keep
 * for that exit.
 */
static int pi_inherit(struct sct_call *c, unsigned *what)
{
	unsigned need = *what;
	struct sct_procinfo *pi = c->pi;

	if (!c->pi_same_cgroup)
		need &= ~SCT_PI_CGROUPS;
	/* all a clone's params: uid, gid (status), the sizes */
	need |= SCT_PI_STATUS | SCT_PI_VM;
	if (c->pi_src && !(need & ~c->pi_src_have)) {
		/* the parent's exit came first: its values, as at the fork */
		memcpy(pi, c->pi_src, sizeof(*pi));
		need = c->pi_src_have;
	} else {
		/* all a clone exit needs: the parent's exit may reuse it */
		need |= SCT_PI_CMDLINE | SCT_PI_CWD | SCT_PI_FDLIMIT |
			(c->pi_same_cgroup ? SCT_PI_CGROUPS : 0);
		if (sct_proc_read(c->pi_from, pi, SCT_PI_NEW | need) < 0)
			return -1;
		if (c->pi_keep) {
			memcpy(c->pi_keep, pi, sizeof(*pi));
			c->pi_keep_have = need;
			c->pi_kept = true;
		}
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
	if (!c->pi_same_cgroup) {
		pi->cgroups_len = 0;
		sct_proc_read(c->tid, pi, SCT_PI_CGROUPS);
		need |= SCT_PI_CGROUPS;
	}
	*what = need;
	return 0;
}

static struct sct_val pi_val(struct sct_call *c, unsigned op)
{
	struct sct_procinfo *pi = c->pi;

	unsigned need = pi_need(op);

	if (!c->pi_loaded && c->pi_preset) {
		memcpy(pi, c->pi_preset, sizeof(*pi));
		c->pi_loaded = true;
		c->pi_have = c->pi_preset_have;
	}
	if (!c->pi_loaded) {
		/* pi_inherit sets need to what pi then holds */
		if (!(c->pi_from > 0 && pi_inherit(c, &need) == 0)) {
			c->pi_from = 0;
			need = pi_need(op);
			if (sct_proc_read(c->tid, pi, SCT_PI_NEW | need) < 0)
				return (struct sct_val){ 0 };
		}
		c->pi_loaded = true;
		c->pi_have = need;
	} else {
		/* status has the sizes statm would give */
		unsigned have = c->pi_have | (c->pi_have & SCT_PI_STATUS ?
					      SCT_PI_VM : 0);

		/* an inherited cgroup list was read with the child's own */
		if (need & ~have)
			sct_proc_read(c->pi_from > 0 ? c->pi_from : c->tid,
					   pi, need & ~have);
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
	int our;

	if (fd < 0 || fd > INT32_MAX)
		return (struct sct_val){ 0 };
	/* a copy of the fd costs half a walk through /proc/T/fd/N */
	our = sct_tracee_fd(c, (int)fd);
	if (our >= 0) {
		int r = fstat(our, &st);

		close(our);
		if (r == 0)
			goto found;
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%lld", c->tid, (long long)fd);
	if (stat(path, &st) < 0)
		return (struct sct_val){ 0 };
found:
	return sct_int(want_dev ? sct_encode_dev(st.st_dev) : st.st_ino);
}

static int32_t read_int_at(struct sct_call *c, uint64_t addr, uint64_t idx,
			   bool *ok)
{
	int32_t v = 0;

	*ok = sct_mem_read(c->tid, addr + 4 * idx, &v, 4) == 4;
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

		if (y && z && sct_mem_read(c->tid, z, &len, 4) != 4)
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
		/*
		 * struct open_how { u64 flags, mode, resolve; }, read whole
		 * whatever size the caller claims (y), as the driver did
		 */
		uint64_t how[3];

		(void)y;
		if (sct_mem_read(c->tid, x, how, sizeof(how)) != sizeof(how))
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
	case SCT_OP_TIMESPEC:
		return timespec_ns(c, s, x, y);
	case SCT_OP_POLLFDS:
		return pollfds(c, x, y, z != 0);
	case SCT_OP_U32_AT: {
		uint32_t v;

		return read_u32(c, x, &v) ? sct_int(v) : (struct sct_val){ 0 };
	}
	case SCT_OP_ULONG_AT: {
		uint64_t v;

		if (!x)
			return sct_int(0);
		return read_word(c, x, &v) ? (struct sct_val){ 0 } : sct_int(v);
	}
	case SCT_OP_SLONG:
		if (c->arch->wordsize == 4)
			return sct_int((uint64_t)(int64_t)(int32_t)x);
		return sct_int(x);
	case SCT_OP_LOHI:
		if (c->arch->wordsize == 8)
			return sct_int(x);
		return sct_int((x & 0xffffffffu) | y << 32);
	case SCT_OP_U64_AT: {
		uint64_t v;

		if (!x)
			return sct_int(0);
		return read_u64(c, x, &v) ? sct_int(v) : (struct sct_val){ 0 };
	}
	case SCT_OP_TIMESPEC64: {
		int64_t ts[2];

		if (!x)
			return s->o[1].kind != SCT_O_NONE ? sct_int(y) :
							    (struct sct_val){ 0 };
		if (sct_mem_read(c->tid, x, ts, sizeof(ts)) != sizeof(ts))
			return (struct sct_val){ 0 };
		return sct_int((uint64_t)ts[0] * 1000000000u + (uint64_t)ts[1]);
	}
	case SCT_OP_RLIMIT:
	case SCT_OP_RLIMIT64:
		return rlimit_field(c, s, x, y, z);
	case SCT_OP_VM_SIZE:
	case SCT_OP_VM_RSS:
	case SCT_OP_VM_SWAP:
		return vm_val(c, s->op);
	case SCT_OP_PTRACE_ADDR:
	case SCT_OP_PTRACE_DATA:
		return ptrace_dyn(c, x, y, s->op == SCT_OP_PTRACE_DATA);
	case SCT_OP_SOCKOPT_OPTNAME:
		return sct_int(sct_ppm_sockopt_optname(x, y));
	case SCT_OP_SOCKOPT_VAL:
		return sockopt_val(c, x, y, z != 0);
	case SCT_OP_BPF_RES:
		return bpf_res(c, x);
	case SCT_OP_SEMBUF:
		return sembuf_field(c, x, y, z);
	case SCT_OP_SEMCTL_VAL:
		return sct_int(x == SETVAL_ ? (uint64_t)(int64_t)(int32_t)y : 0);
	case SCT_OP_QUOTA_ID:
	case SCT_OP_QUOTA_FMT:
	case SCT_OP_QUOTA_PATH:
	case SCT_OP_QUOTA:
		return quota_val(c, s, x, y, z);
	case SCT_OP_ACCEPT_QUEUE:
		return accept_queue(c, x, y);
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

	c->vm_loaded = false;
	c->acceptq_loaded = false;
	for (i = 0; i < ei->nparams; i++)
		out[i] = i < n ? gather(c, &srcs[i], ei->params[i].type) :
				 (struct sct_val){ 0 };
}
