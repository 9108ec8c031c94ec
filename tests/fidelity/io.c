/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: opening, reading and writing, fd duplication, pipes and the
 * socket calls (loopback only), io_uring's setup calls.  run.sh starts it
 * in an empty directory.
 * The data parameters are cut at sysdig's default snaplen (80 bytes), so
 * the buffers here stay short.
 */
#include "fidelity.h"

#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <linux/openat2.h>

static void opens(void)
{
	struct open_how how = { .flags = O_RDONLY | O_CLOEXEC,
				.resolve = RESOLVE_NO_SYMLINKS };
	long fd, r;

	/* open: flags in PPM_O_*, mode in PPM_S_* (only when creating) */
	fd = SC(SYS_open, "f", O_RDWR | O_CREAT | O_EXCL, 0640);
	FX(open, "open >", "name=f\tflags=39(O_EXCL|O_CREAT|O_RDWR)\tmode=0640");
	/* the exit's flags say the call created the file (PPM_O_F_CREATED) */
	FX(open, "open <", "fd=%ld\tname=f\tflags=16423(O_EXCL|O_CREAT|O_RDWR)\tmode=0640\tdev=*", fd);
	FXN(open, "open <", "fd=%ld\tname=f\tflags=16423\tmode=0640\tdev=*\tino=*", fd);
	close((int)fd);
	SC(SYS_open, "nope", O_RDONLY, 0777);
	FX(open, "open >", "name=nope\tflags=1(O_RDONLY)\tmode=0");
	FX(open, "open <", "fd=-2\tname=nope\tflags=1(O_RDONLY)\tmode=0\tdev=0");
	SC(SYS_open, FX_BAD_PTR, O_WRONLY | O_TRUNC | O_APPEND);
	FX(open, "open >", "name=<empty>\tflags=266(O_TRUNC|O_APPEND|O_WRONLY)\tmode=0");
	FX(open, "open <", "fd=-14\tname=<empty>\tdev=0");
	/* O_CREAT without O_EXCL: created only if it was not there */
	r = SC(SYS_open, "f", O_RDWR | O_CREAT, 0640);
	FX(open, "open <", "fd=%ld\tname=f\tflags=7(O_CREAT|O_RDWR)", r);
	close((int)r);
	r = SC(SYS_open, "g-new", O_WRONLY | O_CREAT, 0600);
	FX(open, "open <", "fd=%ld\tname=g-new\tflags=16390(O_CREAT|O_WRONLY)", r);
	close((int)r);

	/* openat, openat2 */
	fd = SC(SYS_openat, AT_FDCWD, "f", O_RDONLY | O_DIRECTORY);
	/* the driver tests O_TMPFILE's mask loosely: O_DIRECTORY shows it */
	FX(openat, "openat >", "dirfd=-100\tname=f\tflags=9217(O_DIRECTORY|O_RDONLY|O_TMPFILE)\tmode=0");
	FX(openat, "openat <", "fd=-20\tdirfd=-100\tname=f\tflags=9217(O_DIRECTORY|O_RDONLY|O_TMPFILE)\tmode=0\tdev=0");
	FXN(openat, "openat <", "fd=-20\tdirfd=-100\tname=f\tflags=9217\tmode=0\tdev=0\tino=0");
	fd = SC(SYS_openat2, AT_FDCWD, "f", &how, sizeof(how));
	FX(openat2, "openat2 >", "dirfd=-100\tname=f\tflags=4097(O_RDONLY|O_CLOEXEC)\tmode=0\tresolve=8(RESOLVE_NO_SYMLINKS)");
	FX(openat2, "openat2 <", "fd=%ld\tdirfd=-100\tname=f\tflags=4097(O_RDONLY|O_CLOEXEC)\tmode=0\tresolve=8(RESOLVE_NO_SYMLINKS)", fd);
	{
		struct stat st = { 0 };

		stat("f", &st);
		/* libs 0.25 and 0.21 have the inode of the opened file */
		FXN(openat2, "openat2 <", "fd=%ld\tdirfd=-100\tname=f\tflags=4097\tmode=0\tresolve=8\tdev=*\tino=%llu",
		    fd, (unsigned long long)st.st_ino);
	}
	close((int)fd);
	/* the driver reads a whole struct open_how whatever the size says */
	SC(SYS_openat2, AT_FDCWD, "f", &how, 8);
	FX(openat2, "openat2 >", "dirfd=-100\tname=f\tflags=4097(O_RDONLY|O_CLOEXEC)\tmode=0\tresolve=8(RESOLVE_NO_SYMLINKS)");
	FX(openat2, "openat2 <", "fd=-22");
	SC(SYS_openat2, AT_FDCWD, "f", FX_BAD_PTR, sizeof(how));
	/* an unreadable how: translated from zeros, as the driver (O_RDONLY) */
	FX(openat2, "openat2 >", "dirfd=-100\tname=f\tflags=1(O_RDONLY)\tmode=0\tresolve=0");
	FX(openat2, "openat2 <", "fd=-14\tflags=1(O_RDONLY)");

	/* creat: as open with O_CREAT|O_WRONLY|O_TRUNC */
	fd = SC(SYS_creat, "g", 0600);
	FX(creat, "creat >", "name=g\tmode=0600");
	FX(creat, "creat <", "fd=%ld\tname=g\tmode=0600\tdev=*", fd);

	/* close */
	SC(SYS_close, fd);
	FX(close, "close >", "fd=%ld", fd);
	FX(close, "close <", "res=0");
	SC(SYS_close, fd);
	FX(close, "close >", "fd=%ld", fd);
	FX(close, "close <", "res=-9");
}

static void rw(void)
{
	char buf[64], a[4] = "abc", b[8] = "defgh";
	struct iovec out[2] = { { a, 3 }, { b, 5 } };
	struct iovec in[2] = { { buf, 2 }, { buf + 2, 30 } };
	long fd = SC(SYS_open, "f", O_RDWR);

	SC(SYS_write, fd, "hello world", 11);
	FX(write, "write >", "fd=%ld\tsize=11", fd);
	FX(write, "write <", "res=11\tdata=hello world");
	SC(SYS_pwrite64, fd, "HE", 2, 0);
	FX(pwrite64, "pwrite >", "fd=%ld\tsize=2\tpos=0", fd);
	FX(pwrite64, "pwrite <", "res=2\tdata=HE");
	SC(SYS_pread64, fd, buf, 5, 6);
	FX(pread64, "pread >", "fd=%ld\tsize=5\tpos=6", fd);
	FX(pread64, "pread <", "res=5\tdata=world");
	SC(SYS_lseek, fd, 0, SEEK_SET);
	SC(SYS_read, fd, buf, sizeof(buf));
	FX(read, "read >", "fd=%ld\tsize=64", fd);
	FX(read, "read <", "res=11\tdata=HEllo world");
	SC(SYS_read, fd, buf, sizeof(buf));
	FX(read, "read <", "res=0\tdata=<empty>");
	SC(SYS_read, fd, FX_BAD_PTR, 10);
	FX(read, "read <", "res=0\tdata=<empty>");
	SC(SYS_read, 9999, buf, 10);
	FX(read, "read >", "fd=9999\tsize=10");
	FX(read, "read <", "res=-9\tdata=<empty>");

	/* vectors: size is the sum of the lengths, data what moved */
	SC(SYS_writev, fd, out, 2);
	FX(writev, "writev >", "fd=%ld\tsize=8", fd);
	FX(writev, "writev <", "res=8\tdata=abcdefgh");
	SC(SYS_pwritev, fd, out, 2, 1, 0);
	FX(pwritev, "pwritev >", "fd=%ld\tsize=8\tpos=1", fd);
	FX(pwritev, "pwritev <", "res=8\tdata=abcdefgh");
	SC(SYS_lseek, fd, 0, SEEK_SET);
	SC(SYS_readv, fd, in, 2);
	FX(readv, "readv >", "fd=%ld", fd);
	FX(readv, "readv <", "res=19\tsize=19\tdata=Habcdefghldabcdefgh");
	SC(SYS_preadv, fd, in, 2, 3, 0);
	FX(preadv, "preadv >", "fd=%ld\tpos=3", fd);
	FX(preadv, "preadv <", "res=16\tsize=16\tdata=cdefghldabcdefgh");
	/* size: the bytes read (the result), 0 on a failure, as the driver */
	SC(SYS_readv, 9999, in, 2);
	FX(readv, "readv >", "fd=9999");
	FX(readv, "readv <", "res=-9\tsize=0");
	close((int)fd);
}

static void dups_pipes(void)
{
	long fd = SC(SYS_open, "f", O_RDONLY), r;
	int p[2] = { -1, -1 };

	r = SC(SYS_dup, fd);
	FX(dup, "dup >", "fd=%ld", fd);
	FX(dup, "dup <", "res=%ld", r);
	FXN(dup, "dup <", "res=%ld\toldfd=%ld", r, fd);
	close((int)r);
	SC(SYS_dup2, fd, 50);
	FX(dup2, "dup >", "fd=%ld", fd);
	FX(dup2, "dup <", "res=50");
	FXN(dup2, "dup2 <", "res=50\toldfd=%ld\tnewfd=50", fd);
	SC(SYS_dup3, fd, 51, O_CLOEXEC);
	FX(dup3, "dup >", "fd=%ld", fd);
	FX(dup3, "dup <", "res=51");
	FXN(dup3, "dup3 <", "res=51\toldfd=%ld\tnewfd=51\tflags=4096", fd);
	SC(SYS_dup3, 9999, 52, 0);
	FX(dup3, "dup >", "fd=9999");
	FX(dup3, "dup <", "res=-9");
	FXN(dup3, "dup3 <", "res=-9\toldfd=9999\tnewfd=52\tflags=0");
	close(50);
	close(51);
	close((int)fd);

	SC(SYS_pipe, p);
	FX(pipe, "pipe <", "res=0\tfd1=%d\tfd2=%d\tino=*", p[0], p[1]);
	close(p[0]);
	close(p[1]);
	SC(SYS_pipe2, p, O_CLOEXEC);
	FX(pipe2, "pipe <", "res=0\tfd1=%d\tfd2=%d\tino=*", p[0], p[1]);
	FXN(pipe2, "pipe2 <", "res=0\tfd1=%d\tfd2=%d\tino=*\tflags=4096", p[0], p[1]);
	close(p[0]);
	close(p[1]);
	SC(SYS_pipe2, FX_BAD_PTR, 0);
	FX(pipe2, "pipe <", "res=-14\tfd1=-1\tfd2=-1\tino=0");
	FXN(pipe2, "pipe2 <", "res=-14\tfd1=-1\tfd2=-1\tino=0");
}

static void sockets(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, b, c;
	socklen_t len;
	char buf[32];
	struct iovec iov = { buf, 4 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	long u1, u2, l, acc, r, cl[2];
	int sv[2];
	unsigned pa, pb, pl, pc[2];

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	u1 = SC(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	FX(socket, "socket >", "domain=2(AF_INET)\ttype=2\tproto=0");
	FX(socket, "socket <", "fd=%ld", u1);
	u2 = SC(SYS_socket, AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_UDP);
	FX(socket, "socket >", "domain=2(AF_INET)\ttype=524290\tproto=17");
	FX(socket, "socket <", "fd=%ld", u2);
	/*
	 * the domain as the libs 0.25 driver: its low byte translated, an
	 * unknown family AF_UNSPEC (the 2022 driver wrote it raw)
	 */
	SC(SYS_socket, 12345, SOCK_DGRAM, 0);
	FX(socket, "socket >", "domain=0\ttype=2\tproto=0");
	FX(socket, "socket <", "fd=-97");

	/* bind: the address at exit */
	SC(SYS_bind, u1, &a, sizeof(a));
	len = sizeof(b);
	getsockname((int)u1, (struct sockaddr *)&b, &len);
	pa = ntohs(b.sin_port);
	FX(bind, "bind >", "fd=%ld", u1);
	FX(bind, "bind <", "res=0\taddr=127.0.0.1:0");
	SC(SYS_bind, u2, &a, sizeof(a));
	len = sizeof(c);
	getsockname((int)u2, (struct sockaddr *)&c, &len);
	pb = ntohs(c.sin_port);

	/* connect: address at enter, tuple at exit */
	SC(SYS_connect, u1, &c, sizeof(c));
	FX(connect, "connect >", "fd=%ld\taddr=127.0.0.1:%u", u1, pb);
	FX(connect, "connect <", "res=0\ttuple=127.0.0.1:%u->127.0.0.1:%u", pa, pb);
	FXN(connect, "connect <", "res=0\ttuple=127.0.0.1:%u->127.0.0.1:%u\tfd=%ld", pa, pb, u1);
	/* a failed connect: no tuple, as the driver (here a unix socket) */
	{
		struct sockaddr_un un = { .sun_family = AF_UNIX };
		long us = SC(SYS_socket, AF_UNIX, SOCK_STREAM, 0);

		strcpy(un.sun_path, "/fidelity-no-such-socket");
		SC(SYS_connect, us, &un, sizeof(un));
		FX(connect, "connect <", "res=-2\ttuple=<empty>");
		FXN(connect, "connect <", "res=-2\ttuple=NULL\tfd=%ld", us);
		close((int)us);
	}

	/* sendto/recvfrom: tuple at enter / exit */
	SC(SYS_sendto, u2, "ping", 4, 0, &b, sizeof(b));
	FX(sendto, "sendto >", "fd=%ld\tsize=4\ttuple=127.0.0.1:%u->127.0.0.1:%u", u2, pb, pa);
	FX(sendto, "sendto <", "res=4\tdata=ping");
	len = sizeof(c);
	SC(SYS_recvfrom, u1, buf, sizeof(buf), 0, &c, &len);
	FX(recvfrom, "recvfrom >", "fd=%ld\tsize=32", u1);
	FX(recvfrom, "recvfrom <", "res=4\tdata=ping\ttuple=127.0.0.1:%u->127.0.0.1:%u", pb, pa);

	/* sendmsg/recvmsg */
	memcpy(buf, "pong", 4);
	SC(SYS_sendmsg, u1, &mh, 0);
	FX(sendmsg, "sendmsg >", "fd=%ld\tsize=4\ttuple=127.0.0.1:%u->127.0.0.1:%u", u1, pa, pb);
	FX(sendmsg, "sendmsg <", "res=4\tdata=pong");
	memset(buf, 0, sizeof(buf));
	iov.iov_len = sizeof(buf);
	mh.msg_name = &b;
	mh.msg_namelen = sizeof(b);
	SC(SYS_recvmsg, u2, &mh, 0);
	FX(recvmsg, "recvmsg >", "fd=%ld", u2);
	FX(recvmsg, "recvmsg <", "res=4\tsize=4\tdata=pong\ttuple=127.0.0.1:%u->127.0.0.1:%u", pa, pb);

	/* shutdown */
	SC(SYS_shutdown, u1, SHUT_WR);
	FX(shutdown, "shutdown >", "fd=%ld\thow=1(SHUT_WR)", u1);
	FX(shutdown, "shutdown <", "res=0");
	close((int)u1);
	close((int)u2);

	/* a TCP connection to ourselves: listen, connect, accept, accept4 */
	l = SC(SYS_socket, AF_INET, SOCK_STREAM, 0);
	SC(SYS_bind, l, &a, sizeof(a));
	len = sizeof(b);
	getsockname((int)l, (struct sockaddr *)&b, &len);
	pl = ntohs(b.sin_port);
	SC(SYS_listen, l, 7);
	FX(listen, "listen >", "fd=%ld\tbacklog=7", l);
	FX(listen, "listen <", "res=0");
	/* two clients queue up: the queue is read after each accept */
	cl[0] = SC(SYS_socket, AF_INET, SOCK_STREAM, 0);
	cl[1] = SC(SYS_socket, AF_INET, SOCK_STREAM, 0);
	for (r = 0; r < 2; r++) {
		SC(SYS_connect, cl[r], &b, sizeof(b));
		len = sizeof(c);
		getsockname((int)cl[r], (struct sockaddr *)&c, &len);
		pc[r] = ntohs(c.sin_port);
	}
	acc = SC(SYS_accept, l, NULL, NULL);
	FX(accept, "accept <",
	   "fd=%ld\ttuple=127.0.0.1:%u->127.0.0.1:%u\tqueuepct=14\tqueuelen=1\tqueuemax=7",
	   acc, pc[0], pl);
	close((int)acc);
	acc = SC(SYS_accept4, l, NULL, NULL, SOCK_CLOEXEC);
	FX(accept4, "accept >", "flags=0");
	/* libs 0.25 shows the enter's flags (SOCK_* as PPM_O_*) at the exit */
	FXN(accept4, "accept4 <", "fd=%ld\ttuple=*\tqueuepct=0\tqueuelen=0\tqueuemax=7\tflags=1000", acc);
	FX(accept4, "accept <",
	   "fd=%ld\ttuple=127.0.0.1:%u->127.0.0.1:%u\tqueuepct=0\tqueuelen=0\tqueuemax=7",
	   acc, pc[1], pl);
	close((int)acc);
	close((int)cl[0]);
	close((int)cl[1]);
	SC(SYS_accept4, 9999, NULL, NULL, 0);
	FX(accept4, "accept <", "fd=-9\ttuple=<empty>\tqueuepct=0\tqueuelen=0\tqueuemax=0");
	close((int)l);

	/* socketpair: both fds and the two socket ids */
	SC(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
	FX(socketpair, "socketpair >", "domain=1(AF_LOCAL)\ttype=1\tproto=0");
	FX(socketpair, "socketpair <", "res=0\tfd1=%d\tfd2=%d\tsource=*\tpeer=*", sv[0], sv[1]);
	close(sv[0]);
	close(sv[1]);
}

/*
 * io_uring_setup, io_uring_enter, io_uring_register: libs 0.25 events
 * (generic for old readers).  The setup's exit has the fields the kernel
 * wrote back into struct io_uring_params (zeros after a failure: io_uring
 * may be disabled), flags and features translated (the driver drops
 * IORING_FEAT_EXT_ARG, bit 8, and any newer feature).
 */
static void io_uring(void)
{
#ifdef SYS_io_uring_setup
	uint32_t p[30];		/* struct io_uring_params, 120 bytes */
	long fd, r;

	memset(p, 0, sizeof(p));
	fd = SC(SYS_io_uring_setup, 4, p);
	FX(io_uring_setup, "<unknown> <", "");
	FXN(io_uring_setup, "io_uring_setup <",
	    "res=%ld\tentries=4\tsq_entries=%u\tcq_entries=%u\tflags=0\tsq_thread_cpu=0\tsq_thread_idle=0\tfeatures=%u",
	    fd, p[0], p[1], p[5] & 0x6ffu);
	SC(SYS_io_uring_setup, 4, FX_BAD_PTR);
	FXN(io_uring_setup, "io_uring_setup <",
	    "res=-14\tentries=4\tsq_entries=0\tcq_entries=0\tflags=0\tsq_thread_cpu=0\tsq_thread_idle=0\tfeatures=0");

	r = SC(SYS_io_uring_enter, fd, 0, 0, 1 /* GETEVENTS */, NULL, 0);
	FX(io_uring_enter, "<unknown> <", "");
	FXN(io_uring_enter, "io_uring_enter <",
	    "res=%ld\tfd=%ld\tto_submit=0\tmin_complete=0\tflags=1\tsig=*", r, fd);
	r = SC(SYS_io_uring_enter, 999, 1, 2, 0xf, NULL, 8);
	FXN(io_uring_enter, "io_uring_enter <",
	    "res=%ld\tfd=999\tto_submit=1\tmin_complete=2\tflags=15\tsig=*", r);

	/* opcode: the number as it is (no such one: EINVAL); arg: the pointer */
	r = SC(SYS_io_uring_register, fd, 0x33, (void *)0x10, 7);
	FX(io_uring_register, "<unknown> <", "");
	FXN(io_uring_register, "io_uring_register <",
	    "res=%ld\tfd=%ld\topcode=51\targ=10\tnr_args=7", r, fd);
	if (fd >= 0)
		SC(SYS_close, fd);
#endif
}

int main(int argc, char **argv)
{
	fx_init(argc, argv);
	opens();
	rw();
	dups_pipes();
	sockets();
	io_uring();
	return fx_done();
}
