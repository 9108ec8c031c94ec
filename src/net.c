/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Socket addresses and tuples from the real sockets of the tracee. */
#include "config.h"
#include "net.h"
#include "ring.h"
#include "decode.h"
#include "mem.h"
#include "ppm_flags.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_getfd
#define SYS_pidfd_getfd 438
#endif

void sct_sock_init(struct sct_sock *sk, struct sct_call *c)
{
	sk->c = c;
	sk->tracee_fd = -1;
	sk->fd = -1;
}

void sct_sock_done(struct sct_sock *sk)
{
	if (sk->fd >= 0)
		close(sk->fd);
	sk->fd = -1;
}

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

/*
 * When the thread-group leader has exited (a zombie while other threads
 * live on) its pidfd reaches no files: go through the thread (6.9+).
 */
static int thread_getfd(pid_t tid, int fd)
{
	int tfd = (int)syscall(SYS_pidfd_open, tid, PIDFD_THREAD);
	int r;

	if (tfd < 0)
		return -1;
	r = (int)syscall(SYS_pidfd_getfd, tfd, fd, 0);
	close(tfd);
	return r;
}

#define UNIX_PEERS	256

/*
 * The peer of unix socket ino (its inode), from the kernel's sock_diag
 * (UDIAG_SHOW_PEER, as `ss -x` shows it): the driver's unix tuple names
 * both ends' struct sock, which no tracer can see; their inodes pair the
 * two ends the same way.  0 when unknown: unconnected, another network
 * namespace's, or no sock_diag for unix sockets (CONFIG_UNIX_DIAG).  The
 * peers found are kept (a connected socket keeps its peer; a datagram one
 * that connects elsewhere keeps its first here), per thread.
 */
static uint64_t unix_peer(uint64_t ino)
{
	static __thread struct { uint32_t ino, peer; } known[UNIX_PEERS];
	static __thread int nl = -1;
	static __thread uint32_t seq;
	struct {
		struct nlmsghdr nlh;
		struct unix_diag_req r;
	} req;
	union {
		struct nlmsghdr nlh;
		uint8_t b[1024];
	} resp;
	unsigned slot = (unsigned)(ino % UNIX_PEERS);
	ssize_t n;

	if (!ino || ino > UINT32_MAX)
		return 0;
	if (known[slot].ino == ino)
		return known[slot].peer;
	if (nl == -1) {
		nl = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC,
			    NETLINK_SOCK_DIAG);
		if (nl < 0)
			nl = -2;	/* never again */
	}
	if (nl < 0)
		return 0;
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.nlh.nlmsg_flags = NLM_F_REQUEST;
	req.nlh.nlmsg_seq = ++seq;
	req.r.sdiag_family = AF_UNIX;
	req.r.udiag_states = ~0u;
	req.r.udiag_ino = (uint32_t)ino;
	req.r.udiag_show = UDIAG_SHOW_PEER;
	req.r.udiag_cookie[0] = req.r.udiag_cookie[1] = ~0u;	/* none */
	if (send(nl, &req, sizeof(req), 0) != (ssize_t)sizeof(req))
		return 0;
	/* the answer is queued by the time send returns; older ones dropped */
	while ((n = recv(nl, &resp, sizeof(resp), MSG_DONTWAIT)) > 0) {
		const struct nlmsghdr *h = &resp.nlh;
		const struct unix_diag_msg *m;
		const struct nlattr *a;
		size_t off;

		if ((size_t)n < sizeof(*h) || h->nlmsg_len > (size_t)n ||
		    h->nlmsg_seq != seq)
			continue;
		if (h->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
		    h->nlmsg_len < NLMSG_LENGTH(sizeof(*m)))
			return 0;
		m = NLMSG_DATA(h);
		if (m->udiag_ino != (uint32_t)ino)
			return 0;
		off = NLMSG_LENGTH(NLA_ALIGN(sizeof(*m)));
		while (off + sizeof(*a) <= h->nlmsg_len) {
			uint32_t peer;

			a = (const void *)((const uint8_t *)h + off);
			if (a->nla_len < sizeof(*a) ||
			    off + a->nla_len > h->nlmsg_len)
				break;
			if (a->nla_type == UNIX_DIAG_PEER &&
			    a->nla_len >= sizeof(*a) + 4) {
				memcpy(&peer, (const uint8_t *)a + NLA_HDRLEN,
				       4);
				if (peer) {
					known[slot].ino = (uint32_t)ino;
					known[slot].peer = peer;
				}
				return peer;
			}
			off += NLA_ALIGN(a->nla_len);
		}
		return 0;
	}
	return 0;
}

/* Our copy of the tracee's fd (pidfd_getfd, Linux >= 5.6), or -1. */
int sct_tracee_fd(struct sct_call *c, int fd)
{
	int *pidfd = c->pidfd;
	int r;

	if (fd < 0 || !pidfd)
		return -1;
	if (*pidfd == -1) {
		*pidfd = (int)syscall(SYS_pidfd_open, c->pid, 0);
		if (*pidfd < 0)
			*pidfd = -2;	/* don't try again */
	}
	if (*pidfd < 0)
		return -1;
	r = (int)syscall(SYS_pidfd_getfd, *pidfd, fd, 0);
	if (r < 0 && c->tid != c->pid)
		r = thread_getfd(c->tid, fd);
	return r;
}

static int grab(struct sct_sock *sk, int fd)
{
	if (fd < 0)
		return -1;
	if (sk->fd >= 0 && sk->tracee_fd == fd)
		return sk->fd;
	sct_sock_done(sk);
	sk->fd = sct_tracee_fd(sk->c, fd);
	sk->tracee_fd = fd;
	return sk->fd;
}

static void put16(uint8_t *p, uint16_t v)
{
	memcpy(p, &v, 2);	/* host order, as the readers expect */
}

static const uint8_t v4mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };

ssize_t sct_encode_sockaddr(const struct sockaddr *sa, socklen_t len,
			    uint8_t *out)
{
	if (len < sizeof(sa_family_t))
		return 0;
	switch (sa->sa_family) {
	case AF_INET: {
		const struct sockaddr_in *in = (const void *)sa;

		if (len < sizeof(*in))
			return 0;
		out[0] = SCT_PPM_AF_INET;
		memcpy(out + 1, &in->sin_addr, 4);
		put16(out + 5, ntohs(in->sin_port));
		return 7;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *in6 = (const void *)sa;

		if (len < sizeof(*in6))
			return 0;
		out[0] = SCT_PPM_AF_INET6;
		memcpy(out + 1, &in6->sin6_addr, 16);
		put16(out + 17, ntohs(in6->sin6_port));
		return 19;
	}
	case AF_UNIX: {
		const struct sockaddr_un *un = (const void *)sa;
		size_t max = len - offsetof(struct sockaddr_un, sun_path);
		const char *path = un->sun_path;
		size_t n;

		if (max > sizeof(un->sun_path))
			max = sizeof(un->sun_path);
		/* abstract socket: drop the leading NUL */
		if (max && !path[0]) {
			path++;
			max--;
		}
		n = strnlen(path, max);
		out[0] = SCT_PPM_AF_UNIX;
		memcpy(out + 1, path, n);
		out[1 + n] = 0;
		return (ssize_t)(n + 2);
	}
	default:
		return 0;
	}
}

static size_t unix_path(const struct sockaddr *sa, socklen_t len, char *dst)
{
	uint8_t tmp[SCT_TUPLE_MAX];
	ssize_t n;

	dst[0] = 0;
	if (!sa || sa->sa_family != AF_UNIX)
		return 0;
	n = sct_encode_sockaddr(sa, len, tmp);
	if (n < 2)
		return 0;
	memcpy(dst, tmp + 1, (size_t)n - 1);
	return (size_t)n - 2;
}

ssize_t sct_encode_tuple(const struct sockaddr *src, socklen_t slen,
			 const struct sockaddr *dst, socklen_t dlen,
			 uint64_t usrc, uint64_t udst, const char *upath,
			 uint8_t *out)
{
	int fam = src ? src->sa_family : dst ? dst->sa_family : AF_UNSPEC;

	if (src && dst && src->sa_family != dst->sa_family)
		return 0;
	switch (fam) {
	case AF_INET: {
		const struct sockaddr_in *s = (const void *)src;
		const struct sockaddr_in *d = (const void *)dst;

		if (!s || !d || slen < sizeof(*s) || dlen < sizeof(*d))
			return 0;
		out[0] = SCT_PPM_AF_INET;
		memcpy(out + 1, &s->sin_addr, 4);
		put16(out + 5, ntohs(s->sin_port));
		memcpy(out + 7, &d->sin_addr, 4);
		put16(out + 11, ntohs(d->sin_port));
		return 13;
	}
	case AF_INET6: {
		const struct sockaddr_in6 *s = (const void *)src;
		const struct sockaddr_in6 *d = (const void *)dst;

		if (!s || !d || slen < sizeof(*s) || dlen < sizeof(*d))
			return 0;
		/* IPv4-mapped on both ends: the readers expect an IPv4 tuple */
		if (!memcmp(&s->sin6_addr, v4mapped, 12) &&
		    !memcmp(&d->sin6_addr, v4mapped, 12)) {
			out[0] = SCT_PPM_AF_INET;
			memcpy(out + 1, (const uint8_t *)&s->sin6_addr + 12, 4);
			put16(out + 5, ntohs(s->sin6_port));
			memcpy(out + 7, (const uint8_t *)&d->sin6_addr + 12, 4);
			put16(out + 11, ntohs(d->sin6_port));
			return 13;
		}
		out[0] = SCT_PPM_AF_INET6;
		memcpy(out + 1, &s->sin6_addr, 16);
		put16(out + 17, ntohs(s->sin6_port));
		memcpy(out + 19, &d->sin6_addr, 16);
		put16(out + 35, ntohs(d->sin6_port));
		return 37;
	}
	case AF_UNIX: {
		size_t n = strlen(upath);

		out[0] = SCT_PPM_AF_UNIX;
		memcpy(out + 1, &usrc, 8);
		memcpy(out + 9, &udst, 8);
		memcpy(out + 17, upath, n + 1);
		return (ssize_t)(18 + n);
	}
	default:
		return 0;
	}
}

static socklen_t user_addr(struct sct_sock *sk, uint64_t addr, uint64_t len,
			   struct sockaddr_storage *ss)
{
	ssize_t n;

	if (!addr || !len)
		return 0;
	if (len > sizeof(*ss))
		len = sizeof(*ss);
	memset(ss, 0, sizeof(*ss));
	n = sct_mem_read(sk->c->tid, addr, ss, len);
	return n > 0 ? (socklen_t)n : 0;
}

ssize_t sct_sock_user_addr(struct sct_sock *sk, uint64_t addr, uint64_t len,
			   uint8_t *out)
{
	struct sockaddr_storage ss;
	socklen_t n = user_addr(sk, addr, len, &ss);

	return n ? sct_encode_sockaddr((struct sockaddr *)&ss, n, out) : 0;
}

ssize_t sct_sock_local_addr(struct sct_sock *sk, int fd, uint8_t *out)
{
	struct sockaddr_storage ss;
	socklen_t n = sizeof(ss);
	int our = grab(sk, fd);

	if (our < 0 || getsockname(our, (struct sockaddr *)&ss, &n) < 0)
		return 0;
	return sct_encode_sockaddr((struct sockaddr *)&ss, n, out);
}

ssize_t sct_sock_tuple(struct sct_sock *sk, int fd, uint64_t addr,
		       uint64_t addrlen, bool outbound, uint8_t *out)
{
	struct sockaddr_storage local, remote;
	socklen_t llen = sizeof(local), rlen = sizeof(remote);
	const struct sct_sock_facts *f = sk->c->rec_sock;
	int our = -1;
	struct stat st;
	char lpath[110], rpath[110];
	uint64_t ino = 0;

	if (sk->c->rec_fd) {
		/* a record's: the socket as the recorder saw it (ring.h) */
		if (!f || !f->llen || f->llen > sizeof(local))
			return 0;
		memset(&local, 0, sizeof(local));
		memcpy(&local, f->local, f->llen);
		llen = f->llen;
	} else {
		our = grab(sk, fd);
		if (our < 0 ||
		    getsockname(our, (struct sockaddr *)&local, &llen) < 0)
			return 0;
	}
	rlen = user_addr(sk, addr, addrlen, &remote);
	if (!rlen && f) {
		memset(&remote, 0, sizeof(remote));
		if (f->rlen <= sizeof(remote))
			memcpy(&remote, f->remote, f->rlen);
		rlen = f->rlen <= sizeof(remote) ? f->rlen : 0;
	} else if (!rlen) {
		rlen = sizeof(remote);
		if (getpeername(our, (struct sockaddr *)&remote, &rlen) < 0)
			rlen = 0;
	}
	if (local.ss_family == AF_UNIX) {
		if (f)
			ino = f->ino;
		else if (fstat(our, &st) == 0)
			ino = st.st_ino;
		unix_path(rlen ? (struct sockaddr *)&remote : NULL, rlen,
			  rpath);
		unix_path((struct sockaddr *)&local, llen, lpath);
		/*
		 * As the driver: outbound, peer -> this socket and the
		 * peer's path (or the address given); inbound, this socket
		 * -> peer and its own path.
		 */
		if (outbound)
			return sct_encode_tuple((struct sockaddr *)&local,
						llen, NULL, 0, unix_peer(ino),
						ino, rpath, out);
		return sct_encode_tuple((struct sockaddr *)&local, llen, NULL,
					0, ino, unix_peer(ino), lpath, out);
	}
	if (!rlen)
		return 0;
	if (outbound)
		return sct_encode_tuple((struct sockaddr *)&local, llen,
					(struct sockaddr *)&remote, rlen, 0, 0,
					"", out);
	return sct_encode_tuple((struct sockaddr *)&remote, rlen,
				(struct sockaddr *)&local, llen, 0, 0, "",
				out);
}

static void fmt_addr(const struct sockaddr_storage *ss, char *buf, size_t n)
{
	char ip[INET6_ADDRSTRLEN] = "";
	unsigned port = 0;

	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)ss;

		inet_ntop(AF_INET, &in->sin_addr, ip, sizeof(ip));
		port = ntohs(in->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)ss;

		inet_ntop(AF_INET6, &in6->sin6_addr, ip, sizeof(ip));
		port = ntohs(in6->sin6_port);
	}
	snprintf(buf, n, "%s:%u", ip, port);
}

const char *sct_fd_describe(pid_t tid, pid_t pid, int *pidfd, int fd,
			    char *name, size_t n)
{
	char path[64], link[SCT_TUPLE_MAX * 4];
	struct stat st;
	ssize_t len;

	name[0] = 0;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", tid, fd);
	len = readlink(path, link, sizeof(link) - 1);
	if (len <= 0)
		return "unknown";
	link[len] = 0;
	if (link[0] == '/') {
		snprintf(name, n, "%s", link);
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ?
			       "directory" : "file";
	}
	if (!strncmp(link, "pipe:", 5)) {
		snprintf(name, n, "%s", link);
		return "pipe";
	}
	if (!strncmp(link, "anon_inode:", 11)) {
		static const char *const kinds[][2] = {
			{ "[eventfd]", "event" }, { "[signalfd]", "signalfd" },
			{ "[eventpoll]", "eventpoll" }, { "inotify", "inotify" },
			{ "[timerfd]", "timerfd" },
		};
		unsigned i;

		snprintf(name, n, "%s", link);
		for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
			if (!strcmp(link + 11, kinds[i][0]))
				return kinds[i][1];
		return "unknown";
	}
	if (!strncmp(link, "socket:", 7)) {
		struct sockaddr_storage l, r;
		socklen_t ll = sizeof(l), rl = sizeof(r);
		char a[INET6_ADDRSTRLEN + 8], b[INET6_ADDRSTRLEN + 8];
		const char *type = "unknown";
		int our;

		if (*pidfd < 0)
			*pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
		if (*pidfd < 0) {
			*pidfd = -2;
			return type;
		}
		our = (int)syscall(SYS_pidfd_getfd, *pidfd, fd, 0);
		if (our < 0 && tid != pid)
			our = thread_getfd(tid, fd);
		if (our < 0)
			return type;
		if (getsockname(our, (struct sockaddr *)&l, &ll) == 0) {
			bool peer = getpeername(our, (struct sockaddr *)&r,
						&rl) == 0;

			switch (l.ss_family) {
			case AF_INET:
			case AF_INET6:
				type = l.ss_family == AF_INET ? "ipv4" : "ipv6";
				fmt_addr(&l, a, sizeof(a));
				if (peer) {
					fmt_addr(&r, b, sizeof(b));
					snprintf(name, n, "%s->%s", a, b);
				} else {
					snprintf(name, n, "%s", a);
				}
				break;
			case AF_UNIX: {
				char p[110];

				type = "unix";
				unix_path(peer ? (struct sockaddr *)&r :
					  (struct sockaddr *)&l,
					  peer ? rl : ll, p);
				if (!p[0])
					unix_path((struct sockaddr *)&l, ll, p);
				snprintf(name, n, "%s", p);
				break;
			}
			case AF_NETLINK:
				type = "netlink";
				break;
			}
		}
		close(our);
		return type;
	}
	return "unknown";
}
