/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The calls sctrace's in-process recorder takes, made through libc as
 * programs make them, in the situations it must get right.
 *
 * usage: recorded DIR   in DIR: reads and writes, positional ones, lseek,
 *                       close, creating opens, failing calls (EBADF), a payload longer than
 *                       the snaplen, the getpid family; the iovec calls
 *                       (a partial readv, more entries than the recorder
 *                       takes, a bad array); poll, epoll_wait; dup,
 *                       unlink, mkdir, rmdir, access, rename, fchmod,
 *                       fchown, flock;
 *                       4 threads writing;
 *                       a fork child, a vfork child and a CLONE_VM child
 *                       writing; a signal handler writing while the main
 *                       thread waits in a read; 6000 writes in a row (more
 *                       than a ring holds);
 *                       12 children, one after the other, each an exec
 *                       of itself that makes no call ("recorded DIR
 *                       short": sctrace leaves the recorder out of the
 *                       11 after the first); then an exec of itself
 *                       ("recorded DIR again")
 *        recorded DIR again   a write and a read after the exec
 *        recorded DIR short   exits 0 at once
 *        recorded DIR damage  3 writes, then garbage in its own ring's
 *                       header (the tracee is untrusted), then 3 writes
 *        recorded DIR hot     200 of each call the recorder takes, each
 *                       kind (HOT_KINDS) in turn
 *
 * Prints nothing on standard output; exits 0, or 1 if a call that should
 * work fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ring.h"

static const char *dir;

static void die(const char *what)
{
	fprintf(stderr, "recorded: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int open_in(const char *name, int flags)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, flags, 0644);
	if (fd < 0)
		die(path);
	return fd;
}

struct job {
	const char *name;
	int fd;
};

static pthread_barrier_t all_alive, all_done;

/* (the files are opened before: fd numbers that do not depend on timing) */
static void *writer(void *arg)
{
	struct job *j = arg;
	char line[64];
	int fd = j->fd, i;

	/* all alive at once: none of their stacks is reused (its mmap) */
	pthread_barrier_wait(&all_alive);
	for (i = 0; i < 50; i++) {
		int n = snprintf(line, sizeof(line), "%s line %d\n", j->name,
				 i);

		if (write(fd, line, (size_t)n) != n)
			die("thread write");
	}
	if (close(fd))
		die("thread close");
	pthread_barrier_wait(&all_done);
	return NULL;
}

static int sig_pipe[2];

static void on_alarm(int sig)
{
	static const char msg[] = "from the handler\n";

	(void)sig;
	/* a write inside a handler, while the main thread is in a read */
	if (write(sig_pipe[1], msg, sizeof(msg) - 1) < 0)
		_exit(1);
}

/* opens of existing files and the stat family (newfstatat) */
static void paths(void)
{
	char path[4096], buf[16];
	const char *volatile bad = (const char *)8;
	struct stat st;
	char *pages, *edge;
	int fd;

	snprintf(path, sizeof(path), "%s/basics.txt", dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, buf, 5) != 5 || fstat(fd, &st) ||
	    st.st_size != 315 || close(fd))
		die("open, fstat");
	fd = openat(AT_FDCWD, path, O_RDONLY);
	if (fd < 0 || close(fd))
		die("openat");
	/* creating opens: a new file, one there already, O_EXCL both ways */
	snprintf(path, sizeof(path), "%s/created.txt", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0 ||
	    close(fd) ||
	    (fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0600)) < 0 ||
	    close(fd) ||
	    open(path, O_WRONLY | O_CREAT | O_EXCL, 0600) != -1 ||
	    errno != EEXIST || unlink(path) ||
	    (fd = openat(AT_FDCWD, path, O_RDWR | O_CREAT | O_EXCL, 0640)) < 0 ||
	    close(fd) ||
	    open("/nonexistent/recorded", O_WRONLY | O_CREAT, 0600) != -1 ||
	    errno != ENOENT)
		die("creating opens");
	/* O_TMPFILE: libc's (where the file system has it) */
	fd = open(dir, O_RDWR | O_TMPFILE, 0600);
	if (fd >= 0)
		close(fd);
	snprintf(path, sizeof(path), "%s/basics.txt", dir);
	/* ioctl, fcntl (a new fd from F_DUPFD_CLOEXEC), isatty */
	fd = open(path, O_RDONLY);
	{
		int n = -1, dup_fd, p[2];

		if (pipe(p) || write(p[1], "abc", 3) != 3 ||
		    ioctl(p[0], FIONREAD, &n) || n != 3 || close(p[0]) ||
		    close(p[1]))
			die("FIONREAD");
		if (fd < 0 || isatty(fd) || errno != ENOTTY ||
		    fcntl(fd, F_GETFD) != 0 ||
		    (dup_fd = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 10 ||
		    fcntl(dup_fd, F_GETFD) != FD_CLOEXEC || close(dup_fd) ||
		    fcntl(-1, F_GETFD) != -1 || errno != EBADF || close(fd))
			die("ioctl, fcntl, isatty");
	}
	if (stat(path, &st) || lstat(path, &st) ||
	    fstatat(AT_FDCWD, path, &st, AT_SYMLINK_NOFOLLOW))
		die("stat");
	if (stat("/nonexistent/recorded", &st) != -1 || errno != ENOENT ||
	    open("/nonexistent/recorded", O_RDONLY) != -1 || errno != ENOENT ||
	    fstat(-1, &st) != -1 || errno != EBADF)
		die("ENOENT, EBADF");
	/* paths the kernel cannot read: EFAULT, never a fault here */
	if (open(bad, O_RDONLY) != -1 || errno != EFAULT ||
	    stat(bad, &st) != -1 || errno != EFAULT)
		die("EFAULT");
	/* a path that runs into an unmapped page */
	pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pages == MAP_FAILED || munmap(pages + 4096, 4096))
		die("mmap");
	edge = pages + 4096 - 6;
	memcpy(edge, "/edge!", 6);
	if (open(edge, O_RDONLY) != -1 || errno != EFAULT)
		die("EFAULT at a page's end");
	munmap(pages, 4096);
}

static void basics(void)
{
	char buf[512], big[300];
	int fd = open_in("basics.txt", O_RDWR | O_CREAT | O_TRUNC);

	memset(big, 'x', sizeof(big));
	if (write(fd, "hello recorder\n", 15) != 15 ||
	    write(fd, big, sizeof(big)) != (ssize_t)sizeof(big) ||
	    write(fd, "", 0) != 0 ||
	    pwrite(fd, "HELLO", 5, 0) != 5 ||
	    lseek(fd, 0, SEEK_SET) != 0 ||
	    read(fd, buf, 15) != 15 ||
	    pread(fd, buf, 5, 6) != 5 ||
	    lseek(fd, 0, SEEK_END) != 315 ||
	    read(fd, buf, sizeof(buf)) != 0)
		die("basics");
	if (close(fd))
		die("close");
	/* failing ones: EBADF */
	if (read(fd, buf, 1) != -1 || errno != EBADF ||
	    write(fd, buf, 1) != -1 || errno != EBADF ||
	    close(fd) != -1 || errno != EBADF ||
	    lseek(fd, 0, SEEK_SET) != -1 || errno != EBADF)
		die("EBADF");
	if (getpid() <= 0 || getppid() <= 0 || gettid() != getpid())
		die("ids");
	paths();
	(void)getuid();
	(void)geteuid();
	(void)getgid();
	(void)getegid();
}

/* readv, writev, preadv, pwritev */
static void iovecs(void)
{
	char a[10], b[10], c[100], many[70];
	struct iovec w[] = {
		{ "one ", 4 }, { "", 0 }, { "two three\n", 10 },
	}, r[] = { { a, sizeof(a) }, { b, sizeof(b) } }, big[3], lots[70];
	struct iovec *volatile bad = (struct iovec *)16;
	int fd = open_in("iovecs.txt", O_RDWR | O_CREAT | O_TRUNC);
	unsigned i;

	memset(c, 'y', sizeof(c));
	for (i = 0; i < 3; i++)
		big[i] = (struct iovec){ c, sizeof(c) };
	for (i = 0; i < 70; i++)
		lots[i] = (struct iovec){ &many[i], 1 };
	memset(many, 'z', sizeof(many));
	if (writev(fd, w, 3) != 14 ||
	    /* a payload past the snaplen, over three buffers */
	    writev(fd, big, 3) != 300 ||
	    pwritev(fd, w, 3, 1000) != 14 ||
	    /* 15 bytes into two buffers of 10 */
	    preadv(fd, r, 2, 0) != 20 ||
	    preadv(fd, r, 2, 1000) != 14 ||
	    lseek(fd, 0, SEEK_SET) != 0 ||
	    readv(fd, r, 2) != 20 ||
	    /* more entries than the recorder takes: libc's, a stop */
	    writev(fd, lots, 70) != 70 ||
	    readv(fd, lots, 70) != 70)
		die("iovecs");
	/* an array the kernel cannot read, and a bad buffer: EFAULT */
	if (writev(fd, bad, 2) != -1 || errno != EFAULT ||
	    readv(fd, bad, 1) != -1 || errno != EFAULT)
		die("iovecs: EFAULT");
	r[0].iov_base = (void *)16;
	if (writev(fd, r, 1) != -1 || errno != EFAULT ||
	    readv(-1, r, 2) != -1 || errno != EBADF)
		die("iovecs: bad buffer");
	close(fd);
}

/* poll and epoll_wait (recorded where glibc makes those syscalls) */
static void polls(void)
{
	static struct pollfd many[300];
	struct pollfd f[2];
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	struct pollfd *volatile bad = (struct pollfd *)16;
	int p[2], e, i;

	if (pipe(p) || write(p[1], "p", 1) != 1)
		die("pipe");
	f[0] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	f[1] = (struct pollfd){ .fd = p[1], .events = POLLOUT | POLLIN };
	for (i = 0; i < 300; i++)
		many[i] = (struct pollfd){ .fd = p[0], .events = POLLIN };
	if (poll(f, 2, 100) != 2 || f[0].revents != POLLIN ||
	    /* more than the recorder takes: libc's */
	    poll(many, 300, 0) != 300 ||
	    poll(bad, 1, 0) != -1 || errno != EFAULT)
		die("poll");
	e = epoll_create1(EPOLL_CLOEXEC);
	if (e < 0 || epoll_ctl(e, EPOLL_CTL_ADD, p[0], &ev) ||
	    epoll_wait(e, out, 4, 100) != 1 ||
	    read(p[0], f, 1) != 1 || epoll_wait(e, out, 4, 0) != 0 ||
	    epoll_wait(-1, out, 4, 0) != -1 || errno != EBADF)
		die("epoll_wait");
	close(e);
	close(p[0]);
	close(p[1]);
}

/* calls on fds and paths: dup family, unlink, mkdir, rmdir, access,
 * rename, fchmod, fchown, flock */
static void fdpaths(void)
{
	char a[4096], b[4096];
	const char *volatile bad = (const char *)8;
	int fd = open_in("fdpaths.txt", O_RDWR | O_CREAT | O_TRUNC), d;

	snprintf(a, sizeof(a), "%s/fdpaths.txt", dir);
	snprintf(b, sizeof(b), "%s/renamed.txt", dir);
	if ((d = dup(fd)) < 0 || close(d) || dup2(fd, 20) != 20 ||
	    dup3(fd, 21, O_CLOEXEC) != 21 || close(20) || close(21) ||
	    dup(-1) != -1 || errno != EBADF ||
	    dup3(fd, fd, 0) != -1 || errno != EINVAL)
		die("dup");
	if (fchmod(fd, 0600) || fchown(fd, getuid(), getgid()) ||
	    flock(fd, LOCK_EX) || flock(fd, LOCK_UN) ||
	    fchmod(-1, 0600) != -1 || errno != EBADF)
		die("fchmod, fchown, flock");
	if (access(a, R_OK | W_OK) || access("/nonexistent/recorded", F_OK) != -1 ||
	    errno != ENOENT || access(bad, F_OK) != -1 || errno != EFAULT)
		die("access");
	if (rename(a, b) || renameat(AT_FDCWD, b, AT_FDCWD, a) ||
	    rename("/nonexistent/a", b) != -1 || errno != ENOENT)
		die("rename");
	snprintf(b, sizeof(b), "%s/sub", dir);
	if (mkdir(b, 0700) || rmdir(b) || mkdirat(AT_FDCWD, b, 0750) ||
	    unlinkat(AT_FDCWD, b, AT_REMOVEDIR) || mkdir(b, 0700) ||
	    mkdir(b, 0700) != -1 || errno != EEXIST || rmdir(b) ||
	    rmdir(b) != -1 || errno != ENOENT)
		die("mkdir, rmdir");
	close(fd);
	if (unlink(a) || unlink(a) != -1 || errno != ENOENT ||
	    unlinkat(AT_FDCWD, bad, 0) != -1 || errno != EFAULT)
		die("unlink");
}

static void threads(void)
{
	static struct job jobs[] = {
		{ "t1.txt", -1 }, { "t2.txt", -1 }, { "t3.txt", -1 },
		{ "t4.txt", -1 },
	};
	pthread_t t[4];
	int i;

	for (i = 0; i < 4; i++)
		jobs[i].fd = open_in(jobs[i].name, O_WRONLY | O_CREAT | O_TRUNC);
	pthread_barrier_init(&all_alive, NULL, 4);
	pthread_barrier_init(&all_done, NULL, 4);
	for (i = 0; i < 4; i++)
		if (pthread_create(&t[i], NULL, writer, &jobs[i]))
			die("pthread_create");
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
}

static int vm_fd;
static char vm_stack[64 << 10] __attribute__((aligned(16)));

static int vm_child(void *arg)
{
	(void)arg;
	return write(vm_fd, "clone vm child\n", 15) == 15 ? 0 : 1;
}

static void children(void)
{
	int fd = open_in("children.txt", O_WRONLY | O_CREAT | O_TRUNC);
	int status;
	pid_t pid;

	if (write(fd, "parent before\n", 14) != 14)
		die("write");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		if (write(fd, "fork child\n", 11) != 11 || getpid() <= 0)
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		die("fork child");
	pid = vfork();
	if (pid < 0)
		die("vfork");
	if (pid == 0) {
		/* the parent's memory: its recorder must not record this */
		if (write(fd, "vfork child\n", 12) != 12)
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		die("vfork child");
	/*
	 * A process in its parent's memory, thread pointer included (the
	 * parent's ring records no more then: done in a fork child, so that
	 * the main thread's calls are still recorded after it).
	 */
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		pid_t vm;

		vm_fd = fd;
		if (write(fd, "before clone\n", 13) != 13)
			_exit(1);
		vm = clone(vm_child, vm_stack + sizeof(vm_stack),
			   CLONE_VM | SIGCHLD, NULL);
		if (vm < 0 || waitpid(vm, &status, 0) != vm || status ||
		    write(fd, "after clone\n", 12) != 12)
			_exit(1);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || status)
		die("clone child");
	if (write(fd, "parent after\n", 13) != 13 || close(fd))
		die("write");
}

static void handler(void)
{
	char buf[64];
	ssize_t n;

	if (pipe(sig_pipe))
		die("pipe");
	signal(SIGALRM, on_alarm);
	alarm(1);
	/* blocks until the handler has written */
	do
		n = read(sig_pipe[0], buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n != 17)
		die("read after the handler");
	close(sig_pipe[0]);
	close(sig_pipe[1]);
}

static void many(void)
{
	int fd = open_in("many.txt", O_WRONLY | O_CREAT | O_TRUNC), i;
	char line[64];

	memset(line, 'm', sizeof(line));
	for (i = 0; i < 6000; i++)
		if (write(fd, line, sizeof(line)) != (ssize_t)sizeof(line))
			die("many");
	close(fd);
}

/* The thread's ring as mapped here (/proc/self/maps), or NULL. */
static struct sct_ring_hdr *own_ring(void)
{
	char line[512];
	unsigned long lo = 0;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		die("/proc/self/maps");
	while (fgets(line, sizeof(line), f))
		if (strstr(line, "/memfd:sctrace-ring"))
			sscanf(line, "%lx-", &lo);
	fclose(f);
	return (struct sct_ring_hdr *)lo;
}

static void damage(void)
{
	int fd = open_in("damage.txt", O_WRONLY | O_CREAT | O_TRUNC), i;
	struct sct_ring_hdr *h;

	for (i = 0; i < 3; i++)
		if (write(fd, "before\n", 7) != 7)
			die("write");
	syscall(SYS_getppid);	/* a stop: the tracer reads the ring */
	h = own_ring();
	if (h)
		h->head = 0x7ffffffffff0ull;
	for (i = 0; i < 3; i++)
		if (write(fd, "after\n", 6) != 6)
			die("write");
	close(fd);
}

/* 200 of each kind the recorder takes (none of them should stop) */
#define HOT_TURNS	200
static void hot(void)
{
	char buf[16];
	struct iovec v[2] = { { buf, 4 }, { buf + 4, 4 } };
	struct stat st;
	int fd = open_in("hot.txt", O_RDWR | O_CREAT | O_TRUNC), i, f;

	if (fd < 0 || write(fd, "0123456789", 10) != 10)
		die("hot");
#define HOT(call) for (i = 0; i < HOT_TURNS; i++) if ((call) < 0) die(#call)
	HOT(write(fd, "ab", 2));
	HOT(read(fd, buf, 2));
	HOT(pwrite(fd, "cd", 2, 4));
	HOT(pread(fd, buf, 2, 4));
	HOT(lseek(fd, 0, SEEK_SET));
	HOT(writev(fd, v, 2));
	HOT(readv(fd, v, 2));
	HOT(pwritev(fd, v, 2, 8));
	HOT(preadv(fd, v, 2, 8));
	HOT(stat(dir, &st));
	HOT(fstat(fd, &st));
	HOT(fcntl(fd, F_GETFL));
	HOT(ioctl(fd, FIONREAD, &f));
	HOT(getpid());
	HOT(access(dir, F_OK));
	HOT(fchmod(fd, 0644));
	HOT(flock(fd, LOCK_SH));
	HOT(close(dup(fd)));
	{
		int sp[2];

		if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp))
			die("socketpair");
		HOT(send(sp[0], "s", 1, 0));
		HOT(recv(sp[1], buf, 1, 0));
		close(sp[0]);
		close(sp[1]);
	}
	{
		struct pollfd pf = { .fd = fd, .events = POLLIN };
		int ep = epoll_create1(EPOLL_CLOEXEC);
		struct epoll_event ev;

		/* (x86_64's glibc makes these; aarch64's ppoll, epoll_pwait) */
#ifdef SYS_poll
		HOT(poll(&pf, 1, 0));
#endif
#ifdef SYS_epoll_wait
		HOT(epoll_wait(ep, &ev, 1, 0));
#endif
		(void)pf;
		(void)ev;
		close(ep);
	}
	HOT((int)getuid());
	for (i = 0; i < HOT_TURNS; i++) {
		f = open(dir, O_RDONLY | O_DIRECTORY);
		if (f < 0 || close(f))
			die("open, close");
	}
#undef HOT
	close(fd);
}

/* Children that exec a program making no call. */
static void shorts(void)
{
	int i, status;
	pid_t pid;

	char path[4096];

	/*
	 * A path of its own (another program to sctrace), and the same name
	 * (a reader may name the child by its new program before or after
	 * its clone's exit event)
	 */
	snprintf(path, sizeof(path), "%s/s", dir);
	if (mkdir(path, 0700) && errno != EEXIST)
		die("mkdir s");
	snprintf(path, sizeof(path), "%s/s/recorded", dir);
	if (symlink("/proc/self/exe", path) && errno != EEXIST)
		die("symlink");
	for (i = 0; i < 12; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execl(path, "recorded", dir, "short", (char *)NULL);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			die("short child");
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: recorded DIR [again]\n");
		return 2;
	}
	dir = argv[1];
	if (argc > 2 && !strcmp(argv[2], "damage")) {
		damage();
		return 0;
	}
	if (argc > 2 && !strcmp(argv[2], "short"))
		return 0;
	if (argc > 2 && !strcmp(argv[2], "hot")) {
		hot();
		return 0;
	}
	if (argc > 2) {
		char buf[8];
		int fd = open_in("again.txt", O_RDWR | O_CREAT | O_TRUNC);

		if (write(fd, "again\n", 6) != 6 || pread(fd, buf, 6, 0) != 6)
			die("again");
		close(fd);
		return 0;
	}
	basics();
	iovecs();
	polls();
	fdpaths();
	threads();
	children();
	handler();
	many();
	shorts();
	execl("/proc/self/exe", argv[0], dir, "again", (char *)NULL);
	die("exec");
	return 1;
}
