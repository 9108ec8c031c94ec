/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: sleeping and polling (nanosleep, poll, ppoll, select,
 * epoll_wait, futex) and the fd-creating calls of that family (eventfd,
 * signalfd, timerfd_create, inotify_init), whose flags the 2022 driver
 * wrote as 0 (libs 0.25 writes timerfd_create's); epoll_create and
 * epoll_create1.
 */
#include "fidelity.h"

#include <poll.h>
#include <signal.h>
#include <time.h>
#include <linux/futex.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>

static void sleeps(void)
{
	struct timespec ts = { 0, 2000000 }, ts2 = { 0, 7 };
	uint32_t word = 5;

	/* nanosleep: the interval in ns; unreadable -> 0 */
	SC(SYS_nanosleep, &ts, NULL);
	FX(nanosleep, "nanosleep >", "interval=2000000");
	FX(nanosleep, "nanosleep <", "res=0");
	SC(SYS_nanosleep, &ts2, NULL);
	FX(nanosleep, "nanosleep >", "interval=7");
	FX(nanosleep, "nanosleep <", "res=0");
	SC(SYS_nanosleep, FX_BAD_PTR, NULL);
	FX(nanosleep, "nanosleep >", "interval=0");
	FX(nanosleep, "nanosleep <", "res=-14");

	/* futex: address, translated op, value */
	SC(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
	FX(futex, "futex >", "addr=%lX\top=129(FUTEX_PRIVATE_FLAG|FUTEX_WAKE)\tval=1",
	   (unsigned long)&word);
	FX(futex, "futex <", "res=0");
	SC(SYS_futex, &word, FUTEX_WAIT, 4, NULL, NULL, 0);
	FX(futex, "futex >", "addr=%lX\top=0(FUTEX_WAIT)\tval=4", (unsigned long)&word);
	FX(futex, "futex <", "res=-11");
}

static void polls(void)
{
	struct pollfd fds[3];
	struct timespec ts = { 0, 5000 };
	sigset_t set;
	struct timeval tv = { 0, 0 };
	struct epoll_event evs[4];
	int p[2];
	long ep;

	if (pipe(p))
		return;
	(void)!write(p[1], "x", 1);
	fds[0] = (struct pollfd){ .fd = p[0], .events = POLLIN | POLLPRI };
	fds[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT };
	fds[2] = (struct pollfd){ .fd = -1, .events = POLLIN };

	/*
	 * poll: every fd with its events at enter, with its revents (0 too)
	 * at exit, as the driver; the exit has the timeout too
	 */
	SC(SYS_poll, fds, 3, 10L);
	/* (sysdig prints the fds unsigned) */
	FX(poll, "poll >", "fds=%d:p3 %d:p4 18446744073709551615:?1\ttimeout=10",
	   p[0], p[1]);
	FX(poll, "poll <", "res=2\tfds=%d:p1 %d:p4 18446744073709551615:?0",
	   p[0], p[1]);
	SC(SYS_poll, NULL, 0, 0L);
	FX(poll, "poll >", "fds=\ttimeout=0");
	FX(poll, "poll <", "res=0\tfds=");
	/* unreadable: an empty list (a count of 0), never a missing one */
	SC(SYS_poll, FX_BAD_PTR, 2, 0L);
	FX(poll, "poll >", "fds=<len=2>\ttimeout=0");
	FX(poll, "poll <", "res=-14\tfds=<len=2>");

	/* ppoll: timeout in ns (NULL: -1) and the first word of the mask */
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	SC(SYS_ppoll, fds, 2, &ts, &set, 8);
	FX(ppoll, "ppoll >", "fds=%d:p3 %d:p4\ttimeout=5000\tsigmask=SIGUSR1 SIGTERM",
	   p[0], p[1]);
	FX(ppoll, "ppoll <", "res=2\tfds=%d:p1 %d:p4", p[0], p[1]);
	FXN(ppoll, "ppoll <", "res=2\tfds=%d:p1 %d:p4\ttimeout=*", p[0], p[1]);
	fds[0].events = POLLIN;
	SC(SYS_ppoll, &fds[0], 1, NULL, NULL, 8);
	/* sysdig prints a timeout of -1 as "none", an empty mask as "" */
	FX(ppoll, "ppoll >", "fds=%d:p1\ttimeout=none\tsigmask=", p[0]);
	FX(ppoll, "ppoll <", "res=1\tfds=%d:p1", p[0]);
	/* the driver's NULL timeout at the exit: 0 */
	FXN(ppoll, "ppoll <", "res=1\tfds=%d:p1\ttimeout=0", p[0]);
	/*
	 * the exit's timeout is read at the exit, as the driver: what the
	 * kernel left of it (0 after a timeout)
	 */
	ts.tv_nsec = 1000000;
	SC(SYS_ppoll, &fds[2], 1, &ts, NULL, 8);
	FX(ppoll, "ppoll >", "timeout=1000000");
	FX(ppoll, "ppoll <", "res=0");
	FXN(ppoll, "ppoll <", "res=0\ttimeout=0");

	/* select: only the result */
	SC(SYS_select, 0, NULL, NULL, NULL, &tv);
	FX(select, "select <", "res=0");

	/* epoll_wait: maxevents at enter */
	ep = SC(SYS_epoll_create1, EPOLL_CLOEXEC);
	SC(SYS_epoll_wait, ep, evs, 4, 0);
	FX(epoll_wait, "epoll_wait >", "maxevents=4");
	FX(epoll_wait, "epoll_wait <", "res=0");
	SC(SYS_epoll_wait, 9999, evs, 1, 0);
	FX(epoll_wait, "epoll_wait >", "maxevents=1");
	FX(epoll_wait, "epoll_wait <", "res=-9");
	close((int)ep);
	close(p[0]);
	close(p[1]);
}

static void fds(void)
{
	sigset_t set;
	long fd;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);

	fd = SC(SYS_eventfd, 5);
	FX(eventfd, "eventfd >", "initval=5\tflags=0");
	FX(eventfd, "eventfd <", "res=%ld", fd);
	close((int)fd);
	fd = SC(SYS_eventfd2, 3, EFD_CLOEXEC | EFD_SEMAPHORE);
	FX(eventfd2, "eventfd >", "initval=3\tflags=0");
	FX(eventfd2, "eventfd <", "res=%ld", fd);
	/* EFD_SEMAPHORE is not among the flags the driver translates */
	FXN(eventfd2, "eventfd2 <", "res=%ld\tflags=4096\tinitval=3", fd);
	close((int)fd);

	fd = SC(SYS_signalfd, -1, &set, 8);
	FX(signalfd, "signalfd >", "fd=-1\tmask=0\tflags=0");
	FX(signalfd, "signalfd <", "res=%ld", fd);
	close((int)fd);
	fd = SC(SYS_signalfd4, -1, &set, 8, SFD_CLOEXEC | SFD_NONBLOCK);
	FX(signalfd4, "signalfd >", "fd=-1\tmask=0\tflags=0");
	FX(signalfd4, "signalfd <", "res=%ld", fd);
	FXN(signalfd4, "signalfd4 <", "res=%ld\tflags=4160\tfd=-1\tmask=0", fd);
	close((int)fd);

	/*
	 * timerfd_create as libs 0.25: the clock id's low byte, the flags in
	 * a u8 (PPM_O_CLOEXEC does not fit in it, PPM_O_NONBLOCK does)
	 */
	fd = SC(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_CLOEXEC);
	FX(timerfd_create, "timerfd_create >", "clockid=1\tflags=0");
	FX(timerfd_create, "timerfd_create <", "res=%ld", fd);
	close((int)fd);
	fd = SC(SYS_timerfd_create, CLOCK_MONOTONIC, TFD_NONBLOCK);
	FX(timerfd_create, "timerfd_create >", "clockid=1\tflags=64");
	close((int)fd);
	SC(SYS_timerfd_create, 12345, 0);
	FX(timerfd_create, "timerfd_create >", "clockid=57");
	FX(timerfd_create, "timerfd_create <", "res=-22");

	fd = SC(SYS_inotify_init);
	FX(inotify_init, "inotify_init >", "flags=0");
	FX(inotify_init, "inotify_init <", "res=%ld", fd);
	close((int)fd);
	fd = SC(SYS_inotify_init1, IN_CLOEXEC);
	FX(inotify_init1, "inotify_init >", "flags=0");
	FX(inotify_init1, "inotify_init <", "res=%ld", fd);
	FXN(inotify_init1, "inotify_init1 <", "res=%ld\tflags=4096", fd);
	close((int)fd);

	/* epoll_create, epoll_create1: libs 0.25 events (generic for old
	 * readers) */
#ifdef SYS_epoll_create
	fd = SC(SYS_epoll_create, 4);
	FX(epoll_create, "epoll_create <", "");
	FXN(epoll_create, "epoll_create <", "res=%ld\tsize=4", fd);
	close((int)fd);
	SC(SYS_epoll_create, -1);
	FXN(epoll_create, "epoll_create <", "res=-22\tsize=-1");
#endif
	fd = SC(SYS_epoll_create1, EPOLL_CLOEXEC);
	FX(epoll_create1, "epoll_create1 <", "");
	FXN(epoll_create1, "epoll_create1 <", "res=%ld\tflags=1", fd);
	close((int)fd);
	SC(SYS_epoll_create1, EPOLL_CLOEXEC | 1);
	FXN(epoll_create1, "epoll_create1 <", "res=-22\tflags=1");
}

int main(int argc, char **argv)
{
	fx_init(argc, argv);
	sleeps();
	polls();
	fds();
	return fx_done();
}
