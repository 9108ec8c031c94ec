/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Socket addresses and tuples (docs/scap-format.md §2).  Local and remote ends
 * come from the real socket: the tracee's fd is duplicated into sctrace
 * with pidfd_getfd and the kernel is asked, never guessed.
 */
#ifndef SCTRACE_NET_H
#define SCTRACE_NET_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

struct sct_call;

/* family + 2 x u64 + sun_path + NUL, the largest encoding */
#define SCT_TUPLE_MAX	128

struct sct_sock {
	struct sct_call *c;
	int tracee_fd;		/* fd whose copy we hold */
	int fd;			/* our copy, or -1 */
};

/*
 * A copy of the tracee's fd in sctrace (pidfd_getfd, Linux >= 5.6; through
 * the thread when the leader is a zombie), or -1.  The caller closes it.
 */
int sct_tracee_fd(struct sct_call *c, int fd);

void sct_sock_init(struct sct_sock *sk, struct sct_call *c);
void sct_sock_done(struct sct_sock *sk);

/* PT_SOCKADDR of a struct sockaddr in tracee memory.  Returns length or <= 0. */
ssize_t sct_sock_user_addr(struct sct_sock *sk, uint64_t addr, uint64_t len,
			   uint8_t *out);
/* PT_SOCKADDR of the address the tracee's fd is bound to. */
ssize_t sct_sock_local_addr(struct sct_sock *sk, int fd, uint8_t *out);
/*
 * PT_SOCKTUPLE of the tracee's fd.  The remote end is the sockaddr at addr
 * in tracee memory when given, else the socket's peer.  outbound: local
 * is the source; inbound: the remote end is the source.
 */
ssize_t sct_sock_tuple(struct sct_sock *sk, int fd, uint64_t addr,
		       uint64_t addrlen, bool outbound, uint8_t *out);

/*
 * Describe the fd of thread tid (of process pid) the way sysdig's filters see it: fd.name
 * into name (path, "ip:port->ip:port", unix path, ...), and return fd.type
 * ("file", "directory", "ipv4", "ipv6", "unix", "pipe", "event", ...).
 * pidfd is the process's cached pidfd slot (-1: not open yet).
 */
const char *sct_fd_describe(pid_t tid, pid_t pid, int *pidfd, int fd,
			    char *name, size_t n);

/* Encodings from kernel sockaddrs (also used by the unit tests). */
ssize_t sct_encode_sockaddr(const struct sockaddr *sa, socklen_t len,
			    uint8_t *out);
ssize_t sct_encode_tuple(const struct sockaddr *src, socklen_t slen,
			 const struct sockaddr *dst, socklen_t dlen,
			 uint64_t usrc, uint64_t udst, const char *upath,
			 uint8_t *out);

#endif
