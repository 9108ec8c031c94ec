/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: socket options (PT_DYN values typed by level and name) and the
 * socket calls the 2022 driver recorded without parameters.
 */
#include "fidelity.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>

#ifndef SO_COOKIE
#define SO_COOKIE 57
#endif

static void sockopts(void)
{
	long s = SC(SYS_socket, AF_INET, SOCK_STREAM, 0);
	int one = 1, v = -1, big[3] = { 0x41424344, 0x45464748, 0 };
	struct timeval tv = { 1, 500000 };
	uint64_t cookie = 0;
	socklen_t len;
	long r;

	/* SO_REUSEADDR: a u32 */
	SC(SYS_setsockopt, s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	FX(setsockopt, "setsockopt <",
	   "res=0\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=2(SO_REUSEADDR)\tval=1\toptlen=4", s);
	len = sizeof(v);
	SC(SYS_getsockopt, s, SOL_SOCKET, SO_REUSEADDR, &v, &len);
	FX(getsockopt, "getsockopt <",
	   "res=0\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=2(SO_REUSEADDR)\tval=%d\toptlen=%u",
	   s, v, len);

	/* SO_ERROR: -value, as an errno */
	len = sizeof(v);
	SC(SYS_getsockopt, s, SOL_SOCKET, SO_ERROR, &v, &len);
	FX(getsockopt, "getsockopt <",
	   "res=0\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=4(SO_ERROR)\tval=%d\toptlen=4", s, -v);

	/* SO_RCVTIMEO: a struct timeval, as ns */
	SC(SYS_setsockopt, s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	FX(setsockopt, "setsockopt <",
	   "res=0\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=20(SO_RCVTIMEO)\tval=1500000000\toptlen=%zu",
	   s, sizeof(tv));

	/* SO_COOKIE: a u64 */
	len = sizeof(cookie);
	r = SC(SYS_getsockopt, s, SOL_SOCKET, SO_COOKIE, &cookie, &len);
	FX(getsockopt, "getsockopt <",
	   "res=%ld\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=53(SO_COOKIE)\tval=%llu\toptlen=8",
	   r, s, (unsigned long long)cookie);

	/* other levels: the raw bytes, optlen of them */
	SC(SYS_setsockopt, s, IPPROTO_TCP, TCP_NODELAY, big, 8);
	FX(setsockopt, "setsockopt <",
	   "res=0\tfd=%ld\tlevel=2(SOL_TCP)\toptname=0\tval=DCBAHGFE\toptlen=8", s);
	SC(SYS_setsockopt, s, IPPROTO_IP, IP_TTL, big, 4);
	FX(setsockopt, "setsockopt <",
	   "res=-22\tfd=%ld\tlevel=0\toptname=0\tval=DCBA\toptlen=4", s);

	/* an unreadable typed value: 0 of its type, as the driver's */
	SC(SYS_setsockopt, s, SOL_SOCKET, SO_KEEPALIVE, FX_BAD_PTR, 4);
	FX(setsockopt, "setsockopt <",
	   "res=-14\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=9(SO_KEEPALIVE)\tval=0\toptlen=4",
	   s);
	SC(SYS_getsockopt, s, SOL_SOCKET, SO_SNDBUF, &v, FX_BAD_PTR);
	FX(getsockopt, "getsockopt <",
	   "res=-14\tfd=%ld\tlevel=1(SOL_SOCKET)\toptname=7(SO_SNDBUF)\tval=%d", s, v);
	SC(SYS_setsockopt, 9999, SOL_SOCKET, SO_SNDBUF, &one, 4);
	FX(setsockopt, "setsockopt <",
	   "res=-9\tfd=9999\tlevel=1(SOL_SOCKET)\toptname=7(SO_SNDBUF)\tval=1\toptlen=4");
	close((int)s);
}

/*
 * sendmmsg/recvmmsg of two messages: as the driver, one exit per message
 * (each after an enter of its own), with that message's length, size,
 * data and tuple; a failed call, one exit with res and fd only.
 */
static void mmsgs(const int *sv)
{
	char out1[] = "ping", out2[] = "pong!", in1[8], in2[8];
	struct iovec iov[4] = { { out1, 4 }, { out2, 5 }, { in1, 8 }, { in2, 8 } };
	struct mmsghdr mm[2];
	int i;

	memset(mm, 0, sizeof(mm));
	for (i = 0; i < 2; i++) {
		mm[i].msg_hdr.msg_iov = &iov[i];
		mm[i].msg_hdr.msg_iovlen = 1;
	}
	SC(SYS_sendmmsg, sv[0], mm, 2, 0);
	for (i = 0; i < 2; i++) {
		FX(sendmmsg, "sendmmsg >", "");
		FX(sendmmsg, "sendmmsg <", "");
	}
	FXN(sendmmsg, "sendmmsg <",
	    "res=4\tfd=%d\tsize=4\tdata=ping\ttuple=*", sv[0]);
	FXN(sendmmsg, "sendmmsg <",
	    "res=5\tfd=%d\tsize=5\tdata=pong!\ttuple=*", sv[0]);
	for (i = 0; i < 2; i++)
		mm[i].msg_hdr.msg_iov = &iov[2 + i];
	SC(SYS_recvmmsg, sv[1], mm, 2, 0, NULL);
	for (i = 0; i < 2; i++) {
		FX(recvmmsg, "recvmmsg >", "");
		FX(recvmmsg, "recvmmsg <", "");
	}
	FXN(recvmmsg, "recvmmsg <",
	    "res=4\tfd=%d\tsize=4\tdata=ping\ttuple=*", sv[1]);
	FXN(recvmmsg, "recvmmsg <",
	    "res=5\tfd=%d\tsize=5\tdata=pong!\ttuple=*", sv[1]);
	SC(SYS_sendmmsg, 9999, mm, 2, 0);
	FX(sendmmsg, "sendmmsg >", "");
	FX(sendmmsg, "sendmmsg <", "");
	FXN(sendmmsg, "sendmmsg <",
	    "res=-9\tfd=9999\tsize=0\tdata=NULL\ttuple=NULL");
}

static void noparams(void)
{
	int sv[2];
	struct sockaddr_un sa;
	socklen_t len = sizeof(sa);
	char buf[8];
	struct iovec iov = { buf, 4 };
	struct mmsghdr mm;

	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv))
		return;
	SC(SYS_getsockname, sv[0], &sa, &len);
	FX(getsockname, "getsockname >", "");
	FX(getsockname, "getsockname <", "");
	len = sizeof(sa);
	SC(SYS_getpeername, sv[0], &sa, &len);
	FX(getpeername, "getpeername >", "");
	FX(getpeername, "getpeername <", "");
	memset(&mm, 0, sizeof(mm));
	memcpy(buf, "ping", 4);
	mm.msg_hdr.msg_iov = &iov;
	mm.msg_hdr.msg_iovlen = 1;
	SC(SYS_sendmmsg, sv[0], &mm, 1, 0);
	FX(sendmmsg, "sendmmsg >", "");
	FX(sendmmsg, "sendmmsg <", "");
	FXN(sendmmsg, "sendmmsg <",
	    "res=4\tfd=%d\tsize=4\tdata=ping\ttuple=*", sv[0]);
	SC(SYS_recvmmsg, sv[1], &mm, 1, 0, NULL);
	FX(recvmmsg, "recvmmsg >", "");
	FX(recvmmsg, "recvmmsg <", "");
	FXN(recvmmsg, "recvmmsg <",
	    "res=4\tfd=%d\tsize=4\tdata=ping\ttuple=*\tmsgcontrol=NULL",
	    sv[1]);
	mmsgs(sv);
	close(sv[0]);
	close(sv[1]);
}

int main(int argc, char **argv)
{
	fx_init(argc, argv);
	sockopts();
	noparams();
	return fx_done();
}
