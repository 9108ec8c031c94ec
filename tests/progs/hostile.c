/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program that does what a hostile or faulty tracee may do, for
 * tests/integration/hostile.sh.
 *
 * usage: hostile fdfail FILE
 *   open FILE, then fd-creating calls that fail without a path: dup(-1),
 *   openat(AT_FDCWD, NULL), socket(AF_PACKET) (refused unless root), then
 *   open FILE again.  Exits 0.
 *
 * usage: hostile name
 *   prctl(PR_SET_NAME) to a name of terminal escapes, then a failing open
 *   of a path with escapes in it and a getpid.  Exits 0.
 *
 * usage: hostile many N
 *   N getpid calls (a capture that outgrows a small disk).  Exits 0.
 *
 * Syscalls go through syscall() so that their names do not depend on libc.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#define EVIL_NAME "\033[2J\033]0;x\007"
#define EVIL_PATH "/nonexistent/\033[31mred\r\n"

static int fdfail(const char *file)
{
	long fd;

	fd = syscall(SYS_openat, AT_FDCWD, file, O_RDONLY);
	if (fd < 0)
		return 1;
	close((int)fd);
	syscall(SYS_dup, -1);
	syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY);
	fd = syscall(SYS_socket, AF_PACKET, SOCK_RAW, 0);
	if (fd >= 0)
		close((int)fd);
	fd = syscall(SYS_openat, AT_FDCWD, file, O_RDONLY);
	if (fd < 0)
		return 1;
	close((int)fd);
	return 0;
}

static int name(void)
{
	if (prctl(PR_SET_NAME, EVIL_NAME, 0, 0, 0) < 0)
		return 1;
	syscall(SYS_openat, AT_FDCWD, EVIL_PATH, O_RDONLY);
	syscall(SYS_getpid);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "fdfail"))
		return fdfail(argv[2]);
	if (argc == 2 && !strcmp(argv[1], "name"))
		return name();
	if (argc == 3 && !strcmp(argv[1], "many")) {
		long i, n = atol(argv[2]);

		for (i = 0; i < n; i++)
			syscall(SYS_getpid);
		return 0;
	}
	fprintf(stderr, "usage: hostile fdfail FILE | name | many N\n");
	return 2;
}
