/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The table of traced threads and their processes (see thread.h). */
#include "config.h"
#include "thread.h"
#include "evfilter.h"
#include "log.h"
#include "proc.h"
#include "stack.h"

#include <stdlib.h>
#include <unistd.h>

struct sct_group *sct_group_new(pid_t pid)
{
	struct sct_group *g = calloc(1, sizeof(*g));

	if (!g)
		sct_die("out of memory");
	g->pid = pid;
	g->pidfd = -1;
	g->lib_fd = -1;
	return g;
}

void sct_group_put(struct sct_group *g)
{
	if (--g->refs > 0)
		return;
	if (g->pidfd >= 0)
		close(g->pidfd);
	sct_evfilter_forget(g);
	sct_stack_forget(g);
	free(g);
}

struct sct_thread *sct_thread_add(struct sct_threads *ts, pid_t tid,
				  struct sct_group *g)
{
	struct sct_thread *t = calloc(1, sizeof(*t));
	unsigned h = (unsigned)tid % SCT_THREADS_HASH;

	if (!t)
		sct_die("out of memory");
	t->tid = tid;
	t->g = g ? g : sct_group_new(tid);
	t->g->refs++;
	t->cpu = -1;
	t->next = ts->hash[h];
	ts->hash[h] = t;
	ts->n++;
	return t;
}

void sct_thread_drop(struct sct_threads *ts, struct sct_thread *t)
{
	struct sct_thread **pp = &ts->hash[(unsigned)t->tid % SCT_THREADS_HASH];

	while (*pp != t)
		pp = &(*pp)->next;
	*pp = t->next;
	sct_group_put(t->g);
	free(t->enter_fdname);
	free(t->stack);
	free(t);
	ts->n--;
}

const char *sct_thread_comm(struct sct_thread *t)
{
	if (!t->comm[0] || t->comm_gen != t->g->comm_gen) {
		sct_proc_comm(t->tid, t->comm, sizeof(t->comm));
		t->comm_gen = t->g->comm_gen;
	}
	return t->comm;
}

void sct_threads_for_each(struct sct_threads *ts,
			  void (*fn)(struct sct_thread *t, void *arg),
			  void *arg)
{
	struct sct_thread *t, *next;
	unsigned i;

	for (i = 0; i < SCT_THREADS_HASH; i++)
		for (t = ts->hash[i]; t; t = next) {
			next = t->next;
			fn(t, arg);
		}
}
