/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SysV IPC: semop's sembufs, semctl's value. */
#include "config.h"
#include "decode/internal.h"
#include "decode_gen.h"
#include "mem.h"
#include "ppm_flags.h"

#include <sys/sem.h>

/* semop(semid, struct sembuf *sops, nsops) exit: the first two sembufs */
SCT_DECODER(semop)
{
	/* struct sembuf { u16 sem_num; s16 sem_op; s16 sem_flg; } */
	uint64_t sops = c->args[1], nsops = c->args[2];
	unsigned entry, field;
	uint16_t f[3];

	switch (a->param) {
	case SCT_P_SEMOP_X_SEM_NUM_0: entry = 0; field = 0; break;
	case SCT_P_SEMOP_X_SEM_OP_0: entry = 0; field = 1; break;
	case SCT_P_SEMOP_X_SEM_FLG_0: entry = 0; field = 2; break;
	case SCT_P_SEMOP_X_SEM_NUM_1: entry = 1; field = 0; break;
	case SCT_P_SEMOP_X_SEM_OP_1: entry = 1; field = 1; break;
	case SCT_P_SEMOP_X_SEM_FLG_1: entry = 1; field = 2; break;
	default:
		return SCT_NONE;
	}
	if (!nsops || !sops)
		return SCT_NONE;	/* not written by the driver */
	if (entry >= nsops)
		return sct_int(0);
	if (sct_mem_read(c->tid, sops + 6 * entry, f, 6) != 6)
		return SCT_NONE;
	switch (field) {
	case 0:
		return sct_int(f[0]);
	case 1:
		return sct_int((uint64_t)(int64_t)(int16_t)f[1]);
	default:
		return sct_int(sct_ppm_semop_flags(f[2]));
	}
}

/* semctl(semid, semnum, cmd, arg) enter: 'val', the value SETVAL sets */
SCT_DECODER(semctl)
{
	if (c->args[2] == SETVAL)
		return sct_int((uint64_t)(int64_t)(int32_t)c->args[3]);
	return sct_int(0);
}
