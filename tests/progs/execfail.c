/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * An exec that fails, of a program sctrace runs without its recorder
 * (src/recexec.c), must leave the program's registers as the kernel does.
 *
 * usage: execfail DIR   copies itself to DIR/t and runs that 3 times
 *                       ("t -": it exits at once; fork, exec, wait):
 *                       it records nothing, so the
 *                       2nd and 3rd go without the recorder, their
 *                       environment array passed in the exec's register;
 *                       then removes DIR/t and makes the exec once more,
 *                       a raw syscall that fails (ENOENT), and looks at
 *                       the register that passed the array: the kernel
 *                       keeps it, and so must the tracer.
 *
 *        execfail -     exits 0 at once
 *
 * Exits 0; 1 if something else fails; 3 if the register changed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static void die(const char *what)
{
	fprintf(stderr, "execfail: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void copy(const char *from, const char *to)
{
	char buf[65536];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;

	if (!in || !out)
		die("open");
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			die("write");
	if (fclose(out) || chmod(to, 0755))
		die("close");
	fclose(in);
}

/* execve(path, argv, envp) as a bare syscall: the result, and *env_after */
static long raw_execve(const char *path, char **argv, char **envp,
		       unsigned long *env_after)
{
#if defined(__x86_64__)
	register long rax __asm__("rax") = SYS_execve;
	register long rdi __asm__("rdi") = (long)path;
	register long rsi __asm__("rsi") = (long)argv;
	register long rdx __asm__("rdx") = (long)envp;

	__asm__ volatile("syscall"
			 : "+r"(rax), "+r"(rdx)
			 : "r"(rdi), "r"(rsi)
			 : "rcx", "r11", "memory");
	*env_after = (unsigned long)rdx;
	return rax;
#elif defined(__aarch64__)
	register long x8 __asm__("x8") = SYS_execve;
	register long x0 __asm__("x0") = (long)path;
	register long x1 __asm__("x1") = (long)argv;
	register long x2 __asm__("x2") = (long)envp;

	__asm__ volatile("svc #0"
			 : "+r"(x0), "+r"(x2)
			 : "r"(x8), "r"(x1)
			 : "memory");
	*env_after = (unsigned long)x2;
	return x0;
#else
	*env_after = (unsigned long)envp;
	return syscall(SYS_execve, path, argv, envp);
#endif
}

int main(int argc, char **argv)
{
	char path[4096];
	char *args[] = { path, "-", NULL };
	unsigned long after;
	long r;
	int i, status;
	pid_t pid;

	if (argc == 2 && !strcmp(argv[1], "-"))
		return 0;
	if (argc != 2) {
		fprintf(stderr, "usage: execfail DIR\n");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/t", argv[1]);
	copy("/proc/self/exe", path);
	for (i = 0; i < 3; i++) {
		pid = fork();
		if (pid < 0)
			die("fork");
		if (pid == 0) {
			execve(path, args, environ);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || status)
			die("child");
	}
	if (unlink(path))
		die("unlink");
	r = raw_execve(path, args, environ, &after);
	if (r != -ENOENT) {
		fprintf(stderr, "execfail: exec: %ld\n", r);
		return 1;
	}
	if (after != (unsigned long)environ) {
		fprintf(stderr, "execfail: the environment register changed: "
			"%#lx, not %#lx\n", after, (unsigned long)environ);
		return 3;
	}
	return 0;
}
