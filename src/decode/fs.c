/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Files: fd inodes and devices, fd pairs, open modes; openat2, quotactl,
 * fsconfig, open_by_handle_at. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "mem.h"
#include "net.h"
#include "ppm_flags.h"
#include "ring.h"
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <linux/quota.h>

static struct sct_val fd_stat(struct sct_call *c, int64_t fd, bool want_dev)
{
	char path[64];
	struct stat st;
	int our;

	if (fd < 0 || fd > INT32_MAX)
		return SCT_NONE;
	if (c->rec_fd) {
		if (c->rec_fd->fd != fd)
			return SCT_NONE;
		return sct_int(want_dev ? sct_encode_dev((dev_t)c->rec_fd->dev) :
				c->rec_fd->ino);
	}
	if (!c->fdst.loaded || c->fdst.fd != fd) {
		c->fdst.loaded = true;
		c->fdst.fd = fd;
		c->fdst.ok = false;
		/* a copy of the fd costs half a walk through /proc/T/fd/N */
		our = sct_tracee_fd(c, (int)fd);
		if (our >= 0) {
			c->fdst.ok = fstat(our, &st) == 0;
			close(our);
		}
		if (!c->fdst.ok) {
			snprintf(path, sizeof(path), "/proc/%d/fd/%lld", c->tid,
				 (long long)fd);
			c->fdst.ok = stat(path, &st) == 0;
		}
		if (c->fdst.ok) {
			c->fdst.dev = sct_encode_dev(st.st_dev);
			c->fdst.ino = st.st_ino;
		}
	}
	if (!c->fdst.ok)
		return SCT_NONE;
	return sct_int(want_dev ? c->fdst.dev : c->fdst.ino);
}

/* FDINO: inode of the tracee's fd x; DEV: its device */
SCT_OP_HANDLER(fd_stat)
{
	return fd_stat(c, (int64_t)a->x, a->s->op == SCT_OP_DEV);
}

/* FDPAIR: int x[y] (pipe, socketpair); FDPAIR_INO: that fd's inode */
SCT_OP_HANDLER(fdpair)
{
	int32_t v = 0;

	/* unreadable: fd -1 and no inode, as the driver's */
	if (sct_mem_read(c->tid, a->x + 4 * a->y, &v, 4) != 4)
		return a->s->op == SCT_OP_FDPAIR_INO ? SCT_NONE :
						      sct_int((uint64_t)-1);
	if (a->s->op == SCT_OP_FDPAIR_INO)
		return fd_stat(c, v, false);
	return sct_int((uint64_t)(int64_t)v);
}

SCT_OP_HANDLER(open_mode)
{
	return sct_int(sct_ppm_open_mode(a->x, a->y));
}

/*
 * Whether an O_CREAT open without O_EXCL found its file, seen at the
 * enter stop, for the exit's PPM_O_F_CREATED: by tid, the last one only
 * (an enter overwrites what a thread that died in its call left).
 */
#define CREATED_SLOTS	64
static struct {
	pid_t tid;
	bool existed;
} created_slot[CREATED_SLOTS];

static bool path_exists(struct sct_call *c, int64_t dirfd, uint64_t path)
{
	struct sct_val v = sct_read_str(c, path);
	char full[4200];
	const char *p;

	if (v.kind != SCT_V_BYTES || !v.len)
		return true;	/* unknown: do not claim a creation */
	p = v.p;
	if (p[0] == '/')
		snprintf(full, sizeof(full), "%s", p);
	else if ((int32_t)dirfd == SCT_PPM_AT_FDCWD)
		snprintf(full, sizeof(full), "/proc/%d/cwd/%s", (int)c->tid, p);
	else
		snprintf(full, sizeof(full), "/proc/%d/fd/%d/%s", (int)c->tid,
			 (int)(int32_t)dirfd, p);
	/* ENOENT alone says the open will create it; any other error: not */
	return access(full, F_OK) == 0 || errno != ENOENT;
}

SCT_OP_HANDLER(open_created)
{
	uint64_t flags = a->x;
	uint32_t res = sct_ppm_open_flags(flags);
	unsigned k = (unsigned)c->tid % CREATED_SLOTS;
	bool created = false;

	if (!(flags & O_CREAT))
		return sct_int(res);
	if (!c->at_exit) {
		if (!(flags & O_EXCL)) {
			created_slot[k].tid = c->tid;
			if (c->rec_fd)	/* a record: what the recorder saw */
				created_slot[k].existed =
					c->rec_path != SCT_REC_PATH_NEW;
			else
				created_slot[k].existed =
					path_exists(c, (int64_t)a->y, a->z);
		}
		return sct_int(res);
	}
	if (c->ret >= 0) {
		if (flags & O_EXCL)
			created = true;
		else if (created_slot[k].tid == c->tid)
			created = !created_slot[k].existed;
	}
	if (created_slot[k].tid == c->tid)
		created_slot[k].tid = 0;
	return sct_int(res | (created ? SCT_PPM_O_F_CREATED : 0));
}

/*
 * openat2(dirfd, pathname, struct open_how *how, size): flags, mode and
 * resolve of *how { u64 flags, mode, resolve; }, read whole whatever
 * size the caller claims, as the driver does.
 */
SCT_DECODER(openat2)
{
	uint64_t how[3] = { 0 };

	/* unreadable: translated from zeros, as the driver's (O_RDONLY) */
	if (sct_mem_read(c->tid, c->args[2], how, sizeof(how)) != sizeof(how))
		memset(how, 0, sizeof(how));
	switch (a->param) {
	case SCT_P_OPENAT2_E_FLAGS:
	case SCT_P_OPENAT2_X_FLAGS:
		return sct_int(sct_ppm_open_flags(how[0]));
	case SCT_P_OPENAT2_E_MODE:
	case SCT_P_OPENAT2_X_MODE:
		return sct_int(sct_ppm_open_mode(how[0], how[1]));
	default:	/* resolve */
		return sct_int(sct_ppm_openat2_resolve(how[2]));
	}
}

/*
 * quotactl(cmd, special, id, addr).  The exit's dqb_* fields come from
 * struct if_dqblk at addr (Q_GETQUOTA/Q_SETQUOTA), its dqi_* fields from
 * struct if_dqinfo (Q_GETINFO/Q_SETINFO), quota_fmt_out from the u32 at
 * addr (Q_GETFMT).  A field its command does not carry, or whose valid
 * bit is clear, is 0.
 */

/* if_dqblk: 8 u64 then u32 dqb_valid (72 bytes with the padding) */
#define DQBLK_SIZE	72
#define DQBLK_VALID	64
/* if_dqinfo: 2 u64, u32 dqi_flags, u32 dqi_valid */
#define DQINFO_SIZE	24
#define DQINFO_VALID	20

struct quota_field {
	uint8_t off, valid;	/* offset in the struct, its valid bit */
};

/* each exit field: where it is, and its QIF_ or IIF_ valid bit */
static const struct quota_field
	dqb_bhardlimit = { 0, QIF_BLIMITS },
	dqb_bsoftlimit = { 8, QIF_BLIMITS },
	dqb_curspace = { 16, QIF_SPACE },
	dqb_ihardlimit = { 24, QIF_ILIMITS },
	dqb_isoftlimit = { 32, QIF_ILIMITS },
	dqb_btime = { 48, QIF_BTIME },
	dqb_itime = { 56, QIF_ITIME },
	dqi_bgrace = { 0, IIF_BGRACE },
	dqi_igrace = { 8, IIF_IGRACE },
	dqi_flags = { 16, IIF_FLAGS };

static struct sct_val dqblk_field(struct sct_call *c, uint16_t ppm,
				  uint64_t addr, struct quota_field f)
{
	uint8_t b[DQBLK_SIZE];
	uint64_t v;
	uint32_t valid;

	if (ppm != SCT_PPM_Q_GETQUOTA && ppm != SCT_PPM_Q_SETQUOTA)
		return sct_int(0);
	if (!addr || sct_mem_read(c->tid, addr, b, DQBLK_SIZE) != DQBLK_SIZE)
		return SCT_NONE;
	memcpy(&valid, b + DQBLK_VALID, 4);
	if (!(valid & f.valid))
		return sct_int(0);
	memcpy(&v, b + f.off, 8);
	return sct_int(v);
}

static struct sct_val dqinfo_field(struct sct_call *c, uint16_t ppm,
				   uint64_t addr, struct quota_field f,
				   unsigned width)
{
	uint8_t b[DQINFO_SIZE];
	uint64_t v = 0;
	uint32_t valid;

	if (ppm != SCT_PPM_Q_GETINFO && ppm != SCT_PPM_Q_SETINFO)
		return sct_int(0);
	if (!addr || sct_mem_read(c->tid, addr, b, DQINFO_SIZE) != DQINFO_SIZE)
		return SCT_NONE;
	memcpy(&valid, b + DQINFO_VALID, 4);
	if (!(valid & f.valid))
		return sct_int(0);
	memcpy(&v, b + f.off, width);
	return sct_int(v);
}

SCT_DECODER(quotactl)
{
	uint16_t ppm = sct_ppm_quotactl_cmd(c->args[0]);
	uint64_t addr = c->args[3];
	uint32_t fmt;

	switch (a->param) {
	case SCT_P_QUOTACTL_E_ID:
		if (ppm == SCT_PPM_Q_GETQUOTA || ppm == SCT_PPM_Q_SETQUOTA ||
		    ppm == SCT_PPM_Q_XGETQUOTA || ppm == SCT_PPM_Q_XSETQLIM)
			return sct_int((uint32_t)c->args[2]);
		return sct_int(0);
	case SCT_P_QUOTACTL_E_QUOTA_FMT:
		if (ppm == SCT_PPM_Q_QUOTAON)
			return sct_int(sct_ppm_quotactl_fmt(c->args[2]));
		return sct_int(SCT_PPM_QFMT_NOT_USED);
	case SCT_P_QUOTACTL_X_QUOTAFILEPATH:
		if (ppm == SCT_PPM_Q_QUOTAON)
			return sct_read_str(c, addr);
		return sct_bytes("", 1);
	case SCT_P_QUOTACTL_X_DQB_BHARDLIMIT:
		return dqblk_field(c, ppm, addr, dqb_bhardlimit);
	case SCT_P_QUOTACTL_X_DQB_BSOFTLIMIT:
		return dqblk_field(c, ppm, addr, dqb_bsoftlimit);
	case SCT_P_QUOTACTL_X_DQB_CURSPACE:
		return dqblk_field(c, ppm, addr, dqb_curspace);
	case SCT_P_QUOTACTL_X_DQB_IHARDLIMIT:
		return dqblk_field(c, ppm, addr, dqb_ihardlimit);
	case SCT_P_QUOTACTL_X_DQB_ISOFTLIMIT:
		return dqblk_field(c, ppm, addr, dqb_isoftlimit);
	case SCT_P_QUOTACTL_X_DQB_BTIME:
		return dqblk_field(c, ppm, addr, dqb_btime);
	case SCT_P_QUOTACTL_X_DQB_ITIME:
		return dqblk_field(c, ppm, addr, dqb_itime);
	case SCT_P_QUOTACTL_X_DQI_BGRACE:
		return dqinfo_field(c, ppm, addr, dqi_bgrace, 8);
	case SCT_P_QUOTACTL_X_DQI_IGRACE:
		return dqinfo_field(c, ppm, addr, dqi_igrace, 8);
	case SCT_P_QUOTACTL_X_DQI_FLAGS:
		return dqinfo_field(c, ppm, addr, dqi_flags, 4);
	case SCT_P_QUOTACTL_X_QUOTA_FMT_OUT:
		if (ppm != SCT_PPM_Q_GETFMT)
			return sct_int(SCT_PPM_QFMT_NOT_USED);
		if (!sct_read_u32(c, addr, &fmt))
			return SCT_NONE;
		return sct_int(sct_ppm_quotactl_fmt(fmt));
	default:
		return SCT_NONE;
	}
}

/*
 * fsconfig(fd, cmd, key, value, aux) exit: the value as a string
 * (value_charbuf: FSCONFIG_SET_STRING, SET_PATH, SET_PATH_EMPTY) or aux
 * bytes (value_bytebuf: SET_BINARY, aux cut to 16 bits, empty unless all
 * are readable), the other one empty; both empty after a failure or for
 * the other commands.
 */
SCT_DECODER(fsconfig)
{
	uint32_t cmd = (uint32_t)c->args[1];
	bool str = cmd == SCT_PPM_FSCONFIG_SET_STRING ||
		   cmd == SCT_PPM_FSCONFIG_SET_PATH ||
		   cmd == SCT_PPM_FSCONFIG_SET_PATH_EMPTY;

	if (c->ret < 0)
		return SCT_NONE;
	if (a->param == SCT_P_FSCONFIG_X_VALUE_CHARBUF)
		return str ? sct_read_str(c, c->args[3]) : SCT_NONE;
	if (cmd != SCT_PPM_FSCONFIG_SET_BINARY)
		return SCT_NONE;
	return sct_read_exact(c, c->args[3], (uint16_t)c->args[4]);
}

/*
 * open_by_handle_at(mountfd, handle, flags) exit: what the driver reads of
 * the new file only for an fd above 0 (fd 0 counts as a failure): the
 * path it has (empty otherwise), its device and inode (0 otherwise).  The
 * flags are open's; the call creates nothing (no PPM_O_F_CREATED) and the
 * overlay layer flags are not known.
 */
SCT_DECODER(open_by_handle_at)
{
	char link[64], path[4096];
	ssize_t n;

	switch (a->param) {
	case SCT_P_OPEN_BY_HANDLE_AT_X_FLAGS:
		return sct_int(sct_ppm_open_flags(c->args[2]));
	case SCT_P_OPEN_BY_HANDLE_AT_X_PATH:
		if (c->ret <= 0)
			return SCT_NONE;
		snprintf(link, sizeof(link), "/proc/%d/fd/%lld", (int)c->tid,
			 (long long)c->ret);
		n = readlink(link, path, sizeof(path) - 1);
		if (n <= 0)
			return SCT_NONE;
		path[n] = 0;
		{
			size_t room;
			uint8_t *p = sct_arena_take(c, (size_t)n + 1, &room);

			if (!p || room < (size_t)n + 1)
				return SCT_NONE;
			memcpy(p, path, (size_t)n + 1);
			return sct_arena_commit(c, p, (size_t)n + 1);
		}
	default: {	/* dev, ino */
		struct sct_val v;

		if (c->ret <= 0)
			return sct_int(0);
		v = fd_stat(c, c->ret,
			    a->param == SCT_P_OPEN_BY_HANDLE_AT_X_DEV);
		return v.kind == SCT_V_EMPTY ? sct_int(0) : v;
	}
	}
}
