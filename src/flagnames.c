/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Flag and enum names for the text output (see flagnames.h): tables of
 * the PPM constants of ppm_flags.h, and which event parameters use them.
 */
#include "config.h"
#include "flagnames.h"
#include "ppm_flags.h"

#include <stdio.h>
#include <string.h>

/* N(X): the constant SCT_PPM_X named "X"; NN(X, "name") otherwise */
#define N(x)		{ SCT_PPM_##x, #x }
#define NN(x, name)	{ SCT_PPM_##x, name }
#define SET(t, e)	{ t, sizeof(t) / sizeof(t[0]), e }

/* composite values (O_RDWR) before their parts */
static const struct sct_flagname open_flags[] = {
	N(O_RDWR), N(O_RDONLY), N(O_WRONLY), N(O_CREAT), N(O_APPEND),
	N(O_DSYNC), N(O_EXCL), N(O_NONBLOCK), N(O_SYNC), N(O_TRUNC),
	N(O_DIRECT), N(O_DIRECTORY), N(O_LARGEFILE), N(O_CLOEXEC),
	N(O_TMPFILE), N(O_F_CREATED),
};

static const struct sct_flagname prot_flags[] = {
	N(PROT_READ), N(PROT_WRITE), N(PROT_EXEC), N(PROT_SEM),
	N(PROT_GROWSDOWN), N(PROT_GROWSUP), N(PROT_SAO),
};

static const struct sct_flagname mmap_flags[] = {
	N(MAP_SHARED), N(MAP_PRIVATE), N(MAP_FIXED), N(MAP_ANONYMOUS),
	N(MAP_32BIT), N(MAP_RENAME), N(MAP_NORESERVE), N(MAP_POPULATE),
	N(MAP_NONBLOCK), N(MAP_GROWSDOWN), N(MAP_DENYWRITE),
	N(MAP_EXECUTABLE), N(MAP_INHERIT), N(MAP_FILE), N(MAP_LOCKED),
};

static const struct sct_flagname clone_flags[] = {
	NN(CL_CLONE_FILES, "CLONE_FILES"), NN(CL_CLONE_FS, "CLONE_FS"),
	NN(CL_CLONE_IO, "CLONE_IO"), NN(CL_CLONE_NEWIPC, "CLONE_NEWIPC"),
	NN(CL_CLONE_NEWNET, "CLONE_NEWNET"), NN(CL_CLONE_NEWNS, "CLONE_NEWNS"),
	NN(CL_CLONE_NEWPID, "CLONE_NEWPID"),
	NN(CL_CLONE_NEWUTS, "CLONE_NEWUTS"),
	NN(CL_CLONE_PARENT, "CLONE_PARENT"),
	NN(CL_CLONE_PARENT_SETTID, "CLONE_PARENT_SETTID"),
	NN(CL_CLONE_PTRACE, "CLONE_PTRACE"),
	NN(CL_CLONE_SIGHAND, "CLONE_SIGHAND"),
	NN(CL_CLONE_SYSVSEM, "CLONE_SYSVSEM"),
	NN(CL_CLONE_THREAD, "CLONE_THREAD"),
	NN(CL_CLONE_UNTRACED, "CLONE_UNTRACED"),
	NN(CL_CLONE_VM, "CLONE_VM"), NN(CL_CLONE_NEWUSER, "CLONE_NEWUSER"),
	NN(CL_CLONE_CHILD_CLEARTID, "CLONE_CHILD_CLEARTID"),
	NN(CL_CLONE_CHILD_SETTID, "CLONE_CHILD_SETTID"),
	NN(CL_CLONE_SETTLS, "CLONE_SETTLS"),
	NN(CL_CLONE_STOPPED, "CLONE_STOPPED"),
	NN(CL_CLONE_VFORK, "CLONE_VFORK"),
	NN(CL_CLONE_NEWCGROUP, "CLONE_NEWCGROUP"),
	NN(CL_CHILD_IN_PIDNS, "CHILD_IN_PIDNS"),
};

static const struct sct_flagname access_flags[] = {
	N(R_OK), N(W_OK), N(X_OK),
};

static const struct sct_flagname seek_whence[] = {
	N(SEEK_SET), N(SEEK_CUR), N(SEEK_END),
};

static const struct sct_flagname fcntl_cmds[] = {
	NN(FCNTL_F_DUPFD, "F_DUPFD"), NN(FCNTL_F_GETFD, "F_GETFD"),
	NN(FCNTL_F_SETFD, "F_SETFD"), NN(FCNTL_F_GETFL, "F_GETFL"),
	NN(FCNTL_F_SETFL, "F_SETFL"), NN(FCNTL_F_GETLK, "F_GETLK"),
	NN(FCNTL_F_SETLK, "F_SETLK"), NN(FCNTL_F_SETLKW, "F_SETLKW"),
	NN(FCNTL_F_SETOWN, "F_SETOWN"), NN(FCNTL_F_GETOWN, "F_GETOWN"),
	NN(FCNTL_F_SETSIG, "F_SETSIG"), NN(FCNTL_F_GETSIG, "F_GETSIG"),
	NN(FCNTL_F_GETLK64, "F_GETLK64"), NN(FCNTL_F_SETLK64, "F_SETLK64"),
	NN(FCNTL_F_SETLKW64, "F_SETLKW64"),
	NN(FCNTL_F_SETOWN_EX, "F_SETOWN_EX"),
	NN(FCNTL_F_GETOWN_EX, "F_GETOWN_EX"),
	NN(FCNTL_F_SETLEASE, "F_SETLEASE"), NN(FCNTL_F_GETLEASE, "F_GETLEASE"),
	NN(FCNTL_F_CANCELLK, "F_CANCELLK"),
	NN(FCNTL_F_DUPFD_CLOEXEC, "F_DUPFD_CLOEXEC"),
	NN(FCNTL_F_NOTIFY, "F_NOTIFY"),
	NN(FCNTL_F_SETPIPE_SZ, "F_SETPIPE_SZ"),
	NN(FCNTL_F_GETPIPE_SZ, "F_GETPIPE_SZ"),
	NN(FCNTL_F_OFD_GETLK, "F_OFD_GETLK"),
	NN(FCNTL_F_OFD_SETLK, "F_OFD_SETLK"),
	NN(FCNTL_F_OFD_SETLKW, "F_OFD_SETLKW"),
};

static const struct sct_flagname families[] = {
	N(AF_UNSPEC), N(AF_UNIX), N(AF_INET), N(AF_INET6), N(AF_NETLINK),
	N(AF_PACKET), N(AF_BLUETOOTH), N(AF_CAN), N(AF_ALG), N(AF_KEY),
	N(AF_BRIDGE), N(AF_TIPC), N(AF_RDS), N(AF_NFC),
};

static const struct sct_flagset sets[] = {
	SET(open_flags, false), SET(prot_flags, false),
	SET(mmap_flags, false), SET(clone_flags, false),
	SET(access_flags, false), SET(seek_whence, true),
	SET(fcntl_cmds, true), SET(families, true),
};

enum { OPEN, PROT, MMAP, CLONE, ACCESS, SEEK, FCNTL, FAMILY };

/* events (by name) and params that use a set */
static const struct {
	const char *events;	/* names separated by blanks */
	const char *param;
	unsigned set;
} uses[] = {
	{ "open openat openat2 open_by_handle_at", "flags", OPEN },
	{ "mmap mmap2 mprotect", "prot", PROT },
	{ "mmap mmap2", "flags", MMAP },
	{ "clone clone3 fork vfork", "flags", CLONE },
	{ "access faccessat faccessat2", "mode", ACCESS },
	{ "lseek llseek", "whence", SEEK },
	{ "fcntl", "cmd", FCNTL },
	{ "socket socketpair", "domain", FAMILY },
};

static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p;

	for (p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == ' ') && (!p[n] || p[n] == ' '))
			return true;
	return false;
}

const struct sct_flagset *sct_flagset_of(const char *ename,
					  const char *pname)
{
	unsigned i;

	for (i = 0; i < sizeof(uses) / sizeof(uses[0]); i++)
		if (!strcmp(uses[i].param, pname) &&
		    listed(uses[i].events, ename))
			return &sets[uses[i].set];
	return NULL;
}

bool sct_flags_name(const struct sct_flagset *fs, uint64_t v, char *out,
		    size_t n)
{
	size_t len = 0;
	unsigned i;

	out[0] = 0;
	for (i = 0; i < fs->n; i++) {
		uint64_t f = fs->names[i].value;
		int k;

		if (fs->is_enum ? v != f : !f || (v & f) != f)
			continue;
		k = snprintf(out + len, n - len, "%s%s", len ? "|" : "",
			     fs->names[i].name);
		if (k < 0 || (size_t)k >= n - len)
			break;
		len += (size_t)k;
		if (fs->is_enum)
			break;
		v &= ~f;
	}
	return len > 0;
}
