/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Linux syscall argument values -> PPM encodings of the 2022 scap schema. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "ppm_flags.h"

#include <stddef.h>

/*
 * The kernel's own (UAPI) headers give the values the tracee really passes,
 * which the C library's headers do not always do (glibc defines O_LARGEFILE
 * as 0 on 64-bit targets, and F_GETLK as F_GETLK64 with 64-bit file offsets).
 * The UAPI headers that clash with their glibc counterparts (fcntl, mman,
 * poll, ptrace) are used instead of those, never together with them.
 */
#include <linux/fcntl.h>
#include <linux/futex.h>
#include <linux/mman.h>
#include <linux/poll.h>
#include <linux/ptrace.h>
#include <linux/quota.h>
#include <linux/dqblk_xfs.h>
#include <linux/sched.h>

#include <sys/ipc.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

/*
 * Fallbacks for constants that older or other headers may lack.  The values
 * are the generic Linux ABI ones, which x86_64, aarch64 and arm all use.
 */
#ifndef O_TMPFILE
#define O_TMPFILE	(020000000 | O_DIRECTORY)
#endif
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH	0x1000
#endif
#ifndef AT_SYMLINK_FOLLOW
#define AT_SYMLINK_FOLLOW	0x400
#endif
#ifndef AT_SYMLINK_NOFOLLOW
#define AT_SYMLINK_NOFOLLOW	0x100
#endif
#ifndef AT_REMOVEDIR
#define AT_REMOVEDIR	0x200
#endif
#ifndef AT_FDCWD
#define AT_FDCWD	(-100)
#endif
#ifndef RESOLVE_NO_XDEV
#define RESOLVE_NO_XDEV		0x01
#endif
#ifndef RESOLVE_NO_MAGICLINKS
#define RESOLVE_NO_MAGICLINKS	0x02
#endif
#ifndef RESOLVE_NO_SYMLINKS
#define RESOLVE_NO_SYMLINKS	0x04
#endif
#ifndef RESOLVE_BENEATH
#define RESOLVE_BENEATH		0x08
#endif
#ifndef RESOLVE_IN_ROOT
#define RESOLVE_IN_ROOT		0x10
#endif
#ifndef RESOLVE_CACHED
#define RESOLVE_CACHED		0x20
#endif
#ifndef CLONE_NEWCGROUP
#define CLONE_NEWCGROUP	0x02000000
#endif
#ifndef F_SETOWN_EX
#define F_SETOWN_EX	15
#endif
#ifndef F_GETOWN_EX
#define F_GETOWN_EX	16
#endif
#ifndef F_OFD_GETLK
#define F_OFD_GETLK	36
#endif
#ifndef F_OFD_SETLK
#define F_OFD_SETLK	37
#endif
#ifndef F_OFD_SETLKW
#define F_OFD_SETLKW	38
#endif
#ifndef F_DUPFD_CLOEXEC
#define F_DUPFD_CLOEXEC	1030
#endif
#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ	1031
#endif
#ifndef F_GETPIPE_SZ
#define F_GETPIPE_SZ	1032
#endif
#ifndef POLLRDHUP
#define POLLRDHUP	0x2000
#endif
#ifndef SOL_TCP
#define SOL_TCP		6
#endif
#ifndef RLIMIT_RTTIME
#define RLIMIT_RTTIME	15
#endif
#ifndef SEM_STAT
#define SEM_STAT	18
#endif
#ifndef SEM_INFO
#define SEM_INFO	19
#endif
#ifndef IPC_INFO
#define IPC_INFO	3
#endif
#ifndef QFMT_VFS_V1
#define QFMT_VFS_V1	4
#endif

/*
 * The 32-bit record-lock commands.  On 64-bit builds the UAPI header leaves
 * them out (and glibc makes them alias F_GETLK...), but a 64-bit sctrace
 * also traces 32-bit tasks, which do pass them.
 */
#if defined(F_GETLK64) && F_GETLK64 != F_GETLK
#define SCT_F_GETLK64	F_GETLK64
#define SCT_F_SETLK64	F_SETLK64
#define SCT_F_SETLKW64	F_SETLKW64
#else
#define SCT_F_GETLK64	12
#define SCT_F_SETLK64	13
#define SCT_F_SETLKW64	14
#endif

/* glibc may OR this into the semctl command; the kernel strips it */
#ifndef IPC_64
#define IPC_64		0x0100
#endif

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * One entry of a translation table: a Linux value (or set of bits) and the
 * PPM value (or bits) it stands for.
 */
struct sct_xlat {
	uint64_t linux_val;
	uint32_t ppm_val;
};

/*
 * Bit sets: the PPM bits of every entry whose Linux bits are all present.
 * Testing all the bits matters for the flags made of several bits (O_SYNC
 * contains O_DSYNC, O_TMPFILE contains O_DIRECTORY).
 */
static uint32_t xlat_bits(const struct sct_xlat *t, size_t n, uint64_t v)
{
	uint32_t res = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].linux_val && (v & t[i].linux_val) == t[i].linux_val)
			res |= t[i].ppm_val;
	return res;
}

/* Enumerations: the PPM value of the first entry equal to v, else dflt. */
static uint32_t xlat_value(const struct sct_xlat *t, size_t n, uint64_t v,
			   uint32_t dflt)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].linux_val == v)
			return t[i].ppm_val;
	return dflt;
}

/* --- files ------------------------------------------------------------ */

static const struct sct_xlat open_flag_bits[] = {
	{ O_CREAT,	SCT_PPM_O_CREAT },
	{ O_TMPFILE,	SCT_PPM_O_TMPFILE },
	{ O_APPEND,	SCT_PPM_O_APPEND },
	{ O_DSYNC,	SCT_PPM_O_DSYNC },
	{ O_EXCL,	SCT_PPM_O_EXCL },
	{ O_NONBLOCK,	SCT_PPM_O_NONBLOCK },
	{ O_SYNC,	SCT_PPM_O_SYNC },
	{ O_TRUNC,	SCT_PPM_O_TRUNC },
	{ O_DIRECT,	SCT_PPM_O_DIRECT },
	{ O_DIRECTORY,	SCT_PPM_O_DIRECTORY },
	{ O_LARGEFILE,	SCT_PPM_O_LARGEFILE },
	{ O_CLOEXEC,	SCT_PPM_O_CLOEXEC },
};

uint32_t sct_ppm_open_flags(uint64_t linux_flags)
{
	uint32_t res;

	/* the access mode is a 2-bit number, not flags */
	switch (linux_flags & O_ACCMODE) {
	case O_WRONLY:
		res = SCT_PPM_O_WRONLY;
		break;
	case O_RDWR:
		res = SCT_PPM_O_RDWR;
		break;
	default:
		res = SCT_PPM_O_RDONLY;
		break;
	}
	return res | xlat_bits(open_flag_bits, ARRAY_LEN(open_flag_bits),
			       linux_flags);
}

static const struct sct_xlat mode_bits[] = {
	{ S_IRUSR,	SCT_PPM_S_IRUSR },
	{ S_IWUSR,	SCT_PPM_S_IWUSR },
	{ S_IXUSR,	SCT_PPM_S_IXUSR },
	{ S_IRGRP,	SCT_PPM_S_IRGRP },
	{ S_IWGRP,	SCT_PPM_S_IWGRP },
	{ S_IXGRP,	SCT_PPM_S_IXGRP },
	{ S_IROTH,	SCT_PPM_S_IROTH },
	{ S_IWOTH,	SCT_PPM_S_IWOTH },
	{ S_IXOTH,	SCT_PPM_S_IXOTH },
	{ S_ISUID,	SCT_PPM_S_ISUID },
	{ S_ISGID,	SCT_PPM_S_ISGID },
	{ S_ISVTX,	SCT_PPM_S_ISVTX },
};

uint32_t sct_ppm_mode(uint64_t mode)
{
	return xlat_bits(mode_bits, ARRAY_LEN(mode_bits), mode);
}

uint32_t sct_ppm_open_mode(uint64_t linux_flags, uint64_t mode)
{
	/*
	 * Only a creating open has a mode; otherwise the register holds
	 * whatever was there.  (The 2022 driver tested the O_TMPFILE mask
	 * loosely, so it also translated the mode of a plain O_DIRECTORY open;
	 * glibc passes 0 there anyway.)
	 */
	if (!(linux_flags & O_CREAT) &&
	    (linux_flags & O_TMPFILE) != O_TMPFILE)
		return 0;
	return sct_ppm_mode(mode);
}

uint32_t sct_ppm_creat_mode(uint64_t mode)
{
	return sct_ppm_mode(mode);
}

static const struct sct_xlat resolve_bits[] = {
	{ RESOLVE_NO_XDEV,	1u << 4 },
	{ RESOLVE_NO_MAGICLINKS, 1u << 2 },
	{ RESOLVE_NO_SYMLINKS,	1u << 3 },
	{ RESOLVE_BENEATH,	1u << 0 },
	{ RESOLVE_IN_ROOT,	1u << 1 },
	{ RESOLVE_CACHED,	1u << 5 },
};

uint32_t sct_ppm_openat2_resolve(uint64_t resolve)
{
	return xlat_bits(resolve_bits, ARRAY_LEN(resolve_bits), resolve);
}

static const struct sct_xlat access_bits[] = {
	{ X_OK,	1u << 0 },
	{ W_OK,	1u << 1 },
	{ R_OK,	1u << 2 },
};

uint32_t sct_ppm_access_mode(uint64_t mode)
{
	/* F_OK (0) is PPM_F_OK (0) */
	return xlat_bits(access_bits, ARRAY_LEN(access_bits), mode);
}

uint32_t sct_ppm_unlinkat_flags(uint64_t flags)
{
	/* PPM_AT_REMOVEDIR */
	return (flags & AT_REMOVEDIR) ? 0x200 : 0;
}

uint32_t sct_ppm_linkat_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & AT_SYMLINK_FOLLOW)
		res |= 0x400;		/* PPM_AT_SYMLINK_FOLLOW */
	if (flags & AT_EMPTY_PATH)
		res |= 0x1000;		/* PPM_AT_EMPTY_PATH */
	return res;
}

uint32_t sct_ppm_execveat_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & AT_EMPTY_PATH)
		res |= 1u << 0;		/* PPM_EXVAT_AT_EMPTY_PATH */
	if (flags & AT_SYMLINK_NOFOLLOW)
		res |= 1u << 1;		/* PPM_EXVAT_AT_SYMLINK_NOFOLLOW */
	return res;
}

uint32_t sct_ppm_renameat2_flags(uint64_t flags)
{
	return (uint32_t)flags;
}

static const struct sct_xlat whence_values[] = {
	{ SEEK_SET,	0 },
	{ SEEK_CUR,	1 },
	{ SEEK_END,	2 },
};

uint8_t sct_ppm_lseek_whence(uint64_t whence)
{
	return (uint8_t)xlat_value(whence_values, ARRAY_LEN(whence_values),
				   whence, 0);
}

static const struct sct_xlat fcntl_values[] = {
	{ F_DUPFD,		1 },
	{ F_GETFD,		2 },
	{ F_SETFD,		3 },
	{ F_GETFL,		4 },
	{ F_SETFL,		5 },
	{ F_GETLK,		6 },
	{ F_SETLK,		8 },
	{ F_SETLKW,		9 },
	{ F_SETOWN,		10 },
	{ F_GETOWN,		12 },
	{ F_SETSIG,		13 },
	{ F_GETSIG,		15 },
	{ SCT_F_GETLK64,	17 },
	{ SCT_F_SETLK64,	18 },
	{ SCT_F_SETLKW64,	19 },
	{ F_SETOWN_EX,		21 },
	{ F_GETOWN_EX,		22 },
	{ F_SETLEASE,		23 },
	{ F_GETLEASE,		24 },
	{ F_CANCELLK,		25 },
	{ F_DUPFD_CLOEXEC,	26 },
	{ F_NOTIFY,		27 },
	{ F_SETPIPE_SZ,		28 },
	{ F_GETPIPE_SZ,		29 },
	{ F_OFD_GETLK,		30 },
	{ F_OFD_SETLK,		31 },
	{ F_OFD_SETLKW,		32 },
};

uint8_t sct_ppm_fcntl_cmd(uint64_t cmd)
{
	/* PPM_FCNTL_UNKNOWN is 0 */
	return (uint8_t)xlat_value(fcntl_values, ARRAY_LEN(fcntl_values),
				   cmd, 0);
}

static const struct sct_xlat flock_bits[] = {
	{ LOCK_SH,	1u << 0 },
	{ LOCK_EX,	1u << 1 },
	{ LOCK_NB,	1u << 2 },
	{ LOCK_UN,	1u << 3 },
};

uint32_t sct_ppm_flock_flags(uint64_t op)
{
	return xlat_bits(flock_bits, ARRAY_LEN(flock_bits), op);
}

int64_t sct_ppm_dirfd(uint64_t fd)
{
	if ((int32_t)fd == AT_FDCWD)
		return SCT_PPM_AT_FDCWD;
	return (int64_t)fd;
}

/* --- processes and memory --------------------------------------------- */

static const struct sct_xlat clone_bits[] = {
	{ CLONE_FILES,		SCT_PPM_CL_CLONE_FILES },
	{ CLONE_FS,		SCT_PPM_CL_CLONE_FS },
	{ CLONE_IO,		SCT_PPM_CL_CLONE_IO },
	{ CLONE_NEWIPC,		SCT_PPM_CL_CLONE_NEWIPC },
	{ CLONE_NEWNET,		SCT_PPM_CL_CLONE_NEWNET },
	{ CLONE_NEWNS,		SCT_PPM_CL_CLONE_NEWNS },
	{ CLONE_NEWPID,		SCT_PPM_CL_CLONE_NEWPID },
	{ CLONE_NEWUTS,		SCT_PPM_CL_CLONE_NEWUTS },
	{ CLONE_PARENT_SETTID,	SCT_PPM_CL_CLONE_PARENT_SETTID },
	{ CLONE_PARENT,		SCT_PPM_CL_CLONE_PARENT },
	{ CLONE_PTRACE,		SCT_PPM_CL_CLONE_PTRACE },
	{ CLONE_SIGHAND,	SCT_PPM_CL_CLONE_SIGHAND },
	{ CLONE_SYSVSEM,	SCT_PPM_CL_CLONE_SYSVSEM },
	{ CLONE_THREAD,		SCT_PPM_CL_CLONE_THREAD },
	{ CLONE_UNTRACED,	SCT_PPM_CL_CLONE_UNTRACED },
	{ CLONE_VM,		SCT_PPM_CL_CLONE_VM },
	{ CLONE_NEWUSER,	SCT_PPM_CL_CLONE_NEWUSER },
	{ CLONE_CHILD_CLEARTID,	SCT_PPM_CL_CLONE_CHILD_CLEARTID },
	{ CLONE_CHILD_SETTID,	SCT_PPM_CL_CLONE_CHILD_SETTID },
	{ CLONE_SETTLS,		SCT_PPM_CL_CLONE_SETTLS },
#ifdef CLONE_STOPPED
	{ CLONE_STOPPED,	SCT_PPM_CL_CLONE_STOPPED },
#endif
	{ CLONE_VFORK,		SCT_PPM_CL_CLONE_VFORK },
	{ CLONE_NEWCGROUP,	SCT_PPM_CL_CLONE_NEWCGROUP },
};

uint32_t sct_ppm_clone_flags(uint64_t linux_flags)
{
	return xlat_bits(clone_bits, ARRAY_LEN(clone_bits), linux_flags);
}

static const struct sct_xlat prot_bits[] = {
	{ PROT_READ,		1u << 0 },
	{ PROT_WRITE,		1u << 1 },
	{ PROT_EXEC,		1u << 2 },
#ifdef PROT_SEM
	{ PROT_SEM,		1u << 3 },
#endif
	{ PROT_GROWSDOWN,	1u << 4 },
	{ PROT_GROWSUP,		1u << 5 },
#ifdef PROT_SAO
	{ PROT_SAO,		1u << 6 },
#endif
};

uint32_t sct_ppm_prot_flags(uint64_t prot)
{
	return xlat_bits(prot_bits, ARRAY_LEN(prot_bits), prot);
}

/* MAP_FILE is 0 on Linux, so PPM_MAP_FILE (1 << 13) never shows up */
static const struct sct_xlat mmap_bits[] = {
	{ MAP_SHARED,		1u << 0 },
	{ MAP_PRIVATE,		1u << 1 },
	{ MAP_FIXED,		1u << 2 },
	{ MAP_ANONYMOUS,	1u << 3 },
#ifdef MAP_32BIT
	{ MAP_32BIT,		1u << 4 },
#endif
#ifdef MAP_RENAME
	{ MAP_RENAME,		1u << 5 },
#endif
	{ MAP_NORESERVE,	1u << 6 },
	{ MAP_POPULATE,		1u << 7 },
	{ MAP_NONBLOCK,		1u << 8 },
	{ MAP_GROWSDOWN,	1u << 9 },
	{ MAP_DENYWRITE,	1u << 10 },
	{ MAP_EXECUTABLE,	1u << 11 },
#ifdef MAP_INHERIT
	{ MAP_INHERIT,		1u << 12 },
#endif
#ifdef MAP_FILE
	{ MAP_FILE,		1u << 13 },
#endif
	{ MAP_LOCKED,		1u << 14 },
};

uint32_t sct_ppm_mmap_flags(uint64_t flags)
{
	/* MAP_SHARED_VALIDATE (3) has both type bits: shared and private */
	return xlat_bits(mmap_bits, ARRAY_LEN(mmap_bits), flags);
}

/* the commands 0..12 have the same numbers in PPM_FU_* */
static const struct sct_xlat futex_cmds[] = {
	{ FUTEX_WAIT,		0 },
	{ FUTEX_WAKE,		1 },
	{ FUTEX_FD,		2 },
	{ FUTEX_REQUEUE,	3 },
	{ FUTEX_CMP_REQUEUE,	4 },
	{ FUTEX_WAKE_OP,	5 },
	{ FUTEX_LOCK_PI,	6 },
	{ FUTEX_UNLOCK_PI,	7 },
	{ FUTEX_TRYLOCK_PI,	8 },
	{ FUTEX_WAIT_BITSET,	9 },
	{ FUTEX_WAKE_BITSET,	10 },
	{ FUTEX_WAIT_REQUEUE_PI, 11 },
	{ FUTEX_CMP_REQUEUE_PI,	12 },
};

uint16_t sct_ppm_futex_op(uint64_t op)
{
	uint16_t res;

	/* the command is the low 7 bits; others (FUTEX_LOCK_PI2...) -> 0 */
	res = (uint16_t)xlat_value(futex_cmds, ARRAY_LEN(futex_cmds),
				   op & 127, 0);
	if (op & FUTEX_PRIVATE_FLAG)
		res |= 128;		/* PPM_FU_FUTEX_PRIVATE_FLAG */
	if (op & FUTEX_CLOCK_REALTIME)
		res |= 256;		/* PPM_FU_FUTEX_CLOCK_REALTIME */
	return res;
}

/*
 * Requests that only some architectures have are taken from the headers of
 * the architecture sctrace is built for.
 */
static const struct sct_xlat ptrace_values[] = {
	{ PTRACE_TRACEME,	1 },
	{ PTRACE_PEEKTEXT,	2 },
	{ PTRACE_PEEKDATA,	3 },
	{ PTRACE_PEEKUSR,	4 },
	{ PTRACE_POKETEXT,	5 },
	{ PTRACE_POKEDATA,	6 },
	{ PTRACE_POKEUSR,	7 },
	{ PTRACE_CONT,		8 },
	{ PTRACE_KILL,		9 },
	{ PTRACE_SINGLESTEP,	10 },
	{ PTRACE_ATTACH,	11 },
	{ PTRACE_DETACH,	12 },
	{ PTRACE_SYSCALL,	13 },
	{ PTRACE_SETOPTIONS,	14 },
	{ PTRACE_GETEVENTMSG,	15 },
	{ PTRACE_GETSIGINFO,	16 },
	{ PTRACE_SETSIGINFO,	17 },
#ifdef PTRACE_GETREGSET
	{ PTRACE_GETREGSET,	18 },
#endif
#ifdef PTRACE_SETREGSET
	{ PTRACE_SETREGSET,	19 },
#endif
#ifdef PTRACE_SEIZE
	{ PTRACE_SEIZE,		20 },
#endif
#ifdef PTRACE_INTERRUPT
	{ PTRACE_INTERRUPT,	21 },
#endif
#ifdef PTRACE_LISTEN
	{ PTRACE_LISTEN,	22 },
#endif
#ifdef PTRACE_PEEKSIGINFO
	{ PTRACE_PEEKSIGINFO,	23 },
#endif
#ifdef PTRACE_GETSIGMASK
	{ PTRACE_GETSIGMASK,	24 },
#endif
#ifdef PTRACE_SETSIGMASK
	{ PTRACE_SETSIGMASK,	25 },
#endif
#ifdef PTRACE_GETREGS
	{ PTRACE_GETREGS,	26 },
#endif
#ifdef PTRACE_SETREGS
	{ PTRACE_SETREGS,	27 },
#endif
#ifdef PTRACE_GETFPREGS
	{ PTRACE_GETFPREGS,	28 },
#endif
#ifdef PTRACE_SETFPREGS
	{ PTRACE_SETFPREGS,	29 },
#endif
#ifdef PTRACE_GETFPXREGS
	{ PTRACE_GETFPXREGS,	30 },
#endif
#ifdef PTRACE_SETFPXREGS
	{ PTRACE_SETFPXREGS,	31 },
#endif
#ifdef PTRACE_OLDSETOPTIONS
	{ PTRACE_OLDSETOPTIONS,	32 },
#endif
#ifdef PTRACE_GET_THREAD_AREA
	{ PTRACE_GET_THREAD_AREA, 33 },
#endif
#ifdef PTRACE_SET_THREAD_AREA
	{ PTRACE_SET_THREAD_AREA, 34 },
#endif
#ifdef PTRACE_ARCH_PRCTL
	{ PTRACE_ARCH_PRCTL,	35 },
#endif
#ifdef PTRACE_SYSEMU
	{ PTRACE_SYSEMU,	36 },
#endif
#ifdef PTRACE_SYSEMU_SINGLESTEP
	{ PTRACE_SYSEMU_SINGLESTEP, 37 },
#endif
#ifdef PTRACE_SINGLEBLOCK
	{ PTRACE_SINGLEBLOCK,	38 },
#endif
};

uint16_t sct_ppm_ptrace_request(uint64_t req)
{
	/* PPM_PTRACE_UNKNOWN is 0 */
	return (uint16_t)xlat_value(ptrace_values, ARRAY_LEN(ptrace_values),
				    req, 0);
}

uint8_t sct_ppm_rlimit_resource(uint64_t resource)
{
	/* PPM_RLIMIT_* are the generic RLIMIT_* numbers 0..15 */
	static const struct sct_xlat rlimits[] = {
		{ RLIMIT_CPU,		0 },
		{ RLIMIT_FSIZE,		1 },
		{ RLIMIT_DATA,		2 },
		{ RLIMIT_STACK,		3 },
		{ RLIMIT_CORE,		4 },
		{ RLIMIT_RSS,		5 },
		{ RLIMIT_NPROC,		6 },
		{ RLIMIT_NOFILE,	7 },
		{ RLIMIT_MEMLOCK,	8 },
		{ RLIMIT_AS,		9 },
		{ RLIMIT_LOCKS,		10 },
		{ RLIMIT_SIGPENDING,	11 },
		{ RLIMIT_MSGQUEUE,	12 },
		{ RLIMIT_NICE,		13 },
		{ RLIMIT_RTPRIO,	14 },
		{ RLIMIT_RTTIME,	15 },
	};

	/* PPM_RLIMIT_UNKNOWN is 255 */
	return (uint8_t)xlat_value(rlimits, ARRAY_LEN(rlimits), resource, 255);
}

uint32_t sct_ppm_mount_flags(uint64_t flags)
{
	/* PPM_MS_* are the MS_* bits; old callers put 0xC0ED in the top half */
	if ((flags & 0xffff0000u) == 0xc0ed0000u)
		flags &= ~(uint64_t)0xffff0000u;
	return (uint32_t)flags;
}

uint32_t sct_ppm_umount_flags(uint64_t flags)
{
	return (uint32_t)flags;
}

/* --- sockets, polling, IPC -------------------------------------------- */

static const struct sct_xlat af_values[] = {
	{ AF_UNSPEC,	SCT_PPM_AF_UNSPEC },
	{ AF_UNIX,	SCT_PPM_AF_UNIX },
	{ AF_INET,	SCT_PPM_AF_INET },
	{ AF_AX25,	SCT_PPM_AF_AX25 },
	{ AF_IPX,	SCT_PPM_AF_IPX },
	{ AF_APPLETALK,	SCT_PPM_AF_APPLETALK },
	{ AF_NETROM,	SCT_PPM_AF_NETROM },
	{ AF_BRIDGE,	SCT_PPM_AF_BRIDGE },
	{ AF_ATMPVC,	SCT_PPM_AF_ATMPVC },
	{ AF_X25,	SCT_PPM_AF_X25 },
	{ AF_INET6,	SCT_PPM_AF_INET6 },
	{ AF_ROSE,	SCT_PPM_AF_ROSE },
	{ AF_DECnet,	SCT_PPM_AF_DECnet },
	{ AF_NETBEUI,	SCT_PPM_AF_NETBEUI },
	{ AF_SECURITY,	SCT_PPM_AF_SECURITY },
	{ AF_KEY,	SCT_PPM_AF_KEY },
	{ AF_NETLINK,	SCT_PPM_AF_NETLINK },
	{ AF_PACKET,	SCT_PPM_AF_PACKET },
	{ AF_ASH,	SCT_PPM_AF_ASH },
	{ AF_ECONET,	SCT_PPM_AF_ECONET },
	{ AF_ATMSVC,	SCT_PPM_AF_ATMSVC },
	{ AF_RDS,	SCT_PPM_AF_RDS },
	{ AF_SNA,	SCT_PPM_AF_SNA },
	{ AF_IRDA,	SCT_PPM_AF_IRDA },
	{ AF_PPPOX,	SCT_PPM_AF_PPPOX },
	{ AF_WANPIPE,	SCT_PPM_AF_WANPIPE },
	{ AF_LLC,	SCT_PPM_AF_LLC },
	{ AF_CAN,	SCT_PPM_AF_CAN },
	{ AF_TIPC,	SCT_PPM_AF_TIPC },
	{ AF_BLUETOOTH,	SCT_PPM_AF_BLUETOOTH },
	{ AF_IUCV,	SCT_PPM_AF_IUCV },
	{ AF_RXRPC,	SCT_PPM_AF_RXRPC },
	{ AF_ISDN,	SCT_PPM_AF_ISDN },
	{ AF_PHONET,	SCT_PPM_AF_PHONET },
	{ AF_IEEE802154, SCT_PPM_AF_IEEE802154 },
	{ AF_CAIF,	SCT_PPM_AF_CAIF },
	{ AF_ALG,	SCT_PPM_AF_ALG },
	{ AF_NFC,	SCT_PPM_AF_NFC },
};

uint32_t sct_ppm_socket_family(uint64_t af)
{
	/* the driver looked at the low byte only (sa_family_t fits in it) */
	return xlat_value(af_values, ARRAY_LEN(af_values), af & 0xff,
			  SCT_PPM_AF_UNSPEC);
}

uint8_t sct_ppm_shutdown_how(uint64_t how)
{
	static const struct sct_xlat shut_values[] = {
		{ SHUT_RD,	0 },
		{ SHUT_WR,	1 },
		{ SHUT_RDWR,	2 },
	};

	/* anything else was written as it came, truncated */
	return (uint8_t)xlat_value(shut_values, ARRAY_LEN(shut_values), how,
			  (uint8_t)how);
}

uint8_t sct_ppm_sockopt_level(uint64_t level)
{
	if (level == SOL_SOCKET)
		return 1;		/* PPM_SOCKOPT_LEVEL_SOL_SOCKET */
	if (level == SOL_TCP)
		return 2;		/* PPM_SOCKOPT_LEVEL_SOL_TCP */
	return 0;
}

/*
 * SOL_SOCKET options: the PPM number and the type the driver read the value
 * as.  The PPM numbers are the Linux ones up to SO_ATTACH_BPF; the last
 * three differ.  The _OLD and _NEW numbers of the time options both count
 * as the option (the 64-bit 2022 driver only knew the _OLD ones).
 */
struct sct_sockopt {
	int optname;
	uint8_t ppm;
	uint8_t idx;
};

#define U32	SCT_PPM_SOCKOPT_IDX_UINT32
#define RAW	SCT_PPM_SOCKOPT_IDX_UNKNOWN

static const struct sct_sockopt sockopts[] = {
	{ SO_DEBUG,			1,  U32 },
	{ SO_REUSEADDR,			2,  U32 },
	{ SO_TYPE,			3,  U32 },
	{ SO_ERROR,			4,  SCT_PPM_SOCKOPT_IDX_ERRNO },
	{ SO_DONTROUTE,			5,  U32 },
	{ SO_BROADCAST,			6,  U32 },
	{ SO_SNDBUF,			7,  U32 },
	{ SO_RCVBUF,			8,  U32 },
	{ SO_SNDBUFFORCE,		32, U32 },
	{ SO_RCVBUFFORCE,		33, U32 },
	{ SO_KEEPALIVE,			9,  U32 },
	{ SO_OOBINLINE,			10, U32 },
	{ SO_NO_CHECK,			11, U32 },
	{ SO_PRIORITY,			12, U32 },
	{ SO_LINGER,			13, RAW },
	{ SO_BSDCOMPAT,			14, U32 },
	{ SO_REUSEPORT,			15, U32 },
	{ SO_PASSCRED,			16, U32 },
	{ SO_PEERCRED,			17, RAW },
	{ SO_RCVLOWAT,			18, U32 },
	{ SO_SNDLOWAT,			19, U32 },
#ifdef SO_RCVTIMEO_OLD
	{ SO_RCVTIMEO_OLD,		20, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO_OLD,		21, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_RCVTIMEO_NEW,		20, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO_NEW,		21, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
#else
	{ SO_RCVTIMEO,			20, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO,			21, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
#endif
	{ SO_SECURITY_AUTHENTICATION,	22, U32 },
	{ SO_SECURITY_ENCRYPTION_TRANSPORT, 23, U32 },
	{ SO_SECURITY_ENCRYPTION_NETWORK, 24, U32 },
	{ SO_BINDTODEVICE,		25, U32 },
	{ SO_ATTACH_FILTER,		26, RAW },
	{ SO_DETACH_FILTER,		27, U32 },
	{ SO_PEERNAME,			28, RAW },
#ifdef SO_TIMESTAMP_OLD
	{ SO_TIMESTAMP_OLD,		29, U32 },
	{ SO_TIMESTAMP_NEW,		29, U32 },
#else
	{ SO_TIMESTAMP,			29, U32 },
#endif
	{ SO_ACCEPTCONN,		30, U32 },
	{ SO_PEERSEC,			31, U32 },
	{ SO_PASSSEC,			34, U32 },
#ifdef SO_TIMESTAMPNS_OLD
	{ SO_TIMESTAMPNS_OLD,		35, U32 },
	{ SO_TIMESTAMPNS_NEW,		35, U32 },
#else
	{ SO_TIMESTAMPNS,		35, U32 },
#endif
	{ SO_MARK,			36, U32 },
#ifdef SO_TIMESTAMPING_OLD
	{ SO_TIMESTAMPING_OLD,		37, U32 },
	{ SO_TIMESTAMPING_NEW,		37, U32 },
#else
	{ SO_TIMESTAMPING,		37, U32 },
#endif
	{ SO_PROTOCOL,			38, U32 },
	{ SO_DOMAIN,			39, U32 },
	{ SO_RXQ_OVFL,			40, U32 },
	{ SO_WIFI_STATUS,		41, U32 },
	{ SO_PEEK_OFF,			42, U32 },
	{ SO_NOFCS,			43, U32 },
	{ SO_LOCK_FILTER,		44, U32 },
	{ SO_SELECT_ERR_QUEUE,		45, U32 },
	{ SO_BUSY_POLL,			46, U32 },
	{ SO_MAX_PACING_RATE,		47, U32 },
	{ SO_BPF_EXTENSIONS,		48, U32 },
	{ SO_INCOMING_CPU,		49, U32 },
	{ SO_ATTACH_BPF,		50, RAW },
	{ SO_PEERGROUPS,		51, RAW },
	{ SO_MEMINFO,			52, RAW },
	{ SO_COOKIE,			53, SCT_PPM_SOCKOPT_IDX_UINT64 },
};

#undef U32
#undef RAW

static const struct sct_sockopt *find_sockopt(uint64_t level, uint64_t optname)
{
	size_t i;

	if (level != SOL_SOCKET)
		return NULL;
	for (i = 0; i < ARRAY_LEN(sockopts); i++)
		if ((uint64_t)sockopts[i].optname == optname)
			return &sockopts[i];
	return NULL;
}

uint8_t sct_ppm_sockopt_optname(uint64_t level, uint64_t optname)
{
	const struct sct_sockopt *o = find_sockopt(level, optname);

	/* PPM_SOCKOPT_UNKNOWN is 0 */
	return o ? o->ppm : 0;
}

uint8_t sct_ppm_sockopt_val_idx(uint64_t level, uint64_t optname)
{
	const struct sct_sockopt *o = find_sockopt(level, optname);

	return o ? o->idx : SCT_PPM_SOCKOPT_IDX_UNKNOWN;
}

static const struct sct_xlat poll_bits[] = {
	{ POLLIN,	1u << 0 },
	{ POLLPRI,	1u << 1 },
	{ POLLOUT,	1u << 2 },
	{ POLLRDHUP,	1u << 3 },
	{ POLLERR,	1u << 4 },
	{ POLLHUP,	1u << 5 },
	{ POLLNVAL,	1u << 6 },
	{ POLLRDNORM,	1u << 7 },
	{ POLLRDBAND,	1u << 8 },
	{ POLLWRNORM,	1u << 9 },
	{ POLLWRBAND,	1u << 10 },
};

uint16_t sct_ppm_poll_events(uint64_t events)
{
	return (uint16_t)xlat_bits(poll_bits, ARRAY_LEN(poll_bits), events);
}

uint16_t sct_ppm_semop_flags(uint64_t flags)
{
	uint16_t res = 0;

	if (flags & IPC_NOWAIT)
		res |= 1u << 0;		/* PPM_IPC_NOWAIT */
	if (flags & SEM_UNDO)
		res |= 1u << 1;		/* PPM_SEM_UNDO */
	return res;
}

uint32_t sct_ppm_semget_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & IPC_CREAT)
		res |= 1u << 13;	/* PPM_IPC_CREAT */
	if (flags & IPC_EXCL)
		res |= 1u << 14;	/* PPM_IPC_EXCL */
	return res;
}

static const struct sct_xlat semctl_values[] = {
	{ IPC_STAT,	1u << 0 },
	{ IPC_SET,	1u << 1 },
	{ IPC_RMID,	1u << 2 },
	{ IPC_INFO,	1u << 3 },
	{ SEM_INFO,	1u << 4 },
	{ SEM_STAT,	1u << 5 },
	{ GETALL,	1u << 6 },
	{ GETNCNT,	1u << 7 },
	{ GETPID,	1u << 8 },
	{ GETVAL,	1u << 9 },
	{ GETZCNT,	1u << 10 },
	{ SETALL,	1u << 11 },
	{ SETVAL,	1u << 12 },
};

uint16_t sct_ppm_semctl_cmd(uint64_t cmd)
{
	return (uint16_t)xlat_value(semctl_values, ARRAY_LEN(semctl_values),
			  cmd & ~(uint64_t)IPC_64, 0);
}

static const struct sct_xlat quotactl_cmds[] = {
	{ Q_QUOTAON,	1u << 0 },
	{ Q_QUOTAOFF,	1u << 1 },
	{ Q_GETFMT,	1u << 2 },
	{ Q_GETINFO,	1u << 3 },
	{ Q_SETINFO,	1u << 4 },
	{ Q_GETQUOTA,	1u << 5 },
	{ Q_SETQUOTA,	1u << 6 },
	{ Q_SYNC,	1u << 7 },
	{ Q_XQUOTAON,	1u << 8 },
	{ Q_XQUOTAOFF,	1u << 9 },
	{ Q_XGETQUOTA,	1u << 10 },
	{ Q_XSETQLIM,	1u << 11 },
	{ Q_XGETQSTAT,	1u << 12 },
	{ Q_XQUOTARM,	1u << 13 },
	{ Q_XQUOTASYNC,	1u << 14 },
	/* PPM_Q_XGETQSTATV (1 << 15) exists, but the driver never wrote it */
};

uint16_t sct_ppm_quotactl_cmd(uint64_t cmd)
{
	return (uint16_t)xlat_value(quotactl_cmds, ARRAY_LEN(quotactl_cmds),
			  (cmd & 0xffffffffu) >> SUBCMDSHIFT, 0);
}

uint8_t sct_ppm_quotactl_type(uint64_t cmd)
{
	static const struct sct_xlat types[] = {
		{ USRQUOTA,	1u << 0 },
		{ GRPQUOTA,	1u << 1 },
	};

	return (uint8_t)xlat_value(types, ARRAY_LEN(types),
				   cmd & SUBCMDMASK, 0);
}

uint8_t sct_ppm_quotactl_fmt(uint64_t fmt)
{
	static const struct sct_xlat fmts[] = {
		{ QFMT_VFS_OLD,	1u << 1 },
		{ QFMT_VFS_V0,	1u << 2 },
		{ QFMT_VFS_V1,	1u << 3 },
	};

	/* PPM_QFMT_NOT_USED is 1 << 0 */
	return (uint8_t)xlat_value(fmts, ARRAY_LEN(fmts), fmt, 1u << 0);
}

/* --- parameters the 2022 driver always wrote as 0 ---------------------- */

uint32_t sct_ppm_eventfd_flags(uint64_t flags)
{
	(void)flags;
	return 0;
}

uint8_t sct_ppm_signalfd_flags(uint64_t flags)
{
	(void)flags;
	return 0;
}

uint8_t sct_ppm_timerfd_flags(uint64_t flags)
{
	(void)flags;
	return 0;
}

uint8_t sct_ppm_inotify_flags(uint64_t flags)
{
	(void)flags;
	return 0;
}

int32_t sct_ppm_accept4_flags(uint64_t flags)
{
	(void)flags;
	return 0;
}
