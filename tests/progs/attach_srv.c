/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A small multi-threaded TCP server for the attach-mode tests (sctrace -p).
 *
 * usage: attach_srv DIR
 *
 * Listens on 127.0.0.1 on a port the kernel chooses and, once listening,
 * writes it to DIR/port (atomically: written to DIR/port.tmp, renamed).
 * Threads, all started before the server is ready:
 *   main     accept() loop; every connection gets a new handler thread.
 *            Before each accept, fcntl(F_GETFD) on the listening socket:
 *            sysdig's accept events do not carry the listening fd, this
 *            gives the capture an event that does (fd.name of a socket
 *            that was opened before the attach)
 *   handler  reads one line (up to '\n') and answers
 *              "hello N 127.0.0.1:CPORT\n"  (N counts the requests from 1,
 *                                           CPORT is the client's port)
 *            or, for the line "fork", forks a child that sleeps 60 s and
 *            answers "child PID\n"; then closes the connection and ends;
 *            for the line "thread", answers "thread TID\n" (its own tid),
 *            closes the connection and sleeps 60 s;
 *            for the line "churn", answers "churn\n", closes the
 *            connection, then for 1 s creates threads that end at once
 *            (one at a time, joined) and forks children that exit at once
 *   reader   read() on a pipe nobody writes to: blocked for ever
 *   sleeper  nanosleep(1 hour): blocked for ever
 *   ticker   nanosleep(20 ms) in a loop, writing an increasing counter to
 *            DIR/beat after each one (so a test sees whether the process
 *            runs or is stopped)
 * (named srv-reader, srv-sleeper, srv-ticker: /proc/PID/task/TID/comm)
 *
 * Anything a traced-then-detached program must never see is appended to
 * DIR/log, one line each: a syscall failing with EINTR (or failing at all),
 * a blocking call that returned although it never should, a signal
 * (handlers for SIGHUP, SIGINT, SIGTERM, SIGTRAP, SIGUSR1, SIGUSR2,
 * SIGALRM, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH, SA_RESTART
 * so they do not cause EINTR by themselves).  The tests assert that DIR/log
 * stays empty.  SIGCONT is left alone (a test stops and continues us).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int log_fd = -1;
static int beat_fd = -1;
static unsigned long requests;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* One line to DIR/log (async-signal-safe: snprintf on a local buffer and
 * one write; the tests only ever expect the log to be empty). */
static void logf_(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(buf) - 2)
		n = (int)sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(log_fd, buf, (size_t)n) < 0)
		_exit(3);
}

static void die(const char *what)
{
	logf_("fatal: %s: %s", what, strerror(errno));
	perror(what);
	exit(1);
}

static void on_signal(int sig)
{
	int e = errno;

	logf_("pid %d got signal %d (%s)", getpid(), sig, strsignal(sig));
	errno = e;
}

static void sleep_ns(long ns)
{
	struct timespec ts = { ns / 1000000000L, ns % 1000000000L };

	while (nanosleep(&ts, &ts) < 0) {
		logf_("pid %d: nanosleep failed: %s", getpid(), strerror(errno));
		if (errno != EINTR)
			return;
	}
}

static void *reader(void *arg)
{
	int fd = *(int *)arg;
	char c;

	for (;;) {
		ssize_t n = read(fd, &c, 1);

		if (n < 0)
			logf_("reader: read of the pipe failed: %s", strerror(errno));
		else
			logf_("reader: read of the pipe returned %zd", n);
		if (n >= 0)
			sleep_ns(100000000L);	/* do not spin */
	}
	return NULL;
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;) {
		sleep_ns(3600L * 1000000000L);
		logf_("sleeper: the one-hour nanosleep returned");
	}
	return NULL;
}

static void *ticker(void *arg)
{
	unsigned long n = 0;
	char buf[32];

	(void)arg;
	for (;;) {
		int len;

		sleep_ns(20000000L);
		len = snprintf(buf, sizeof(buf), "%020lu\n", ++n);
		if (pwrite(beat_fd, buf, (size_t)len, 0) != len)
			logf_("ticker: pwrite failed: %s", strerror(errno));
	}
	return NULL;
}

static void put(int fd, const char *s)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t n = write(fd, s + off, len - off);

		if (n < 0) {
			logf_("handler: write failed: %s", strerror(errno));
			if (errno == EINTR)
				continue;
			return;
		}
		off += (size_t)n;
	}
}

static void *nothing(void *arg)
{
	return arg;
}

/* Threads and processes come and go for 1 s. */
static void churn(void)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do {
		pthread_t th;
		pid_t pid;
		int e = pthread_create(&th, NULL, nothing, NULL);

		if (e)
			logf_("churn: pthread_create failed: %s", strerror(e));
		else if ((e = pthread_join(th, NULL)))
			logf_("churn: pthread_join failed: %s", strerror(e));
		pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0)
			logf_("churn: fork failed: %s", strerror(errno));
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000000000L +
		 (t.tv_nsec - t0.tv_nsec) < 1000000000L);
}

static void *handler(void *arg)
{
	int fd = (int)(long)arg;
	char line[128], reply[160];
	size_t len = 0;
	struct sockaddr_in peer;
	socklen_t plen = sizeof(peer);

	while (len < sizeof(line) - 1) {
		ssize_t n = read(fd, line + len, sizeof(line) - 1 - len);

		if (n < 0) {
			logf_("handler: read failed: %s", strerror(errno));
			if (errno == EINTR)
				continue;
			break;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (memchr(line, '\n', len))
			break;
	}
	line[len] = 0;
	line[strcspn(line, "\r\n")] = 0;
	if (!strcmp(line, "fork")) {
		pid_t pid = fork();

		if (pid < 0) {
			logf_("handler: fork failed: %s", strerror(errno));
		} else if (pid == 0) {
			sleep_ns(60L * 1000000000L);
			_exit(0);
		}
		snprintf(reply, sizeof(reply), "child %d\n", (int)pid);
	} else if (!strcmp(line, "thread")) {
		snprintf(reply, sizeof(reply), "thread %ld\n",
			 (long)syscall(SYS_gettid));
		put(fd, reply);
		if (close(fd) < 0)
			logf_("handler: close failed: %s", strerror(errno));
		sleep_ns(60L * 1000000000L);
		return NULL;
	} else if (!strcmp(line, "churn")) {
		put(fd, "churn\n");
		if (close(fd) < 0)
			logf_("handler: close failed: %s", strerror(errno));
		churn();
		return NULL;
	} else {
		unsigned long n;

		if (getpeername(fd, (struct sockaddr *)&peer, &plen) < 0)
			logf_("handler: getpeername failed: %s", strerror(errno));
		pthread_mutex_lock(&lock);
		n = ++requests;
		pthread_mutex_unlock(&lock);
		snprintf(reply, sizeof(reply), "hello %lu %s:%u\n", n,
			 inet_ntoa(peer.sin_addr), ntohs(peer.sin_port));
	}
	put(fd, reply);
	if (close(fd) < 0)
		logf_("handler: close failed: %s", strerror(errno));
	return NULL;
}

static void start(void *(*fn)(void *), void *arg, const char *name)
{
	pthread_t th;
	pthread_attr_t a;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if ((errno = pthread_create(&th, &a, fn, arg)))
		die("pthread_create");
	pthread_attr_destroy(&a);
	if (name && (errno = pthread_setname_np(th, name)))
		die("pthread_setname_np");
}

int main(int argc, char **argv)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGTRAP, SIGUSR1,
				    SIGUSR2, SIGALRM, SIGPIPE, SIGTSTP,
				    SIGTTIN, SIGTTOU, SIGURG, SIGWINCH };
	char path[4096], tmp[4096], buf[32];
	struct sockaddr_in sa;
	socklen_t slen = sizeof(sa);
	struct sigaction act;
	static int pipefd[2];
	unsigned i;
	int ls, fd, len;

	if (argc != 2) {
		fprintf(stderr, "usage: attach_srv DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/log", argv[1]);
	log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (log_fd < 0) {
		perror(path);
		return 1;
	}
	snprintf(path, sizeof(path), "%s/beat", argv[1]);
	beat_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (beat_fd < 0)
		die(path);

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	act.sa_flags = SA_RESTART;
	sigemptyset(&act.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], &act, NULL) < 0)
			die("sigaction");

	/* children that exit (after "fork") are reaped by the kernel */
	signal(SIGCHLD, SIG_IGN);

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		die("pipe2");
	start(reader, &pipefd[0], "srv-reader");
	start(sleeper, NULL, "srv-sleeper");
	start(ticker, NULL, "srv-ticker");

	ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (ls < 0)
		die("socket");
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(ls, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		die("bind");
	if (listen(ls, 16) < 0)
		die("listen");
	if (getsockname(ls, (struct sockaddr *)&sa, &slen) < 0)
		die("getsockname");

	snprintf(tmp, sizeof(tmp), "%s/port.tmp", argv[1]);
	snprintf(path, sizeof(path), "%s/port", argv[1]);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(tmp);
	len = snprintf(buf, sizeof(buf), "%u\n", ntohs(sa.sin_port));
	if (write(fd, buf, (size_t)len) != len || close(fd) < 0)
		die(tmp);
	if (rename(tmp, path) < 0)
		die(path);

	for (;;) {
		int c;

		if (fcntl(ls, F_GETFD) < 0)
			logf_("main: fcntl failed: %s", strerror(errno));
		c = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0) {
			logf_("main: accept failed: %s", strerror(errno));
			if (errno != EINTR)
				sleep_ns(100000000L);
			continue;
		}
		start(handler, (void *)(long)c, NULL);
	}
}
