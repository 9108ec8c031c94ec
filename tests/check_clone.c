/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for the state a clone's two sides share (src/clone_state.c):
 * the slot's keys, and both orders end to end through sct_decode, with the
 * test process as the parent and a forked child: the parent's exit first,
 * or the child's first stop first.  Whichever side comes second must use
 * what the first one kept (shown by changing the kept copy's exe).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "clone_state.h"
#include "decode.h"
#include "proc.h"
#include "schema.h"

static struct sct_clone_side side(enum sct_clone_which w, pid_t parent,
				  pid_t child, bool pending)
{
	return (struct sct_clone_side){ .which = w, .parent = parent,
					.child = child,
					.other_pending = pending };
}

START_TEST(test_keys)
{
	struct sct_clone_state *cs = sct_clone_state_new();
	struct sct_clone_side p = side(SCT_CLONE_PARENT, 10, 11, true);
	struct sct_clone_side ch = side(SCT_CLONE_CHILD, 10, 11, true);
	struct sct_clone_side other = side(SCT_CLONE_CHILD, 10, 12, true);
	struct sct_procinfo *pi = calloc(1, sizeof(*pi));
	const struct sct_procinfo *got;
	unsigned have = 0;

	ck_assert_ptr_nonnull(pi);
	strcpy(pi->comm, "parent");
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
	sct_clone_state_keep(cs, &p, pi, SCT_PI_CWD);
	/* not for the side that kept it, nor for another clone */
	ck_assert_ptr_null(sct_clone_state_take(cs, &p, &have));
	ck_assert_ptr_null(sct_clone_state_take(cs, &other, &have));
	got = sct_clone_state_take(cs, &ch, &have);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got->comm, "parent");
	ck_assert_uint_eq(have, SCT_PI_CWD);
	/* taken: used up */
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
	/* nothing kept when the other side is not to come */
	p.other_pending = false;
	sct_clone_state_keep(cs, &p, pi, SCT_PI_CWD);
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
	/* a later clone's state takes the slot over */
	p.other_pending = true;
	sct_clone_state_keep(cs, &p, pi, 0);
	sct_clone_state_keep(cs, &other, pi, 0);
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
	other.which = SCT_CLONE_PARENT;
	ck_assert_ptr_nonnull(sct_clone_state_take(cs, &other, &have));
	free(pi);
	sct_clone_state_free(cs);
}
END_TEST

/* ---- both sides through sct_decode ---- */

static struct sct_clone_state *cs;
static struct sct_call call;
static struct sct_val vals[SCT_MAX_PARAMS];
static const struct sct_decoder *dec;
static pid_t me, child;
static int pidfd = -1;

static void setup(void)
{
	cs = sct_clone_state_new();
	memset(&call, 0, sizeof(call));
	call.arena_cap = 64u << 10;
	call.arena = malloc(call.arena_cap);
	call.pi = malloc(sizeof(*call.pi));
	ck_assert_ptr_nonnull(call.arena);
	ck_assert_ptr_nonnull(call.pi);
	call.snaplen = 80;
	call.clone_state = cs;
	call.pidfd = &pidfd;
	dec = sct_decoder_lookup("clone");
	ck_assert_ptr_nonnull(dec);
	me = getpid();
	child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
}

static void teardown(void)
{
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	free(call.arena);
	free(call.pi);
	sct_clone_state_free(cs);
}

/* Decode one side of our clone that made child into vals. */
static void decode_side(enum sct_clone_which w, bool other_pending)
{
	bool parent = w == SCT_CLONE_PARENT;

	call.tid = call.pid = parent ? me : child;
	call.arch = sct_arch_native();
	call.ret = parent ? child : 0;
	call.at_exit = true;
	call.clone_flags = 0;
	call.parent_tid = parent ? 0 : me;
	call.arena_len = 0;
	call.clone = side(w, me, child, other_pending);
	sct_decode(&call, dec->ev_enter + 1, dec->exit, dec->n_exit, vals);
}

static const struct sct_val *param(const char *name)
{
	const struct sct_event_info *ei = &sct_events[dec->ev_enter + 1];
	unsigned i;

	for (i = 0; i < ei->nparams; i++)
		if (!strcmp(ei->params[i].name, name))
			return &vals[i];
	ck_abort_msg("no param %s", name);
	return NULL;
}

/* Replace the kept state (for side w) by a copy whose exe is "/kept". */
static void mark_kept(enum sct_clone_which w, const char *own_comm)
{
	struct sct_clone_side taker = side(w, me, child, true);
	struct sct_clone_side keeper = side(w == SCT_CLONE_PARENT ?
					    SCT_CLONE_CHILD : SCT_CLONE_PARENT,
					    me, child, true);
	const struct sct_procinfo *got;
	struct sct_procinfo *copy = malloc(sizeof(*copy));
	unsigned have = 0;

	ck_assert_ptr_nonnull(copy);
	got = sct_clone_state_take(cs, &taker, &have);
	ck_assert_msg(got != NULL, "nothing kept for the other side");
	/* the parent's own state: its comm, its ids */
	ck_assert_str_eq(got->comm, own_comm);
	ck_assert_int_eq(got->pid, me);
	memcpy(copy, got, sizeof(*copy));
	strcpy(copy->exe, "/kept");
	sct_clone_state_keep(cs, &keeper, copy, have);
	free(copy);
}

static void own_comm(char *comm, size_t len)
{
	sct_proc_comm(me, comm, len);
	ck_assert(comm[0] != 0);
}

START_TEST(test_parent_exit_first)
{
	struct sct_clone_side ch = side(SCT_CLONE_CHILD, me, child, true);
	char comm[32];
	unsigned have;

	own_comm(comm, sizeof(comm));
	decode_side(SCT_CLONE_PARENT, true);
	ck_assert_uint_eq(param("res")->u, (uint64_t)child);
	ck_assert_uint_eq(param("tid")->u, (uint64_t)me);
	ck_assert_str_eq(param("comm")->p, comm);
	mark_kept(SCT_CLONE_CHILD, comm);
	decode_side(SCT_CLONE_CHILD, true);
	ck_assert_uint_eq(param("res")->u, 0);
	/* the child's own ids, its parent's state as kept */
	ck_assert_uint_eq(param("tid")->u, (uint64_t)child);
	ck_assert_uint_eq(param("pid")->u, (uint64_t)child);
	ck_assert_uint_eq(param("ptid")->u, (uint64_t)me);
	ck_assert_str_eq(param("exe")->p, "/kept");
	/* used up, and the child kept nothing of its own */
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
	ch.which = SCT_CLONE_PARENT;
	ck_assert_ptr_null(sct_clone_state_take(cs, &ch, &have));
}
END_TEST

START_TEST(test_child_first)
{
	struct sct_clone_side p = side(SCT_CLONE_PARENT, me, child, true);
	char comm[32];
	unsigned have;

	own_comm(comm, sizeof(comm));
	decode_side(SCT_CLONE_CHILD, true);
	ck_assert_uint_eq(param("tid")->u, (uint64_t)child);
	ck_assert_uint_eq(param("ptid")->u, (uint64_t)me);
	ck_assert_str_eq(param("comm")->p, comm);
	mark_kept(SCT_CLONE_PARENT, comm);
	/* the child's side is written: nothing to keep for it */
	decode_side(SCT_CLONE_PARENT, false);
	ck_assert_uint_eq(param("res")->u, (uint64_t)child);
	ck_assert_uint_eq(param("tid")->u, (uint64_t)me);
	ck_assert_str_eq(param("exe")->p, "/kept");
	ck_assert_ptr_null(sct_clone_state_take(cs, &p, &have));
	p.which = SCT_CLONE_CHILD;
	ck_assert_ptr_null(sct_clone_state_take(cs, &p, &have));
}
END_TEST

/* Without the other side's state, each side reads its own. */
START_TEST(test_parent_alone)
{
	char comm[32];

	own_comm(comm, sizeof(comm));
	decode_side(SCT_CLONE_PARENT, false);
	ck_assert_str_eq(param("comm")->p, comm);
	decode_side(SCT_CLONE_CHILD, false);
	ck_assert_uint_eq(param("tid")->u, (uint64_t)child);
	ck_assert_str_eq(param("comm")->p, comm);
}
END_TEST

Suite *sct_suite_clone(void);

Suite *sct_suite_clone(void)
{
	Suite *s = suite_create("clone_state");
	TCase *tc = tcase_create("keys");
	TCase *td = tcase_create("decode");

	tcase_add_test(tc, test_keys);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(td, setup, teardown);
	tcase_add_test(td, test_parent_exit_first);
	tcase_add_test(td, test_child_first);
	tcase_add_test(td, test_parent_alone);
	suite_add_tcase(s, td);
	return s;
}
