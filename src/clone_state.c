/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The process state a clone's two sides share (see clone_state.h). */
#include "config.h"
#include "clone_state.h"
#include "log.h"
#include "proc.h"

#include <stdlib.h>
#include <string.h>

struct sct_clone_state {
	bool full;
	pid_t parent, child;
	enum sct_clone_which for_side;	/* the side that may take it */
	unsigned have;
	struct sct_procinfo pi;
};

struct sct_clone_state *sct_clone_state_new(void)
{
	struct sct_clone_state *cs = calloc(1, sizeof(*cs));

	if (!cs)
		sct_die("out of memory");
	return cs;
}

void sct_clone_state_free(struct sct_clone_state *cs)
{
	free(cs);
}

static enum sct_clone_which other(enum sct_clone_which w)
{
	return w == SCT_CLONE_PARENT ? SCT_CLONE_CHILD : SCT_CLONE_PARENT;
}

void sct_clone_state_keep(struct sct_clone_state *cs,
			  const struct sct_clone_side *s,
			  const struct sct_procinfo *pi, unsigned have)
{
	if (s->which == SCT_CLONE_NONE || !s->other_pending)
		return;
	memcpy(&cs->pi, pi, sizeof(cs->pi));
	cs->full = true;
	cs->parent = s->parent;
	cs->child = s->child;
	cs->for_side = other(s->which);
	cs->have = have;
}

const struct sct_procinfo *sct_clone_state_take(struct sct_clone_state *cs,
						const struct sct_clone_side *s,
						unsigned *have)
{
	if (!cs->full || s->which != cs->for_side ||
	    s->parent != cs->parent || s->child != cs->child)
		return NULL;
	cs->full = false;
	*have = cs->have;
	return &cs->pi;
}
