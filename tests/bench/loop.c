/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Benchmark workload: a tight loop of cheap syscalls, printing nothing. */

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/*
 * Each iteration makes five syscalls: openat, read, write, close, getppid.
 * Usage: loop [ITERATIONS]   (default 200000)
 */
int main(int argc, char **argv)
{
	unsigned long n = 200000, i;
	char buf[64] = { 0 };
	char *end;
	int fd;

	if (argc > 1) {
		errno = 0;
		n = strtoul(argv[1], &end, 10);
		if (errno || *end || end == argv[1]) {
			fprintf(stderr, "usage: %s [ITERATIONS]\n", argv[0]);
			return 2;
		}
	}

	for (i = 0; i < n; i++) {
		fd = open("/dev/null", O_RDWR);
		if (fd < 0) {
			perror("open /dev/null");
			return 1;
		}
		if (read(fd, buf, sizeof(buf)) < 0 ||
		    write(fd, buf, sizeof(buf)) < 0) {
			perror("read/write /dev/null");
			return 1;
		}
		close(fd);
		getppid();
	}
	return 0;
}
