/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Programs whose behaviour sctrace's seccomp filter once changed, for
 * tests/integration/seccomp.sh (issue 12 #6).
 *
 * usage: seccomp untraced clone|clone3 FILE
 *   Make a child with CLONE_UNTRACED (raw clone, or clone3), which opens
 *   FILE with openat and exits 0, or 10 + errno if that failed.  Prints
 *   "child: STATUS" and exits with the child's status.
 *
 * usage: seccomp ownfilter FILE
 *   Install a seccomp filter of its own that returns SECCOMP_RET_TRACE
 *   (data 0x1234) for getppid and dup.  Without a tracer that asks for
 *   them the kernel fails them with ENOSYS.  Then getppid, dup(0) and an
 *   openat of FILE.  Prints "getppid: ENOSYS", "dup: ENOSYS" (or what it
 *   got, and exits 1) and "openat: ok", exits 0.
 *
 * usage: seccomp ownfilter-libc FILE
 *   The same with libc's getppid(), which sctrace's in-process recorder
 *   makes from its trampoline: the program's filter stops it all the same.
 *
 * Syscalls go through syscall() so that their names do not depend on libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define NATIVE_AUDIT	AUDIT_ARCH_X86_64
#elif defined(__i386__)
#define NATIVE_AUDIT	AUDIT_ARCH_I386
#elif defined(__aarch64__)
#define NATIVE_AUDIT	AUDIT_ARCH_AARCH64
#elif defined(__arm__)
#define NATIVE_AUDIT	AUDIT_ARCH_ARM
#endif

#ifndef SYS_clone3
#define SYS_clone3	435
#endif

static int child_open(const char *file)
{
	long fd = syscall(SYS_openat, AT_FDCWD, file, O_RDONLY);

	if (fd < 0)
		return 10 + errno;
	close((int)fd);
	return 0;
}

static int untraced(const char *how, const char *file)
{
	long pid;
	int st;

	if (!strcmp(how, "clone3")) {
		struct clone_args ca;

		memset(&ca, 0, sizeof(ca));
		ca.flags = CLONE_UNTRACED;
		ca.exit_signal = SIGCHLD;
		pid = syscall(SYS_clone3, &ca, sizeof(ca));
	} else {
		/* no new stack: fork-like (the argument orders differ after it) */
		pid = syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	}
	if (pid < 0) {
		printf("%s: %s\n", how, strerror(errno));
		return 1;
	}
	if (pid == 0)
		_exit(child_open(file));
	if (waitpid((pid_t)pid, &st, 0) != pid || !WIFEXITED(st))
		return 1;
	printf("child: %d\n", WEXITSTATUS(st));
	return WEXITSTATUS(st);
}

static int ownfilter(const char *file, bool libc)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NATIVE_AUDIT, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
			 offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_dup, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 0x1234),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { sizeof(f) / sizeof(f[0]), f };
	long r, fd;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		printf("seccomp: %s\n", strerror(errno));
		return 1;
	}
	/*
	 * (libc's getppid, which sctrace's in-process recorder makes: glibc
	 * takes it for a call that cannot fail, -ENOSYS comes back as is)
	 */
	r = libc ? getppid() : syscall(SYS_getppid);
	if (libc ? r != -ENOSYS : r >= 0 || errno != ENOSYS) {
		printf("getppid: %ld (%s)\n", r, r < 0 ? strerror(errno) : "ran");
		return 1;
	}
	printf("getppid: ENOSYS\n");
	r = syscall(SYS_dup, 0);
	if (r >= 0 || errno != ENOSYS) {
		printf("dup: %ld (%s)\n", r, r < 0 ? strerror(errno) : "ran");
		return 1;
	}
	printf("dup: ENOSYS\n");
	fd = syscall(SYS_openat, AT_FDCWD, file, O_RDONLY);
	if (fd < 0) {
		printf("openat: %s\n", strerror(errno));
		return 1;
	}
	close((int)fd);
	printf("openat: ok\n");
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 4 && !strcmp(argv[1], "untraced"))
		return untraced(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "ownfilter"))
		return ownfilter(argv[2], false);
	if (argc == 3 && !strcmp(argv[1], "ownfilter-libc"))
		return ownfilter(argv[2], true);
	fprintf(stderr, "usage: seccomp untraced clone|clone3 FILE | "
		"ownfilter[-libc] FILE\n");
	return 2;
}
