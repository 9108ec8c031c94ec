/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For -k: syscalls made from functions with known names, in known order.
 *   main -> sct_level_one -> sct_level_two -> openat("/dev/null")
 *   a thread: sct_thread_start -> write(1, "thread\n")
 *   main -> qsort (libc) -> sct_compare -> getppid(), a frame in a
 *   shared library between two of ours
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOINLINE __attribute__((noinline))

volatile int sink;

NOINLINE int sct_level_two(void)
{
	int fd = open("/dev/null", O_RDONLY);

	sink++;
	return fd;
}

NOINLINE int sct_level_one(void)
{
	int fd = sct_level_two();

	sink++;
	return fd;
}

NOINLINE void *sct_thread_start(void *arg)
{
	if (write(1, "thread\n", 7) < 0)
		sink++;
	sink++;
	return arg;
}

NOINLINE int sct_compare(const void *a, const void *b)
{
	syscall(SYS_getppid);
	sink++;
	return *(const int *)a - *(const int *)b;
}

int main(void)
{
	int v[2] = { 2, 1 };
	pthread_t th;
	int fd = sct_level_one();

	if (fd >= 0)
		close(fd);
	if (pthread_create(&th, NULL, sct_thread_start, NULL) == 0)
		pthread_join(th, NULL);
	qsort(v, 2, sizeof(v[0]), sct_compare);
	return v[0] == 1 ? 0 : 1;
}
