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
#include <sys/types.h>

/* One row of syscalls/<arch>.tbl, joined with ppm_sc.tbl and decode.tbl. */
struct sct_sysent {
	const char *name;	/* NULL: no syscall with this number */
	uint16_t ppm_sc;	/* PPM_SC_* code, 0 if libs has none */
	int16_t decoder;	/* index in sct_decoders, -1: generic event */
};

/*
 * A syscall numbered far above the others (ARM's private calls at
 * 0x0f0000 + n): kept in a short list sorted by nr, not the dense array.
 */
struct sct_sysent_extra {
	uint32_t nr;
	struct sct_sysent se;
};

struct sct_arch {
	const char *name;
	uint32_t audit_arch;		/* AUDIT_ARCH_* */
	unsigned wordsize;		/* bytes in a pointer / long */
	const struct sct_sysent *sysent;	/* indexed by nr */
	unsigned nsysent;
	const struct sct_sysent_extra *extra;	/* sparse, or NULL */
	unsigned nextra;
	/* libseccomp SCMP_ARCH_* of the 32-bit ABIs it can run (0 ends) */
	uint32_t seccomp_compat[3];
	/* sctrace's tables of those ABIs, in the same order (NULL: none) */
	const struct sct_arch *compat[3];
	/*
	 * A multiplexing syscall (i386's socketcall): the call it stands for,
	 * its arguments read from the tracee into args.  NULL: none here.
	 */
	const struct sct_sysent *(*demux)(const struct sct_arch *a,
					  const struct sct_sysent *se,
					  uint64_t args[6], pid_t tid);
};

extern const struct sct_arch sct_arch_x86_64;
extern const struct sct_arch sct_arch_i386;
extern const struct sct_arch sct_arch_aarch64;
extern const struct sct_arch sct_arch_armhf;

/* The ABI for an AUDIT_ARCH_* value, or NULL if sctrace does not know it. */
const struct sct_arch *sct_arch_lookup(uint32_t audit_arch);
/* The ABI sctrace itself was built for. */
const struct sct_arch *sct_arch_native(void);

/* The entry of a number past the dense array (sct_sysent's slow path). */
const struct sct_sysent *sct_sysent_extra(const struct sct_arch *a,
					  uint64_t nr);

static inline const struct sct_sysent *sct_sysent(const struct sct_arch *a,
						  uint64_t nr)
{
	if (!a)
		return 0;
	if (nr >= a->nsysent)
		return sct_sysent_extra(a, nr);
	return a->sysent[nr].name ? &a->sysent[nr] : 0;
}

/* Look a syscall number up by name (slow: for start-up and tests). */
int sct_arch_nr(const struct sct_arch *a, const char *name);

#endif
