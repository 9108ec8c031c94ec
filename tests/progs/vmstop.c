/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Memory counters as an event carries them: a munmap exit's vm_rss must be
 * /proc/PID/stat's RSS (the sum the kernel driver reads), which leaves out
 * what is still counted per CPU where statm and status add it in.
 *
 * usage: vmstop MARKER   touches 32 MiB, maps a page and unmaps it, writes
 *                        "x" to MARKER and stops itself (SIGSTOP): between
 *                        the munmap and the stop it faults in nothing, so
 *                        its counters there are those of the munmap's exit.
 *                        Continued (SIGCONT), it exits 0; 1 on a failure.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t n = 32u << 20, i;
	char *m, *p;
	int fd;

	if (argc != 2)
		return 1;
	fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	m = malloc(n);
	if (fd < 0 || !m)
		return 1;
	for (i = 0; i < n; i += 4096)
		m[i] = 1;
	/* the code and stack of what follows, faulted in beforehand */
	if (write(fd, "", 0) < 0 || kill(getpid(), 0) < 0)
		return 1;
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p, 4096) < 0)
		return 1;
	if (write(fd, "x", 1) != 1 || kill(getpid(), SIGSTOP) < 0)
		return 1;
	return 0;
}
