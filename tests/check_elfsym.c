/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for ELF function names (src/elfsym.c), read from this test
 * program's own file, and from damaged copies of it: a cut file, bytes
 * changed at random, headers pointing out of the file.  A damaged file may
 * have no names or wrong ones, never a crash or a read out of it (the
 * sanitizer build checks that).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "elfsym.h"

/* a function of this program, not inlined, with a symbol */
__attribute__((noinline, used)) int sct_elfsym_probe(int x)
{
	return x * 3 + 1;
}

/* The file offset of this program's byte at addr, from /proc/self/maps. */
static uint64_t file_off(const void *addr)
{
	FILE *f = fopen("/proc/self/maps", "r");
	unsigned long long lo, hi, off;
	char line[512];
	uint64_t a = (uint64_t)(uintptr_t)addr, r = 0;

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx-%llx %*s %llx", &lo, &hi, &off) == 3 &&
		    a >= lo && a < hi) {
			r = a - lo + off;
			break;
		}
	fclose(f);
	ck_assert_uint_ne(r, 0);
	return r;
}

static char *self_copy(size_t *len)
{
	FILE *f = fopen("/proc/self/exe", "rb");
	char *buf;
	long n;

	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void write_file(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
	close(fd);
}

START_TEST(test_own_function)
{
	struct sct_elfsym *e = sct_elfsym_open("/proc/self/exe");
	uint64_t at = file_off((const void *)sct_elfsym_probe), off = 99;
	const char *name;

	ck_assert_ptr_nonnull(e);
	name = sct_elfsym_find(e, at, &off);
	ck_assert_str_eq(name, "sct_elfsym_probe");
	ck_assert_uint_eq(off, 0);
	name = sct_elfsym_find(e, at + 2, &off);
	ck_assert_str_eq(name, "sct_elfsym_probe");
	ck_assert_uint_eq(off, 2);
	/* an offset in no loaded segment has no name */
	ck_assert_ptr_null(sct_elfsym_find(e, UINT64_MAX - 8, &off));
	sct_elfsym_free(e);
}
END_TEST

/* By name: the address the function was linked at (this program's base on). */
START_TEST(test_by_name)
{
	struct sct_elfsym *e = sct_elfsym_open("/proc/self/exe");
	uint64_t v = 0, off = 99;

	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(sct_elfsym_addr(e, "sct_elfsym_probe", &v), 1);
	ck_assert_uint_ne(v, 0);
	/* the same distance from the base as the function itself */
	ck_assert_uint_eq(((uint64_t)(uintptr_t)sct_elfsym_probe - v) & 4095, 0);
	ck_assert_str_eq(sct_elfsym_find(e, file_off((const void *)sct_elfsym_probe),
					 &off), "sct_elfsym_probe");
	ck_assert_int_eq(sct_elfsym_addr(e, "sct_no_such_symbol", &v), 0);
	sct_elfsym_free(e);
}
END_TEST

START_TEST(test_not_elf)
{
	char path[] = "/tmp/sct_elfsymXXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_ptr_null(sct_elfsym_open(path));	/* empty */
	write_file(path, "\177ELF", 4);
	ck_assert_ptr_null(sct_elfsym_open(path));	/* only the magic */
	ck_assert_ptr_null(sct_elfsym_open("/proc/self"));	/* a directory */
	ck_assert_ptr_null(sct_elfsym_open("/nonexistent/x"));
	unlink(path);
}
END_TEST

/* Cut copies of the program: any length gives names or none, safely. */
START_TEST(test_cut)
{
	char path[] = "/tmp/sct_elfsymXXXXXX";
	size_t len, cut;
	char *buf = self_copy(&len);
	int fd = mkstemp(path);
	uint64_t at = file_off((const void *)sct_elfsym_probe), off;

	ck_assert_int_ge(fd, 0);
	close(fd);
	for (cut = 0; cut < len; cut += len / 97 + 1) {
		struct sct_elfsym *e;

		write_file(path, buf, cut);
		e = sct_elfsym_open(path);
		if (e)
			sct_elfsym_find(e, at, &off);
		sct_elfsym_free(e);
	}
	unlink(path);
	free(buf);
}
END_TEST

/* Headers and tables with bytes changed at random, then offsets set wild. */
START_TEST(test_damaged)
{
	char path[] = "/tmp/sct_elfsymXXXXXX";
	size_t len, i;
	char *buf = self_copy(&len), *bad = malloc(len);
	int fd = mkstemp(path), round;
	uint64_t at = file_off((const void *)sct_elfsym_probe), off;
	const Elf64_Ehdr *eh = (const void *)buf;

	ck_assert_ptr_nonnull(bad);
	ck_assert_int_ge(fd, 0);
	close(fd);
	srand(1);
	for (round = 0; round < 200; round++) {
		struct sct_elfsym *e;

		memcpy(bad, buf, len);
		for (i = 0; i < 16; i++) {
			/* the headers, the section table, or anywhere */
			size_t where = round % 3 == 0 ? (size_t)rand() % 64 :
				       round % 3 == 1 && eh->e_shoff < len ?
				       eh->e_shoff + (size_t)rand() %
				       (len - eh->e_shoff) :
				       (size_t)rand() % len;

			bad[where] = (char)(rand() & 0xff);
		}
		if (round % 5 == 0 && eh->e_shoff + 64 < len)
			memset(bad + eh->e_shoff + 64 + 24, 0xff, 8);
		write_file(path, bad, len);
		e = sct_elfsym_open(path);
		if (e) {
			sct_elfsym_find(e, at, &off);
			sct_elfsym_find(e, (uint64_t)rand() * 4096, &off);
		}
		sct_elfsym_free(e);
	}
	unlink(path);
	free(bad);
	free(buf);
}
END_TEST

Suite *sct_suite_elfsym(void)
{
	Suite *s = suite_create("elfsym");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_own_function);
	tcase_add_test(tc, test_by_name);
	tcase_add_test(tc, test_not_elf);
	tcase_add_test(tc, test_cut);
	tcase_add_test(tc, test_damaged);
	suite_add_tcase(s, tc);
	return s;
}
