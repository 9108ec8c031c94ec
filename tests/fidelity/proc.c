/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: credentials, signals, limits, namespaces, ptrace, seccomp,
 * bpf, userfaultfd, quotactl, mount, SysV semaphores.  Calls that need
 * privileges are made so that the recorded parameters do not depend on
 * whether they succeed (the expected res is whatever the call returned).
 */
#include "fidelity.h"

#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/quota.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <sys/prctl.h>
#include <linux/bpf.h>
#include <linux/capability.h>
#include <linux/seccomp.h>

#ifndef QFMT_VFS_V0
#define QFMT_VFS_V0 2
#endif

static void creds(void)
{
	unsigned ru, eu, su, rg, eg, sg;
	long r;
	unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();

	r = SC(SYS_setuid, uid);
	FX(setuid, "setuid >", "uid=%u", uid);
	FX(setuid, "setuid <", "res=%ld", r);
	r = SC(SYS_setgid, gid);
	FX(setgid, "setgid >", "gid=%u", gid);
	FX(setgid, "setgid <", "res=%ld", r);
	/* -1 keeps an id: UID/GID 0xffffffff, printed -1 */
	r = SC(SYS_setresuid, -1, uid, -1);
	FX(setresuid, "setresuid >", "ruid=-1\teuid=%u\tsuid=-1", uid);
	FX(setresuid, "setresuid <", "res=%ld", r);
	r = SC(SYS_setresgid, gid, -1, -1);
	FX(setresgid, "setresgid >", "rgid=%u\tegid=-1\tsgid=-1", gid);
	FX(setresgid, "setresgid <", "res=%ld", r);

	/* getres*id: the three ids read back at exit */
	SC(SYS_getresuid, &ru, &eu, &su);
	FX(getresuid, "getresuid <", "res=0\truid=%u\teuid=%u\tsuid=%u", ru, eu, su);
	SC(SYS_getresgid, &rg, &eg, &sg);
	FX(getresgid, "getresgid <", "res=0\trgid=%u\tegid=%u\tsgid=%u", rg, eg, sg);
	SC(SYS_getresuid, FX_BAD_PTR, &eu, &su);
	FX(getresuid, "getresuid <", "res=-14");

	/* the plain getters (their exits carry the id) */
	FX(getuid, "getuid <", "uid=%ld", SC(SYS_getuid));
	FX(geteuid, "geteuid <", "euid=%ld", SC(SYS_geteuid));
	FX(getgid, "getgid <", "gid=%ld", SC(SYS_getgid));
	FX(getegid, "getegid <", "egid=%ld", SC(SYS_getegid));

	/* setreuid, setregid: libs 0.25 events (generic for old readers) */
	r = SC(SYS_setreuid, -1, -1);
	FX(setreuid, "setreuid <", "");
	FXN(setreuid, "setreuid <", "res=%ld\truid=-1\teuid=-1", r);
	r = SC(SYS_setregid, -1, gid);
	FX(setregid, "setregid <", "");
	FXN(setregid, "setregid <", "res=%ld\trgid=-1\tegid=%u", r, gid);
}

/*
 * capset (the thread's capabilities after the call, as CapInh/CapPrm/
 * CapEff), prctl (arg2 as a string for the name options, the int it
 * points to for PR_GET_CHILD_SUBREAPER, else itself), pidfd_open,
 * pidfd_getfd: libs 0.25 events, generic for old readers.
 */
static void caps_prctl_pidfd(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	const unsigned long long known = (1ull << 41) - 1;
	char name[16] = "";
	int sub = -5;
	long r, fd, pid = getpid();

	memset(d, 0, sizeof(d));
	SC(SYS_capget, &h, d);
	r = SC(SYS_capset, &h, d);	/* the same sets: allowed */
	FX(capset, "capset <", "");
	FXN(capset, "capset <",
	    "res=%ld\tcap_inheritable=%llX\tcap_permitted=%llX\tcap_effective=%llX",
	    r, ((unsigned long long)d[1].inheritable << 32 | d[0].inheritable) & known,
	    ((unsigned long long)d[1].permitted << 32 | d[0].permitted) & known,
	    ((unsigned long long)d[1].effective << 32 | d[0].effective) & known);

	r = SC(SYS_prctl, PR_GET_NAME, name, 0, 0, 0);
	FX(prctl, "prctl <", "");
	FXN(prctl, "prctl <", "res=%ld\toption=16\targ2_str=%s\targ2_int=0", r, name);
	r = SC(SYS_prctl, PR_SET_NAME, name, 0, 0, 0);
	FXN(prctl, "prctl <", "res=%ld\toption=15\targ2_str=%s\targ2_int=0", r, name);
	r = SC(SYS_prctl, PR_GET_CHILD_SUBREAPER, &sub, 0, 0, 0);
	FXN(prctl, "prctl <", "res=%ld\toption=37\targ2_str=<NA>\targ2_int=%d", r, sub);
	SC(SYS_prctl, 9999, 12345, 0, 0, 0);
	FXN(prctl, "prctl <", "res=-22\toption=9999\targ2_str=<NA>\targ2_int=12345");

#ifdef SYS_pidfd_open
	fd = SC(SYS_pidfd_open, pid, 0);
	FX(pidfd_open, "<unknown> <", "");
	FXN(pidfd_open, "pidfd_open <", "fd=%ld\tpid=%ld\tflags=0", fd, pid);
	r = SC(SYS_pidfd_open, pid, O_NONBLOCK);
	FXN(pidfd_open, "pidfd_open <", "fd=%ld\tpid=%ld\tflags=1", r, pid);
	if (r >= 0)
		SC(SYS_close, r);
#ifdef SYS_pidfd_getfd
	r = SC(SYS_pidfd_getfd, fd, 0, 0);
	FX(pidfd_getfd, "<unknown> <", "");
	FXN(pidfd_getfd, "pidfd_getfd <", "fd=%ld\tpid_fd=%ld\ttarget_fd=0\tflags=0",
	    r, fd);
	if (r >= 0)
		SC(SYS_close, r);
	SC(SYS_pidfd_getfd, fd, 0, 5);
	FXN(pidfd_getfd, "pidfd_getfd <", "fd=-22\tpid_fd=%ld\ttarget_fd=0\tflags=5",
	    fd);
#endif
	if (fd >= 0)
		SC(SYS_close, fd);
#endif
}

static void signals_groups(void)
{
	long pid = getpid(), tid = SC(SYS_gettid), r;

	SC(SYS_kill, pid, 0);
	FX(kill, "kill >", "pid=%ld\tsig=0", pid);
	FX(kill, "kill <", "res=0");
	SC(SYS_kill, 999999999, SIGUSR1);
	FX(kill, "kill >", "pid=999999999\tsig=10(SIGUSR1)");
	FX(kill, "kill <", "res=-3");
	SC(SYS_tkill, tid, 0);
	FX(tkill, "tkill >", "tid=%ld\tsig=0", tid);
	FX(tkill, "tkill <", "res=0");
	SC(SYS_tgkill, pid, tid, 0);
	FX(tgkill, "tgkill >", "pid=%ld\ttid=%ld\tsig=0", pid, tid);
	FX(tgkill, "tgkill <", "res=0");
	SC(SYS_tgkill, pid, -5, SIGTERM);
	FX(tgkill, "tgkill >", "pid=%ld\ttid=-5\tsig=15(SIGTERM)", pid);
	FX(tgkill, "tgkill <", "res=-22");

	r = SC(SYS_setpgid, 0, 0);
	FX(setpgid, "setpgid >", "pid=0\tpgid=0");
	FX(setpgid, "setpgid <", "res=%ld", r);
	SC(SYS_setpgid, 999999999, 0);
	FX(setpgid, "setpgid <", "res=-3");
	/* a process group leader may not start a session */
	r = SC(SYS_setsid);
	FX(setsid, "setsid <", "res=%ld", r);
}

static void limits(void)
{
	struct rlimit rl, old, nw;
	long r;

	/* getrlimit: cur and max at exit, -1 when the call failed */
	SC(SYS_getrlimit, RLIMIT_NOFILE, &rl);
	FX(getrlimit, "getrlimit >", "resource=7(RLIMIT_NOFILE)");
	FX(getrlimit, "getrlimit <", "res=0\tcur=%lld\tmax=%lld",
	   (long long)rl.rlim_cur, (long long)rl.rlim_max);
	SC(SYS_getrlimit, RLIMIT_NOFILE, FX_BAD_PTR);
	FX(getrlimit, "getrlimit <", "res=-14\tcur=-1\tmax=-1");
	SC(SYS_getrlimit, 1000, &rl);
	FX(getrlimit, "getrlimit >", "resource=255(RLIMIT_UNKNOWN)");
	FX(getrlimit, "getrlimit <", "res=-22\tcur=-1\tmax=-1");

	/* setrlimit: what the caller asked for, read at exit */
	SC(SYS_getrlimit, RLIMIT_CORE, &rl);
	rl.rlim_cur = 0;
	r = SC(SYS_setrlimit, RLIMIT_CORE, &rl);
	FX(setrlimit, "setrlimit >", "resource=4(RLIMIT_CORE)");
	FX(setrlimit, "setrlimit <", "res=%ld\tcur=0\tmax=%lld", r,
	   (long long)rl.rlim_max);

	/*
	 * prlimit64, as the libs 0.25 driver has it: the new limit read
	 * whatever the call returned (NULL: 0/0), the old one only when it
	 * succeeded (-1 otherwise)
	 */
	SC(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &old);
	FX(prlimit64, "prlimit >", "pid=0\tresource=3(RLIMIT_STACK)");
	FX(prlimit64, "prlimit <", "res=0\tnewcur=0\tnewmax=0\toldcur=%lld\toldmax=%lld",
	   (long long)old.rlim_cur, (long long)old.rlim_max);
	nw = old;
	r = SC(SYS_prlimit64, getpid(), RLIMIT_STACK, &nw, &old);
	FX(prlimit64, "prlimit >", "pid=%d\tresource=3(RLIMIT_STACK)", getpid());
	FX(prlimit64, "prlimit <", "res=%ld\tnewcur=%lld\tnewmax=%lld\toldcur=%lld\toldmax=%lld",
	   r, (long long)nw.rlim_cur, (long long)nw.rlim_max,
	   (long long)old.rlim_cur, (long long)old.rlim_max);
	SC(SYS_prlimit64, 999999999, RLIMIT_NOFILE, &nw, FX_BAD_PTR);
	FX(prlimit64, "prlimit <", "res=-3\tnewcur=%lld\tnewmax=%lld\toldcur=-1\toldmax=-1",
	   (long long)nw.rlim_cur, (long long)nw.rlim_max);
	/* a success with no old limit asked for: 0/0 (the driver's zeroed copy) */
	SC(SYS_prlimit64, 0, RLIMIT_CORE, NULL, NULL);
	FX(prlimit64, "prlimit <", "res=0\tnewcur=0\tnewmax=0\toldcur=0\toldmax=0");
}

static void namespaces(void)
{
	long r;

	r = SC(SYS_unshare, CLONE_FS);
	FX(unshare, "unshare >", "flags=2(CLONE_FS)");
	FX(unshare, "unshare <", "res=%ld", r);
	/* CLONE_IO is a clone flag unshare refuses; 1 (CSIGNAL) is none */
	SC(SYS_unshare, CLONE_IO);
	FX(unshare, "unshare >", "flags=4(CLONE_IO)");
	FX(unshare, "unshare <", "res=-22");
	SC(SYS_unshare, 1);
	FX(unshare, "unshare >", "flags=0");
	FX(unshare, "unshare <", "res=-22");
	SC(SYS_setns, 9999, CLONE_NEWNET);
	FX(setns, "setns >", "fd=9999\tnstype=16(CLONE_NEWNET)");
	FX(setns, "setns <", "res=-9");
}

/* A child that sctrace does not trace (CLONE_UNTRACED), for us to ptrace. */
static volatile unsigned long peek_me = 0x1122334455667788UL;

static void tracing(void)
{
	long child, r;
	unsigned long word = 0;
	int st;

	/* we are traced by sctrace already */
	SC(SYS_ptrace, PTRACE_TRACEME, 0, 0, 0);
	FX(ptrace, "ptrace >", "request=1(PTRACE_TRACEME)\tpid=0");
	FX(ptrace, "ptrace <", "res=-1\taddr=0\tdata=0");

	child = SC(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0);
	if (child == 0) {
		for (;;)
			pause();
	}
	if (child < 0)
		return;
	r = SC(SYS_ptrace, PTRACE_ATTACH, child, 0, 0);
	FX(ptrace, "ptrace >", "request=11(PTRACE_ATTACH)\tpid=%ld", child);
	FX(ptrace, "ptrace <", "res=%ld\taddr=0\tdata=0", r);
	if (r == 0) {
		waitpid((pid_t)child, &st, __WALL);
		/* PEEKDATA: the raw syscall stores the word at *data */
		r = SC(SYS_ptrace, PTRACE_PEEKDATA, child, &peek_me, &word);
		FX(ptrace, "ptrace >", "request=3(PTRACE_PEEKDATA)\tpid=%ld", child);
		FX(ptrace, "ptrace <", "res=%ld\taddr=%lX\tdata=%lX", r,
		   (unsigned long)&peek_me, word);
		/* CONT: data is a signal number */
		r = SC(SYS_ptrace, PTRACE_CONT, child, 0, SIGKILL);
		FX(ptrace, "ptrace >", "request=8(PTRACE_CONT)\tpid=%ld", child);
		FX(ptrace, "ptrace <", "res=%ld\taddr=0\tdata=9(SIGKILL)", r);
	} else {
		kill((pid_t)child, SIGKILL);
	}
	waitpid((pid_t)child, &st, __WALL);
	SC(SYS_ptrace, PTRACE_PEEKDATA, child, &peek_me, &word);
	FX(ptrace, "ptrace <", "res=-3\taddr=0\tdata=0");
}

static void security(void)
{
	union bpf_attr attr;
	unsigned action = SECCOMP_RET_KILL_PROCESS;
	long r, fd;

	/* seccomp: only the operation */
	r = SC(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action);
	FX(seccomp, "seccomp >", "op=2");
	FX(seccomp, "seccomp <", "res=%ld", r);
	SC(SYS_seccomp, 99, 0, NULL);
	FX(seccomp, "seccomp >", "op=99");
	FX(seccomp, "seccomp <", "res=-22");

	/* bpf: res_or_fd is an fd for MAP_CREATE/PROG_LOAD successes */
	memset(&attr, 0, sizeof(attr));
	attr.map_type = BPF_MAP_TYPE_ARRAY;
	attr.key_size = 4;
	attr.value_size = 4;
	attr.max_entries = 1;
	fd = SC(SYS_bpf, BPF_MAP_CREATE, &attr, sizeof(attr));
	FX(bpf, "bpf >", "cmd=0");
	FX(bpf, "bpf <", "res_or_fd=%ld", fd);
	FXN(bpf, "bpf <", "fd=%ld\tcmd=0", fd);
	if (fd >= 0)
		close((int)fd);
	r = SC(SYS_bpf, BPF_MAP_LOOKUP_ELEM, &attr, sizeof(attr));
	FX(bpf, "bpf >", "cmd=1");
	FX(bpf, "bpf <", "res_or_fd=%ld", r);
	SC(SYS_bpf, BPF_PROG_LOAD, FX_BAD_PTR, sizeof(attr));
	FX(bpf, "bpf >", "cmd=5");
	FX(bpf, "bpf <", "res_or_fd=-14");

	/* userfaultfd: flags raw */
	fd = SC(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	FX(userfaultfd, "userfaultfd <", "res=%ld\tflags=%d", fd,
	   O_CLOEXEC | O_NONBLOCK);
	if (fd >= 0)
		close((int)fd);
}

/*
 * init_module, finit_module, delete_module, fsconfig: libs 0.25 events
 * (generic for old readers).  Nothing here can load or unload a module
 * (an image that is no ELF file, a bad fd, a module that does not exist);
 * unprivileged, each fails with EPERM.
 */
static void modules_fsconfig(void)
{
	char img[8], uargs[] = "fx=1";
	long r, fs;

	memcpy(img, "notanelf", sizeof(img));
	r = SC(SYS_init_module, img, sizeof(img), uargs);
	FX(init_module, "init_module <", "");
	FXN(init_module, "init_module <",
	    "res=%ld\timg=notanelf\tlength=8\tuargs=fx=1", r);
	/* img: the length cut to 16 bits, as the driver's */
	r = SC(SYS_init_module, img, 0x10000 + 3, uargs);
	FXN(init_module, "init_module <",
	    "res=%ld\timg=not\tlength=65539\tuargs=fx=1", r);
#ifdef SYS_finit_module
	r = SC(SYS_finit_module, -1, uargs, 3);
	FX(finit_module, "finit_module <", "");
	FXN(finit_module, "finit_module <",
	    "res=%ld\tfd=-1\tuargs=fx=1\tflags=3", r);
#endif
	r = SC(SYS_delete_module, "sct_fidelity_none", O_NONBLOCK | O_TRUNC);
	FX(delete_module, "delete_module <", "");
	FXN(delete_module, "delete_module <",
	    "res=%ld\tname=sct_fidelity_none\tflags=3", r);

	/* the value only after a success; SET_STRING: value_charbuf */
#if defined(SYS_fsopen) && defined(SYS_fsconfig)
	fs = SC(SYS_fsopen, "tmpfs", 0);
	r = SC(SYS_fsconfig, fs, 1 /* SET_STRING */, "size", "1m", 0);
	FX(fsconfig, "<unknown> <", "");
	FXN(fsconfig, "fsconfig <",
	    "res=%ld\tfd=%ld\tcmd=1\tkey=size\tvalue_bytebuf=NULL\tvalue_charbuf=%s\taux=0",
	    r, fs, r == 0 ? "1m" : "<NA>");
	r = SC(SYS_fsconfig, -1, 2 /* SET_BINARY */, "k", "bytes", 5);
	FXN(fsconfig, "fsconfig <",
	    "res=%ld\tfd=-1\tcmd=2\tkey=k\tvalue_bytebuf=NULL\tvalue_charbuf=<NA>\taux=5", r);
	if (fs >= 0)
		SC(SYS_close, fs);
#endif
	(void)fs;
}

static void quota_mount(void)
{
	struct if_dqblk dq;
	struct if_dqinfo di;
	unsigned fmt = QFMT_VFS_V0;
	long r;

	/*
	 * quotactl on a device that does not exist fails, but the driver
	 * reads the caller's structures anyway: the values come from them.
	 */
	r = SC(SYS_quotactl, QCMD(Q_GETFMT, USRQUOTA), "/dev/fidelity-none", 0, &fmt);
	FX(quotactl, "quotactl >", "cmd=4(Q_GETFMT)\ttype=1(USRQUOTA)\tid=0\tquota_fmt=1(QFMT_NOT_USED)");
	FX(quotactl, "quotactl <",
	   "res=%ld\tspecial=/dev/fidelity-none\tquotafilepath=\tdqb_bhardlimit=0\tdqi_flags=0\tquota_fmt_out=4(QFMT_VFS_V0)",
	   r);

	memset(&dq, 0, sizeof(dq));
	dq.dqb_bhardlimit = 100;
	dq.dqb_bsoftlimit = 90;
	dq.dqb_curspace = 12345;
	dq.dqb_ihardlimit = 7;
	dq.dqb_isoftlimit = 6;
	dq.dqb_btime = 1000;
	dq.dqb_itime = 2000;
	dq.dqb_valid = QIF_BLIMITS | QIF_SPACE | QIF_BTIME;
	r = SC(SYS_quotactl, QCMD(Q_SETQUOTA, GRPQUOTA), "/dev/fidelity-none", 42, &dq);
	FX(quotactl, "quotactl >", "cmd=64(Q_SETQUOTA)\ttype=2(GRPQUOTA)\tid=42\tquota_fmt=1(QFMT_NOT_USED)");
	FX(quotactl, "quotactl <",
	   "res=%ld\tspecial=/dev/fidelity-none\tdqb_bhardlimit=100\tdqb_bsoftlimit=90\tdqb_curspace=12345\tdqb_ihardlimit=0\tdqb_isoftlimit=0\tdqb_btime=1000\tdqb_itime=0\tdqi_bgrace=0\tquota_fmt_out=1(QFMT_NOT_USED)",
	   r);

	memset(&di, 0, sizeof(di));
	di.dqi_bgrace = 600;
	di.dqi_igrace = 700;
	di.dqi_flags = 1;
	di.dqi_valid = IIF_IGRACE | IIF_FLAGS;
	r = SC(SYS_quotactl, QCMD(Q_SETINFO, USRQUOTA), "/dev/fidelity-none", 0, &di);
	FX(quotactl, "quotactl <",
	   "res=%ld\tdqb_bhardlimit=0\tdqi_bgrace=0\tdqi_igrace=700\tdqi_flags=1",
	   r);

	r = SC(SYS_quotactl, QCMD(Q_QUOTAON, USRQUOTA), "/dev/fidelity-none", QFMT_VFS_V0, "quota.user");
	FX(quotactl, "quotactl >", "cmd=1(Q_QUOTAON)\ttype=1(USRQUOTA)\tid=0\tquota_fmt=4(QFMT_VFS_V0)");
	FX(quotactl, "quotactl <", "res=%ld\tquotafilepath=quota.user", r);

	/* mount: flags at enter (the old magic dropped), strings at exit */
	r = SC(SYS_mount, "none", "/fidelity-nonexistent", "tmpfs",
	       MS_RDONLY | MS_NOSUID, NULL);
	FX(mount, "mount >", "flags=3(RDONLY|NOSUID)");
	FX(mount, "mount <", "res=%ld\tdev=none\tdir=/fidelity-nonexistent\ttype=tmpfs", r);
	r = SC(SYS_mount, NULL, "/fidelity-nonexistent", NULL,
	       0xC0ED0000UL | MS_NODEV, NULL);
	FX(mount, "mount >", "flags=4(NODEV)");
	FX(mount, "mount <", "res=%ld\tdev=<empty>\tdir=/fidelity-nonexistent\ttype=<empty>", r);
	r = SC(SYS_umount2, "/fidelity-nonexistent", MNT_DETACH);
	FX(umount2, "umount >", "flags=2(DETACH)");
	FXN(umount2, "umount2 <", "res=%ld\tname=/fidelity-nonexistent\tflags=2", r);
	FX(umount2, "umount <", "res=%ld\tname=/fidelity-nonexistent", r);
}

static void semaphores(void)
{
	struct sembuf sops[3] = {
		{ 0, 1, 0 }, { 1, -2, IPC_NOWAIT | SEM_UNDO }, { 0, 5, 0 },
	};
	long id, r;

	id = SC(SYS_semget, IPC_PRIVATE, 2, IPC_CREAT | IPC_EXCL | 0600);
	FX(semget, "semget >", "key=0\tnsems=2\tsemflg=24576(IPC_EXCL|IPC_CREAT)");
	FX(semget, "semget <", "res=%ld", id);
	if (id < 0)
		return;
	r = SC(SYS_semctl, id, 1, SETVAL, 7);
	FX(semctl, "semctl >", "semid=%ld\tsemnum=1\tcmd=4096(SETVAL)\tval=7", id);
	FX(semctl, "semctl <", "res=%ld", r);
	r = SC(SYS_semctl, id, 1, GETVAL, 99);
	FX(semctl, "semctl >", "semid=%ld\tsemnum=1\tcmd=512(GETVAL)\tval=0", id);
	FX(semctl, "semctl <", "res=%ld", r);

	/* semop: the first two sembufs, at exit */
	r = SC(SYS_semop, id, sops, 2);
	FX(semop, "semop >", "semid=%ld", id);
	FX(semop, "semop <",
	   "res=%ld\tnsops=2\tsem_num_0=0\tsem_op_0=1\tsem_flg_0=0\tsem_num_1=1\tsem_op_1=-2\tsem_flg_1=3(IPC_NOWAIT|SEM_UNDO)",
	   r);
	r = SC(SYS_semop, id, &sops[2], 1);
	FX(semop, "semop <",
	   "res=%ld\tnsops=1\tsem_num_0=0\tsem_op_0=5\tsem_flg_0=0\tsem_num_1=0\tsem_op_1=0\tsem_flg_1=0",
	   r);
	SC(SYS_semop, id, FX_BAD_PTR, 1);
	FX(semop, "semop <", "res=-14\tnsops=1");

	r = SC(SYS_semctl, id, 0, IPC_RMID, 0);
	FX(semctl, "semctl >", "semid=%ld\tsemnum=0\tcmd=4(IPC_RMID)\tval=0", id);
	FX(semctl, "semctl <", "res=%ld", r);
}

int main(int argc, char **argv)
{
	fx_init(argc, argv);
	creds();
	caps_prctl_pidfd();
	signals_groups();
	limits();
	namespaces();
	tracing();
	security();
	quota_mount();
	modules_fsconfig();
	semaphores();
	return fx_done();
}
