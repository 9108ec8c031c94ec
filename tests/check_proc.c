/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The /proc parsers (proc.c, procfd.c) on canned text, written out from
 * proc(5) and what current kernels print: no process is read here.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "proc.h"
#include "cgroup.h"
#include "procfd.h"

static struct sct_procinfo *new_pi(void)
{
	struct sct_procinfo *pi = calloc(1, sizeof(*pi));

	ck_assert_ptr_nonnull(pi);
	return pi;
}

/* A stat line of pid 42 named name, field i (4..52) 1000 + i, flags given. */
static void stat_line(char *buf, size_t size, const char *name,
		      unsigned long flags)
{
	size_t len = (size_t)snprintf(buf, size, "42 (%s) S", name);
	unsigned i;

	for (i = 4; i <= 52; i++)
		if (i == 8)	/* tpgid: -1 without a terminal */
			len += (size_t)snprintf(buf + len, size - len, " -1");
		else
			len += (size_t)snprintf(buf + len, size - len, " %lu",
						i == 9 ? flags : 1000ul + i);
	snprintf(buf + len, size - len, "\n");
}

START_TEST(test_stat_comm_parens)
{
	struct sct_procinfo *pi = new_pi();
	char buf[1024];

	/* a name may hold ") (" and spaces: it runs to the last ')' */
	stat_line(buf, sizeof(buf), "a) (b c", 0x400000);
	ck_assert_int_eq(sct_proc_parse_stat(buf, pi), 0);
	ck_assert_str_eq(pi->comm, "a) (b c");
	ck_assert_int_eq(pi->ptid, 1004);
	ck_assert_int_eq(pi->pgid, 1005);
	ck_assert_int_eq(pi->sid, 1006);
	ck_assert_uint_eq(pi->tty, 1007);
	ck_assert_uint_eq(pi->pfminor, 1010);
	ck_assert_uint_eq(pi->pfmajor, 1012);
	ck_assert_uint_eq(pi->arg_env[0], 1048);
	ck_assert_uint_eq(pi->arg_env[1], 1049);
	ck_assert_uint_eq(pi->arg_env[2], 1050);
	ck_assert_uint_eq(pi->arg_env[3], 1051);
	ck_assert(!pi->kthread);
	free(pi);
}
END_TEST

START_TEST(test_stat_kthread)
{
	struct sct_procinfo *pi = new_pi();
	char buf[1024];

	/* PF_KTHREAD (0x00200000); a worker's name is longer than 15 */
	stat_line(buf, sizeof(buf), "kworker/u8:3-events_unbound", 0x04208060);
	ck_assert_int_eq(sct_proc_parse_stat(buf, pi), 0);
	ck_assert(pi->kthread);
	ck_assert_str_eq(pi->comm, "kworker/u8:3-events_unbound");
	free(pi);
}
END_TEST

START_TEST(test_stat_bad)
{
	struct sct_procinfo *pi = new_pi();

	ck_assert_int_eq(sct_proc_parse_stat("42 no-name S 1 2 3", pi), -EINVAL);
	ck_assert_int_eq(sct_proc_parse_stat("42 ) x ( S 1", pi), -EINVAL);
	ck_assert_int_eq(sct_proc_parse_stat("", pi), -EINVAL);
	/* cut after the name: no state to read, nothing past the end */
	ck_assert_int_eq(sct_proc_parse_stat("42 (x)", pi), -EINVAL);
	ck_assert_int_eq(sct_proc_parse_stat("42 (x) ", pi), -EINVAL);
	/* the state: dead (zombie, or being reaped) or not */
	ck_assert_int_eq(sct_proc_parse_stat("42 (a b) Z 1 42 42 0", pi), 0);
	ck_assert(pi->dead);
	ck_assert_int_eq(sct_proc_parse_stat("42 (x) X 1 42 42 0", pi), 0);
	ck_assert(pi->dead);
	ck_assert_int_eq(sct_proc_parse_stat("42 (Z) S 1 42 42 0", pi), 0);
	ck_assert(!pi->dead);
	free(pi);
}
END_TEST

static const char status_text[] =
	"Name:\tsh\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t200\n"
	"Ngid:\t0\n"
	"Pid:\t201\n"
	"PPid:\t100\n"
	"TracerPid:\t77\n"
	"Uid:\t1000\t1001\t1002\t1003\n"
	"Gid:\t2000\t2001\t2002\t2003\n"
	"FDSize:\t64\n"
	"Groups:\t4 24 27 \n"
	"NStgid:\t200\t5\n"
	"NSpid:\t201\t6\n"
	"NSpgid:\t200\t5\n"
	"NSsid:\t100\t1\n"
	"VmPeak:\t    9999 kB\n"
	"VmSize:\t    2500 kB\n"
	"VmLck:\t       0 kB\n"
	"VmHWM:\t    1300 kB\n"
	"VmRSS:\t    1200 kB\n"
	"VmSwap:\t      30 kB\n"
	"Threads:\t2\n"
	"SigIgn:\t0000000000001000\n"
	"CapInh:\t0000000000000000\n"
	"CapPrm:\t000001ffffffffff\n"
	"CapEff:\t0000000000003000\n"
	"CapBnd:\t000001ffffffffff\n"
	"CapAmb:\t0000000000000001\n";

START_TEST(test_status)
{
	struct sct_procinfo *pi = new_pi();
	char buf[sizeof(status_text)];
	uint32_t kb[3];

	memcpy(buf, status_text, sizeof(buf));
	ck_assert_int_eq(sct_proc_parse_status(buf, pi), 0);
	ck_assert_int_eq(pi->pid, 200);
	ck_assert_int_eq(pi->ptid, 100);
	ck_assert_int_eq(pi->tracer, 77);
	ck_assert_uint_eq(pi->uid, 1001);	/* effective ids */
	ck_assert_uint_eq(pi->gid, 2001);
	/* the innermost pid namespace's ids: the last of NStgid, NSpid */
	ck_assert_int_eq(pi->vpid, 5);
	ck_assert_int_eq(pi->vtid, 6);
	ck_assert_uint_eq(pi->vmsize_kb, 2500);
	ck_assert_uint_eq(pi->vmrss_kb, 1200);
	ck_assert_uint_eq(pi->vmswap_kb, 30);
	/* the exec's three sets; not the bounding or ambient one */
	ck_assert_uint_eq(pi->cap[0], 0);
	ck_assert_uint_eq(pi->cap[1], 0x1ffffffffffull);
	ck_assert_uint_eq(pi->cap[2], 0x3000);

	sct_proc_parse_vm(status_text, kb);
	ck_assert_uint_eq(kb[0], 2500);
	ck_assert_uint_eq(kb[1], 1200);
	ck_assert_uint_eq(kb[2], 30);
	free(pi);
}
END_TEST

START_TEST(test_status_one_ns)
{
	struct sct_procinfo *pi = new_pi();
	char buf[] = "Tgid:\t9\nPid:\t9\nPPid:\t1\nNStgid:\t9\nNSpid:\t9\n";
	uint32_t kb[3] = { 1, 1, 1 };

	ck_assert_int_eq(sct_proc_parse_status(buf, pi), 0);
	ck_assert_int_eq(pi->vpid, 9);
	ck_assert_int_eq(pi->vtid, 9);
	ck_assert_int_eq(pi->tracer, 0);
	/* a zombie has no Vm lines: 0, as the driver without mm */
	sct_proc_parse_vm("Name:\tz\nState:\tZ (zombie)\nTgid:\t9\n", kb);
	ck_assert_uint_eq(kb[0], 0);
	ck_assert_uint_eq(kb[1], 0);
	ck_assert_uint_eq(kb[2], 0);
	free(pi);
}
END_TEST

static void assert_cgroups(const struct sct_procinfo *pi, const char *exp,
			   size_t len)
{
	ck_assert_uint_eq(pi->cgroups_len, len);
	ck_assert_mem_eq(pi->cgroups, exp, len);
}

START_TEST(test_cgroup_v1)
{
	struct sct_procinfo *pi = new_pi();
	char buf[] = "12:cpu,cpuacct:/user.slice\n"
		     "5:memory:/user.slice/user-1000.slice\n"
		     "1:name=systemd:/init.scope\n"
		     "0::/init.scope\n";
	static const char exp[] = "cpu=/user.slice\0cpuacct=/user.slice\0"
				  "memory=/user.slice/user-1000.slice\0"
				  "systemd=/init.scope\0"
				  "io=/init.scope\0pids=/init.scope";

	/* hybrid: v1 hierarchies and the unified one (its controllers) */
	ck_assert_int_eq(sct_proc_parse_cgroup(buf, "io pids\n", pi), 0);
	assert_cgroups(pi, exp, sizeof(exp));
	free(pi);
}
END_TEST

START_TEST(test_cgroup_v2)
{
	struct sct_procinfo *pi = new_pi();
	char buf[] = "0::/user.slice/user-1000.slice/session-2.scope\n";
	char buf2[sizeof(buf)];
	static const char exp[] =
		"cpuset=/user.slice/user-1000.slice/session-2.scope\0"
		"cpu=/user.slice/user-1000.slice/session-2.scope\0"
		"memory=/user.slice/user-1000.slice/session-2.scope";

	memcpy(buf2, buf, sizeof(buf));
	ck_assert_int_eq(sct_proc_parse_cgroup(buf, "cpuset cpu memory\n", pi),
			 0);
	assert_cgroups(pi, exp, sizeof(exp));
	/* no controller enabled: nothing to list */
	ck_assert_int_eq(sct_proc_parse_cgroup(buf2, "", pi), 0);
	ck_assert_uint_eq(pi->cgroups_len, 0);
	free(pi);
}
END_TEST

START_TEST(test_cgroup_full)
{
	struct sct_procinfo *pi = new_pi();
	size_t n = SCT_PROC_LIST_MAX * 2, len = 0;
	char *buf = malloc(n);
	unsigned i;

	/* more than the list holds: whole entries only */
	for (i = 0; len + 64 < n; i++)
		len += (size_t)snprintf(buf + len, n - len,
					"%u:ctrl%u:/a/rather/long/path/%u\n",
					i + 1, i, i);
	ck_assert_int_eq(sct_proc_parse_cgroup(buf, "", pi), 0);
	ck_assert_uint_le(pi->cgroups_len, sizeof(pi->cgroups));
	ck_assert_uint_gt(pi->cgroups_len, 0);
	ck_assert_int_eq(pi->cgroups[pi->cgroups_len - 1], 0);
	ck_assert_mem_eq(pi->cgroups, "ctrl0=/a/rather/long/path/0", 28);
	free(buf);
	free(pi);
}
END_TEST

static void event_list_is(const char *text, const char *kernel,
			  const char *mount, const char *exp, size_t len)
{
	const struct sct_cgroup_sys sys = { kernel, mount };
	char out[SCT_PROC_LIST_MAX];

	ck_assert_uint_eq(sct_cgroup_event_list(text, &sys, out, sizeof(out)),
			  len);
	ck_assert_mem_eq(out, exp, len);
}

/* make dir (under root) with a cgroup.controllers of ctrls */
static void v2_dir(const char *root, const char *dir, const char *ctrls)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, dir);
	ck_assert_int_eq(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s%s/cgroup.controllers", root, dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fprintf(f, "%s\n", ctrls);
	fclose(f);
}

/*
 * The events' cgroups, as the driver writes them: cpuset, cpu, cpuacct,
 * io, memory (those the kernel has), each its hierarchy's path; on v2 the
 * nearest ancestor where the controller is enabled; the last 6
 * components of a deeper path.
 */
START_TEST(test_cgroup_events)
{
	static const char all[] = "cpuset cpu cpuacct blkio memory devices pids";
	static const char hybrid[] = "9:name=systemd:/\n8:pids:/p\n7:blkio:/b\n"
		"4:memory:/m/x\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/c\n0::/\n";
	static const char exp_hybrid[] =
		"cpuset=/\0cpu=/c\0cpuacct=/\0io=/b\0memory=/m/x";
	static const char exp_v1[] = "cpu=/g\0cpuacct=/g\0io=/\0memory=/";
	static const char exp_deep[] = "memory=/3/4/5/6/7/8";
	static const char exp_v2[] =
		"cpuset=/\0cpu=/a\0cpuacct=/\0io=/a\0memory=/a/b";
	static const char exp_unseen[] =
		"cpuset=/nope/x\0cpu=/nope/x\0cpuacct=/\0io=/nope/x\0"
		"memory=/nope/x";
	const struct sct_cgroup_sys sys = { all, "" };
	char root[] = "/tmp/sct-cgroup-XXXXXX", cmd[64], out[24];

	event_list_is(hybrid, all, "", exp_hybrid, sizeof(exp_hybrid));
	/* one v1 line for two; no cpuset in this kernel; the rest at "/" */
	event_list_is("2:cpu,cpuacct:/g\n", "cpu cpuacct blkio memory", "",
		      exp_v1, sizeof(exp_v1));
	event_list_is("4:memory:/1/2/3/4/5/6/7/8\n", "memory", "", exp_deep,
		      sizeof(exp_deep));
	event_list_is("4:memory:/1/2/3/4/5/6\n", "memory", "",
		      "memory=/1/2/3/4/5/6", 20);
	/* v2: the tree says where each controller is enabled */
	ck_assert_ptr_nonnull(mkdtemp(root));
	v2_dir(root, "/a", "cpu io memory pids");
	v2_dir(root, "/a/b", "memory pids");
	event_list_is("0::/a/b\n", all, root, exp_v2, sizeof(exp_v2));
	/* a cgroup not under the mount: its own path, as if enabled there */
	event_list_is("0::/nope/x\n", all, root, exp_unseen,
		      sizeof(exp_unseen));
	event_list_is("0::/\n", "memory", root, "memory=/", 9);
	/* whole items only */
	ck_assert_uint_eq(sct_cgroup_event_list(hybrid, &sys, out, sizeof(out)),
			  16);
	ck_assert_mem_eq(out, "cpuset=/\0cpu=/c", 16);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(test_net_inet)
{
	struct sct_fdinfo fi;
	static const uint8_t lo[4] = { 127, 0, 0, 1 };
	static const uint8_t peer[4] = { 10, 1, 2, 3 };

	ck_assert(!sct_procfd_parse_inet(
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n",
		0, 2, &fi));
	/* listening TCP: 127.0.0.1:8080 */
	ck_assert(sct_procfd_parse_inet(
		"   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 12345 1 0000000000000000 100 0 0 10 0\n",
		0, 2, &fi));
	ck_assert_uint_eq(fi.ino, 12345);
	ck_assert_uint_eq(fi.type, SCT_FD_IPV4_SERVSOCK);
	ck_assert_mem_eq(fi.sip, lo, 4);
	ck_assert_uint_eq(fi.sport, 8080);
	ck_assert_uint_eq(fi.l4proto, 2);
	/* connected TCP to 10.1.2.3:443 */
	ck_assert(sct_procfd_parse_inet(
		"   1: 0100007F:A000 0302010A:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 777 1 0000000000000000 20 4 30 10 -1\n",
		0, 2, &fi));
	ck_assert_uint_eq(fi.type, SCT_FD_IPV4_SOCK);
	ck_assert_mem_eq(fi.dip, peer, 4);
	ck_assert_uint_eq(fi.sport, 0xa000);
	ck_assert_uint_eq(fi.dport, 443);
	/* UDP without a peer: a server socket */
	ck_assert(sct_procfd_parse_inet(
		" 2: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 888 2 0000000000000000 0\n",
		0, 3, &fi));
	ck_assert_uint_eq(fi.type, SCT_FD_IPV4_SERVSOCK);
	ck_assert_uint_eq(fi.l4proto, 3);
	/* IPv6 ::1 (each 32-bit word in host order) */
	ck_assert(sct_procfd_parse_inet(
		"   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 999 1 0000000000000000 100 0 0 10 0\n",
		1, 2, &fi));
	ck_assert_uint_eq(fi.type, SCT_FD_IPV6_SERVSOCK);
	ck_assert_uint_eq(fi.sip[15], 1);
	ck_assert_uint_eq(fi.sip[0], 0);
	ck_assert_uint_eq(fi.sport, 22);
	/* a time-wait entry has inode 0: no fd holds it */
	ck_assert(!sct_procfd_parse_inet(
		"   3: 0100007F:A000 0302010A:01BB 06 00000000:00000000 03:00000F1A 00000000     0        0 0 3 0000000000000000\n",
		0, 2, &fi));
}
END_TEST

START_TEST(test_net_unix)
{
	char path[64];

	ck_assert(!sct_procfd_parse_unix(
		"Num       RefCount Protocol Flags    Type St Inode Path\n",
		23456, path, sizeof(path)));
	ck_assert(sct_procfd_parse_unix(
		"0000000000000000: 00000002 00000000 00010000 0001 01 23456 /run/a b.sock\n",
		23456, path, sizeof(path)));
	ck_assert_str_eq(path, "/run/a b.sock");
	ck_assert(sct_procfd_parse_unix(
		"0000000000000000: 00000003 00000000 00000000 0001 03 23457\n",
		23457, path, sizeof(path)));
	ck_assert_str_eq(path, "");
	ck_assert(!sct_procfd_parse_unix(
		"0000000000000000: 00000003 00000000 00000000 0001 03 23457\n",
		23456, path, sizeof(path)));
}
END_TEST

/* The one entry point on ourselves: the parts asked for, no others. */
START_TEST(test_read_self)
{
	struct sct_procinfo *pi = new_pi();
	pid_t me = getpid();

	ck_assert_int_eq(sct_proc_read(me, pi, SCT_PI_NEW | SCT_PI_STATUS), 0);
	ck_assert_int_eq(pi->pid, me);
	ck_assert_uint_eq(pi->uid, geteuid());
	ck_assert_int_eq(pi->ptid, getppid());
	ck_assert_str_eq(pi->cwd, "");
	ck_assert_uint_eq(pi->args_len, 0);
	ck_assert_int_eq(sct_proc_read(me, pi, SCT_PI_CWD | SCT_PI_CMDLINE), 0);
	ck_assert_str_ne(pi->cwd, "");
	ck_assert_str_ne(pi->exe, "");
	ck_assert_int_eq(sct_proc_tracer(me), pi->tracer);
	ck_assert_int_lt(sct_proc_read(0x7ffffff0, pi, SCT_PI_NEW), 0);
	free(pi);
}
END_TEST

static void on_sig(int sig)
{
	(void)sig;
}

/*
 * What a delivered signal does to a process: ignored (SIG_IGN, or a
 * default action of ignoring), ends it (with or without a core dump),
 * or runs on (caught, a stop signal); below 32 from stat, above from
 * status.
 */
START_TEST(test_sig_fate)
{
	static const int sigs[] = { SIGUSR2, SIGCHLD, SIGUSR1, SIGTERM,
				    SIGSEGV, SIGTSTP };
	struct sigaction sa = { .sa_handler = SIG_IGN }, old[8];
	pid_t me = getpid();
	unsigned i;

	for (i = 0; i < 6; i++)
		sigaction(sigs[i], NULL, &old[i]);
	sigaction(SIGRTMIN + 1, NULL, &old[6]);
	sigaction(SIGRTMIN + 2, NULL, &old[7]);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGTSTP, &sa, NULL);
	sigaction(SIGRTMIN + 2, &sa, NULL);
	sa.sa_handler = on_sig;
	sigaction(SIGTERM, &sa, NULL);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGUSR2), SCT_SIG_IGNORED);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGRTMIN + 1), SCT_SIG_IGNORED);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGCHLD), SCT_SIG_IGNORED);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGUSR1), SCT_SIG_KILLS);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGRTMIN + 2), SCT_SIG_KILLS);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGSEGV), SCT_SIG_DUMPS);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGTERM), SCT_SIG_RUNS);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGTSTP), SCT_SIG_RUNS);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGSTOP), SCT_SIG_RUNS);
	ck_assert_int_eq(sct_proc_sig_fate(me, 0), SCT_SIG_RUNS);
	ck_assert_int_eq(sct_proc_sig_fate(0x7ffffff0, SIGUSR1), SCT_SIG_RUNS);
	/* a caught one that was ignored: read again, not remembered */
	sigaction(SIGUSR2, &sa, NULL);
	ck_assert_int_eq(sct_proc_sig_fate(me, SIGUSR2), SCT_SIG_RUNS);
	for (i = 0; i < 6; i++)
		sigaction(sigs[i], &old[i], NULL);
	sigaction(SIGRTMIN + 1, &old[6], NULL);
	sigaction(SIGRTMIN + 2, &old[7], NULL);
}
END_TEST

/* field n (numbered as in proc(5), 4 or more) of a stat file */
static unsigned long long stat_field(const char *path, int n)
{
	unsigned long long v = 0;
	char buf[1024];
	const char *p;
	FILE *f = fopen(path, "r");
	int i;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(fgets(buf, sizeof(buf), f));
	fclose(f);
	p = strrchr(buf, ')') + 2;	/* the state, field 3 */
	for (i = 3; i < n; i++)
		p = strchr(p, ' ') + 1;
	ck_assert_int_eq(sscanf(p, "%llu", &v), 1);
	return v;
}

/* a stopped child's stat (field: 23 vsize, 24 rss) and statm (1: resident) */
static void child_counts(pid_t pid, unsigned long long *vsize,
			 unsigned long long *rss, unsigned long long *statm_rss)
{
	char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	*vsize = stat_field(path, 23);
	*rss = stat_field(path, 24);
	snprintf(path, sizeof(path), "/proc/%d/statm", pid);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%*u %llu", statm_rss), 1);
	fclose(f);
}

/*
 * The sizes an event carries are stat's: its RSS is the sum the driver
 * reads (the counters without what is still counted per CPU), where
 * statm and status add that in on recent kernels.  A stopped child that
 * touched 32 MiB, so that the two may differ.
 */
START_TEST(test_event_vm)
{
	struct sct_procinfo *pi = new_pi();
	unsigned long long vsize, rss, statm_rss, kb = (unsigned long long)
		sysconf(_SC_PAGESIZE) >> 10;
	uint32_t vm[3];
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		size_t n = 32u << 20, i;
		char *m = malloc(n);

		for (i = 0; m && i < n; i += 4096)
			m[i] = 1;
		raise(SIGSTOP);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, NULL, WUNTRACED), pid);
	child_counts(pid, &vsize, &rss, &statm_rss);
	ck_assert_uint_gt(rss, 8000);
	ck_assert_int_eq(sct_proc_vm(pid, vm), 0);
	/* (kB in 32 bits, as the driver's: ASan's shadow alone is 20 TiB) */
	ck_assert_uint_eq(vm[0], (uint32_t)(vsize >> 10));
	ck_assert_uint_eq(vm[1], rss * kb);
	ck_assert_int_eq(sct_proc_read(pid, pi, SCT_PI_NEW | SCT_PI_VM), 0);
	ck_assert_uint_eq(pi->ev_vmsize_kb, (uint32_t)(vsize >> 10));
	ck_assert_uint_eq(pi->ev_vmrss_kb, rss * kb);
	/* (the process list keeps status's, as libscap's scan of /proc) */
	ck_assert_int_eq(sct_proc_read(pid, pi, SCT_PI_STATUS), 0);
	ck_assert_uint_eq(pi->vmrss_kb, (uint32_t)(statm_rss * kb));
	ck_assert_uint_eq(pi->ev_vmrss_kb, rss * kb);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	free(pi);
}
END_TEST

static pid_t fault_tid;
static volatile int fault_done, fault_quit;

/* a thread that faults 64 pages in, then waits, faulting nothing */
static void *faulter(void *arg)
{
	char *m = mmap(NULL, 64 << 12, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int i;

	fault_tid = (pid_t)syscall(SYS_gettid);
	for (i = 0; m != MAP_FAILED && i < 64; i++)
		m[i << 12] = 1;
	fault_done = 1;
	while (!fault_quit)
		usleep(1000);
	munmap(m, 64 << 12);
	return arg;
}

/*
 * A thread's fault counters are its own, as the driver's (task->min_flt):
 * /proc/T/stat sums those of all the process's threads.
 */
START_TEST(test_thread_faults)
{
	struct sct_procinfo *pi = new_pi();
	unsigned long long own, all;
	char path[64];
	pthread_t t;

	fault_done = fault_quit = 0;
	ck_assert_int_eq(pthread_create(&t, NULL, faulter, NULL), 0);
	while (!fault_done)
		usleep(1000);
	snprintf(path, sizeof(path), "/proc/%d/task/%d/stat", getpid(),
		 fault_tid);
	own = stat_field(path, 10);	/* minflt */
	snprintf(path, sizeof(path), "/proc/%d/stat", fault_tid);
	all = stat_field(path, 10);
	ck_assert_uint_ge(own, 64);
	ck_assert_uint_gt(all, own);	/* the main thread's are in it */
	ck_assert_int_eq(sct_proc_read(fault_tid, pi, SCT_PI_NEW), 0);
	ck_assert_uint_eq(pi->pfminor, own);
	fault_quit = 1;
	pthread_join(t, NULL);
	free(pi);
}
END_TEST

/* env[len] (NUL-separated) with lib left out of LD_PRELOAD equals want */
static void strip_is(const char *env, size_t len, const char *want,
		     size_t want_len)
{
	char buf[256];
	size_t n;

	memcpy(buf, env, len);
	n = sct_proc_strip_preload(buf, len, "/lib/rec.so");
	ck_assert_uint_eq(n, want_len);
	ck_assert_mem_eq(buf, want, want_len);
}

#define STRIP(env, want) strip_is(env, sizeof(env) - 1, want, sizeof(want) - 1)

START_TEST(test_strip_preload)
{
	/* the whole variable, wherever it is */
	STRIP("A=1\0LD_PRELOAD=/lib/rec.so\0B=2\0", "A=1\0B=2\0");
	STRIP("LD_PRELOAD=/lib/rec.so\0B=2\0", "B=2\0");
	STRIP("A=1\0LD_PRELOAD=/lib/rec.so\0", "A=1\0");
	STRIP("A=1\0LD_PRELOAD=/lib/rec.so", "A=1\0");
	/* after the program's own: only it goes */
	STRIP("LD_PRELOAD=/x.so:/lib/rec.so\0", "LD_PRELOAD=/x.so\0");
	STRIP("A=1\0LD_PRELOAD=/x.so:/lib/rec.so\0B=2\0",
	      "A=1\0LD_PRELOAD=/x.so\0B=2\0");
	STRIP("LD_PRELOAD=:/lib/rec.so\0", "LD_PRELOAD=\0");
	STRIP("LD_PRELOAD=/x.so:/lib/rec.so", "LD_PRELOAD=/x.so");
	/* not ours: left alone */
	STRIP("LD_PRELOAD=/lib/rec.so:/x.so\0", "LD_PRELOAD=/lib/rec.so:/x.so\0");
	STRIP("LD_PRELOAD=/x.so:x/lib/rec.so\0", "LD_PRELOAD=/x.so:x/lib/rec.so\0");
	STRIP("LD_PRELOAD=/lib/rec.sox\0", "LD_PRELOAD=/lib/rec.sox\0");
	STRIP("XLD_PRELOAD=/lib/rec.so\0", "XLD_PRELOAD=/lib/rec.so\0");
	STRIP("LD_PRELOAD=/lib/rec\0", "LD_PRELOAD=/lib/rec\0");
	STRIP("A=1\0", "A=1\0");
	strip_is("", 0, "", 0);
}
END_TEST

Suite *sct_suite_proc(void);

Suite *sct_suite_proc(void)
{
	Suite *s = suite_create("proc");
	TCase *tc = tcase_create("parsers");

	tcase_add_test(tc, test_stat_comm_parens);
	tcase_add_test(tc, test_stat_kthread);
	tcase_add_test(tc, test_stat_bad);
	tcase_add_test(tc, test_status);
	tcase_add_test(tc, test_status_one_ns);
	tcase_add_test(tc, test_cgroup_v1);
	tcase_add_test(tc, test_cgroup_v2);
	tcase_add_test(tc, test_cgroup_full);
	tcase_add_test(tc, test_cgroup_events);
	tcase_add_test(tc, test_net_inet);
	tcase_add_test(tc, test_net_unix);
	tcase_add_test(tc, test_read_self);
	tcase_add_test(tc, test_sig_fate);
	tcase_add_test(tc, test_event_vm);
	tcase_add_test(tc, test_thread_faults);
	tcase_add_test(tc, test_strip_preload);
	suite_add_tcase(s, tc);
	return s;
}
