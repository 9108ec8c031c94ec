/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A program linked with libearly.so (tests/progs/early.c): ld.so runs that
 * library's constructor before a preloaded library's, so its calls reach
 * sctrace's recorder before the recorder's own constructor has run.
 */
int main(void)
{
	return 0;
}
