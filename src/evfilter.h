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

/* The filter's per-run context (scratch space for each event). */
struct sct_evfilter;

/* A context for filter (NULL: keep everything). */
struct sct_evfilter *sct_evfilter_new(const struct sct_filter *filter);
void sct_evfilter_free(struct sct_evfilter *ef);

/*
 * Does the filter keep event type of thread t, with result ret and its
 * values in vals?  A NULL filter keeps everything.  Also tracks what
 * later events need: the fd an enter used, the names fds were opened with.
 */
bool sct_evfilter_wanted(struct sct_evfilter *ef, struct sct_thread *t,
			 unsigned type, int64_t ret,
			 const struct sct_val *vals);
/* Free what was kept for a process. */
void sct_evfilter_forget(struct sct_group *g);

#endif
