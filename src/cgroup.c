// SPDX-License-Identifier: GPL-2.0-or-later
/* The driver's cgroups parameter (see cgroup.h). */
#include "config.h"
#include "cgroup.h"
#include "proc.h"
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* The driver's controllers, in its order (auxmap__store_cgroups_param). */
static const struct {
	const char *name;	/* the kernel's, as the driver writes it */
	const char *legacy;	/* in /proc/cgroups and v1 lines */
	bool v2;		/* a cgroup v2 controller */
} ctrl[] = {
	{ "cpuset", "cpuset", true },
	{ "cpu", "cpu", true },
	{ "cpuacct", "cpuacct", false },
	{ "io", "blkio", true },
	{ "memory", "memory", true },
};
#define NCTRL	(sizeof(ctrl) / sizeof(ctrl[0]))

/* The driver reads at most this many kernfs nodes, the root among them. */
#define DRIVER_NODES	6

/* Is word w (of length n) among the words of list? */
static bool has_word(const char *list, const char *w, size_t n,
		     const char *seps)
{
	while (*list) {
		size_t l;

		list += strspn(list, seps);
		l = strcspn(list, seps);
		if (l == n && !strncmp(list, w, n))
			return true;
		list += l;
	}
	return false;
}

const struct sct_cgroup_sys *sct_cgroup_sys(void)
{
	static struct sct_cgroup_sys sys;
	static char kernel[256], mount[256];
	static char buf[65536];	/* mountinfo: a container may have many mounts */
	char *line, *save = NULL;
	size_t k = 0;

	if (sys.kernel)
		return &sys;
	sys.kernel = kernel;
	sys.v2_mount = mount;
	if (sct_proc_text("/proc/cgroups", buf, sizeof(buf)) > 0) {
		for (line = strtok_r(buf, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			size_t n = strcspn(line, " \t");

			if (line[0] == '#' || !n || k + n + 2 > sizeof(kernel))
				continue;
			memcpy(kernel + k, line, n);
			k += n;
			kernel[k++] = ' ';
		}
		kernel[k] = 0;
	} else {
		/* (no /proc/cgroups: every one of the driver's) */
		snprintf(kernel, sizeof(kernel), "cpuset cpu cpuacct blkio memory");
	}
	/* mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT ... - FSTYPE ... */
	save = NULL;
	if (sct_proc_text("/proc/self/mountinfo", buf, sizeof(buf)) > 0)
		for (line = strtok_r(buf, "\n", &save); line && !mount[0];
		     line = strtok_r(NULL, "\n", &save)) {
			const char *dash = strstr(line, " - ");
			char point[256];

			if (!dash || strncmp(dash + 3, "cgroup2 ", 8) ||
			    sscanf(line, "%*s %*s %*s %*s %255s", point) != 1 ||
			    strchr(point, '\\'))
				continue;
			snprintf(mount, sizeof(mount), "%s", point);
		}
	return &sys;
}

/*
 * Where each v2 controller of ctrl[] is in effect for cgroup path: the
 * length of the ancestor of path (a prefix of it; 0 for the root) whose
 * cgroup.controllers names it.  The last answer is kept for a second.
 */
static void v2_effective(const char *path, size_t len, const char *mount,
			 size_t eff[NCTRL])
{
	static __thread char last[SCT_PROC_STR_MAX];
	static __thread size_t last_len, last_eff[NCTRL];
	static __thread time_t last_time;
	struct timespec now;
	bool found[NCTRL] = { false };
	size_t i, at = len;
	bool leaf = true;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	if (len == last_len && len < sizeof(last) && now.tv_sec == last_time &&
	    !memcmp(path, last, len)) {
		memcpy(eff, last_eff, sizeof(last_eff));
		return;
	}
	for (i = 0; i < NCTRL; i++)
		eff[i] = 0;
	while (at > 1 && mount[0]) {
		char file[SCT_PROC_STR_MAX + 300], ctrls[512];

		snprintf(file, sizeof(file), "%s%.*s/cgroup.controllers", mount,
			 (int)at, path);
		if (sct_proc_text(file, ctrls, sizeof(ctrls)) < 0) {
			/* not ours to see: the cgroup itself, else here */
			for (i = 0; i < NCTRL; i++)
				if (!found[i] && ctrl[i].v2)
					eff[i] = leaf ? len : at;
			break;
		}
		for (i = 0; i < NCTRL; i++)
			if (!found[i] && ctrl[i].v2 &&
			    has_word(ctrls, ctrl[i].name, strlen(ctrl[i].name),
				     " \n")) {
				found[i] = true;
				eff[i] = at;
			}
		leaf = false;
		while (at > 0 && path[at - 1] != '/')
			at--;
		if (at > 0)
			at--;	/* the parent, without its '/' */
	}
	if (!mount[0])
		for (i = 0; i < NCTRL; i++)
			eff[i] = ctrl[i].v2 ? len : 0;
	if (len < sizeof(last)) {
		memcpy(last, path, len);
		last_len = len;
		memcpy(last_eff, eff, sizeof(last_eff));
		last_time = now.tv_sec;
	}
}

/* Append "name=path", path being len bytes (0: the root). */
static size_t append(char *out, size_t size, size_t at, const char *name,
		     const char *path, size_t len)
{
	size_t nl = strlen(name), cut = len, comps = 0, need;

	/*
	 * The driver walks up DRIVER_NODES nodes, the root counting as one:
	 * a deeper path keeps only its last DRIVER_NODES components.
	 */
	while (cut > 0) {
		if (path[cut - 1] == '/' && ++comps == DRIVER_NODES)
			break;
		cut--;
	}
	if (cut > 0)
		cut--;		/* keep the '/' before the first one kept */
	path += cut;
	len -= cut;
	if (!len) {
		path = "/";
		len = 1;
	}
	need = nl + 1 + len + 1;
	if (at + need > size)
		return at;
	memcpy(out + at, name, nl);
	out[at + nl] = '=';
	memcpy(out + at + nl + 1, path, len);
	out[at + need - 1] = 0;
	return at + need;
}

size_t sct_cgroup_event_list(const char *text,
			     const struct sct_cgroup_sys *sys, char *out,
			     size_t size)
{
	const char *v1_path[NCTRL] = { NULL }, *v2_path = NULL;
	size_t v1_len[NCTRL] = { 0 }, v2_len = 0, eff[NCTRL], at = 0, i;
	const char *line;

	/* lines "ID:CONTROLLERS:PATH"; v2's has no controllers */
	for (line = text; *line; ) {
		size_t n = strcspn(line, "\n");
		const char *c = memchr(line, ':', n), *p;

		p = c ? memchr(c + 1, ':', n - (size_t)(c + 1 - line)) : NULL;
		if (p) {
			size_t clen = (size_t)(p - c - 1);
			size_t plen = n - (size_t)(p + 1 - line);

			if (!clen) {
				v2_path = p + 1;
				v2_len = plen;
			}
			for (i = 0; clen && i < NCTRL; i++) {
				char list[256];

				if (clen >= sizeof(list))
					break;
				memcpy(list, c + 1, clen);
				list[clen] = 0;
				if (has_word(list, ctrl[i].legacy,
					     strlen(ctrl[i].legacy), ",")) {
					v1_path[i] = p + 1;
					v1_len[i] = plen;
				}
			}
		}
		line += n;
		line += *line == '\n';
	}
	if (v2_path)
		v2_effective(v2_path, v2_len, sys->v2_mount, eff);
	for (i = 0; i < NCTRL; i++) {
		const char *l = ctrl[i].legacy;
		size_t next;

		if (!has_word(sys->kernel, l, strlen(l), " \n\t"))
			continue;
		if (v1_path[i])
			next = append(out, size, at, ctrl[i].name, v1_path[i],
				      v1_len[i]);
		else if (v2_path && ctrl[i].v2)
			next = append(out, size, at, ctrl[i].name, v2_path,
				      eff[i]);
		else
			next = append(out, size, at, ctrl[i].name, "/", 1);
		if (next == at)
			break;		/* full: no later item either */
		at = next;
	}
	return at;
}
