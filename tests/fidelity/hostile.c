/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: hostile arguments.  Counts and lengths far beyond the memory
 * behind the pointers, structures that end at an unmapped page, bad
 * pointers everywhere: sctrace must record what it can read, bound the
 * rest, and neither crash nor write something the readers reject (run.sh
 * also runs tshark and the newest reader on the capture).
 */
#include "fidelity.h"

#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <netinet/in.h>

int main(int argc, char **argv)
{
	long pg = sysconf(_SC_PAGESIZE), s, id;
	char *m;
	struct pollfd *pf;
	struct sembuf *sb;
	int p[2];

	fx_init(argc, argv);
	/* two pages, the second one inaccessible */
	m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED || mprotect(m + pg, pg, PROT_NONE) || pipe(p))
		return 1;

	/*
	 * poll: 2 readable entries, then the guard page; nfds absurd: the
	 * first 16 entries are read at once, as the driver, and none of
	 * them can be
	 */
	pf = (struct pollfd *)(m + pg) - 2;
	pf[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	pf[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	SC(SYS_poll, pf, 1L << 30, 0L);
	FX(poll, "poll >", "fds=<len=2>\ttimeout=0");
	FX(poll, "poll <", "res=-22\tfds=<len=2>");
	SC(SYS_poll, pf, 0xffffffffUL, 0L);
	FX(poll, "poll >", "fds=<len=2>");
	/* an entry cut by the guard page is not taken */
	SC(SYS_poll, (char *)(m + pg) - 4, 1L, 0L);
	FX(poll, "poll >", "fds=<len=2>");

	/* ppoll: timeout and mask pointers into the guard page */
	SC(SYS_ppoll, pf, 2, m + pg, m + pg, 8);
	FX(ppoll, "ppoll >", "fds=%d:p1 %d:p4\ttimeout=0\tsigmask=", p[0], p[1]);

	/* setsockopt: optlen of 1 GiB, 16 bytes before the guard page */
	s = SC(SYS_socket, AF_INET, SOCK_DGRAM, 0);
	memcpy(m + pg - 16, "0123456789abcdef", 16);
	SC(SYS_setsockopt, s, IPPROTO_IP, IP_OPTIONS, m + pg - 16, 1L << 30);
	FX(setsockopt, "setsockopt <", "fd=%ld\tval=<len=17>\toptlen=1073741824", s);
	/* optlen negative as an int: no bytes */
	SC(SYS_setsockopt, s, IPPROTO_IP, IP_OPTIONS, m, -5L);
	FX(setsockopt, "setsockopt <", "res=-22\tval=<len=1>\toptlen=-5");
	/* a u32 option whose value is the guard page: 0, as the driver's */
	SC(SYS_setsockopt, s, SOL_SOCKET, SO_RCVBUF, m + pg, 4);
	FX(setsockopt, "setsockopt <", "res=-14\tval=<len=5>");
	close((int)s);

	/* semop: a huge count, one sembuf before the guard page */
	id = SC(SYS_semget, IPC_PRIVATE, 1, IPC_CREAT | 0600);
	sb = (struct sembuf *)(m + pg) - 1;
	*sb = (struct sembuf){ 0, 3, 0 };
	SC(SYS_semop, id, sb, 1L << 20);
	FX(semop, "semop <", "res=-7\tnsops=1048576\tsem_num_0=0\tsem_op_0=3\tsem_flg_0=0\tsem_num_1=0\tsem_op_1=0");
	SC(SYS_semctl, id, 0, IPC_RMID, 0);

	/* limits, sleeps, getres*id and sendfile through the guard page */
	SC(SYS_prlimit64, 0, RLIMIT_NOFILE, m + pg, m + pg);
	FX(prlimit64, "prlimit <", "res=-14\tnewcur=0\tnewmax=0\toldcur=-1\toldmax=-1");
	SC(SYS_nanosleep, m + pg - 8, NULL);
	FX(nanosleep, "nanosleep >", "interval=0");
	SC(SYS_getresgid, m + pg, m + pg, m + pg);
	FX(getresgid, "getresgid <", "res=-14");

	/* iovecs: a count far beyond the array, lengths beyond the buffers */
	{
		struct iovec *iov = (struct iovec *)(m + pg) - 1;

		iov->iov_base = m;
		iov->iov_len = 1UL << 40;
		SC(SYS_writev, p[1], iov, 1000000L);
		FX(writev, "writev >", "fd=%d\tsize=0", p[1]);
		FX(writev, "writev <", "res=-22");
	}
	return fx_done();
}
