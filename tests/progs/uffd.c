/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program whose syscall argument lies in a page that only its own
 * userfaultfd handler thread provides, for tests/integration/uffd.sh
 * (issue 12 #5).
 *
 * usage: uffd syscall|dev [wait FILE|sleep]
 *   Make a userfaultfd (with userfaultfd(), or the ioctl of
 *   /dev/userfaultfd), register an empty page with it in "missing" mode
 *   and start a thread that waits, in read(), for the page's first fault
 *   and fills it with PATH.  Then (after FILE exists, with "wait": time
 *   to attach to it) openat(PATH) with the path in that page, which the
 *   kernel waits for the handler to fill: ENOENT.  Prints
 *   "openat PATH: ENOENT", exits 0 ("sleep": then waits for a signal).
 *   Exits 77 when userfaultfd is refused (not root).
 *
 * Syscalls go through syscall() so that their names do not depend on libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define PATH "/nonexistent/uffd-page"
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

static int uffd;
static long page;
static char *src;

static void *handler(void *arg)
{
	struct uffd_msg msg;

	(void)arg;
	for (;;) {
		struct uffdio_copy copy;

		if (syscall(SYS_read, uffd, &msg, sizeof(msg)) != sizeof(msg))
			continue;
		if (msg.event != UFFD_EVENT_PAGEFAULT)
			continue;
		copy.dst = msg.arg.pagefault.address & ~(uint64_t)(page - 1);
		copy.src = (uint64_t)(uintptr_t)src;
		copy.len = (uint64_t)page;
		copy.mode = 0;
		ioctl(uffd, UFFDIO_COPY, &copy);
	}
	return NULL;
}

static int make_uffd(const char *how)
{
	int dev, fd;

	if (strcmp(how, "dev"))
		return (int)syscall(SYS_userfaultfd, O_CLOEXEC);
	dev = (int)syscall(SYS_openat, AT_FDCWD, "/dev/userfaultfd",
			   O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return -1;
	fd = ioctl(dev, USERFAULTFD_IOC_NEW, O_CLOEXEC);
	close(dev);
	return fd;
}

int main(int argc, char **argv)
{
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg;
	pthread_t th;
	char *p;
	long r;

	if (argc < 2)
		return 2;
	page = sysconf(_SC_PAGESIZE);
	uffd = make_uffd(argv[1]);
	if (uffd < 0) {
		fprintf(stderr, "uffd: userfaultfd refused: %s\n", strerror(errno));
		return 77;
	}
	if (ioctl(uffd, UFFDIO_API, &api) < 0)
		return 1;
	src = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (src == MAP_FAILED || p == MAP_FAILED)
		return 1;
	strcpy(src, PATH);
	reg.range.start = (uint64_t)(uintptr_t)p;
	reg.range.len = (uint64_t)page;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg) < 0)
		return 1;
	if (pthread_create(&th, NULL, handler, NULL))
		return 1;
	if (argc > 3 && !strcmp(argv[2], "wait")) {
		struct timespec ts = { 0, 10000000 };

		printf("ready\n");
		fflush(stdout);
		while (access(argv[3], F_OK))
			nanosleep(&ts, NULL);
	}
	r = syscall(SYS_openat, AT_FDCWD, p, O_RDONLY);
	if (r >= 0 || errno != ENOENT)
		return 1;
	printf("openat %s: ENOENT\n", p);
	fflush(stdout);
	if (argc > 2 && !strcmp(argv[2], "sleep"))
		pause();
	return 0;
}
