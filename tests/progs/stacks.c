/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For -k: syscalls made from functions with known names, in known order.
 *   main -> sct_level_one -> sct_level_two -> openat("/dev/null")
 *   a thread: sct_thread_start -> write(1, "thread\n")
 *   main -> qsort (libc) -> sct_compare -> getppid(), a frame in a
 *   shared library between two of ours
 * With "dl": a library loaded after the first stacks, libz, opens
 * /dev/null: main -> sct_dl_call -> gzopen (libz) -> openat.
 */
#include <dlfcn.h>
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

static NOINLINE int sct_dl_call(void)
{
	void *(*gzopen)(const char *, const char *);
	int (*gzclose)(void *);
	void *z, *lib = dlopen("libz.so.1", RTLD_NOW);

	if (!lib)
		return 2;
	gzopen = (void *(*)(const char *, const char *))dlsym(lib, "gzopen");
	gzclose = (int (*)(void *))dlsym(lib, "gzclose");
	if (!gzopen || !gzclose)
		return 3;
	z = gzopen("/dev/null", "rb");
	if (z)
		gzclose(z);
	sink++;
	return z ? 0 : 4;
}

int main(int argc, char **argv)
{
	int v[2] = { 2, 1 };
	pthread_t th;
	int fd;

	if (argc > 1 && argv[1][0] == 'd') {
		int r = sct_dl_call();

		sink++;		/* (not a tail call: main stays a frame) */
		return r;
	}
	fd = sct_level_one();

	if (fd >= 0)
		close(fd);
	if (pthread_create(&th, NULL, sct_thread_start, NULL) == 0)
		pthread_join(th, NULL);
	qsort(v, 2, sizeof(v[0]), sct_compare);
	return v[0] == 1 ? 0 : 1;
}
