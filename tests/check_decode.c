/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The decode op table (src/decode_ops.h) against the generated decoders:
 * every source names a registered op with an operand count the op
 * declares, every "@name" a registered named decoder; and a few named
 * decoders and named operands decoded from this process's own memory.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <linux/quota.h>

#include "arch/arch.h"
#include "decode.h"
#include "decode/internal.h"
#include "ppm_flags.h"
#include "schema.h"
#include "proc.h"
#include "thread.h"

#define A(p)	((uint64_t)(uintptr_t)(p))

START_TEST(test_op_table)
{
	unsigned op, k;

	for (op = 0; op < SCT_OP_COUNT; op++) {
		ck_assert_msg(sct_ops[op].name != NULL, "op %u has no entry",
			      op);
		ck_assert_msg(sct_ops[op].min <= sct_ops[op].max &&
				      sct_ops[op].max <= 3,
			      "%s: %u..%u operands", sct_ops[op].name,
			      sct_ops[op].min, sct_ops[op].max);
		for (k = 0; k < op; k++)
			ck_assert_str_ne(sct_ops[k].name, sct_ops[op].name);
	}
	ck_assert_str_eq(sct_ops[SCT_OP_VAL].name, "VAL");
	ck_assert_uint_eq(sct_ops[SCT_OP_BUF].min, 2);
	ck_assert_uint_eq(sct_ops[SCT_OP_RLIMIT].max, 3);
	ck_assert_uint_gt(sct_nnamed_decoders, 0);
	for (k = 0; k < sct_nnamed_decoders; k++)
		ck_assert_ptr_nonnull(sct_named_decoders[k]);
}
END_TEST

/* Operands given (kinds other than NONE, all before the first NONE). */
static unsigned operands(const struct sct_src *s, const char *who)
{
	unsigned n = 0, i;

	while (n < 3 && s->o[n].kind != SCT_O_NONE)
		n++;
	for (i = n; i < 3; i++)
		ck_assert_msg(s->o[i].kind == SCT_O_NONE,
			      "%s: operand %u after an empty one", who, i);
	return n;
}

static void check_side(const char *syscall, const char *side,
		       const struct sct_src *srcs, unsigned n)
{
	unsigned i, k;

	for (i = 0; i < n; i++) {
		const struct sct_src *s = &srcs[i];
		char who[96];

		snprintf(who, sizeof(who), "%s %s param %u", syscall, side, i);
		ck_assert_msg(s->op < SCT_OP_COUNT, "%s: op %u", who, s->op);
		k = operands(s, who);
		ck_assert_msg(k >= sct_ops[s->op].min &&
				      k <= sct_ops[s->op].max,
			      "%s: %s with %u operands, declared %u..%u", who,
			      sct_ops[s->op].name, k, sct_ops[s->op].min,
			      sct_ops[s->op].max);
		if (s->op == SCT_OP_CALL)
			ck_assert_msg(s->o[0].kind == SCT_O_LIT &&
					      s->o[0].v >= 0 &&
					      (unsigned)s->o[0].v <
						      sct_nnamed_decoders,
				      "%s: named decoder %d", who, s->o[0].v);
	}
}

START_TEST(test_operand_counts)
{
	unsigned d;

	for (d = 0; d < sct_ndecoders; d++) {
		const struct sct_decoder *dc = &sct_decoders[d];

		check_side(dc->syscall, "enter", dc->enter, dc->n_enter);
		check_side(dc->syscall, "exit", dc->exit, dc->n_exit);
	}
}
END_TEST

/* Decode one side of a syscall whose memory is this process's own. */
static uint8_t arena[8192];

static void decode(const char *syscall, bool at_exit, const uint64_t *args,
		   int64_t ret, struct sct_val *out)
{
	const struct sct_decoder *dc = sct_decoder_lookup(syscall);
	struct sct_call c;

	ck_assert_ptr_nonnull(dc);
	memset(&c, 0, sizeof(c));
	c.tid = c.pid = getpid();
	c.arch = sct_arch_native();
	memcpy(c.args, args, sizeof(c.args));
	c.ret = ret;
	c.at_exit = at_exit;
	c.snaplen = 80;
	c.arena = arena;
	c.arena_cap = sizeof(arena);
	sct_decode(&c, dc->ev_enter + at_exit, at_exit ? dc->exit : dc->enter,
		   at_exit ? dc->n_exit : dc->n_enter, out);
}

/* rlimit(a1,cur,ret) / rlimit(a1,max,ret): the named fields */
START_TEST(test_named_operands)
{
	struct rlimit rl = { .rlim_cur = 1234, .rlim_max = 56789 };
	uint64_t args[6] = { RLIMIT_NOFILE, A(&rl) };
	struct sct_val v[3];

	decode("getrlimit", true, args, 0, v);
	ck_assert_uint_eq(v[1].u, 1234);
	ck_assert_uint_eq(v[2].u, 56789);
	/* a failed call: both -1 */
	decode("getrlimit", true, args, -14, v);
	ck_assert_uint_eq(v[1].u, (uint64_t)-1);
	ck_assert_uint_eq(v[2].u, (uint64_t)-1);
}
END_TEST

/* @quotactl and @openat2 fill the parameters their rows give them */
START_TEST(test_named_decoders)
{
	struct if_dqblk dq;
	uint64_t how[3] = { 0100 /* O_CREAT */, 0640, 0 };
	uint64_t args[6] = { QCMD(Q_GETQUOTA, USRQUOTA), 0, 1000, 0 };
	struct sct_val v[14];

	memset(&dq, 0, sizeof(dq));
	dq.dqb_bhardlimit = 11;
	dq.dqb_bsoftlimit = 22;
	dq.dqb_curspace = 33;
	dq.dqb_itime = 77;
	dq.dqb_valid = QIF_BLIMITS | QIF_ITIME;
	args[3] = A(&dq);
	decode("quotactl", false, args, 0, v);
	ck_assert_uint_eq(v[0].u, SCT_PPM_Q_GETQUOTA);
	ck_assert_uint_eq(v[2].u, 1000);			/* id */
	ck_assert_uint_eq(v[3].u, SCT_PPM_QFMT_NOT_USED);	/* quota_fmt */
	decode("quotactl", true, args, 0, v);
	ck_assert_uint_eq(v[3].u, 11);		/* dqb_bhardlimit */
	ck_assert_uint_eq(v[4].u, 22);		/* dqb_bsoftlimit */
	ck_assert_uint_eq(v[5].u, 0);		/* dqb_curspace: not valid */
	ck_assert_uint_eq(v[9].u, 77);		/* dqb_itime */
	ck_assert_uint_eq(v[10].u, 0);		/* dqi_bgrace: not Q_GETINFO */
	ck_assert_uint_eq(v[13].u, SCT_PPM_QFMT_NOT_USED);

	memset(args, 0, sizeof(args));
	args[2] = A(how);
	args[3] = sizeof(how);
	decode("openat2", false, args, 0, v);
	ck_assert_uint_eq(v[2].u, SCT_PPM_O_RDONLY | SCT_PPM_O_CREAT);
	ck_assert_uint_eq(v[3].u, SCT_PPM_S_IRUSR | SCT_PPM_S_IWUSR |
				  SCT_PPM_S_IRGRP);
	ck_assert_uint_eq(v[4].u, 0);
}
END_TEST

/* ourselves as an execve exit would show us: params by name */
static uint64_t exec_param(const struct sct_val *v, const char *name)
{
	const struct sct_decoder *dc = sct_decoder_lookup("execve");
	const struct sct_event_info *ei = &sct_events[dc->ev_enter + 1];
	unsigned i;

	for (i = 0; i < ei->nparams; i++)
		if (!strcmp(ei->params[i].name, name))
			return v[i].u;
	ck_abort_msg("no param %s", name);
	return 0;
}

static uint64_t status_hex(const char *key)
{
	char line[256];
	uint64_t v = ~0ull;
	FILE *f = fopen("/proc/self/status", "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, strlen(key)))
			v = strtoull(line + strlen(key), NULL, 16);
	fclose(f);
	return v;
}

/*
 * The new image's capability sets and effective uid come from one read
 * of its status (the sets are taken with the ids, not read again).
 */
START_TEST(test_exec_caps)
{
	const struct sct_decoder *dc = sct_decoder_lookup("execve");
	static uint8_t big[256 << 10];
	struct sct_val v[SCT_MAX_PARAMS];
	struct sct_procinfo *pi = malloc(sizeof(*pi));
	uint64_t mask = (1ull << 41) - 1;
	struct sct_call c;

	ck_assert_ptr_nonnull(dc);
	ck_assert_ptr_nonnull(pi);
	memset(&c, 0, sizeof(c));
	c.tid = c.pid = getpid();
	c.arch = sct_arch_native();
	c.at_exit = true;
	c.snaplen = 80;
	c.arena = big;
	c.arena_cap = sizeof(big);
	c.pi = pi;
	sct_decode(&c, dc->ev_enter + 1, dc->exit, dc->n_exit, v);
	ck_assert_uint_eq(exec_param(v, "cap_inheritable"),
			  status_hex("CapInh:") & mask);
	ck_assert_uint_eq(exec_param(v, "cap_permitted"),
			  status_hex("CapPrm:") & mask);
	ck_assert_uint_eq(exec_param(v, "cap_effective"),
			  status_hex("CapEff:") & mask);
	ck_assert_uint_eq(exec_param(v, "uid"), geteuid());
	ck_assert_uint_eq(exec_param(v, "gid"), getegid());
	free(pi);
}
END_TEST

/* procexit's reaper_tid (libs 0.25): 0 without a child process */
START_TEST(test_reaper)
{
	static struct sct_threads ts;
	struct sct_thread *a, *a2, *child, *thr;

	a = sct_thread_add(&ts, 100, NULL);
	ck_assert_ptr_nonnull(a);
	/* alone, no child */
	ck_assert_int_eq(sct_decode_reaper(&ts, a), 0);
	/* a thread it started is not a child process */
	thr = sct_thread_add(&ts, 101, a->g);
	thr->parent_tid = 100;
	ck_assert_int_eq(sct_decode_reaper(&ts, a), 0);
	sct_thread_drop(&ts, thr);
	/* a child process, no other thread: init */
	child = sct_thread_add(&ts, 200, NULL);
	child->parent_tid = 100;
	ck_assert_int_eq(sct_decode_reaper(&ts, a), 1);
	/* another thread of the process takes the children */
	a2 = sct_thread_add(&ts, 102, a->g);
	ck_assert_int_eq(sct_decode_reaper(&ts, a), 102);
	/* the child's own end: no child of its own */
	ck_assert_int_eq(sct_decode_reaper(&ts, child), 0);
	sct_thread_drop(&ts, child);
	sct_thread_drop(&ts, a2);
	sct_thread_drop(&ts, a);
	ck_assert_uint_eq(ts.n, 0);
}
END_TEST

Suite *sct_suite_decode(void);

Suite *sct_suite_decode(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("ops");

	tcase_add_test(tc, test_op_table);
	tcase_add_test(tc, test_operand_counts);
	tcase_add_test(tc, test_named_operands);
	tcase_add_test(tc, test_named_decoders);
	tcase_add_test(tc, test_reaper);
	tcase_add_test(tc, test_exec_caps);
	suite_add_tcase(s, tc);
	return s;
}
