/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Invariants of the per-architecture syscall tables (src/arch/): every ABI
 * is found by its AUDIT_ARCH_* value, every named number maps back to itself,
 * decoders and PPM_SC codes are the ones the syscalls/ tables ask for, and
 * each ABI has its core syscalls.  Expected numbers are written out by hand
 * from the kernel's tables (syscalls/kernel/), never taken from the code
 * under test.  syscalls/validate.sh checks the .tbl files themselves.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/arch.h"
#include "decode.h"
#include "schema.h"

static const struct sct_arch *const all[] = {
	&sct_arch_x86_64, &sct_arch_i386, &sct_arch_aarch64, &sct_arch_armhf,
};
#define NALL (sizeof(all) / sizeof(all[0]))

struct known {
	const char *name;
	int nr;			/* -1: the ABI has no such call */
};

static void check_known(const struct sct_arch *a, const struct known *k,
			unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		const struct sct_sysent *se;

		ck_assert_msg(sct_arch_nr(a, k[i].name) == k[i].nr,
			      "%s %s: nr %d, expected %d", a->name, k[i].name,
			      sct_arch_nr(a, k[i].name), k[i].nr);
		if (k[i].nr < 0)
			continue;
		se = sct_sysent(a, (uint64_t)k[i].nr);
		ck_assert_ptr_nonnull(se);
		ck_assert_str_eq(se->name, k[i].name);
	}
}

START_TEST(test_lookup)
{
	const struct sct_arch *n = sct_arch_native();
	unsigned i, j;

	/* kernel include/uapi/linux/audit.h values */
	ck_assert_uint_eq(sct_arch_x86_64.audit_arch, 0xC000003Eu);
	ck_assert_uint_eq(sct_arch_i386.audit_arch, 0x40000003u);
	ck_assert_uint_eq(sct_arch_aarch64.audit_arch, 0xC00000B7u);
	ck_assert_uint_eq(sct_arch_armhf.audit_arch, 0x40000028u);
	ck_assert_uint_eq(sct_arch_x86_64.wordsize, 8);
	ck_assert_uint_eq(sct_arch_i386.wordsize, 4);
	ck_assert_uint_eq(sct_arch_aarch64.wordsize, 8);
	ck_assert_uint_eq(sct_arch_armhf.wordsize, 4);
	ck_assert_ptr_null(sct_arch_lookup(0));
	ck_assert_ptr_null(sct_arch_lookup(0x4000003Eu));	/* x32 */
	for (i = 0; i < NALL; i++) {
		ck_assert_ptr_eq(sct_arch_lookup(all[i]->audit_arch), all[i]);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(all[i]->name, all[j]->name);
	}
	/* the native ABI is one of them, and the first one looked up */
	for (i = 0; i < NALL && all[i] != n; i++)
		;
	ck_assert_uint_lt(i, NALL);
	ck_assert_ptr_eq(sct_arch_lookup(n->audit_arch), n);
}
END_TEST

START_TEST(test_compat)
{
	/* a 64-bit tracer follows its 32-bit tasks, seccomp included */
	ck_assert_uint_eq(sct_arch_x86_64.seccomp_compat[0], SCMP_ARCH_X86);
	ck_assert_ptr_eq(sct_arch_x86_64.compat[0], &sct_arch_i386);
	ck_assert_uint_eq(sct_arch_aarch64.seccomp_compat[0], SCMP_ARCH_ARM);
	ck_assert_ptr_eq(sct_arch_aarch64.compat[0], &sct_arch_armhf);
	ck_assert_ptr_null(sct_arch_aarch64.compat[1]);
	ck_assert_uint_eq(sct_arch_i386.seccomp_compat[0], 0);
	ck_assert_ptr_null(sct_arch_i386.compat[0]);
	ck_assert_uint_eq(sct_arch_armhf.seccomp_compat[0], 0);
	ck_assert_ptr_null(sct_arch_armhf.compat[0]);
}
END_TEST

/* Every entry of every table: consistent with lookups, decoders, PPM_SC. */
START_TEST(test_entries)
{
	unsigned i, k;

	for (k = 0; k < NALL; k++) {
		const struct sct_arch *a = all[k];
		unsigned named = 0;

		ck_assert_uint_gt(a->nsysent, 300);
		ck_assert_uint_le(a->nsysent, 512);
		ck_assert_ptr_null(sct_sysent(a, a->nsysent + a->nextra));
		ck_assert_ptr_null(sct_sysent(a, UINT64_MAX));
		for (i = 0; i < a->nsysent + a->nextra; i++) {
			const struct sct_sysent *se;
			const struct sct_decoder *dc;
			uint64_t nr;
			char at[64];

			if (i < a->nsysent) {
				nr = i;
				se = &a->sysent[i];
				if (!se->name) {
					ck_assert_ptr_null(sct_sysent(a, nr));
					continue;
				}
			} else {
				nr = a->extra[i - a->nsysent].nr;
				se = &a->extra[i - a->nsysent].se;
				ck_assert_uint_ge(nr, 4096);
				if (i > a->nsysent)	/* sorted */
					ck_assert_uint_gt(nr, a->extra[i - 1 -
						a->nsysent].nr);
			}
			named++;
			ck_assert_ptr_eq(sct_sysent(a, nr), se);
			ck_assert_int_eq(sct_arch_nr(a, se->name), (int)nr);
			ck_assert_msg(se->ppm_sc < 329, "%s %s: ppm_sc %u",
				      a->name, se->name, se->ppm_sc);
			ck_assert_msg(se->decoder >= -1 &&
					      se->decoder < (int)sct_ndecoders,
				      "%s %s: decoder %d", a->name, se->name,
				      se->decoder);
			if (se->decoder < 0)
				continue;
			/* the row NAME, or NAME@ARCH of this ABI */
			snprintf(at, sizeof(at), "%s@%s", se->name, a->name);
			ck_assert_msg(!strcmp(sct_decoders[se->decoder].syscall,
					      se->name) ||
					      !strcmp(sct_decoders[se->decoder]
							      .syscall, at),
				      "%s %s: decoder of %s", a->name, se->name,
				      sct_decoders[se->decoder].syscall);
			/* NAME@ARCH, when there is one, wins over NAME */
			dc = sct_decoder_lookup(at);
			ck_assert_msg(!dc || dc == &sct_decoders[se->decoder],
				      "%s: %s not used", a->name, at);
		}
		ck_assert_uint_gt(named, 300);
	}
}
END_TEST

/* Each ABI has its core calls, with their dedicated events. */
START_TEST(test_core)
{
	static const char *const core[] = {
		"read", "write", "close", "openat", "execve", "clone",
		"clone3", "pread64", "pwrite64", "mmap2", "socket", "connect",
		"accept4", "getuid", "dup3", "pipe2", "kill", "fcntl",
	};
	unsigned i, k;

	for (k = 0; k < NALL; k++) {
		const struct sct_arch *a = all[k];

		for (i = 0; i < sizeof(core) / sizeof(core[0]); i++) {
			int nr = sct_arch_nr(a, core[i]);

			/* mmap2 is 32-bit only; the others are everywhere */
			if (!strcmp(core[i], "mmap2") && a->wordsize == 8) {
				ck_assert_int_eq(nr, -1);
				continue;
			}
			ck_assert_msg(nr >= 0, "%s: no %s", a->name, core[i]);
			if (!strcmp(core[i], "mmap2"))
				continue;	/* its row may be pending */
			ck_assert_msg(sct_sysent(a, (uint64_t)nr)->decoder >= 0,
				      "%s %s: generic", a->name, core[i]);
		}
	}
}
END_TEST

START_TEST(test_i386)
{
	static const struct known k[] = {
		{ "restart_syscall", 0 }, { "exit", 1 }, { "fork", 2 },
		{ "read", 3 }, { "write", 4 }, { "open", 5 }, { "close", 6 },
		{ "waitpid", 7 }, { "execve", 11 }, { "time", 13 },
		{ "break", 17 }, { "lseek", 19 }, { "getuid", 24 },
		{ "socketcall", 102 }, { "stat", 106 }, { "ipc", 117 },
		{ "sigreturn", 119 }, { "clone", 120 }, { "_llseek", 140 },
		{ "_newselect", 142 }, { "rt_sigreturn", 173 },
		{ "pread64", 180 }, { "vfork", 190 }, { "ugetrlimit", 191 },
		{ "mmap2", 192 }, { "stat64", 195 }, { "fstat64", 197 },
		{ "getuid32", 199 }, { "getegid32", 202 }, { "fcntl64", 221 },
		{ "sendfile64", 239 }, { "set_thread_area", 243 },
		{ "exit_group", 252 }, { "fadvise64_64", 272 },
		{ "openat", 295 }, { "fstatat64", 300 }, { "socket", 359 },
		{ "connect", 362 }, { "statx", 383 }, { "rseq", 386 },
		{ "semget", 393 }, { "clock_gettime64", 403 },
		{ "futex_time64", 422 }, { "clone3", 435 }, { "openat2", 437 },
		{ "open_tree_attr", 467 }, { "file_setattr", 469 },
		{ "newfstatat", -1 }, { "arch_prctl", 384 }, { "accept", -1 },
	};
	const struct sct_arch *a = &sct_arch_i386;

	ck_assert_str_eq(a->name, "i386");
	check_known(a, k, sizeof(k) / sizeof(k[0]));
	ck_assert_uint_eq(a->nsysent, 470);
	ck_assert_uint_eq(a->nextra, 0);
	/* holes in syscall_32.tbl */
	ck_assert_ptr_null(sct_sysent(a, 222));
	ck_assert_ptr_null(sct_sysent(a, 251));
	ck_assert_ptr_null(sct_sysent(a, 387));
	ck_assert_ptr_null(sct_sysent(a, 415));
}
END_TEST

/*
 * i386 socketcall: each call becomes the event of the syscall it stands
 * for, its arguments read from the tracee (here: this process).  accept
 * has no i386 number of its own and still becomes accept, as in strace.
 */
static const struct sct_sysent *demux_i386(uint64_t call, uint32_t *words,
					   uint64_t args[6])
{
	const struct sct_arch *a = &sct_arch_i386;

	args[0] = call;
	args[1] = (uint64_t)(uintptr_t)words;
	return a->demux(a, sct_sysent(a, 102), args, getpid());
}

START_TEST(test_i386_socketcall)
{
	static const struct {
		uint64_t call;
		const char *name;
	} calls[] = {
		{ 1, "socket" }, { 3, "connect" }, { 5, "accept" },
		{ 9, "sendto" }, { 12, "recvfrom" }, { 18, "accept4" },
	};
	uint32_t words[6] = { 7, 0x1000, 16, 0x80000, 5, 6 };
	const struct sct_sysent *se;
	uint64_t args[6];
	unsigned i;

	for (i = 0; i < sizeof(calls) / sizeof(calls[0]); i++) {
		se = demux_i386(calls[i].call, words, args);
		ck_assert_msg(se, "socketcall %u: stays generic",
			      (unsigned)calls[i].call);
		ck_assert_str_eq(se->name, calls[i].name);
		ck_assert_int_ge(se->decoder, 0);
		ck_assert_ptr_eq(&sct_decoders[se->decoder],
				 sct_decoder_lookup(calls[i].name));
		ck_assert_uint_eq(se->ppm_sc, sct_ppm_sc_lookup(calls[i].name));
		ck_assert_uint_eq(args[0], 7);
		ck_assert_uint_eq(args[1], 0x1000);
		ck_assert_uint_eq(args[2], 16);
	}
	/* the same entry again (cached) */
	se = demux_i386(5, words, args);
	ck_assert_str_eq(se->name, "accept");
	/* no such call, or unreadable arguments: a generic socketcall */
	ck_assert_ptr_null(demux_i386(0, words, args));
	ck_assert_ptr_null(demux_i386(21, words, args));
	ck_assert_ptr_null(demux_i386(5, NULL, args));
}
END_TEST

START_TEST(test_armhf)
{
	static const struct known k[] = {
		{ "restart_syscall", 0 }, { "read", 3 }, { "open", 5 },
		{ "close", 6 }, { "execve", 11 }, { "time", -1 },
		{ "umount", -1 }, { "socketcall", -1 }, { "ipc", -1 },
		{ "mmap", -1 }, { "syscall", -1 }, { "lseek", 19 },
		{ "sigreturn", 119 }, { "clone", 120 }, { "_llseek", 140 },
		{ "rt_sigreturn", 173 }, { "pread64", 180 },
		{ "ugetrlimit", 191 }, { "mmap2", 192 }, { "stat64", 195 },
		{ "getuid32", 199 }, { "getdents64", 217 }, { "fcntl64", 221 },
		{ "exit_group", 248 }, { "arm_fadvise64_64", 270 },
		{ "socket", 281 }, { "accept", 285 }, { "send", 289 },
		{ "recv", 291 }, { "semctl", 300 }, { "openat", 322 },
		{ "fstatat64", 327 }, { "arm_sync_file_range", 341 },
		{ "accept4", 366 }, { "statx", 397 },
		{ "clock_gettime64", 403 }, { "clone3", 435 },
		{ "memfd_secret", -1 }, { "file_setattr", 469 },
		/* ARM private, __ARM_NR_BASE 0x0f0000 + n */
		{ "breakpoint", 0x0f0001 }, { "cacheflush", 0x0f0002 },
		{ "usr26", 0x0f0003 }, { "usr32", 0x0f0004 },
		{ "set_tls", 0x0f0005 }, { "get_tls", 0x0f0006 },
	};
	const struct sct_arch *a = &sct_arch_armhf;

	ck_assert_str_eq(a->name, "armhf");
	check_known(a, k, sizeof(k) / sizeof(k[0]));
	ck_assert_uint_eq(a->nsysent, 470);
	ck_assert_uint_eq(a->nextra, 6);
	ck_assert_ptr_null(sct_sysent(a, 7));
	ck_assert_ptr_null(sct_sysent(a, 447));
	ck_assert_ptr_null(sct_sysent(a, 0x0f0000));
	ck_assert_ptr_null(sct_sysent(a, 0x0f0007));
	ck_assert_ptr_null(sct_sysent(&sct_arch_x86_64, 0x0f0005));
}
END_TEST

START_TEST(test_aarch64)
{
	static const struct known k[] = {
		{ "io_setup", 0 }, { "getcwd", 17 }, { "fcntl", 25 },
		{ "renameat", 38 }, { "unlinkat", 35 }, { "openat", 56 },
		{ "close", 57 }, { "lseek", 62 }, { "read", 63 },
		{ "write", 64 }, { "pread64", 67 }, { "sendfile", 71 },
		{ "newfstatat", 79 }, { "fstat", 80 }, { "exit", 93 },
		{ "exit_group", 94 }, { "getrlimit", 163 },
		{ "setrlimit", 164 }, { "socket", 198 }, { "clone", 220 },
		{ "execve", 221 }, { "mmap", 222 }, { "fadvise64", 223 },
		{ "accept4", 242 }, { "wait4", 260 }, { "prlimit64", 261 },
		{ "clone3", 435 }, { "memfd_secret", 447 },
		{ "file_setattr", 469 },
		/* the legacy and 32-bit-only calls are not there */
		{ "open", -1 }, { "stat", -1 }, { "fork", -1 }, { "vfork", -1 },
		{ "time", -1 }, { "mmap2", -1 }, { "fcntl64", -1 },
		{ "llseek", -1 }, { "fstatat64", -1 },
		{ "clock_gettime64", -1 },
		{ "riscv_flush_icache", -1 }, { "cacheflush", -1 },
	};
	const struct sct_arch *a = &sct_arch_aarch64;

	ck_assert_str_eq(a->name, "aarch64");
	check_known(a, k, sizeof(k) / sizeof(k[0]));
	ck_assert_uint_eq(a->nsysent, 470);
	ck_assert_uint_eq(a->nextra, 0);
	ck_assert_ptr_null(sct_sysent(a, 244));	/* arch-specific range */
	ck_assert_ptr_null(sct_sysent(a, 295));	/* 295..402 unassigned */
	ck_assert_ptr_null(sct_sysent(a, 402));
}
END_TEST

static unsigned ppm(const struct sct_arch *a, const char *name)
{
	int nr = sct_arch_nr(a, name);

	ck_assert_msg(nr >= 0, "%s: no %s", a->name, name);
	return sct_sysent(a, (uint64_t)nr)->ppm_sc;
}

/* syscalls/aliases.tbl and the names the 2022 PPM_SC list has as they are */
START_TEST(test_ppm_sc_names)
{
	const struct sct_arch *i386 = &sct_arch_i386, *arm = &sct_arch_armhf;
	const struct sct_arch *a64 = &sct_arch_aarch64;
	unsigned k;

	ck_assert_uint_eq(ppm(i386, "read"), 3);
	ck_assert_uint_eq(ppm(arm, "read"), 3);
	ck_assert_uint_eq(ppm(a64, "read"), 3);
	ck_assert_uint_eq(ppm(i386, "openat"), 197);
	ck_assert_uint_eq(ppm(a64, "openat"), 197);
	ck_assert_uint_eq(ppm(i386, "_newselect"), 283);
	/* own PPM_SC codes of the 32-bit calls */
	ck_assert_uint_ne(sct_ppm_sc_lookup("_llseek"), 0);
	ck_assert_uint_eq(ppm(i386, "_llseek"), sct_ppm_sc_lookup("_llseek"));
	ck_assert_uint_eq(ppm(arm, "mmap2"), sct_ppm_sc_lookup("mmap2"));
	ck_assert_uint_eq(ppm(i386, "stat64"), sct_ppm_sc_lookup("stat64"));
	ck_assert_uint_eq(ppm(i386, "getuid32"), sct_ppm_sc_lookup("getuid32"));
	ck_assert_uint_eq(ppm(i386, "socketcall"),
			  sct_ppm_sc_lookup("socketcall"));
	ck_assert_uint_eq(ppm(arm, "ugetrlimit"),
			  sct_ppm_sc_lookup("ugetrlimit"));
	/* aliases */
	ck_assert_uint_eq(ppm(i386, "rt_sigreturn"), 298);
	ck_assert_uint_eq(ppm(arm, "sigreturn"), 298);
	ck_assert_uint_eq(ppm(a64, "rt_sigreturn"), 298);
	ck_assert_uint_eq(ppm(a64, "newfstatat"), 300);
	ck_assert_uint_eq(ppm(i386, "getegid32"), sct_ppm_sc_lookup("getegid"));
	ck_assert_uint_eq(ppm(arm, "chown32"), sct_ppm_sc_lookup("chown"));
	ck_assert_uint_eq(ppm(i386, "fadvise64_64"),
			  sct_ppm_sc_lookup("fadvise64"));
	ck_assert_uint_eq(ppm(arm, "arm_fadvise64_64"),
			  sct_ppm_sc_lookup("fadvise64"));
	ck_assert_uint_eq(ppm(arm, "send"), sct_ppm_sc_lookup("sendto"));
	ck_assert_uint_eq(ppm(arm, "recv"), sct_ppm_sc_lookup("recvfrom"));
	ck_assert_uint_eq(ppm(i386, "futex_time64"),
			  sct_ppm_sc_lookup("futex"));
	ck_assert_uint_eq(ppm(arm, "clock_gettime64"),
			  sct_ppm_sc_lookup("clock_gettime"));
	/* no PPM_SC code (newer than 2022, or ARM-only) */
	ck_assert_uint_eq(ppm(i386, "statx"), 0);
	ck_assert_uint_eq(ppm(arm, "set_tls"), 0);
	ck_assert_uint_eq(ppm(arm, "arm_sync_file_range"), 0);
	ck_assert_uint_eq(ppm(a64, "memfd_secret"), 0);
	/* the same name gives the same code on every ABI */
	for (k = 0; k < sct_arch_x86_64.nsysent; k++) {
		const struct sct_sysent *se = &sct_arch_x86_64.sysent[k];
		unsigned j;

		if (!se->name)
			continue;
		for (j = 1; j < NALL; j++) {
			int nr = sct_arch_nr(all[j], se->name);
			const struct sct_sysent *o;

			if (nr < 0)
				continue;
			o = sct_sysent(all[j], (uint64_t)nr);
			ck_assert_msg(o->ppm_sc == se->ppm_sc,
				      "%s %s: ppm_sc not the x86_64 one",
				      all[j]->name, se->name);
		}
	}
}
END_TEST

static Suite *arch_suite(void)
{
	Suite *s = suite_create("arch");
	TCase *tc = tcase_create("tables");

	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_compat);
	tcase_add_test(tc, test_entries);
	tcase_add_test(tc, test_core);
	tcase_add_test(tc, test_i386);
	tcase_add_test(tc, test_armhf);
	tcase_add_test(tc, test_i386_socketcall);
	tcase_add_test(tc, test_aarch64);
	tcase_add_test(tc, test_ppm_sc_names);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(arch_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
