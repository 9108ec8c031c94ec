/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: fork, vfork, clone, clone3 (the parent's side: the child's
 * exit event belongs to another thread), failing execve/execveat calls,
 * and at the end a successful execveat of /usr/bin/true, whose
 * expectations are written before the program replaces itself.
 */
#include "fidelity.h"

#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <linux/sched.h>

/* "in the init pid namespace or not": the driver ORs CHILD_IN_PIDNS in */
#define IN_PIDNS (1u << 29)

static int self_pid;

static void reap(long child)
{
	int st;

	if (child > 0)
		waitpid((pid_t)child, &st, __WALL);
}

static void forks(void)
{
	struct clone_args ca;
	long c;

	c = SC(SYS_fork);
	if (c == 0)
		syscall(SYS_exit_group, 0);
	FX(fork, "fork <", "res=%ld\ttid=%d\tpid=%d\tcomm=spawn\tflags=0||%u", c,
	   self_pid, self_pid, IN_PIDNS);
	reap(c);

	/* (glibc's vfork: a child calling syscall() would clobber our stack) */
	c = vfork();
	if (c == 0)
		_exit(0);
	FX(vfork, "vfork <", "res=%ld\ttid=%d\tpid=%d\tcomm=spawn\tflags=0||%u", c,
	   self_pid, self_pid, IN_PIDNS);
	reap(c);

	c = SC(SYS_clone, CLONE_FILES | CLONE_FS | SIGCHLD, 0, 0, 0, 0);
	if (c == 0)
		syscall(SYS_exit_group, 0);
	FX(clone, "clone <",
	   "res=%ld\ttid=%d\tpid=%d\tcomm=spawn\tflags=3(CLONE_FILES|CLONE_FS)||%u",
	   c, self_pid, self_pid, 3 | IN_PIDNS);
	reap(c);

	memset(&ca, 0, sizeof(ca));
	ca.flags = CLONE_FILES;
	ca.exit_signal = SIGCHLD;
	c = SC(SYS_clone3, &ca, sizeof(ca));
	if (c == 0)
		syscall(SYS_exit_group, 0);
	FX(clone3, "clone3 <",
	   "res=%ld\ttid=%d\tpid=%d\tcomm=spawn\tflags=1(CLONE_FILES)||%u",
	   c, self_pid, self_pid, 1 | IN_PIDNS);
	FXN(clone3, "clone3 <", "res=%ld\texe=*\ttid=%d", c, self_pid);
	reap(c);

	SC(SYS_clone3, &ca, 8);
	FX(clone3, "clone3 <", "res=-22\ttid=%d\tpid=%d", self_pid, self_pid);
	/* failed: no exe nor args, as the libs 0.25 driver */
	FXN(clone3, "clone3 <", "res=-22\texe=<NA>\targs=NULL\ttid=%d", self_pid);
}

int main(int argc, char **argv)
{
	char *targv[] = { "fx-true", "one", "two", NULL };
	char *tenv[] = { "FIDELITY=1", NULL };
	long dfd;

	fx_init(argc, argv);
	self_pid = getpid();
	forks();

	/* failing execs: the enter has the name, the exit the error */
	SC(SYS_execve, "/fidelity/nonexistent", targv, tenv);
	FX(execve, "execve >", "filename=/fidelity/nonexistent");
	FX(execve, "execve <", "res=-2\ttid=%d\tpid=%d\tcomm=spawn", self_pid, self_pid);
	SC(SYS_execve, FX_BAD_PTR, targv, tenv);
	FX(execve, "execve >", "filename=<empty>");
	FX(execve, "execve <", "res=-14");
	dfd = SC(SYS_open, "/usr/bin", O_RDONLY | O_DIRECTORY);
	SC(SYS_execveat, dfd, "fidelity-nonexistent", targv, tenv, AT_SYMLINK_NOFOLLOW);
	FX(execveat, "execveat >",
	   "dirfd=%ld\tpathname=fidelity-nonexistent\tflags=2(AT_SYMLINK_NOFOLLOW)", dfd);
	FX(execveat, "execveat <", "res=-2\tcomm=spawn");

	/*
	 * The last one succeeds: the process becomes /usr/bin/true.  (An
	 * absolute path: sysdig 0.29 crashes on the exit of a successful
	 * execveat with a relative one, whoever wrote the capture.)
	 */
	FX(execveat, "execveat >", "dirfd=%ld\tpathname=/usr/bin/true\tflags=0", dfd);
	FX(execveat, "execveat <",
	   "res=0\texe=fx-true\targs=one.two.\ttid=%d\tpid=%d\tcomm=true\tenv=FIDELITY=1.",
	   self_pid, self_pid);
	if (fx_done())
		return 1;
	syscall(SYS_execveat, dfd, "/usr/bin/true", targv, tenv, 0);
	return 1;
}
