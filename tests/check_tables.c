/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invariants of the generated tables (in the spirit of falcosecurity/libs'
 * event_table tests): the event schema (src/schema.h), the decoders
 * (src/decode.h), the x86_64 syscall table (src/arch/arch.h) and the PPM_SC
 * codes.  Expected codes and counts are written out from
 * docs/scap-format.md §3/§4.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arch/arch.h"
#include "decode.h"
#include "schema.h"

static size_t ident_stem(const char *ident)
{
	size_t n = strlen(ident);

	ck_assert_uint_gt(n, 2);
	return n - 2;
}

START_TEST(test_schema_shape)
{
	unsigned t, i;

	ck_assert_uint_eq(SCT_EVENT_MAX, 454);	/* libs 0.25.4 PPM_EVENT_MAX */
	for (t = 0; t < SCT_EVENT_MAX; t++) {
		const struct sct_event_info *ei = &sct_events[t];
		size_t n;

		ck_assert_msg(ei->ident && ei->name, "event %u unnamed", t);
		n = strlen(ei->ident);
		ck_assert_msg(!strcmp(ei->ident + n - 2, t & 1 ? "_X" : "_E"),
			      "event %u (%s): enter/exit suffix", t, ei->ident);
		ck_assert_uint_le(ei->nparams_libs, SCT_MAX_PARAMS);
		ck_assert_msg(!ei->nparams_libs || ei->params,
			      "event %u: params missing", t);
		/*
		 * never more params than libs 0.25 has, nor than libs 0.21
		 * has for a type its converter rewrites
		 */
		ck_assert_msg(ei->nparams <= ei->nparams_libs &&
				      (!(ei->flags & SCT_EF_CONV021) ||
				       ei->nparams <= ei->nparams_021),
			      "event %u (%s): writes %u params, libs 0.25 has "
			      "%u, 0.21 %d", t, ei->ident, ei->nparams,
			      ei->nparams_libs, ei->nparams_021);
		/* 0.21.0's table ends at 430 (the iterator events follow) */
		ck_assert_msg((ei->nparams_021 < 0) == (t >= 430),
			      "event %u: in libs 0.21 %d", t,
			      ei->nparams_021);
		ck_assert_msg(!(ei->flags & SCT_EF_LARGE) || t == 322 ||
				      t == 324 || t == 402,
			      "event %u: unexpected LARGE flag", t);
		for (i = 0; i < ei->nparams_libs; i++) {
			ck_assert_msg(ei->params[i].name &&
					      ei->params[i].name[0],
				      "event %u param %u unnamed", t, i);
			ck_assert_msg(ei->params[i].type > SCT_PT_NONE &&
					      ei->params[i].type < SCT_PT_MAX,
				      "event %u param %u: type %u", t, i,
				      ei->params[i].type);
		}
		/* an enter and its exit are one pair */
		if (t & 1) {
			const struct sct_event_info *en = &sct_events[t - 1];

			ck_assert_msg(ident_stem(en->ident) ==
						      ident_stem(ei->ident) &&
					      !strncmp(en->ident, ei->ident,
						       ident_stem(ei->ident)),
				      "events %u/%u: %s / %s", t - 1, t,
				      en->ident, ei->ident);
		}
	}
	/* spot checks of §4 codes */
	ck_assert_str_eq(sct_events[0].ident, "GENERIC_E");
	ck_assert_str_eq(sct_events[186].ident, "PROCEXIT_1_E");
	ck_assert_uint_eq(sct_events[186].nparams, 5);	/* reaper_tid */
	ck_assert_str_eq(sct_events[293].ident, "SYSCALL_EXECVE_19_X");
	ck_assert_str_eq(sct_events[335].ident, "SYSCALL_CLONE3_X");
	ck_assert_uint_eq(SCT_EV_SYSCALL_OPENAT_2_E, 306);
	ck_assert(sct_events[322].flags & SCT_EF_LARGE);
	/* libs 0.25's additions: new ids, params appended to old ones */
	ck_assert_uint_eq(SCT_EV_SYSCALL_NEWFSTATAT_X, 419);
	ck_assert_uint_eq(SCT_EV_SYSCALL_DUP2_E, 362);
	ck_assert_uint_eq(SCT_EV_SYSCALL_PIPE2_E, 392);
	ck_assert_uint_eq(SCT_EV_SYSCALL_EVENTFD2_E, 396);
	ck_assert_uint_eq(SCT_EV_SYSCALL_KEYCTL_X, 453);
	ck_assert_uint_eq(sct_events[19].nparams_libs, 5);	/* socket */
	ck_assert_int_eq(sct_events[19].nparams_021, 4);
	ck_assert_uint_eq(sct_events[307].nparams_libs, 7);	/* openat ino */
	ck_assert_uint_eq(sct_events[293].nparams_libs, 31);
	ck_assert_int_eq(sct_events[293].nparams_021, 30);
	ck_assert_str_eq(sct_events[293].params[30].name, "filename");
	ck_assert_int_eq(sct_events[431].nparams_021, -1);
}
END_TEST

/* Parameter lists of some events, from §4, as "name:PTcode" strings. */
struct spec_event {
	unsigned type;
	const char *params;
};

static const struct spec_event spec_events[] = {
	{ 0, "ID:18 nativeID:6" },
	{ 1, "ID:18" },
	{ 2, "name:17 flags:30 mode:7" },
	{ 3, "fd:14 name:17 flags:30 mode:7 dev:7 ino:8" },
	{ 4, "fd:14" },
	{ 5, "res:11" },
	{ 6, "fd:14 size:7" },
	{ 7, "res:11 data:10" },
	{ 18, "domain:46 type:7 proto:7" },
	{ 19, "fd:14 domain:46 type:7 proto:7" },
	{ 22, "fd:14 addr:12" },
	{ 23, "res:11 tuple:13 fd:14" },
	{ 53, "res:11 size:7 data:10 tuple:13" },
	{ 61, "res:11 fd1:14 fd2:14 ino:8" },
	{ 124, "fd:14" },
	{ 125, "res:14" },
	{ 186, "status:11 ret:11 sig:19 core:5 reaper_tid:15" },
	{ 247, "fd:14 tuple:13 queuepct:5 queuelen:7 queuemax:7" },
	{ 248, "flags:3" },
	{ 292, "filename:17" },
	{ 293, "res:11 exe:9 args:10 tid:15 pid:15 ptid:15 cwd:9 fdlimit:8 "
	       "pgft_maj:8 pgft_min:8 vm_size:7 vm_rss:7 vm_swap:7 comm:9 "
	       "cgroups:10 env:10 tty:7 vpgid:15 loginuid:31 flags:30 "
	       "cap_inheritable:8 cap_permitted:8 cap_effective:8 exe_ino:8 "
	       "exe_ino_ctime:21 exe_ino_mtime:21 uid:31 trusted_exepath:17 "
	       "pgid:15 gid:32" },
	{ 223, "res:15 exe:9 args:10 tid:15 pid:15 ptid:15 cwd:9 fdlimit:4 "
	       "pgft_maj:8 pgft_min:8 vm_size:7 vm_rss:7 vm_swap:7 comm:9 "
	       "cgroups:10 flags:30 uid:7 gid:7 vtid:15 vpid:15 "
	       "pidns_init_start_ts:8" },
	{ 306, "dirfd:14 name:43 flags:30 mode:7" },
	{ 307, "fd:14 dirfd:14 name:43 flags:30 mode:7 dev:7 ino:8" },
	{ 327, "fd:14 dirfd:14 name:43 flags:30 mode:7 resolve:30 dev:7 ino:8" },
	{ 330, "dirfd:14 pathname:43 flags:30" },
};

START_TEST(test_schema_spec_events)
{
	unsigned k;

	for (k = 0; k < sizeof(spec_events) / sizeof(spec_events[0]); k++) {
		const struct sct_event_info *ei =
			&sct_events[spec_events[k].type];
		char got[1024] = "";
		unsigned i;

		for (i = 0; i < ei->nparams; i++) {
			char one[64];

			snprintf(one, sizeof(one), "%s%s:%u", i ? " " : "",
				 ei->params[i].name, ei->params[i].type);
			strncat(got, one, sizeof(got) - strlen(got) - 1);
		}
		ck_assert_msg(!strcmp(got, spec_events[k].params),
			      "event %u (%s): %s, §4 says %s",
			      spec_events[k].type, ei->ident, got,
			      spec_events[k].params);
	}
}
END_TEST

static int is_result_type(uint8_t pt)
{
	return pt == SCT_PT_ERRNO || pt == SCT_PT_FD || pt == SCT_PT_PID ||
	       pt == SCT_PT_UINT64 || pt == SCT_PT_UID || pt == SCT_PT_GID ||
	       pt == SCT_PT_INT64;	/* process_vm_readv/writev */
}

START_TEST(test_decoders)
{
	unsigned d, e;

	ck_assert_uint_gt(sct_ndecoders, 0);
	for (d = 0; d < sct_ndecoders; d++) {
		const struct sct_decoder *dc = &sct_decoders[d];
		const struct sct_event_info *en, *ex;

		ck_assert_ptr_nonnull(dc->syscall);
		ck_assert_msg(dc->ev_enter % 2 == 0 &&
				      dc->ev_enter + 1u < SCT_EVENT_MAX,
			      "%s: enter event %u", dc->syscall, dc->ev_enter);
		en = &sct_events[dc->ev_enter];
		ex = &sct_events[dc->ev_enter + 1];
		ck_assert_msg(!strcmp(en->name, ex->name),
			      "%s: enter %s / exit %s", dc->syscall, en->name,
			      ex->name);
		ck_assert_msg(!((en->flags | ex->flags) & SCT_EF_UNUSED),
			      "%s: event %u is unused", dc->syscall,
			      dc->ev_enter);
		/* only the 2022 twins old readers get may be old versions */
		ck_assert_msg(!((en->flags | ex->flags) & SCT_EF_OLD) ||
				      strstr(dc->syscall, "@old"),
			      "%s: event %u is an old version", dc->syscall,
			      dc->ev_enter);
		ck_assert_msg(dc->n_enter == en->nparams,
			      "%s: %u enter params, schema %u", dc->syscall,
			      dc->n_enter, en->nparams);
		ck_assert_msg(dc->n_exit == ex->nparams,
			      "%s: %u exit params, schema %u", dc->syscall,
			      dc->n_exit, ex->nparams);
		ck_assert_msg(!dc->n_enter || dc->enter, "%s: enter srcs",
			      dc->syscall);
		ck_assert_msg(!dc->n_exit || dc->exit, "%s: exit srcs",
			      dc->syscall);
		/*
		 * The 2022 schema has a few exits without any parameter
		 * (getsockname, sendmmsg, ...) and bpf's res_or_fd is a PT_DYN.
		 */
		ck_assert_msg(ex->nparams == 0 ||
				      is_result_type(ex->params[0].type) ||
				      ex->params[0].type == SCT_PT_DYN,
			      "%s: exit's first param %s has type %u, not a result",
			      dc->syscall,
			      ex->nparams ? ex->params[0].name : "-",
			      ex->nparams ? ex->params[0].type : 0);
		for (e = 0; e < d; e++)
			ck_assert_msg(strcmp(sct_decoders[e].syscall,
					     dc->syscall),
				      "decoder %s twice", dc->syscall);
		ck_assert_ptr_eq(sct_decoder_lookup(dc->syscall), dc);
	}
	ck_assert_ptr_null(sct_decoder_lookup("no_such_syscall"));
}
END_TEST

/* Issue scope: syscall, enter event, enter/exit param counts (§4). */
struct scope {
	const char *name;
	unsigned ev, n_enter, n_exit;
};

static const struct scope scope[] = {
	{ "open", 2, 3, 6 },
	{ "openat", 306, 4, 7 },
	{ "openat2", 326, 5, 8 },
	{ "creat", 58, 2, 6 },
	{ "close", 4, 1, 1 },
	{ "read", 6, 2, 2 },
	{ "write", 8, 2, 2 },
	{ "pread64", 112, 3, 2 },
	{ "pwrite64", 114, 3, 2 },
	{ "readv", 116, 1, 3 },
	{ "writev", 118, 2, 2 },
	{ "socket", 18, 3, 4 },
	{ "connect", 22, 2, 3 },
	{ "accept", 246, 0, 5 },
	{ "accept4", 388, 1, 5 },
	{ "bind", 20, 1, 3 },
	{ "listen", 24, 2, 3 },
	{ "sendto", 30, 3, 2 },
	{ "recvfrom", 34, 2, 3 },
	{ "sendmsg", 48, 3, 2 },
	{ "recvmsg", 52, 1, 4 },
	{ "pipe", 60, 0, 4 },
	{ "pipe2", 392, 0, 5 },
	{ "dup", 366, 1, 2 },
	{ "dup2", 362, 1, 3 },
	{ "dup3", 364, 1, 4 },
	{ "newfstatat", 418, 0, 4 },
	{ "eventfd2", 396, 1, 2 },
	{ "clone", 222, 0, 21 },
	{ "clone3", 334, 0, 21 },
	{ "fork", 224, 0, 21 },
	{ "vfork", 226, 0, 21 },
	{ "execve", 292, 1, 30 },
	{ "execveat", 330, 3, 30 },
	/* libs 0.25 events of calls the 2022 table had none for */
	{ "epoll_create", 374, 1, 2 },
	{ "epoll_create1", 376, 1, 2 },
	{ "prctl", 400, 0, 4 },
	{ "memfd_create", 404, 0, 3 },
	{ "pidfd_open", 408, 0, 3 },
	{ "pidfd_getfd", 406, 0, 4 },
	{ "chown", 378, 0, 4 },
	{ "lchown", 380, 0, 4 },
	{ "fchown", 382, 0, 4 },
	{ "fchownat", 384, 0, 6 },
	{ "setreuid", 426, 0, 3 },
	{ "setregid", 428, 0, 3 },
	{ "mknod", 414, 0, 4 },
	{ "mknodat", 416, 0, 5 },
	{ "mlock", 344, 0, 3 },
	{ "munlock", 346, 0, 3 },
	{ "mlockall", 348, 0, 2 },
	{ "munlockall", 350, 0, 1 },
	{ "mlock2", 370, 0, 4 },
	{ "process_vm_readv", 420, 0, 3 },
	{ "process_vm_writev", 422, 0, 3 },
	{ "capset", 352, 0, 4 },
	{ "io_uring_setup", 338, 0, 8 },
	{ "io_uring_enter", 340, 0, 6 },
	{ "io_uring_register", 342, 0, 5 },
	{ "init_module", 410, 0, 4 },
	{ "finit_module", 412, 0, 4 },
	{ "delete_module", 424, 0, 3 },
	{ "fsconfig", 372, 0, 7 },
	{ "open_by_handle_at", 336, 0, 6 },
};

START_TEST(test_scope_decoders)
{
	const struct sct_arch *a = &sct_arch_x86_64;
	unsigned k;

	for (k = 0; k < sizeof(scope) / sizeof(scope[0]); k++) {
		const struct sct_decoder *dc =
			sct_decoder_lookup(scope[k].name);
		int nr;

		ck_assert_msg(dc != NULL, "%s: no decoder", scope[k].name);
		ck_assert_msg(dc->ev_enter == scope[k].ev,
			      "%s: event %u, §4 says %u", scope[k].name,
			      dc->ev_enter, scope[k].ev);
		ck_assert_msg(dc->n_enter == scope[k].n_enter &&
				      dc->n_exit == scope[k].n_exit,
			      "%s: %u/%u params, §4 says %u/%u", scope[k].name,
			      dc->n_enter, dc->n_exit, scope[k].n_enter,
			      scope[k].n_exit);
		/* every one of them exists on x86_64 and uses the decoder */
		nr = sct_arch_nr(a, scope[k].name);
		ck_assert_msg(nr >= 0, "%s: not in the x86_64 table",
			      scope[k].name);
		ck_assert_msg(a->sysent[nr].decoder >= 0 &&
				      &sct_decoders[a->sysent[nr].decoder] ==
					      dc,
			      "%s: x86_64 sysent decoder %d", scope[k].name,
			      a->sysent[nr].decoder);
	}
}
END_TEST

/*
 * --old-readers: each syscall whose event is newer than the 2022 table
 * gets its 2022 twin or the generic event; the others keep their decoder.
 */
START_TEST(test_old_readers_decoders)
{
	static const struct {
		const char *name;
		int ev;		/* -1: generic */
	} want[] = {
		{ "dup", 124 }, { "dup2", 124 }, { "dup3", 124 },
		{ "pipe2", 60 }, { "eventfd2", 62 }, { "signalfd4", 126 },
		{ "inotify_init1", 138 }, { "accept4", 248 }, { "bpf", 296 },
		{ "umount2", 258 }, { "newfstatat", -1 }, { "openat", 306 },
		{ "read", 6 }, { "epoll_create1", -1 }, { "prctl", -1 },
		{ "memfd_create", -1 }, { "fchownat", -1 }, { "capset", -1 },
		{ "io_uring_setup", -1 }, { "open_by_handle_at", -1 },
	};
	const struct sct_arch *a = &sct_arch_x86_64;
	unsigned k, d;

	for (k = 0; k < sizeof(want) / sizeof(want[0]); k++) {
		int nr = sct_arch_nr(a, want[k].name);
		const struct sct_decoder *dc;

		ck_assert_int_ge(nr, 0);
		sct_decode_set_old_readers(true);
		dc = sct_decoder_get(a->sysent[nr].decoder);
		sct_decode_set_old_readers(false);
		if (want[k].ev < 0)
			ck_assert_msg(!dc, "%s: old readers get event %u",
				      want[k].name, dc ? dc->ev_enter : 0);
		else
			ck_assert_msg(dc && dc->ev_enter == want[k].ev,
				      "%s: old readers get event %d, want %d",
				      want[k].name, dc ? dc->ev_enter : -1,
				      want[k].ev);
		/* the default is the decoder of the sysent row */
		ck_assert_ptr_eq(sct_decoder_get(a->sysent[nr].decoder),
				 &sct_decoders[a->sysent[nr].decoder]);
	}
	/* whatever old readers get is in the 2022 table */
	sct_decode_set_old_readers(true);
	for (d = 0; d < sct_ndecoders; d++) {
		const struct sct_decoder *dc = sct_decoder_get((int)d);

		ck_assert_msg(!dc || dc->ev_enter < SCT_OLD_EVENT_MAX,
			      "%s: old readers get event %u",
			      sct_decoders[d].syscall, dc->ev_enter);
	}
	sct_decode_set_old_readers(false);
	ck_assert_ptr_null(sct_decoder_get(-1));
}
END_TEST

/* §4: these use the generic event pair (no dedicated 2022 event) */
START_TEST(test_generic_syscalls)
{
	static const char *const generic[] = {
		"epoll_ctl", "epoll_pwait", "statx", "faccessat", "pselect6",
		"pidfd_send_signal", "exit", "exit_group",
	};
	const struct sct_arch *a = &sct_arch_x86_64;
	unsigned k;

	for (k = 0; k < sizeof(generic) / sizeof(generic[0]); k++) {
		int nr = sct_arch_nr(a, generic[k]);

		ck_assert_msg(sct_decoder_lookup(generic[k]) == NULL,
			      "%s has a decoder; §4 says generic", generic[k]);
		ck_assert_msg(nr >= 0, "%s: not on x86_64", generic[k]);
		ck_assert_int_eq(a->sysent[nr].decoder, -1);
	}
}
END_TEST

/* ppm_sc names differing from kernel names (syscalls/aliases.tbl, libs) */
static const char *ppm_alias(const char *kernel_name)
{
	if (!strcmp(kernel_name, "rt_sigreturn"))
		return "sigreturn";
	if (!strcmp(kernel_name, "newfstatat"))
		return "newfsstat";
	return kernel_name;
}

START_TEST(test_sysent_x86_64)
{
	const struct sct_arch *a = &sct_arch_x86_64;
	unsigned i, j, named = 0;

	ck_assert_str_eq(a->name, "x86_64");
	ck_assert_uint_eq(a->audit_arch, 0xC000003Eu);	/* AUDIT_ARCH_X86_64 */
	ck_assert_uint_eq(a->wordsize, 8);
	ck_assert_ptr_eq(sct_arch_lookup(0xC000003Eu), a);
	ck_assert_ptr_null(sct_arch_lookup(0x12345678u));
	/* numbers fit: the 64-bit ABI stops below the x32 range (512) */
	ck_assert_uint_gt(a->nsysent, 435);
	ck_assert_uint_le(a->nsysent, 512);
	for (i = 0; i < a->nsysent; i++) {
		const struct sct_sysent *se = &a->sysent[i];

		if (!se->name) {
			ck_assert_ptr_null(sct_sysent(a, i));
			continue;
		}
		named++;
		ck_assert_ptr_eq(sct_sysent(a, i), se);
		ck_assert_msg(se->decoder == -1 ||
				      (se->decoder >= 0 &&
				       (unsigned)se->decoder < sct_ndecoders),
			      "%s: decoder %d", se->name, se->decoder);
		if (se->decoder >= 0)
			ck_assert_msg(!strcmp(sct_decoders[se->decoder].syscall,
					      se->name),
				      "nr %u %s: decoder of %s", i, se->name,
				      sct_decoders[se->decoder].syscall);
		ck_assert_msg(se->ppm_sc < 329, "%s: ppm_sc %u", se->name,
			      se->ppm_sc);
		/* ppm_sc agrees with the PPM_SC list by name */
		ck_assert_msg(se->ppm_sc == sct_ppm_sc_lookup(ppm_alias(se->name)),
			      "%s: ppm_sc %u, list says %u", se->name,
			      se->ppm_sc, sct_ppm_sc_lookup(ppm_alias(se->name)));
		ck_assert_int_eq(sct_arch_nr(a, se->name), (int)i);
		for (j = 0; j < i; j++)
			ck_assert_msg(!a->sysent[j].name ||
					      strcmp(a->sysent[j].name, se->name),
				      "%s twice (%u, %u)", se->name, j, i);
	}
	ck_assert_uint_gt(named, 350);
	ck_assert_ptr_null(sct_sysent(a, a->nsysent));
	ck_assert_ptr_null(sct_sysent(a, 0x40000000u));
	ck_assert_ptr_null(sct_sysent(a, UINT64_MAX));
	ck_assert_int_eq(sct_arch_nr(a, "no_such_syscall"), -1);
}
END_TEST

START_TEST(test_sysent_x86_64_numbers)
{
	static const struct {
		const char *name;
		int nr;
	} known[] = {
		{ "read", 0 }, { "write", 1 }, { "open", 2 }, { "close", 3 },
		{ "openat", 257 }, { "execve", 59 }, { "clone", 56 },
		{ "clone3", 435 }, { "exit_group", 231 }, { "fork", 57 },
		{ "vfork", 58 }, { "execveat", 322 }, { "openat2", 437 },
		{ "exit", 60 }, { "rt_sigreturn", 15 }, { "newfstatat", 262 },
		{ "rseq", 334 }, { "pipe2", 293 }, { "accept4", 288 },
	};
	const struct sct_arch *a = &sct_arch_x86_64;
	unsigned k;

	for (k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
		const struct sct_sysent *se = sct_sysent(a, (uint64_t)known[k].nr);

		ck_assert_msg(se && !strcmp(se->name, known[k].name),
			      "nr %d: %s, expected %s", known[k].nr,
			      se ? se->name : "(none)", known[k].name);
		ck_assert_int_eq(sct_arch_nr(a, known[k].name), known[k].nr);
	}
	/* PPM_SC of a few entries (§3.3; 2022 codes) */
	ck_assert_uint_eq(sct_sysent(a, 0)->ppm_sc, 3);		/* read */
	ck_assert_uint_eq(sct_sysent(a, 15)->ppm_sc, 298);	/* sigreturn */
	ck_assert_uint_eq(sct_sysent(a, 262)->ppm_sc, 300);	/* newfsstat */
	ck_assert_uint_eq(sct_sysent(a, 334)->ppm_sc, 0);	/* rseq */
	/* codes >= 329 in newer libs are written as unknown (0) */
	ck_assert_uint_eq(sct_sysent(a, 425)->ppm_sc, 0);	/* io_uring_setup */
	ck_assert_uint_eq(sct_sysent(a, 319)->ppm_sc, 0);	/* memfd_create */
	ck_assert_uint_eq(sct_sysent(a, 434)->ppm_sc, 0);	/* pidfd_open */
	ck_assert_str_eq(sct_sysent(a, 425)->name, "io_uring_setup");
	ck_assert_str_eq(sct_sysent(a, 319)->name, "memfd_create");
	ck_assert_str_eq(sct_sysent(a, 434)->name, "pidfd_open");
}
END_TEST

START_TEST(test_ppm_sc)
{
	unsigned i, j;

	ck_assert_uint_eq(sct_ppm_sc_lookup("read"), 3);
	ck_assert_uint_eq(sct_ppm_sc_lookup("newfsstat"), 300);
	ck_assert_uint_eq(sct_ppm_sc_lookup("sigreturn"), 298);
	ck_assert_uint_eq(sct_ppm_sc_lookup("restart_syscall"), 1);
	ck_assert_uint_eq(sct_ppm_sc_lookup("exit"), 2);
	ck_assert_uint_eq(sct_ppm_sc_lookup("rseq"), 0);
	ck_assert_uint_eq(sct_ppm_sc_lookup("no_such_syscall"), 0);
	/* libs driver/ppm_events_public.h PPM_SC_X list */
	ck_assert_uint_eq(sct_ppm_sc_lookup("exit_group"), 164);
	ck_assert_uint_eq(sct_ppm_sc_lookup("openat"), 197);
	ck_assert_uint_eq(sct_ppm_sc_lookup("pipe2"), 229);
	ck_assert_uint_eq(sct_ppm_sc_lookup("socket"), 241);
	ck_assert_uint_eq(sct_ppm_sc_lookup("accept4"), 258);
	ck_assert_uint_eq(sct_ppm_sc_lookup("_newselect"), 283);
	ck_assert_uint_eq(sct_ppm_sc_lookup("openat2"), 322);
	ck_assert_uint_eq(sct_ppm_sc_lookup("execve"), 324);
	ck_assert_uint_eq(sct_ppm_sc_lookup("clone"), 327);
	ck_assert_uint_eq(sct_ppm_sc_lookup("clone3"), 328);
	/* newer than 2022 (>= 329): unknown */
	ck_assert_uint_eq(sct_ppm_sc_lookup("open_by_handle_at"), 0);
	ck_assert_uint_eq(sct_ppm_sc_lookup("io_uring_setup"), 0);
	ck_assert_uint_eq(sct_ppm_sc_lookup("memfd_create"), 0);
	ck_assert_str_eq(sct_ppm_sc_name(3), "read");
	ck_assert_ptr_null(sct_ppm_sc_name(0));
	ck_assert_uint_gt(sct_ppm_sc_count, 300);
	for (i = 0; i < sct_ppm_sc_count; i++) {
		const struct sct_ppm_sc *p = &sct_ppm_sc_table[i];

		ck_assert_msg(p->code > 0 && p->code < 329, "%s: code %u",
			      p->name, p->code);
		for (j = 0; j < i; j++) {
			ck_assert_msg(sct_ppm_sc_table[j].code != p->code,
				      "code %u twice", p->code);
			ck_assert_msg(strcmp(sct_ppm_sc_table[j].name, p->name),
				      "%s twice", p->name);
		}
		ck_assert_uint_eq(sct_ppm_sc_lookup(p->name), p->code);
	}
}
END_TEST

Suite *sct_suite_tables(void);

Suite *sct_suite_tables(void)
{
	Suite *s = suite_create("tables");
	TCase *tc = tcase_create("invariants");

	tcase_add_test(tc, test_schema_shape);
	tcase_add_test(tc, test_schema_spec_events);
	tcase_add_test(tc, test_decoders);
	tcase_add_test(tc, test_scope_decoders);
	tcase_add_test(tc, test_generic_syscalls);
	tcase_add_test(tc, test_old_readers_decoders);
	tcase_add_test(tc, test_sysent_x86_64);
	tcase_add_test(tc, test_sysent_x86_64_numbers);
	tcase_add_test(tc, test_ppm_sc);
	suite_add_tcase(s, tc);
	return s;
}
