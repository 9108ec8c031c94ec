/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Look-ups in the generated schema tables. */
#include "config.h"
#include "schema.h"

#include <string.h>

uint16_t sct_ppm_sc_lookup(const char *name)
{
	unsigned i;

	for (i = 0; i < sct_ppm_sc_count; i++)
		if (!strcmp(sct_ppm_sc_table[i].name, name))
			return sct_ppm_sc_table[i].code;
	return 0;
}

const char *sct_ppm_sc_name(uint16_t code)
{
	unsigned i;

	for (i = 0; i < sct_ppm_sc_count; i++)
		if (sct_ppm_sc_table[i].code == code)
			return sct_ppm_sc_table[i].name;
	return NULL;
}
