/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The capture filter (sysdig syntax) evaluated on each event in userspace:
 * the field values sysdig's filters see, fd names included.
 */
#include "config.h"
#include "evfilter.h"
#include "arch/arch.h"
#include "filter.h"
#include "log.h"
#include "net.h"
#include "ppm_flags.h"
#include "proc.h"
#include "schema.h"
#include "thread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fctx {
	const struct sct_val *vals;
	struct sct_thread *t;
	pid_t tid;
	unsigned type;
	int64_t ret;
	int64_t fd;
	bool fd_resolved;
	const char *fdtype;
	char fdname[SCT_PROC_STR_MAX];
};

/*
 * The fd an event is about, as sysdig sees it: the fd it creates (its
 * first fd param, the result) or the fd it uses (its fd param, or the
 * enter's for exits that carry none); -1 for events without one (mmap's
 * fd argument does not make it an fd event).
 */
static int64_t event_fd(const struct fctx *fc, struct sct_thread *t,
			unsigned type)
{
	const struct sct_event_info *ei = &sct_events[type];
	unsigned i;

	if (!(ei->flags & (SCT_EF_CREATES_FD | SCT_EF_USES_FD)))
		return -1;
	for (i = 0; i < ei->nparams; i++)
		if (ei->params[i].type == SCT_PT_FD &&
		    fc->vals[i].kind == SCT_V_INT &&
		    strcmp(ei->params[i].name, "dirfd"))
			return (int64_t)fc->vals[i].u;
	return sct_event_is_enter(type) ? -1 : t->enter_fd;
}

/* The path param an fd-creating event opened (open, openat, creat...). */
static const char *opened_path(const struct fctx *fc, unsigned type,
			       int64_t *dirfd)
{
	const struct sct_event_info *ei = &sct_events[type];
	unsigned i;

	*dirfd = SCT_PPM_AT_FDCWD;
	if (!(ei->flags & SCT_EF_CREATES_FD))
		return NULL;
	for (i = 0; i < ei->nparams; i++) {
		if (!strcmp(ei->params[i].name, "dirfd") &&
		    fc->vals[i].kind == SCT_V_INT)
			*dirfd = (int64_t)fc->vals[i].u;
		if ((ei->params[i].type == SCT_PT_FSPATH ||
		     ei->params[i].type == SCT_PT_FSRELPATH) &&
		    fc->vals[i].kind == SCT_V_BYTES && fc->vals[i].len)
			return fc->vals[i].p;
	}
	return NULL;
}

/* path made absolute against cwd or dirfd, as sinsp names opened files */
static void absolute(pid_t tid, int64_t dirfd, const char *path, char *out,
		     size_t n)
{
	char link[64], base[SCT_PROC_STR_MAX];
	ssize_t len;

	if (path[0] == '/') {
		snprintf(out, n, "%s", path);
		return;
	}
	if (dirfd == SCT_PPM_AT_FDCWD)
		snprintf(link, sizeof(link), "/proc/%d/cwd", tid);
	else
		snprintf(link, sizeof(link), "/proc/%d/fd/%lld", tid,
			 (long long)dirfd);
	len = readlink(link, base, sizeof(base) - 2);
	if (len < 0)
		len = 0;
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (!len || base[len - 1] != '/')
		base[len++] = '/';
	base[len] = 0;
	/* cut to n - 1 bytes, like every name the readers take */
	snprintf(out, n, "%.*s%.*s", (int)len, base,
		 (int)(n > (size_t)len ? n - 1 - (size_t)len : 0), path);
}

/* Remember the as-opened name of an fd (the kernel's link resolves symlinks). */
static void fdcache_put(struct sct_group *g, int64_t fd, const char *name,
			const char *link)
{
	struct sct_fdname *e;

	if (fd < 0 || fd >= SCT_FDCACHE_MAX)
		return;
	if (!g->fdcache) {
		g->fdcache = calloc(SCT_FDCACHE_MAX, sizeof(*g->fdcache));
		if (!g->fdcache)
			return;
	}
	e = &g->fdcache[fd];
	free(e->name);
	free(e->link);
	e->name = strdup(name);
	e->link = strdup(link);
}

static void fdcache_drop(struct sct_group *g, int64_t fd)
{
	if (g->fdcache && fd >= 0 && fd < SCT_FDCACHE_MAX) {
		free(g->fdcache[fd].name);
		free(g->fdcache[fd].link);
		g->fdcache[fd].name = g->fdcache[fd].link = NULL;
	}
}

static void resolve_fd(struct fctx *fc)
{
	struct sct_thread *t = fc->t;
	struct sct_group *g = t->g;
	const char *path;
	int64_t dirfd;

	fc->fd_resolved = true;
	fc->fdname[0] = 0;
	/* an open, failed or not, is named by the path it was given */
	if (!sct_event_is_enter(fc->type) &&
	    (path = opened_path(fc, fc->type, &dirfd))) {
		char link[SCT_PROC_STR_MAX];

		absolute(fc->tid, dirfd, path, fc->fdname, sizeof(fc->fdname));
		fc->fdtype = "file";
		if (fc->ret >= 0) {
			fc->fdtype = sct_fd_describe(fc->tid, g->pid, &g->pidfd,
						     (int)fc->ret, link,
						     sizeof(link));
			fdcache_put(g, fc->ret, fc->fdname, link);
		}
		return;
	}
	/* a failed fd-creating call without a path: no fd, no name */
	if (fc->fd < 0)
		return;
	/* an exit about the enter's fd: what the enter saw (close!) */
	if (!sct_event_is_enter(fc->type) && t->enter_fdtype &&
	    fc->fd == t->enter_fd) {
		snprintf(fc->fdname, sizeof(fc->fdname), "%s", t->enter_fdname);
		fc->fdtype = t->enter_fdtype;
		return;
	}
	fc->fdtype = sct_fd_describe(fc->tid, g->pid, &g->pidfd, (int)fc->fd,
				     fc->fdname, sizeof(fc->fdname));
	if (g->fdcache && fc->fd < SCT_FDCACHE_MAX && g->fdcache[fc->fd].link &&
	    !strcmp(g->fdcache[fc->fd].link, fc->fdname))
		snprintf(fc->fdname, sizeof(fc->fdname), "%s",
			 g->fdcache[fc->fd].name);
}

static void parent_info(struct sct_thread *t)
{
	struct sct_procinfo pi;

	if (t->g->pinfo)
		return;
	t->g->pinfo = true;
	pi.ptid = 0;
	if (sct_proc_read(t->g->pid, &pi, SCT_PI_STAT) < 0)
		return;
	t->g->ppid = (pid_t)pi.ptid;
	if (t->g->ppid > 0)
		sct_proc_comm(t->g->ppid, t->g->pcomm, sizeof(t->g->pcomm));
}

static void fget(void *arg, enum sct_field f, struct sct_fval *v)
{
	struct fctx *fc = arg;
	struct sct_thread *t = fc->t;
	bool exit_ev = !sct_event_is_enter(fc->type) &&
		       fc->type != SCT_EV_PROCEXIT_1_E;

	switch (f) {
	case SCT_F_EVT_TYPE:
		v->str = fc->type <= SCT_EV_GENERIC_X && t->se ?
			 t->se->name : sct_events[fc->type].name;
		break;
	case SCT_F_EVT_DIR:
		v->str = sct_event_is_enter(fc->type) ? ">" : "<";
		break;
	case SCT_F_EVT_RES:
		if (!exit_ev)
			return;
		v->str = fc->ret >= 0 ? "SUCCESS" :
			 strerrorname_np((int)-fc->ret);
		if (!v->str)
			v->str = "E?";
		break;
	case SCT_F_EVT_RAWRES:
	case SCT_F_EVT_FAILED:
		if (!exit_ev)
			return;
		v->is_num = true;
		v->num = f == SCT_F_EVT_RAWRES ? fc->ret : fc->ret < 0;
		break;
	case SCT_F_PROC_NAME:
		v->str = sct_thread_comm(t);
		break;
	case SCT_F_PROC_PID:
	case SCT_F_THREAD_TID:
	case SCT_F_PROC_PPID:
		v->is_num = true;
		if (f == SCT_F_PROC_PPID) {
			parent_info(t);
			v->num = t->g->ppid;
		} else {
			v->num = f == SCT_F_PROC_PID ? t->g->pid : fc->tid;
		}
		break;
	case SCT_F_PROC_PNAME:
		parent_info(t);
		v->str = t->g->pcomm;
		break;
	case SCT_F_FD_NUM:
	case SCT_F_FD_NAME:
	case SCT_F_FD_TYPE:
		/* a failed open still names the file it tried */
		if (fc->fd < 0 && (f == SCT_F_FD_NUM || !exit_ev ||
				   !(sct_events[fc->type].flags &
				     SCT_EF_CREATES_FD)))
			return;
		if (f == SCT_F_FD_NUM) {
			v->is_num = true;
			v->num = fc->fd;
			break;
		}
		if (!fc->fd_resolved)
			resolve_fd(fc);
		if (!fc->fdtype)
			return;	/* no fd and no path */
		v->str = f == SCT_F_FD_NAME ? fc->fdname : fc->fdtype;
		break;
	default:
		return;
	}
	v->present = true;
}

struct sct_evfilter {
	const struct sct_filter *filter;
	struct fctx fc;
};

struct sct_evfilter *sct_evfilter_new(const struct sct_filter *filter)
{
	struct sct_evfilter *ef;

	if (!filter)
		return NULL;
	ef = malloc(sizeof(*ef));
	if (!ef)
		sct_die("out of memory");
	ef->filter = filter;
	return ef;
}

void sct_evfilter_free(struct sct_evfilter *ef)
{
	free(ef);
}

bool sct_evfilter_wanted(struct sct_evfilter *ef, struct sct_thread *t,
			 unsigned type, int64_t ret,
			 const struct sct_val *vals)
{
	struct fctx *fc;
	bool r;

	if (!ef)
		return true;
	fc = &ef->fc;
	fc->vals = vals;
	fc->t = t;
	fc->tid = t->tid;
	fc->type = type;
	fc->ret = ret;
	fc->fdtype = NULL;
	fc->fd_resolved = false;
	fc->fd = event_fd(fc, t, type);
	/* a failed open is still about the path it names */
	if (fc->fd < 0 && !sct_event_is_enter(type) &&
	    (sct_events[type].flags & SCT_EF_CREATES_FD))
		fc->fd = ret;
	r = sct_filter_match(ef->filter, fget, fc);
	if (sct_event_is_enter(type)) {
		/* keep what the enter saw of its fd for the exit */
		t->enter_fd = fc->fd;
		free(t->enter_fdname);
		t->enter_fdname = NULL;
		t->enter_fdtype = NULL;
		if (fc->fd_resolved) {
			t->enter_fdname = strdup(fc->fdname);
			t->enter_fdtype = t->enter_fdname ? fc->fdtype : NULL;
		}
	} else if ((sct_events[type].flags & SCT_EF_DESTROYS_FD) && ret == 0) {
		fdcache_drop(t->g, t->enter_fd);
	}
	return r;
}

void sct_evfilter_forget(struct sct_group *g)
{
	int i;

	if (!g->fdcache)
		return;
	for (i = 0; i < SCT_FDCACHE_MAX; i++) {
		free(g->fdcache[i].name);
		free(g->fdcache[i].link);
	}
	free(g->fdcache);
	g->fdcache = NULL;
}
