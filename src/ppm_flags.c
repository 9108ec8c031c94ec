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
	/*
	 * The driver tests O_TMPFILE's mask loosely (any bit): a plain
	 * O_DIRECTORY open shows O_TMPFILE too.
	 */
	if (linux_flags & O_TMPFILE)
		res |= SCT_PPM_O_TMPFILE;
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
	 * whatever was there.  The driver (2022 and libs 0.25,
	 * open_modes_to_scap) tests the O_TMPFILE mask loosely, so it also
	 * translates the register of a plain O_DIRECTORY open (O_TMPFILE
	 * includes O_DIRECTORY): so does sctrace.  glibc passes 0 there.
	 */
	if (!(linux_flags & (O_CREAT | O_TMPFILE)))
		return 0;
	return sct_ppm_mode(mode);
}

uint32_t sct_ppm_creat_mode(uint64_t mode)
{
	return sct_ppm_mode(mode);
}

static const struct sct_xlat resolve_bits[] = {
	{ RESOLVE_NO_XDEV,	SCT_PPM_RESOLVE_NO_XDEV },
	{ RESOLVE_NO_MAGICLINKS, SCT_PPM_RESOLVE_NO_MAGICLINKS },
	{ RESOLVE_NO_SYMLINKS,	SCT_PPM_RESOLVE_NO_SYMLINKS },
	{ RESOLVE_BENEATH,	SCT_PPM_RESOLVE_BENEATH },
	{ RESOLVE_IN_ROOT,	SCT_PPM_RESOLVE_IN_ROOT },
	{ RESOLVE_CACHED,	SCT_PPM_RESOLVE_CACHED },
};

uint32_t sct_ppm_openat2_resolve(uint64_t resolve)
{
	return xlat_bits(resolve_bits, ARRAY_LEN(resolve_bits), resolve);
}

static const struct sct_xlat access_bits[] = {
	{ X_OK,	SCT_PPM_X_OK },
	{ W_OK,	SCT_PPM_W_OK },
	{ R_OK,	SCT_PPM_R_OK },
};

uint32_t sct_ppm_access_mode(uint64_t mode)
{
	/* F_OK (0) is PPM_F_OK (0) */
	return xlat_bits(access_bits, ARRAY_LEN(access_bits), mode);
}

uint32_t sct_ppm_unlinkat_flags(uint64_t flags)
{
	return (flags & AT_REMOVEDIR) ? SCT_PPM_AT_REMOVEDIR : 0;
}

uint32_t sct_ppm_linkat_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & AT_SYMLINK_FOLLOW)
		res |= SCT_PPM_AT_SYMLINK_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		res |= SCT_PPM_AT_EMPTY_PATH;
	return res;
}

uint32_t sct_ppm_execveat_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & AT_EMPTY_PATH)
		res |= SCT_PPM_EXVAT_AT_EMPTY_PATH;
	if (flags & AT_SYMLINK_NOFOLLOW)
		res |= SCT_PPM_EXVAT_AT_SYMLINK_NOFOLLOW;
	return res;
}

uint32_t sct_ppm_renameat2_flags(uint64_t flags)
{
	return (uint32_t)flags;
}

static const struct sct_xlat whence_values[] = {
	{ SEEK_SET,	SCT_PPM_SEEK_SET },
	{ SEEK_CUR,	SCT_PPM_SEEK_CUR },
	{ SEEK_END,	SCT_PPM_SEEK_END },
};

uint8_t sct_ppm_lseek_whence(uint64_t whence)
{
	return (uint8_t)xlat_value(whence_values, ARRAY_LEN(whence_values),
				   whence, SCT_PPM_SEEK_SET);
}

static const struct sct_xlat fcntl_values[] = {
	{ F_DUPFD,		SCT_PPM_FCNTL_F_DUPFD },
	{ F_GETFD,		SCT_PPM_FCNTL_F_GETFD },
	{ F_SETFD,		SCT_PPM_FCNTL_F_SETFD },
	{ F_GETFL,		SCT_PPM_FCNTL_F_GETFL },
	{ F_SETFL,		SCT_PPM_FCNTL_F_SETFL },
	{ F_GETLK,		SCT_PPM_FCNTL_F_GETLK },
	{ F_SETLK,		SCT_PPM_FCNTL_F_SETLK },
	{ F_SETLKW,		SCT_PPM_FCNTL_F_SETLKW },
	{ F_SETOWN,		SCT_PPM_FCNTL_F_SETOWN },
	{ F_GETOWN,		SCT_PPM_FCNTL_F_GETOWN },
	{ F_SETSIG,		SCT_PPM_FCNTL_F_SETSIG },
	{ F_GETSIG,		SCT_PPM_FCNTL_F_GETSIG },
	{ SCT_F_GETLK64,	SCT_PPM_FCNTL_F_GETLK64 },
	{ SCT_F_SETLK64,	SCT_PPM_FCNTL_F_SETLK64 },
	{ SCT_F_SETLKW64,	SCT_PPM_FCNTL_F_SETLKW64 },
	{ F_SETOWN_EX,		SCT_PPM_FCNTL_F_SETOWN_EX },
	{ F_GETOWN_EX,		SCT_PPM_FCNTL_F_GETOWN_EX },
	{ F_SETLEASE,		SCT_PPM_FCNTL_F_SETLEASE },
	{ F_GETLEASE,		SCT_PPM_FCNTL_F_GETLEASE },
	{ F_CANCELLK,		SCT_PPM_FCNTL_F_CANCELLK },
	{ F_DUPFD_CLOEXEC,	SCT_PPM_FCNTL_F_DUPFD_CLOEXEC },
	{ F_NOTIFY,		SCT_PPM_FCNTL_F_NOTIFY },
	{ F_SETPIPE_SZ,		SCT_PPM_FCNTL_F_SETPIPE_SZ },
	{ F_GETPIPE_SZ,		SCT_PPM_FCNTL_F_GETPIPE_SZ },
	{ F_OFD_GETLK,		SCT_PPM_FCNTL_F_OFD_GETLK },
	{ F_OFD_SETLK,		SCT_PPM_FCNTL_F_OFD_SETLK },
	{ F_OFD_SETLKW,		SCT_PPM_FCNTL_F_OFD_SETLKW },
};

uint8_t sct_ppm_fcntl_cmd(uint64_t cmd)
{
	return (uint8_t)xlat_value(fcntl_values, ARRAY_LEN(fcntl_values),
				   cmd, SCT_PPM_FCNTL_UNKNOWN);
}

static const struct sct_xlat flock_bits[] = {
	{ LOCK_SH,	SCT_PPM_LOCK_SH },
	{ LOCK_EX,	SCT_PPM_LOCK_EX },
	{ LOCK_NB,	SCT_PPM_LOCK_NB },
	{ LOCK_UN,	SCT_PPM_LOCK_UN },
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
	{ PROT_READ,		SCT_PPM_PROT_READ },
	{ PROT_WRITE,		SCT_PPM_PROT_WRITE },
	{ PROT_EXEC,		SCT_PPM_PROT_EXEC },
#ifdef PROT_SEM
	{ PROT_SEM,		SCT_PPM_PROT_SEM },
#endif
	{ PROT_GROWSDOWN,	SCT_PPM_PROT_GROWSDOWN },
	{ PROT_GROWSUP,		SCT_PPM_PROT_GROWSUP },
#ifdef PROT_SAO
	{ PROT_SAO,		SCT_PPM_PROT_SAO },
#endif
};

uint32_t sct_ppm_prot_flags(uint64_t prot)
{
	return xlat_bits(prot_bits, ARRAY_LEN(prot_bits), prot);
}

/* MAP_FILE is 0 on Linux, so SCT_PPM_MAP_FILE never shows up */
static const struct sct_xlat mmap_bits[] = {
	{ MAP_SHARED,		SCT_PPM_MAP_SHARED },
	{ MAP_PRIVATE,		SCT_PPM_MAP_PRIVATE },
	{ MAP_FIXED,		SCT_PPM_MAP_FIXED },
	{ MAP_ANONYMOUS,	SCT_PPM_MAP_ANONYMOUS },
#ifdef MAP_32BIT
	{ MAP_32BIT,		SCT_PPM_MAP_32BIT },
#endif
#ifdef MAP_RENAME
	{ MAP_RENAME,		SCT_PPM_MAP_RENAME },
#endif
	{ MAP_NORESERVE,	SCT_PPM_MAP_NORESERVE },
	{ MAP_POPULATE,		SCT_PPM_MAP_POPULATE },
	{ MAP_NONBLOCK,		SCT_PPM_MAP_NONBLOCK },
	{ MAP_GROWSDOWN,	SCT_PPM_MAP_GROWSDOWN },
	{ MAP_DENYWRITE,	SCT_PPM_MAP_DENYWRITE },
	{ MAP_EXECUTABLE,	SCT_PPM_MAP_EXECUTABLE },
#ifdef MAP_INHERIT
	{ MAP_INHERIT,		SCT_PPM_MAP_INHERIT },
#endif
#ifdef MAP_FILE
	{ MAP_FILE,		SCT_PPM_MAP_FILE },
#endif
	{ MAP_LOCKED,		SCT_PPM_MAP_LOCKED },
};

uint32_t sct_ppm_mmap_flags(uint64_t flags)
{
	/* MAP_SHARED_VALIDATE (3) has both type bits: shared and private */
	return xlat_bits(mmap_bits, ARRAY_LEN(mmap_bits), flags);
}

/* the commands 0..12 have the same numbers in PPM_FU_* */
static const struct sct_xlat futex_cmds[] = {
	{ FUTEX_WAIT,		SCT_PPM_FU_FUTEX_WAIT },
	{ FUTEX_WAKE,		SCT_PPM_FU_FUTEX_WAKE },
	{ FUTEX_FD,		SCT_PPM_FU_FUTEX_FD },
	{ FUTEX_REQUEUE,	SCT_PPM_FU_FUTEX_REQUEUE },
	{ FUTEX_CMP_REQUEUE,	SCT_PPM_FU_FUTEX_CMP_REQUEUE },
	{ FUTEX_WAKE_OP,	SCT_PPM_FU_FUTEX_WAKE_OP },
	{ FUTEX_LOCK_PI,	SCT_PPM_FU_FUTEX_LOCK_PI },
	{ FUTEX_UNLOCK_PI,	SCT_PPM_FU_FUTEX_UNLOCK_PI },
	{ FUTEX_TRYLOCK_PI,	SCT_PPM_FU_FUTEX_TRYLOCK_PI },
	{ FUTEX_WAIT_BITSET,	SCT_PPM_FU_FUTEX_WAIT_BITSET },
	{ FUTEX_WAKE_BITSET,	SCT_PPM_FU_FUTEX_WAKE_BITSET },
	{ FUTEX_WAIT_REQUEUE_PI, SCT_PPM_FU_FUTEX_WAIT_REQUEUE_PI },
	{ FUTEX_CMP_REQUEUE_PI,	SCT_PPM_FU_FUTEX_CMP_REQUEUE_PI },
};

uint16_t sct_ppm_futex_op(uint64_t op)
{
	uint16_t res;

	/* the command is the low 7 bits; others (FUTEX_LOCK_PI2...) -> 0 */
	res = (uint16_t)xlat_value(futex_cmds, ARRAY_LEN(futex_cmds),
				   op & 127, SCT_PPM_FU_FUTEX_WAIT);
	if (op & FUTEX_PRIVATE_FLAG)
		res |= SCT_PPM_FU_FUTEX_PRIVATE_FLAG;
	if (op & FUTEX_CLOCK_REALTIME)
		res |= SCT_PPM_FU_FUTEX_CLOCK_REALTIME;
	return res;
}

/*
 * Requests that only some architectures have are taken from the headers of
 * the architecture sctrace is built for.
 */
static const struct sct_xlat ptrace_values[] = {
	{ PTRACE_TRACEME,	SCT_PPM_PTRACE_TRACEME },
	{ PTRACE_PEEKTEXT,	SCT_PPM_PTRACE_PEEKTEXT },
	{ PTRACE_PEEKDATA,	SCT_PPM_PTRACE_PEEKDATA },
	{ PTRACE_PEEKUSR,	SCT_PPM_PTRACE_PEEKUSR },
	{ PTRACE_POKETEXT,	SCT_PPM_PTRACE_POKETEXT },
	{ PTRACE_POKEDATA,	SCT_PPM_PTRACE_POKEDATA },
	{ PTRACE_POKEUSR,	SCT_PPM_PTRACE_POKEUSR },
	{ PTRACE_CONT,		SCT_PPM_PTRACE_CONT },
	{ PTRACE_KILL,		SCT_PPM_PTRACE_KILL },
	{ PTRACE_SINGLESTEP,	SCT_PPM_PTRACE_SINGLESTEP },
	{ PTRACE_ATTACH,	SCT_PPM_PTRACE_ATTACH },
	{ PTRACE_DETACH,	SCT_PPM_PTRACE_DETACH },
	{ PTRACE_SYSCALL,	SCT_PPM_PTRACE_SYSCALL },
	{ PTRACE_SETOPTIONS,	SCT_PPM_PTRACE_SETOPTIONS },
	{ PTRACE_GETEVENTMSG,	SCT_PPM_PTRACE_GETEVENTMSG },
	{ PTRACE_GETSIGINFO,	SCT_PPM_PTRACE_GETSIGINFO },
	{ PTRACE_SETSIGINFO,	SCT_PPM_PTRACE_SETSIGINFO },
#ifdef PTRACE_GETREGSET
	{ PTRACE_GETREGSET,	SCT_PPM_PTRACE_GETREGSET },
#endif
#ifdef PTRACE_SETREGSET
	{ PTRACE_SETREGSET,	SCT_PPM_PTRACE_SETREGSET },
#endif
#ifdef PTRACE_SEIZE
	{ PTRACE_SEIZE,		SCT_PPM_PTRACE_SEIZE },
#endif
#ifdef PTRACE_INTERRUPT
	{ PTRACE_INTERRUPT,	SCT_PPM_PTRACE_INTERRUPT },
#endif
#ifdef PTRACE_LISTEN
	{ PTRACE_LISTEN,	SCT_PPM_PTRACE_LISTEN },
#endif
#ifdef PTRACE_PEEKSIGINFO
	{ PTRACE_PEEKSIGINFO,	SCT_PPM_PTRACE_PEEKSIGINFO },
#endif
#ifdef PTRACE_GETSIGMASK
	{ PTRACE_GETSIGMASK,	SCT_PPM_PTRACE_GETSIGMASK },
#endif
#ifdef PTRACE_SETSIGMASK
	{ PTRACE_SETSIGMASK,	SCT_PPM_PTRACE_SETSIGMASK },
#endif
#ifdef PTRACE_GETREGS
	{ PTRACE_GETREGS,	SCT_PPM_PTRACE_GETREGS },
#endif
#ifdef PTRACE_SETREGS
	{ PTRACE_SETREGS,	SCT_PPM_PTRACE_SETREGS },
#endif
#ifdef PTRACE_GETFPREGS
	{ PTRACE_GETFPREGS,	SCT_PPM_PTRACE_GETFPREGS },
#endif
#ifdef PTRACE_SETFPREGS
	{ PTRACE_SETFPREGS,	SCT_PPM_PTRACE_SETFPREGS },
#endif
#ifdef PTRACE_GETFPXREGS
	{ PTRACE_GETFPXREGS,	SCT_PPM_PTRACE_GETFPXREGS },
#endif
#ifdef PTRACE_SETFPXREGS
	{ PTRACE_SETFPXREGS,	SCT_PPM_PTRACE_SETFPXREGS },
#endif
#ifdef PTRACE_OLDSETOPTIONS
	{ PTRACE_OLDSETOPTIONS,	SCT_PPM_PTRACE_OLDSETOPTIONS },
#endif
#ifdef PTRACE_GET_THREAD_AREA
	{ PTRACE_GET_THREAD_AREA, SCT_PPM_PTRACE_GET_THREAD_AREA },
#endif
#ifdef PTRACE_SET_THREAD_AREA
	{ PTRACE_SET_THREAD_AREA, SCT_PPM_PTRACE_SET_THREAD_AREA },
#endif
#ifdef PTRACE_ARCH_PRCTL
	{ PTRACE_ARCH_PRCTL,	SCT_PPM_PTRACE_ARCH_PRCTL },
#endif
#ifdef PTRACE_SYSEMU
	{ PTRACE_SYSEMU,	SCT_PPM_PTRACE_SYSEMU },
#endif
#ifdef PTRACE_SYSEMU_SINGLESTEP
	{ PTRACE_SYSEMU_SINGLESTEP, SCT_PPM_PTRACE_SYSEMU_SINGLESTEP },
#endif
#ifdef PTRACE_SINGLEBLOCK
	{ PTRACE_SINGLEBLOCK,	SCT_PPM_PTRACE_SINGLEBLOCK },
#endif
};

uint16_t sct_ppm_ptrace_request(uint64_t req)
{
	return (uint16_t)xlat_value(ptrace_values, ARRAY_LEN(ptrace_values),
				    req, SCT_PPM_PTRACE_UNKNOWN);
}

uint8_t sct_ppm_rlimit_resource(uint64_t resource)
{
	/* PPM_RLIMIT_* are the generic RLIMIT_* numbers 0..15 */
	static const struct sct_xlat rlimits[] = {
		{ RLIMIT_CPU,		SCT_PPM_RLIMIT_CPU },
		{ RLIMIT_FSIZE,		SCT_PPM_RLIMIT_FSIZE },
		{ RLIMIT_DATA,		SCT_PPM_RLIMIT_DATA },
		{ RLIMIT_STACK,		SCT_PPM_RLIMIT_STACK },
		{ RLIMIT_CORE,		SCT_PPM_RLIMIT_CORE },
		{ RLIMIT_RSS,		SCT_PPM_RLIMIT_RSS },
		{ RLIMIT_NPROC,		SCT_PPM_RLIMIT_NPROC },
		{ RLIMIT_NOFILE,	SCT_PPM_RLIMIT_NOFILE },
		{ RLIMIT_MEMLOCK,	SCT_PPM_RLIMIT_MEMLOCK },
		{ RLIMIT_AS,		SCT_PPM_RLIMIT_AS },
		{ RLIMIT_LOCKS,		SCT_PPM_RLIMIT_LOCKS },
		{ RLIMIT_SIGPENDING,	SCT_PPM_RLIMIT_SIGPENDING },
		{ RLIMIT_MSGQUEUE,	SCT_PPM_RLIMIT_MSGQUEUE },
		{ RLIMIT_NICE,		SCT_PPM_RLIMIT_NICE },
		{ RLIMIT_RTPRIO,	SCT_PPM_RLIMIT_RTPRIO },
		{ RLIMIT_RTTIME,	SCT_PPM_RLIMIT_RTTIME },
	};

	return (uint8_t)xlat_value(rlimits, ARRAY_LEN(rlimits), resource,
				   SCT_PPM_RLIMIT_UNKNOWN);
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
		{ SHUT_RD,	SCT_PPM_SHUT_RD },
		{ SHUT_WR,	SCT_PPM_SHUT_WR },
		{ SHUT_RDWR,	SCT_PPM_SHUT_RDWR },
	};

	/* anything else was written as it came, truncated */
	return (uint8_t)xlat_value(shut_values, ARRAY_LEN(shut_values), how,
			  (uint8_t)how);
}

uint8_t sct_ppm_sockopt_level(uint64_t level)
{
	if (level == SOL_SOCKET)
		return SCT_PPM_SOCKOPT_LEVEL_SOL_SOCKET;
	if (level == SOL_TCP)
		return SCT_PPM_SOCKOPT_LEVEL_SOL_TCP;
	return SCT_PPM_SOCKOPT_LEVEL_UNKNOWN;
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
	{ SO_DEBUG,			SCT_PPM_SOCKOPT_SO_DEBUG, U32 },
	{ SO_REUSEADDR,			SCT_PPM_SOCKOPT_SO_REUSEADDR, U32 },
	{ SO_TYPE,			SCT_PPM_SOCKOPT_SO_TYPE, U32 },
	{ SO_ERROR,			SCT_PPM_SOCKOPT_SO_ERROR, SCT_PPM_SOCKOPT_IDX_ERRNO },
	{ SO_DONTROUTE,			SCT_PPM_SOCKOPT_SO_DONTROUTE, U32 },
	{ SO_BROADCAST,			SCT_PPM_SOCKOPT_SO_BROADCAST, U32 },
	{ SO_SNDBUF,			SCT_PPM_SOCKOPT_SO_SNDBUF, U32 },
	{ SO_RCVBUF,			SCT_PPM_SOCKOPT_SO_RCVBUF, U32 },
	{ SO_SNDBUFFORCE,		SCT_PPM_SOCKOPT_SO_SNDBUFFORCE, U32 },
	{ SO_RCVBUFFORCE,		SCT_PPM_SOCKOPT_SO_RCVBUFFORCE, U32 },
	{ SO_KEEPALIVE,			SCT_PPM_SOCKOPT_SO_KEEPALIVE, U32 },
	{ SO_OOBINLINE,			SCT_PPM_SOCKOPT_SO_OOBINLINE, U32 },
	{ SO_NO_CHECK,			SCT_PPM_SOCKOPT_SO_NO_CHECK, U32 },
	{ SO_PRIORITY,			SCT_PPM_SOCKOPT_SO_PRIORITY, U32 },
	{ SO_LINGER,			SCT_PPM_SOCKOPT_SO_LINGER, RAW },
	{ SO_BSDCOMPAT,			SCT_PPM_SOCKOPT_SO_BSDCOMPAT, U32 },
	{ SO_REUSEPORT,			SCT_PPM_SOCKOPT_SO_REUSEPORT, U32 },
	{ SO_PASSCRED,			SCT_PPM_SOCKOPT_SO_PASSCRED, U32 },
	{ SO_PEERCRED,			SCT_PPM_SOCKOPT_SO_PEERCRED, RAW },
	{ SO_RCVLOWAT,			SCT_PPM_SOCKOPT_SO_RCVLOWAT, U32 },
	{ SO_SNDLOWAT,			SCT_PPM_SOCKOPT_SO_SNDLOWAT, U32 },
#ifdef SO_RCVTIMEO_OLD
	{ SO_RCVTIMEO_OLD,		SCT_PPM_SOCKOPT_SO_RCVTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO_OLD,		SCT_PPM_SOCKOPT_SO_SNDTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_RCVTIMEO_NEW,		SCT_PPM_SOCKOPT_SO_RCVTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO_NEW,		SCT_PPM_SOCKOPT_SO_SNDTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
#else
	{ SO_RCVTIMEO,			SCT_PPM_SOCKOPT_SO_RCVTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
	{ SO_SNDTIMEO,			SCT_PPM_SOCKOPT_SO_SNDTIMEO, SCT_PPM_SOCKOPT_IDX_TIMEVAL },
#endif
	{ SO_SECURITY_AUTHENTICATION,	SCT_PPM_SOCKOPT_SO_SECURITY_AUTHENTICATION, U32 },
	{ SO_SECURITY_ENCRYPTION_TRANSPORT, SCT_PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_TRANSPORT, U32 },
	{ SO_SECURITY_ENCRYPTION_NETWORK, SCT_PPM_SOCKOPT_SO_SECURITY_ENCRYPTION_NETWORK, U32 },
	{ SO_BINDTODEVICE,		SCT_PPM_SOCKOPT_SO_BINDTODEVICE, U32 },
	{ SO_ATTACH_FILTER,		SCT_PPM_SOCKOPT_SO_ATTACH_FILTER, RAW },
	{ SO_DETACH_FILTER,		SCT_PPM_SOCKOPT_SO_DETACH_FILTER, U32 },
	{ SO_PEERNAME,			SCT_PPM_SOCKOPT_SO_PEERNAME, RAW },
#ifdef SO_TIMESTAMP_OLD
	{ SO_TIMESTAMP_OLD,		SCT_PPM_SOCKOPT_SO_TIMESTAMP, U32 },
	{ SO_TIMESTAMP_NEW,		SCT_PPM_SOCKOPT_SO_TIMESTAMP, U32 },
#else
	{ SO_TIMESTAMP,			SCT_PPM_SOCKOPT_SO_TIMESTAMP, U32 },
#endif
	{ SO_ACCEPTCONN,		SCT_PPM_SOCKOPT_SO_ACCEPTCONN, U32 },
	{ SO_PEERSEC,			SCT_PPM_SOCKOPT_SO_PEERSEC, U32 },
	{ SO_PASSSEC,			SCT_PPM_SOCKOPT_SO_PASSSEC, U32 },
#ifdef SO_TIMESTAMPNS_OLD
	{ SO_TIMESTAMPNS_OLD,		SCT_PPM_SOCKOPT_SO_TIMESTAMPNS, U32 },
	{ SO_TIMESTAMPNS_NEW,		SCT_PPM_SOCKOPT_SO_TIMESTAMPNS, U32 },
#else
	{ SO_TIMESTAMPNS,		SCT_PPM_SOCKOPT_SO_TIMESTAMPNS, U32 },
#endif
	{ SO_MARK,			SCT_PPM_SOCKOPT_SO_MARK, U32 },
#ifdef SO_TIMESTAMPING_OLD
	{ SO_TIMESTAMPING_OLD,		SCT_PPM_SOCKOPT_SO_TIMESTAMPING, U32 },
	{ SO_TIMESTAMPING_NEW,		SCT_PPM_SOCKOPT_SO_TIMESTAMPING, U32 },
#else
	{ SO_TIMESTAMPING,		SCT_PPM_SOCKOPT_SO_TIMESTAMPING, U32 },
#endif
	{ SO_PROTOCOL,			SCT_PPM_SOCKOPT_SO_PROTOCOL, U32 },
	{ SO_DOMAIN,			SCT_PPM_SOCKOPT_SO_DOMAIN, U32 },
	{ SO_RXQ_OVFL,			SCT_PPM_SOCKOPT_SO_RXQ_OVFL, U32 },
	{ SO_WIFI_STATUS,		SCT_PPM_SOCKOPT_SO_WIFI_STATUS, U32 },
	{ SO_PEEK_OFF,			SCT_PPM_SOCKOPT_SO_PEEK_OFF, U32 },
	{ SO_NOFCS,			SCT_PPM_SOCKOPT_SO_NOFCS, U32 },
	{ SO_LOCK_FILTER,		SCT_PPM_SOCKOPT_SO_LOCK_FILTER, U32 },
	{ SO_SELECT_ERR_QUEUE,		SCT_PPM_SOCKOPT_SO_SELECT_ERR_QUEUE, U32 },
	{ SO_BUSY_POLL,			SCT_PPM_SOCKOPT_SO_BUSY_POLL, U32 },
	{ SO_MAX_PACING_RATE,		SCT_PPM_SOCKOPT_SO_MAX_PACING_RATE, U32 },
	{ SO_BPF_EXTENSIONS,		SCT_PPM_SOCKOPT_SO_BPF_EXTENSIONS, U32 },
	{ SO_INCOMING_CPU,		SCT_PPM_SOCKOPT_SO_INCOMING_CPU, U32 },
	{ SO_ATTACH_BPF,		SCT_PPM_SOCKOPT_SO_ATTACH_BPF, RAW },
	{ SO_PEERGROUPS,		SCT_PPM_SOCKOPT_SO_PEERGROUPS, RAW },
	{ SO_MEMINFO,			SCT_PPM_SOCKOPT_SO_MEMINFO, RAW },
	{ SO_COOKIE,			SCT_PPM_SOCKOPT_SO_COOKIE, SCT_PPM_SOCKOPT_IDX_UINT64 },
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

	return o ? o->ppm : SCT_PPM_SOCKOPT_UNKNOWN;
}

uint8_t sct_ppm_sockopt_val_idx(uint64_t level, uint64_t optname)
{
	const struct sct_sockopt *o = find_sockopt(level, optname);

	return o ? o->idx : SCT_PPM_SOCKOPT_IDX_UNKNOWN;
}

static const struct sct_xlat poll_bits[] = {
	{ POLLIN,	SCT_PPM_POLLIN },
	{ POLLPRI,	SCT_PPM_POLLPRI },
	{ POLLOUT,	SCT_PPM_POLLOUT },
	{ POLLRDHUP,	SCT_PPM_POLLRDHUP },
	{ POLLERR,	SCT_PPM_POLLERR },
	{ POLLHUP,	SCT_PPM_POLLHUP },
	{ POLLNVAL,	SCT_PPM_POLLNVAL },
	{ POLLRDNORM,	SCT_PPM_POLLRDNORM },
	{ POLLRDBAND,	SCT_PPM_POLLRDBAND },
	{ POLLWRNORM,	SCT_PPM_POLLWRNORM },
	{ POLLWRBAND,	SCT_PPM_POLLWRBAND },
};

uint16_t sct_ppm_poll_events(uint64_t events)
{
	return (uint16_t)xlat_bits(poll_bits, ARRAY_LEN(poll_bits), events);
}

uint16_t sct_ppm_semop_flags(uint64_t flags)
{
	uint16_t res = 0;

	if (flags & IPC_NOWAIT)
		res |= SCT_PPM_IPC_NOWAIT;
	if (flags & SEM_UNDO)
		res |= SCT_PPM_SEM_UNDO;
	return res;
}

uint32_t sct_ppm_semget_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & IPC_CREAT)
		res |= SCT_PPM_IPC_CREAT;
	if (flags & IPC_EXCL)
		res |= SCT_PPM_IPC_EXCL;
	return res;
}

static const struct sct_xlat semctl_values[] = {
	{ IPC_STAT,	SCT_PPM_IPC_STAT },
	{ IPC_SET,	SCT_PPM_IPC_SET },
	{ IPC_RMID,	SCT_PPM_IPC_RMID },
	{ IPC_INFO,	SCT_PPM_IPC_INFO },
	{ SEM_INFO,	SCT_PPM_SEM_INFO },
	{ SEM_STAT,	SCT_PPM_SEM_STAT },
	{ GETALL,	SCT_PPM_GETALL },
	{ GETNCNT,	SCT_PPM_GETNCNT },
	{ GETPID,	SCT_PPM_GETPID },
	{ GETVAL,	SCT_PPM_GETVAL },
	{ GETZCNT,	SCT_PPM_GETZCNT },
	{ SETALL,	SCT_PPM_SETALL },
	{ SETVAL,	SCT_PPM_SETVAL },
};

uint16_t sct_ppm_semctl_cmd(uint64_t cmd)
{
	return (uint16_t)xlat_value(semctl_values, ARRAY_LEN(semctl_values),
			  cmd & ~(uint64_t)IPC_64, 0);
}

static const struct sct_xlat quotactl_cmds[] = {
	{ Q_QUOTAON,	SCT_PPM_Q_QUOTAON },
	{ Q_QUOTAOFF,	SCT_PPM_Q_QUOTAOFF },
	{ Q_GETFMT,	SCT_PPM_Q_GETFMT },
	{ Q_GETINFO,	SCT_PPM_Q_GETINFO },
	{ Q_SETINFO,	SCT_PPM_Q_SETINFO },
	{ Q_GETQUOTA,	SCT_PPM_Q_GETQUOTA },
	{ Q_SETQUOTA,	SCT_PPM_Q_SETQUOTA },
	{ Q_SYNC,	SCT_PPM_Q_SYNC },
	{ Q_XQUOTAON,	SCT_PPM_Q_XQUOTAON },
	{ Q_XQUOTAOFF,	SCT_PPM_Q_XQUOTAOFF },
	{ Q_XGETQUOTA,	SCT_PPM_Q_XGETQUOTA },
	{ Q_XSETQLIM,	SCT_PPM_Q_XSETQLIM },
	{ Q_XGETQSTAT,	SCT_PPM_Q_XGETQSTAT },
	{ Q_XQUOTARM,	SCT_PPM_Q_XQUOTARM },
	{ Q_XQUOTASYNC,	SCT_PPM_Q_XQUOTASYNC },
	/* SCT_PPM_Q_XGETQSTATV exists, but the driver never wrote it */
};

uint16_t sct_ppm_quotactl_cmd(uint64_t cmd)
{
	return (uint16_t)xlat_value(quotactl_cmds, ARRAY_LEN(quotactl_cmds),
			  (cmd & 0xffffffffu) >> SUBCMDSHIFT, 0);
}

uint8_t sct_ppm_quotactl_type(uint64_t cmd)
{
	static const struct sct_xlat types[] = {
		{ USRQUOTA,	SCT_PPM_USRQUOTA },
		{ GRPQUOTA,	SCT_PPM_GRPQUOTA },
	};

	return (uint8_t)xlat_value(types, ARRAY_LEN(types),
				   cmd & SUBCMDMASK, 0);
}

uint8_t sct_ppm_quotactl_fmt(uint64_t fmt)
{
	static const struct sct_xlat fmts[] = {
		{ QFMT_VFS_OLD,	SCT_PPM_QFMT_VFS_OLD },
		{ QFMT_VFS_V0,	SCT_PPM_QFMT_VFS_V0 },
		{ QFMT_VFS_V1,	SCT_PPM_QFMT_VFS_V1 },
	};

	return (uint8_t)xlat_value(fmts, ARRAY_LEN(fmts), fmt,
				   SCT_PPM_QFMT_NOT_USED);
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

/*
 * timerfd_create's flags as libs 0.25 writes them (the 2022 driver wrote
 * 0): sct_ppm_fd_flags in a u8, where PPM_O_CLOEXEC (bit 12) does not
 * fit: only PPM_O_NONBLOCK is left.
 */
uint8_t sct_ppm_timerfd_flags(uint64_t flags)
{
	return (uint8_t)sct_ppm_fd_flags(flags);
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

/* --- libs 0.25 additions ------------------------------------------------ */

uint32_t sct_ppm_fd_flags(uint64_t flags)
{
	uint32_t res = 0;

	if ((int32_t)flags < 0)
		return 0;
	if (flags & O_NONBLOCK)
		res |= SCT_PPM_O_NONBLOCK;
	if (flags & O_CLOEXEC)
		res |= SCT_PPM_O_CLOEXEC;
	return res;
}

uint32_t sct_ppm_pipe2_flags(uint64_t flags)
{
	if ((int32_t)flags < 0)
		return 0;
	return sct_ppm_fd_flags(flags) |
	       ((flags & O_DIRECT) ? SCT_PPM_O_DIRECT : 0);
}

uint32_t sct_ppm_dup3_flags(uint64_t flags)
{
	return (flags & O_CLOEXEC) ? SCT_PPM_O_CLOEXEC : 0;
}

uint32_t sct_ppm_newfstatat_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & AT_SYMLINK_NOFOLLOW)
		res |= SCT_PPM_AT_SYMLINK_NOFOLLOW;
	if (flags & AT_EMPTY_PATH)
		res |= SCT_PPM_AT_EMPTY_PATH;
	if (flags & AT_NO_AUTOMOUNT)
		res |= SCT_PPM_AT_NO_AUTOMOUNT;
	return res;
}

/* umount2(2)'s flags; no UAPI header has them (glibc's <sys/mount.h> does) */
#define LINUX_MNT_FORCE		1
#define LINUX_MNT_DETACH	2
#define LINUX_MNT_EXPIRE	4
#define LINUX_UMOUNT_NOFOLLOW	8

uint32_t sct_ppm_umount2_flags(uint64_t flags)
{
	uint32_t res = 0;

	if (flags & LINUX_MNT_FORCE)
		res |= SCT_PPM_MNT_FORCE;
	if (flags & LINUX_MNT_DETACH)
		res |= SCT_PPM_MNT_DETACH;
	if (flags & LINUX_MNT_EXPIRE)
		res |= SCT_PPM_MNT_EXPIRE;
	if (flags & LINUX_UMOUNT_NOFOLLOW)
		res |= SCT_PPM_UMOUNT_NOFOLLOW;
	return res;
}

/* Linux values the UAPI headers above do not all carry (or not on every
 * supported system): the generic ones, which x86, arm and arm64 use. */
#define LINUX_MFD_CLOEXEC		1u
#define LINUX_MFD_ALLOW_SEALING		2u
#define LINUX_MFD_HUGETLB		4u
#define LINUX_MCL_CURRENT		1u
#define LINUX_MCL_FUTURE		2u
#define LINUX_MCL_ONFAULT		4u
#define LINUX_MLOCK_ONFAULT		1u
#define LINUX_MODULE_INIT_IGNORE_MODVERSIONS	1u
#define LINUX_MODULE_INIT_IGNORE_VERMAGIC	2u
#define LINUX_MODULE_INIT_COMPRESSED_FILE	4u
#define LINUX_IORING_SETUP_IOPOLL	(1u << 0)
#define LINUX_IORING_SETUP_SQPOLL	(1u << 1)
#define LINUX_IORING_SETUP_SQ_AFF	(1u << 2)
#define LINUX_IORING_SETUP_CQSIZE	(1u << 3)
#define LINUX_IORING_SETUP_CLAMP	(1u << 4)
#define LINUX_IORING_SETUP_ATTACH_WQ	(1u << 5)
#define LINUX_IORING_SETUP_R_DISABLED	(1u << 6)
#define LINUX_IORING_SQ_NEED_WAKEUP	(1u << 0)	/* sq ring flag */
#define LINUX_IORING_ENTER_GETEVENTS	(1u << 0)
#define LINUX_IORING_ENTER_SQ_WAKEUP	(1u << 1)
#define LINUX_IORING_ENTER_SQ_WAIT	(1u << 2)
#define LINUX_IORING_ENTER_EXT_ARG	(1u << 3)

uint32_t sct_ppm_epoll_create1_flags(uint64_t flags)
{
	/* EPOLL_CLOEXEC is O_CLOEXEC */
	return (flags & O_CLOEXEC) ? SCT_PPM_EPOLL_CLOEXEC : 0;
}

static const struct sct_xlat memfd_bits[] = {
	{ LINUX_MFD_CLOEXEC,		SCT_PPM_MFD_CLOEXEC },
	{ LINUX_MFD_ALLOW_SEALING,	SCT_PPM_MFD_ALLOW_SEALING },
	{ LINUX_MFD_HUGETLB,		SCT_PPM_MFD_HUGETLB },
};

uint32_t sct_ppm_memfd_flags(uint64_t flags)
{
	return xlat_bits(memfd_bits, ARRAY_LEN(memfd_bits), flags);
}

uint32_t sct_ppm_pidfd_open_flags(uint64_t flags)
{
	/* PIDFD_NONBLOCK is O_NONBLOCK */
	return (flags & O_NONBLOCK) ? SCT_PPM_PIDFD_NONBLOCK : 0;
}

/* (the driver tests the two flags linkat has: AT_SYMLINK_NOFOLLOW is lost) */
uint32_t sct_ppm_fchownat_flags(uint64_t flags)
{
	return sct_ppm_linkat_flags(flags);
}

uint32_t sct_ppm_mknod_mode(uint64_t mode)
{
	uint32_t res = sct_ppm_mode((uint32_t)mode);

	switch ((uint32_t)mode & S_IFMT) {
	case 0:		/* no type: a regular file */
	case S_IFREG:
		return res | SCT_PPM_S_IFREG;
	case S_IFCHR:
		return res | SCT_PPM_S_IFCHR;
	case S_IFBLK:
		return res | SCT_PPM_S_IFBLK;
	case S_IFIFO:
		return res | SCT_PPM_S_IFIFO;
	case S_IFSOCK:
		return res | SCT_PPM_S_IFSOCK;
	default:	/* S_IFDIR, S_IFLNK: no type bits */
		return res;
	}
}

uint32_t sct_ppm_mknod_dev(uint64_t dev)
{
	/* the kernel's MAJOR()/MINOR() of a dev_t, then new_encode_dev() */
	uint32_t d = (uint32_t)dev;
	uint32_t major = d >> 20, minor = d & 0xfffffu;

	return (minor & 0xffu) | (major << 8) | ((minor & ~0xffu) << 12);
}

static const struct sct_xlat mlockall_bits[] = {
	{ LINUX_MCL_CURRENT,	SCT_PPM_MLOCKALL_MCL_CURRENT },
	{ LINUX_MCL_FUTURE,	SCT_PPM_MLOCKALL_MCL_FUTURE },
	{ LINUX_MCL_ONFAULT,	SCT_PPM_MLOCKALL_MCL_ONFAULT },
};

uint32_t sct_ppm_mlockall_flags(uint64_t flags)
{
	return xlat_bits(mlockall_bits, ARRAY_LEN(mlockall_bits), flags);
}

uint32_t sct_ppm_mlock2_flags(uint64_t flags)
{
	return (flags & LINUX_MLOCK_ONFAULT) ? SCT_PPM_MLOCK_ONFAULT : 0;
}

static const struct sct_xlat finit_module_bits[] = {
	{ LINUX_MODULE_INIT_IGNORE_MODVERSIONS,
	  SCT_PPM_MODULE_INIT_IGNORE_MODVERSIONS },
	{ LINUX_MODULE_INIT_IGNORE_VERMAGIC,
	  SCT_PPM_MODULE_INIT_IGNORE_VERMAGIC },
	{ LINUX_MODULE_INIT_COMPRESSED_FILE,
	  SCT_PPM_MODULE_INIT_COMPRESSED_FILE },
};

uint32_t sct_ppm_finit_module_flags(uint64_t flags)
{
	return xlat_bits(finit_module_bits, ARRAY_LEN(finit_module_bits),
			 flags);
}

static const struct sct_xlat delete_module_bits[] = {
	{ O_NONBLOCK,	SCT_PPM_DELETE_MODULE_O_NONBLOCK },
	{ O_TRUNC,	SCT_PPM_DELETE_MODULE_O_TRUNC },
};

uint32_t sct_ppm_delete_module_flags(uint64_t flags)
{
	return xlat_bits(delete_module_bits, ARRAY_LEN(delete_module_bits),
			 flags);
}

static const struct sct_xlat io_uring_setup_bits[] = {
	{ LINUX_IORING_SETUP_IOPOLL,	SCT_PPM_IORING_SETUP_IOPOLL },
	{ LINUX_IORING_SETUP_SQPOLL,	SCT_PPM_IORING_SETUP_SQPOLL },
	/* a flag of the SQ ring, not of the setup: the driver tests it
	 * here anyway (bit 0, as IOPOLL) */
	{ LINUX_IORING_SQ_NEED_WAKEUP,	SCT_PPM_IORING_SQ_NEED_WAKEUP },
	{ LINUX_IORING_SETUP_SQ_AFF,	SCT_PPM_IORING_SETUP_SQ_AFF },
	{ LINUX_IORING_SETUP_CQSIZE,	SCT_PPM_IORING_SETUP_CQSIZE },
	{ LINUX_IORING_SETUP_CLAMP,	SCT_PPM_IORING_SETUP_CLAMP },
	{ LINUX_IORING_SETUP_ATTACH_WQ,	SCT_PPM_IORING_SETUP_ATTACH_WQ },
	{ LINUX_IORING_SETUP_R_DISABLED, SCT_PPM_IORING_SETUP_R_DISABLED },
};

uint32_t sct_ppm_io_uring_setup_flags(uint64_t flags)
{
	return xlat_bits(io_uring_setup_bits, ARRAY_LEN(io_uring_setup_bits),
			 flags);
}

/*
 * IORING_FEAT_SINGLE_MMAP (bit 0) to IORING_FEAT_RSRC_TAGS (bit 10) are at
 * their PPM bit, except bit 8 (IORING_FEAT_EXT_ARG): the driver tests a
 * name the kernel never had (IORING_FEAT_ENTER_EXT_ARG), so drops it.
 */
uint32_t sct_ppm_io_uring_feats(uint64_t feats)
{
	return (uint32_t)feats & (((1u << 11) - 1) &
				  ~SCT_PPM_IORING_FEAT_ENTER_EXT_ARG);
}

static const struct sct_xlat io_uring_enter_bits[] = {
	{ LINUX_IORING_ENTER_GETEVENTS,	SCT_PPM_IORING_ENTER_GETEVENTS },
	{ LINUX_IORING_ENTER_SQ_WAKEUP,	SCT_PPM_IORING_ENTER_SQ_WAKEUP },
	{ LINUX_IORING_ENTER_SQ_WAIT,	SCT_PPM_IORING_ENTER_SQ_WAIT },
	{ LINUX_IORING_ENTER_EXT_ARG,	SCT_PPM_IORING_ENTER_EXT_ARG },
};

uint32_t sct_ppm_io_uring_enter_flags(uint64_t flags)
{
	return xlat_bits(io_uring_enter_bits, ARRAY_LEN(io_uring_enter_bits),
			 flags);
}
