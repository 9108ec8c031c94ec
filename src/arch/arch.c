/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Run-time choice of the syscall ABI of a stop. */
#include "config.h"
#include "arch/arch.h"

#include <string.h>

/*
 * Every table is compiled in on every host: together they are a few tens of
 * kB, the kernel only ever reports the AUDIT_ARCH_* values a host can run
 * (so a table it cannot use is never looked at), and the Check tests can
 * verify all of them on any machine.  The ABI sctrace itself was built for
 * comes first: sct_arch_native() returns it and sct_arch_lookup() finds it
 * at once.  This is the one place that reads the compiler's arch macros.
 */
static const struct sct_arch *const arches[] = {
#if defined(__x86_64__) && !defined(__ILP32__)
	&sct_arch_x86_64, &sct_arch_i386, &sct_arch_aarch64, &sct_arch_armhf,
#elif defined(__i386__)
	&sct_arch_i386, &sct_arch_x86_64, &sct_arch_aarch64, &sct_arch_armhf,
#elif defined(__aarch64__) && !defined(__ILP32__) && !defined(__AARCH64EB__)
	&sct_arch_aarch64, &sct_arch_armhf, &sct_arch_x86_64, &sct_arch_i386,
#elif defined(__arm__) && defined(__ARM_EABI__) && !defined(__ARMEB__)
	&sct_arch_armhf, &sct_arch_aarch64, &sct_arch_x86_64, &sct_arch_i386,
#else
#error "sctrace knows x86_64, i386, aarch64 and little-endian ARM EABI only"
#endif
};

const struct sct_arch *sct_arch_lookup(uint32_t audit_arch)
{
	unsigned i;

	for (i = 0; i < sizeof(arches) / sizeof(arches[0]); i++)
		if (arches[i]->audit_arch == audit_arch)
			return arches[i];
	return NULL;
}

const struct sct_arch *sct_arch_native(void)
{
	return arches[0];
}

const struct sct_sysent *sct_sysent_extra(const struct sct_arch *a,
					  uint64_t nr)
{
	unsigned i;

	/* a handful of entries at most: a linear scan is fine */
	for (i = 0; i < a->nextra && a->extra[i].nr <= nr; i++)
		if (a->extra[i].nr == nr)
			return &a->extra[i].se;
	return NULL;
}

int sct_arch_nr(const struct sct_arch *a, const char *name)
{
	unsigned i;

	for (i = 0; i < a->nsysent; i++)
		if (a->sysent[i].name && !strcmp(a->sysent[i].name, name))
			return (int)i;
	for (i = 0; i < a->nextra; i++)
		if (!strcmp(a->extra[i].se.name, name))
			return (int)a->extra[i].nr;
	return -1;
}
