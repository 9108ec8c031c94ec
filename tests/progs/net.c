/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Sockets over loopback with known payloads, for the integration tests.
 *
 * usage: net tcp INFO      TCP on 127.0.0.1: the parent listens (bind to port
 *                          0 + getsockname) and accepts with accept4; a forked
 *                          child connects; both exchange data with sendto,
 *                          recvfrom, sendmsg, recvmsg; the client shuts its
 *                          side down (shutdown), the server reads the end
 *                          of stream (recvfrom returns 0)
 *        net tcp-accept INFO   the same with accept instead of accept4
 *        net udp INFO      UDP between two sockets on 127.0.0.1 (sendto and
 *                          recvfrom in both directions)
 *        net unix INFO     an AF_UNIX socketpair (write, read, sendmsg,
 *                          recvmsg)
 *
 * INFO is a file that receives a "server=PORT client=PORT" line so that the
 * test knows the kernel-chosen ports (for unix: an empty file); it is
 * written with stdio as soon as both ports are known, before the fork.
 * Otherwise prints nothing; exits 0, or 1 on an error.
 * SIGCHLD is blocked so that no signal interrupts wait4, which keeps the
 * syscall counts the same from run to run.
 */
#define _GNU_SOURCE /* accept4 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static void fail(const char *what)
{
	perror(what);
	exit(1);
}

static void bind_loopback(int fd)
{
	struct sockaddr_in sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin.sin_port = 0;
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		fail("bind");
}

static struct sockaddr_in local_addr(int fd)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);

	if (getsockname(fd, (struct sockaddr *)&sin, &len) < 0)
		fail("getsockname");
	return sin;
}

static void send_msg(int fd, const char *a, const char *b)
{
	struct iovec iov[2] = {
		{ .iov_base = (void *)a, .iov_len = strlen(a) },
		{ .iov_base = (void *)b, .iov_len = strlen(b) },
	};
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };

	if (sendmsg(fd, &mh, 0) != (ssize_t)(iov[0].iov_len + iov[1].iov_len))
		fail("sendmsg");
}

/* Reads exactly len bytes with one recvmsg (loopback delivers them whole). */
static void recv_msg(int fd, size_t len)
{
	char buf[64];
	struct iovec iov = { .iov_base = buf, .iov_len = len };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (recvmsg(fd, &mh, MSG_WAITALL) != (ssize_t)len)
		fail("recvmsg");
}

static void recv_exact(int fd, size_t len)
{
	char buf[64];

	if (recvfrom(fd, buf, len, MSG_WAITALL, NULL, NULL) != (ssize_t)len)
		fail("recvfrom");
}

static int tcp(const char *info, int use_accept4)
{
	struct sockaddr_in srv, cli;
	int ls, cs, as, status;
	char buf[16];
	FILE *f;
	pid_t pid;

	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (ls < 0)
		fail("socket");
	bind_loopback(ls);
	if (listen(ls, 4) < 0)
		fail("listen");
	srv = local_addr(ls);

	/* The client socket is made (and bound) here so that both ports are
	 * known before the fork and can be written to INFO in one place. */
	cs = socket(AF_INET, SOCK_STREAM, 0);
	if (cs < 0)
		fail("socket");
	bind_loopback(cs);
	cli = local_addr(cs);
	f = fopen(info, "w");
	if (!f)
		fail(info);
	fprintf(f, "server=%d client=%d\n", ntohs(srv.sin_port),
		ntohs(cli.sin_port));
	fclose(f);

	pid = fork();
	if (pid < 0)
		fail("fork");
	if (pid == 0) {
		close(ls);
		if (connect(cs, (struct sockaddr *)&srv, sizeof(srv)) < 0)
			fail("connect");
		if (sendto(cs, "tcp-ping", 8, 0, NULL, 0) != 8)
			fail("sendto");
		recv_exact(cs, 8); /* "tcp-pong" */
		send_msg(cs, "msg-", "from-client");
		recv_msg(cs, 15); /* "msg-from-server" */
		if (shutdown(cs, SHUT_WR) < 0)
			fail("shutdown");
		close(cs);
		_exit(0);
	}
	close(cs);
	if (use_accept4)
		as = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
	else
		as = accept(ls, NULL, NULL);
	if (as < 0)
		fail("accept");
	recv_exact(as, 8); /* "tcp-ping" */
	if (sendto(as, "tcp-pong", 8, 0, NULL, 0) != 8)
		fail("sendto");
	recv_msg(as, 15); /* "msg-from-client" */
	send_msg(as, "msg-", "from-server");
	/* The client's shutdown: so the server closes last, and the client's
	 * socket is still connected when its last recvmsg returns. */
	if (recvfrom(as, buf, sizeof(buf), 0, NULL, NULL) != 0)
		fail("recvfrom (end of stream)");
	close(as);
	close(ls);
	if (waitpid(pid, &status, 0) != pid || status != 0)
		fail("child");
	return 0;
}

static int udp(const char *info)
{
	struct sockaddr_in a_addr, b_addr, from;
	socklen_t fromlen = sizeof(from);
	char buf[64];
	int a, b;
	FILE *f;

	a = socket(AF_INET, SOCK_DGRAM, 0);
	b = socket(AF_INET, SOCK_DGRAM, 0);
	if (a < 0 || b < 0)
		fail("socket");
	bind_loopback(a);
	bind_loopback(b);
	a_addr = local_addr(a);
	b_addr = local_addr(b);
	f = fopen(info, "w");
	if (!f)
		fail(info);
	fprintf(f, "server=%d client=%d\n", ntohs(b_addr.sin_port),
		ntohs(a_addr.sin_port));
	fclose(f);

	/* a (client) -> b (server), then the reply */
	if (sendto(a, "udp-ping", 8, 0, (struct sockaddr *)&b_addr,
		   sizeof(b_addr)) != 8)
		fail("sendto");
	if (recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &fromlen) != 8)
		fail("recvfrom");
	if (sendto(b, "udp-pong", 8, 0, (struct sockaddr *)&from,
		   fromlen) != 8)
		fail("sendto");
	fromlen = sizeof(from);
	if (recvfrom(a, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &fromlen) != 8)
		fail("recvfrom");
	close(b);
	close(a);
	return 0;
}

static int unix_pair(const char *info)
{
	char buf[64];
	int sv[2];
	FILE *f;

	f = fopen(info, "w");
	if (!f)
		fail(info);
	fclose(f);
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		fail("socketpair");
	if (write(sv[0], "unix-hello", 10) != 10)
		fail("write");
	if (read(sv[1], buf, 10) != 10)
		fail("read");
	send_msg(sv[1], "unix-", "reply");
	recv_msg(sv[0], 10);
	close(sv[0]);
	close(sv[1]);
	return 0;
}

int main(int argc, char **argv)
{
	sigset_t set;

	if (argc != 3) {
		fprintf(stderr, "usage: net tcp|tcp-accept|udp|unix INFO\n");
		return 2;
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	if (strcmp(argv[1], "tcp") == 0)
		return tcp(argv[2], 1);
	if (strcmp(argv[1], "tcp-accept") == 0)
		return tcp(argv[2], 0);
	if (strcmp(argv[1], "udp") == 0)
		return udp(argv[2]);
	if (strcmp(argv[1], "unix") == 0)
		return unix_pair(argv[2]);
	fprintf(stderr, "net: unknown mode %s\n", argv[1]);
	return 2;
}
