/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The capture filter applied to events in userspace. */
#ifndef SCTRACE_EVFILTER_H
#define SCTRACE_EVFILTER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "event.h"

struct sct_filter;
struct sct_group;
struct sct_thread;

/*
 * Does the filter keep event type of thread t (tid), with result ret and
 * its values in vals?  A NULL filter keeps everything.  Also tracks what
 * later events need: the fd an enter used, the names fds were opened with.
 */
bool sct_evfilter_wanted(const struct sct_filter *filter, struct sct_thread *t,
			pid_t tid, unsigned type, int64_t ret,
			const struct sct_val *vals);
/* Free what was kept for a process. */
void sct_evfilter_forget(struct sct_group *g);

#endif
