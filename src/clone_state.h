/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The process state a clone's two sides share.  A clone is written twice:
 * the parent's exit (res = the child's tid) and the child's side (res = 0),
 * in either order.  Both carry the parent's /proc state as at the fork
 * (the child's is still a copy of it), so whichever side comes first reads
 * it and leaves it here for the other.  One slot: the two sides of a clone
 * nearly always follow each other; a slot taken over by another clone
 * only costs the other side its own /proc read.
 */
#ifndef SCTRACE_CLONE_STATE_H
#define SCTRACE_CLONE_STATE_H

#include <stdbool.h>
#include <sys/types.h>

struct sct_procinfo;
struct sct_clone_state;

enum sct_clone_which {
	SCT_CLONE_NONE,		/* not a side of a clone */
	SCT_CLONE_PARENT,	/* the parent's exit */
	SCT_CLONE_CHILD,	/* the child's side, at its first stop */
};

/* Which side of which clone an event is (the key of the shared state). */
struct sct_clone_side {
	enum sct_clone_which which;
	pid_t parent;		/* the thread that called clone */
	pid_t child;		/* the thread it made */
	/* the other side is still to be written: keep what this one reads */
	bool other_pending;
	bool own_cgroup;	/* clone3 with CLONE_INTO_CGROUP */
};

struct sct_clone_state *sct_clone_state_new(void);
void sct_clone_state_free(struct sct_clone_state *cs);

/*
 * Side s read its clone's parent's state into pi (have: the SCT_PI_*
 * parts it holds): keep a copy for the other side, replacing whatever the
 * slot held.  Nothing is kept unless s->other_pending.
 */
void sct_clone_state_keep(struct sct_clone_state *cs,
			  const struct sct_clone_side *s,
			  const struct sct_procinfo *pi, unsigned have);

/*
 * The parent's state the other side of s's clone kept, or NULL (*have:
 * its SCT_PI_* parts).  Taking it empties the slot.
 */
const struct sct_procinfo *sct_clone_state_take(struct sct_clone_state *cs,
						const struct sct_clone_side *s,
						unsigned *have);

#endif
