/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The names of PPM flag and enum values (ppm_flags.h), for the text
 * output: flags=4097(O_RDONLY|O_CLOEXEC), cmd=2(F_GETFD), as sysdig shows
 * them.
 */
#ifndef SCTRACE_FLAGNAMES_H
#define SCTRACE_FLAGNAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sct_flagname {
	uint64_t value;
	const char *name;
};

struct sct_flagset {
	const struct sct_flagname *names;
	unsigned n;
	bool is_enum;		/* one value, not bits */
};

/* The names of param pname of event ename's events, or NULL. */
const struct sct_flagset *sct_flagset_of(const char *ename,
					  const char *pname);

/* "A|B" (or "NAME" of an enum) into out; false when nothing is named. */
bool sct_flags_name(const struct sct_flagset *fs, uint64_t v, char *out,
		    size_t n);

#endif
