/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Everything sctrace knows about one syscall ABI, as data.  All ABIs are
 * compiled in; the one of each stop is chosen at run time from the arch
 * field of PTRACE_GET_SYSCALL_INFO, so a 64-bit sctrace can trace 32-bit
 * tasks.
 */
#ifndef SCTRACE_ARCH_H
#define SCTRACE_ARCH_H

#include <stdint.h>

/* One row of syscalls/<arch>.tbl, joined with ppm_sc.tbl and decode.tbl. */
struct sct_sysent {
	const char *name;	/* NULL: no syscall with this number */
	uint16_t ppm_sc;	/* PPM_SC_* code, 0 if libs has none */
	int16_t decoder;	/* index in sct_decoders, -1: generic event */
};

struct sct_arch {
	const char *name;
	uint32_t audit_arch;		/* AUDIT_ARCH_* */
	unsigned wordsize;		/* bytes in a pointer / long */
	const struct sct_sysent *sysent;
	unsigned nsysent;
	/* libseccomp SCMP_ARCH_* of the 32-bit ABIs this one can run (0 ends) */
	uint32_t seccomp_compat[3];
};

extern const struct sct_arch sct_arch_x86_64;

/* The ABI for an AUDIT_ARCH_* value, or NULL if sctrace does not know it. */
const struct sct_arch *sct_arch_lookup(uint32_t audit_arch);
/* The ABI sctrace itself was built for. */
const struct sct_arch *sct_arch_native(void);

static inline const struct sct_sysent *sct_sysent(const struct sct_arch *a,
						  uint64_t nr)
{
	if (!a || nr >= a->nsysent || !a->sysent[nr].name)
		return 0;
	return &a->sysent[nr];
}

/* Look a syscall number up by name (slow: for start-up and tests). */
int sct_arch_nr(const struct sct_arch *a, const char *name);

#endif
