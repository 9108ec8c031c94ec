/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for bounded tracee memory reads (src/mem.c), done on the test
 * process itself: process_vm_readv on one's own pid needs no privilege;
 * and for the /proc file cache (src/proc.c), on itself and a child.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mem.h"
#include "proc.h"

#include <pthread.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

static size_t ps;
static uint8_t *pages;	/* npages readable pages, then one inaccessible */
static size_t npages;

static uint64_t A(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* n readable pages followed by a PROT_NONE (or unmapped) page */
static void map_pages(size_t n, int unmap_last)
{
	ps = (size_t)sysconf(_SC_PAGESIZE);
	npages = n;
	pages = mmap(NULL, (n + 1) * ps, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(pages, MAP_FAILED);
	if (unmap_last)
		ck_assert_int_eq(munmap(pages + n * ps, ps), 0);
	else
		ck_assert_int_eq(mprotect(pages + n * ps, ps, PROT_NONE), 0);
}

static void unmap_pages(void)
{
	munmap(pages, (npages + 1) * ps);
}

START_TEST(test_read_simple)
{
	static const char msg[] = "hello, world";
	char dst[32];

	memset(dst, 0x55, sizeof(dst));
	ck_assert_int_eq(sct_mem_read(getpid(), A(msg), dst, sizeof(msg)),
			 (ssize_t)sizeof(msg));
	ck_assert_mem_eq(dst, msg, sizeof(msg));
	ck_assert_int_eq(sct_mem_read(getpid(), A(msg), dst, 0), 0);
}
END_TEST

START_TEST(test_read_null)
{
	char dst[8];

	ck_assert_int_lt(sct_mem_read(getpid(), 0, dst, sizeof(dst)), 0);
	dst[0] = 'x';
	ck_assert_int_lt(sct_mem_read_str(getpid(), 0, dst, sizeof(dst)), 0);
	ck_assert_int_eq(dst[0], 0);
}
END_TEST

/* A read running into an inaccessible page returns what precedes it. */
START_TEST(test_read_partial)
{
	uint8_t dst[64];
	int unmap;

	for (unmap = 0; unmap < 2; unmap++) {
		map_pages(1, unmap);
		memset(pages + ps - 8, 0x7E, 8);
		ck_assert_int_eq(sct_mem_read(getpid(), A(pages + ps - 8), dst,
					      sizeof(dst)), 8);
		ck_assert_uint_eq(dst[0], 0x7E);
		ck_assert_uint_eq(dst[7], 0x7E);
		/* nothing readable at all */
		ck_assert_int_lt(sct_mem_read(getpid(), A(pages + ps), dst,
					      sizeof(dst)), 0);
		unmap_pages();
	}
}
END_TEST

/*
 * Careful reads (through /proc/PID/mem, for processes with userfaultfd
 * ranges) give the same bytes, and stop short at an unmapped page too.
 */
START_TEST(test_read_careful)
{
	static const char msg[] = "careful";
	char dst[64], s[16];

	sct_mem_careful(true);
	ck_assert_int_eq(sct_mem_read(getpid(), A(msg), dst, sizeof(msg)),
			 sizeof(msg));
	ck_assert_str_eq(dst, msg);
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(msg), s, sizeof(s)),
			 sizeof(msg));
	ck_assert_str_eq(s, msg);
	map_pages(1, 1);
	memset(pages + ps - 8, 0x7E, 8);
	ck_assert_int_eq(sct_mem_read(getpid(), A(pages + ps - 8), dst,
				      sizeof(dst)), 8);
	ck_assert_uint_eq((uint8_t)dst[7], 0x7E);
	ck_assert_int_lt(sct_mem_read(getpid(), A(pages + ps), dst,
				      sizeof(dst)), 0);
	ck_assert_int_lt(sct_mem_read_str(getpid(), A(pages + ps), s,
					  sizeof(s)), 0);
	unmap_pages();
	/* an unmapped page is refused, not given up */
	ck_assert_uint_eq(sct_mem_given_up(), 0);
	sct_mem_careful(false);
}
END_TEST

START_TEST(test_read_str_simple)
{
	static const char msg[] = "hello";
	char dst[32];

	memset(dst, 0x55, sizeof(dst));
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(msg), dst, sizeof(dst)),
			 6);
	ck_assert_str_eq(dst, "hello");
	/* exactly room for the string and its NUL */
	memset(dst, 0x55, sizeof(dst));
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(msg), dst, 6), 6);
	ck_assert_str_eq(dst, "hello");
}
END_TEST

/* max shorter than the string: truncated, NUL-terminated */
START_TEST(test_read_str_truncate)
{
	static const char msg[] = "hello world";
	char dst[32];

	memset(dst, 0x55, sizeof(dst));
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(msg), dst, 6), 6);
	ck_assert_str_eq(dst, "hello");
	ck_assert_uint_eq((uint8_t)dst[6], 0x55);	/* max respected */
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(msg), dst, 1), 1);
	ck_assert_str_eq(dst, "");
}
END_TEST

/*
 * A string at the very end of a page with no NUL before the next,
 * inaccessible page: what could be read, NUL-terminated, no crash.
 */
START_TEST(test_read_str_page_end)
{
	char dst[64];
	int unmap;

	for (unmap = 0; unmap < 2; unmap++) {
		map_pages(1, unmap);
		memcpy(pages + ps - 3, "abc", 3);
		memset(dst, 0x55, sizeof(dst));
		ck_assert_int_eq(sct_mem_read_str(getpid(), A(pages + ps - 3),
						  dst, sizeof(dst)), 4);
		ck_assert_str_eq(dst, "abc");
		/* a NUL-terminated string ending right at the page end */
		memcpy(pages + ps - 3, "ab", 3);
		ck_assert_int_eq(sct_mem_read_str(getpid(), A(pages + ps - 3),
						  dst, sizeof(dst)), 3);
		ck_assert_str_eq(dst, "ab");
		/* starting in the inaccessible page */
		dst[0] = 'x';
		ck_assert_int_lt(sct_mem_read_str(getpid(), A(pages + ps), dst,
						  sizeof(dst)), 0);
		ck_assert_int_eq(dst[0], 0);
		unmap_pages();
	}
}
END_TEST

/* A long string across page boundaries (all readable) is read whole. */
START_TEST(test_read_str_cross_page)
{
	size_t len = 5000, i, max;
	char *s, *dst;

	map_pages(3, 0);
	max = 4 * ps;
	dst = malloc(max);
	ck_assert_ptr_nonnull(dst);
	s = (char *)pages + ps - 100;
	for (i = 0; i < len; i++)
		s[i] = (char)('a' + i % 26);
	s[len] = 0;
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(s), dst, max),
			 (ssize_t)len + 1);
	ck_assert_uint_eq(strlen(dst), len);
	ck_assert_mem_eq(dst, s, len + 1);
	/* the same string with no NUL before the inaccessible page */
	memset(s, 'z', 3 * ps - (ps - 100));
	ck_assert_int_eq(sct_mem_read_str(getpid(), A(s), dst, max),
			 (ssize_t)(2 * ps + 100 + 1));
	ck_assert_uint_eq(strlen(dst), 2 * ps + 100);
	free(dst);
	unmap_pages();
}
END_TEST

START_TEST(test_read_str_no_room)
{
	char dst[4] = "xyz";

	ck_assert_int_lt(sct_mem_read_str(getpid(), A("abc"), dst, 0), 0);
}
END_TEST

/* ---- the /proc file cache of src/proc.c ---- */

/* comm of tid as /proc/T/stat shows it (between the parentheses) */
static void stat_comm(pid_t tid, char *out, size_t size)
{
	char buf[1024], *a, *b;

	ck_assert_int_gt(sct_proc_file(tid, SCT_PF_STAT, buf, sizeof(buf)), 0);
	a = strchr(buf, '(');
	b = strrchr(buf, ')');
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	snprintf(out, size, "%.*s", (int)(b - a - 1), a + 1);
}

/* A file kept open is generated anew at each read. */
START_TEST(test_proc_file_fresh)
{
	char old[32], name[32];

	sct_proc_cache_on();
	ck_assert_int_eq(prctl(PR_GET_NAME, old), 0);
	ck_assert_int_eq(prctl(PR_SET_NAME, "sct-one"), 0);
	stat_comm(getpid(), name, sizeof(name));
	ck_assert_str_eq(name, "sct-one");
	ck_assert_int_eq(prctl(PR_SET_NAME, "sct-two"), 0);
	stat_comm(getpid(), name, sizeof(name));
	ck_assert_str_eq(name, "sct-two");
	prctl(PR_SET_NAME, old);
}
END_TEST

/* A task that is gone gives an error, never its or another's old data. */
START_TEST(test_proc_file_gone)
{
	char buf[1024];
	pid_t pid;
	int st;

	sct_proc_cache_on();
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		pause();
		_exit(0);
	}
	ck_assert_int_gt(sct_proc_file(pid, SCT_PF_STAT, buf, sizeof(buf)), 0);
	ck_assert_int_gt(sct_proc_file(pid, SCT_PF_STATUS, buf, sizeof(buf)), 0);
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert_int_lt(sct_proc_file(pid, SCT_PF_STAT, buf, sizeof(buf)), 0);
	ck_assert_int_lt(sct_proc_file(pid, SCT_PF_STATUS, buf, sizeof(buf)), 0);
}
END_TEST

/* Many tasks and files: the cache's slots are reused, reads stay right. */
START_TEST(test_proc_file_many)
{
	char buf[1024], want[64];
	unsigned i;

	sct_proc_cache_on();
	snprintf(want, sizeof(want), "%d (", (int)getpid());
	for (i = 0; i < 200; i++) {
		enum sct_proc_file f = i % 2 ? SCT_PF_STAT : SCT_PF_STATM;

		ck_assert_int_gt(sct_proc_file(getpid(), f, buf, sizeof(buf)), 0);
		if (f == SCT_PF_STAT)
			ck_assert(!strncmp(buf, want, strlen(want)));
		ck_assert_int_gt(sct_proc_file(1, SCT_PF_STATM, buf, sizeof(buf)), 0);
	}
}
END_TEST

/*
 * Within one stop a string is read once: a second read of the same
 * address is served from the first (here the memory changes in between,
 * which a stopped tracee's cannot, to show which read answered).  Run in
 * a thread of its own: the stop count is per thread.
 */
static void *memo_thread(void *arg)
{
	char buf[64] = "first path", dst[64];
	pid_t me = getpid();

	(void)arg;
	/* not in a stop yet: every read reads */
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 11);
	strcpy(buf, "other");
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 6);
	ck_assert_str_eq(dst, "other");

	strcpy(buf, "first path");
	sct_mem_stop(false);
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 11);
	strcpy(buf, "second");
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 11);
	ck_assert_str_eq(dst, "first path");
	/* less room: the first's start, as a read would have cut it */
	memset(dst, 0x55, sizeof(dst));
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, 6), 6);
	ck_assert_str_eq(dst, "first");
	ck_assert_uint_eq((uint8_t)dst[6], 0x55);
	/* another address, or another process's: read */
	ck_assert_int_eq(sct_mem_read_str(me, A(buf + 1), dst, sizeof(dst)), 6);
	ck_assert_str_eq(dst, "econd");
	/* the next stop reads again */
	sct_mem_stop(false);
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 7);
	ck_assert_str_eq(dst, "second");
	/* after a write of ours too */
	sct_mem_changed();
	strcpy(buf, "third");
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 6);
	ck_assert_str_eq(dst, "third");
	/* a cut read cannot answer a longer one */
	sct_mem_stop(false);
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, 3), 3);
	ck_assert_str_eq(dst, "th");
	strcpy(buf, "thing");
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, 2), 2);
	ck_assert_str_eq(dst, "t");
	ck_assert_int_eq(sct_mem_read_str(me, A(buf), dst, sizeof(dst)), 6);
	ck_assert_str_eq(dst, "thing");
	return NULL;
}

START_TEST(test_read_str_memo)
{
	pthread_t th;

	ck_assert_int_eq(pthread_create(&th, NULL, memo_thread, NULL), 0);
	ck_assert_int_eq(pthread_join(th, NULL), 0);
}
END_TEST

Suite *sct_suite_mem(void);

Suite *sct_suite_mem(void)
{
	Suite *s = suite_create("mem");
	TCase *tc = tcase_create("self");

	tcase_add_test(tc, test_read_simple);
	tcase_add_test(tc, test_read_null);
	tcase_add_test(tc, test_read_partial);
	tcase_add_test(tc, test_read_careful);
	tcase_add_test(tc, test_read_str_simple);
	tcase_add_test(tc, test_read_str_truncate);
	tcase_add_test(tc, test_read_str_page_end);
	tcase_add_test(tc, test_read_str_cross_page);
	tcase_add_test(tc, test_read_str_no_room);
	tcase_add_test(tc, test_read_str_memo);
	tcase_add_test(tc, test_proc_file_fresh);
	tcase_add_test(tc, test_proc_file_gone);
	tcase_add_test(tc, test_proc_file_many);
	suite_add_tcase(s, tc);
	return s;
}
