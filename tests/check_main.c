/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test runner (Check): one program, one suite per source file.
 * Expected byte layouts in the suites are written out by hand from
 * docs/scap-format.md, never computed by the code under test.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <check.h>
#include <stdlib.h>

Suite *sct_suite_ppm_flags(void);
Suite *sct_suite_writer(void);
Suite *sct_suite_event(void);
Suite *sct_suite_net(void);
Suite *sct_suite_tables(void);
Suite *sct_suite_mem(void);
Suite *sct_suite_filter(void);
Suite *sct_suite_clone(void);
Suite *sct_suite_decode(void);
Suite *sct_suite_proc(void);
Suite *sct_suite_stopwait(void);
Suite *sct_suite_elfsym(void);

int main(void)
{
	SRunner *sr = srunner_create(sct_suite_writer());
	int failed;

	srunner_add_suite(sr, sct_suite_event());
	srunner_add_suite(sr, sct_suite_net());
	srunner_add_suite(sr, sct_suite_tables());
	srunner_add_suite(sr, sct_suite_mem());
	srunner_add_suite(sr, sct_suite_ppm_flags());
	srunner_add_suite(sr, sct_suite_filter());
	srunner_add_suite(sr, sct_suite_clone());
	srunner_add_suite(sr, sct_suite_decode());
	srunner_add_suite(sr, sct_suite_proc());
	srunner_add_suite(sr, sct_suite_stopwait());
	srunner_add_suite(sr, sct_suite_elfsym());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
