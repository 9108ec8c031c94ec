/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sockets: addresses and tuples; accept queues, socket options. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "arch/arch.h"
#include "mem.h"
#include "net.h"
#include "ppm_flags.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

/* SOCKADDR, SOCKADDR_LOCAL, [MSG_]TUPLE_*: see decode_ops.h */
SCT_OP_HANDLER(sock)
{
	uint64_t x = a->x, y = a->y, z = a->z;
	size_t room;
	uint8_t *p = sct_arena_take(c, SCT_TUPLE_MAX, &room);
	struct sct_sock sk;
	ssize_t n = -1;

	if (!p || room < SCT_TUPLE_MAX)
		return SCT_NONE;
	sct_sock_init(&sk, c);
	switch (a->s->op) {
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
	case SCT_OP_CONNECT_TUPLE:
		if (c->ret != 0 && c->ret != -EINPROGRESS)
			return SCT_NONE;
		/* fall through */
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

		if (sct_read_msghdr(c, y, &name, &namelen, &iov, &iovlen))
			name = namelen = 0;
		n = sct_sock_tuple(&sk, (int)x, namelen ? name : 0, namelen,
				   a->s->op == SCT_OP_MSG_TUPLE_OUT, p);
		break;
	}
	}
	sct_sock_done(&sk);
	if (n <= 0)
		return SCT_NONE;
	return sct_arena_commit(c, p, (size_t)n);
}

/*
 * accept/accept4(fd, ...) exits: the listening socket's accept queue after
 * the call, as sk_ack_backlog, sk_max_ack_backlog and the first as a
 * percent of the second.  TCP reports both in TCP_INFO of a listener
 * (unacked, sacked); other sockets have no such interface and get 0s.
 * Read once per event for the three parameters.
 */
enum { ACCEPTQ_PCT, ACCEPTQ_LEN, ACCEPTQ_MAX };

SCT_DECODER(accept)
{
	if (!c->acceptq_loaded) {
		struct sct_sock sk;
		uint8_t addr[SCT_TUPLE_MAX];
		struct tcp_info ti;
		socklen_t len = sizeof(ti);

		memset(c->acceptq, 0, sizeof(c->acceptq));
		sct_sock_init(&sk, c);
		/* brings our copy of the fd into sk.fd */
		if (sct_sock_local_addr(&sk, (int)c->args[0], addr) > 0 &&
		    (addr[0] == SCT_PPM_AF_INET ||
		     addr[0] == SCT_PPM_AF_INET6) &&
		    sk.fd >= 0 &&
		    !getsockopt(sk.fd, IPPROTO_TCP, TCP_INFO, &ti, &len) &&
		    len >= offsetof(struct tcp_info, tcpi_sacked) + 4 &&
		    ti.tcpi_state == TCP_LISTEN) {
			c->acceptq[ACCEPTQ_LEN] = ti.tcpi_unacked;
			c->acceptq[ACCEPTQ_MAX] = ti.tcpi_sacked;
			if (ti.tcpi_sacked)
				c->acceptq[ACCEPTQ_PCT] = (uint32_t)(
					(uint64_t)ti.tcpi_unacked * 100 /
					ti.tcpi_sacked);
		}
		sct_sock_done(&sk);
		c->acceptq_loaded = true;
	}
	switch (a->param) {
	case SCT_P_ACCEPT_X_QUEUEPCT:
		return sct_int(c->acceptq[ACCEPTQ_PCT]);
	case SCT_P_ACCEPT_X_QUEUELEN:
		return sct_int(c->acceptq[ACCEPTQ_LEN]);
	case SCT_P_ACCEPT_X_QUEUEMAX:
		return sct_int(c->acceptq[ACCEPTQ_MAX]);
	default:
		return sct_int(0);
	}
}

/* PT_DYN 'val' of get/setsockopt(fd, level, optname, optval, optlen) */
static struct sct_val sockopt_val(struct sct_call *c, uint64_t optval,
				  uint64_t optlen, bool len_is_ptr)
{
	uint8_t idx = sct_ppm_sockopt_val_idx(c->args[1], c->args[2]);
	unsigned ws = c->arch->wordsize;
	uint32_t u32 = 0;
	uint64_t u64 = 0;
	int64_t sec = 0, usec = 0;

	/*
	 * A typed value that cannot be read is 0 of its type, as the
	 * driver's (its copy of the value starts zeroed); bytes that cannot
	 * be read become "unknown type, no bytes": a PT_DYN without its
	 * index byte reads as an invalid parameter.
	 */
	switch (idx) {
	case SCT_PPM_SOCKOPT_IDX_ERRNO:
		if (!sct_read_u32(c, optval, &u32))
			u32 = 0;
		return sct_dyn_int(c, idx, (uint64_t)-(int64_t)(int32_t)u32, 8);
	case SCT_PPM_SOCKOPT_IDX_UINT32:
		if (!sct_read_u32(c, optval, &u32))
			u32 = 0;
		return sct_dyn_int(c, idx, u32, 4);
	case SCT_PPM_SOCKOPT_IDX_UINT64:
		if (!sct_read_u64(c, optval, &u64))
			u64 = 0;
		return sct_dyn_int(c, idx, u64, 8);
	case SCT_PPM_SOCKOPT_IDX_TIMEVAL:
		if (!sct_read_long(c, optval, &sec) ||
		    !sct_read_long(c, optval + ws, &usec))
			sec = usec = 0;
		return sct_dyn_int(c, idx, (uint64_t)sec * 1000000000u +
					   (uint64_t)usec * 1000u, 8);
	default:
		if (len_is_ptr && !sct_read_u32(c, optlen, &u32))
			break;
		if (len_is_ptr)
			optlen = u32;
		/* an int in the driver: a negative length copies nothing */
		if ((int32_t)optlen <= 0)
			optlen = 0;
		return sct_dyn_bytes(c, SCT_PPM_SOCKOPT_IDX_UNKNOWN, optval,
				     (uint32_t)optlen);
	}
	return sct_dyn_bytes(c, SCT_PPM_SOCKOPT_IDX_UNKNOWN, 0, 0);
}

/* getsockopt/setsockopt exits: optname, val (optlen: a pointer for get) */
SCT_DECODER(sockopt)
{
	switch (a->param) {
	case SCT_P_SOCKOPT_X_OPTNAME:
		return sct_int(sct_ppm_sockopt_optname(c->args[1],
						       c->args[2]));
	case SCT_P_SOCKOPT_X_VAL:
		return sockopt_val(c, c->args[3], c->args[4],
				   a->type == SCT_EV_SOCKET_GETSOCKOPT_X);
	default:
		return SCT_NONE;
	}
}
