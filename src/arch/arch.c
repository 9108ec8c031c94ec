/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Run-time choice of the syscall ABI of a stop. */
#include "config.h"
#include "arch/arch.h"

#include <string.h>

static const struct sct_arch *const arches[] = {
	&sct_arch_x86_64,
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

int sct_arch_nr(const struct sct_arch *a, const char *name)
{
	unsigned i;

	for (i = 0; i < a->nsysent; i++)
		if (a->sysent[i].name && !strcmp(a->sysent[i].name, name))
			return (int)i;
	return -1;
}
