/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The cgroups parameter of clone and execve exits, as the kernel driver
 * writes it: "controller=/path" for cpuset, cpu, cpuacct, io and memory,
 * in that order, those the kernel has, each the cgroup of the thread in
 * that controller's hierarchy (on cgroup v2, the nearest ancestor where
 * the controller is enabled), cut to its last 6 components.  The process
 * list keeps libscap's own format (proc.c).
 */
#ifndef SCTRACE_CGROUP_H
#define SCTRACE_CGROUP_H

#include <stddef.h>

/* What the list depends on besides the thread's /proc/T/cgroup. */
struct sct_cgroup_sys {
	/* legacy names of the kernel's controllers, as /proc/cgroups has
	 * them (blkio for io), space- or newline-separated */
	const char *kernel;
	/* where cgroup v2 is mounted ("" if nowhere) */
	const char *v2_mount;
};

/* This system's, read once (/proc/cgroups, /proc/self/mountinfo). */
const struct sct_cgroup_sys *sct_cgroup_sys(void);

/*
 * The list for a thread whose /proc/T/cgroup is text, into out (NUL-
 * terminated items, whole items only): its length.  On v2 the enabled
 * controllers are read from the cgroup tree under sys->v2_mount (the last
 * lookup kept for a second).
 */
size_t sct_cgroup_event_list(const char *text,
			     const struct sct_cgroup_sys *sys, char *out,
			     size_t size);

#endif
