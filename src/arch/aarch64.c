/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * aarch64 (the asm-generic numbering).  The syscall table is generated from
 * syscalls/aarch64.tbl.  There are no open, stat, fork, ... here, only their
 * *at and clone forms.  With CONFIG_COMPAT an aarch64 kernel also runs ARM
 * EABI tasks, which stop with AUDIT_ARCH_ARM (see armhf.c).
 */
#include "config.h"
#include "arch/arch.h"
#include "sysent_aarch64.h"

#include <linux/audit.h>
#include <seccomp.h>

const struct sct_arch sct_arch_aarch64 = {
	.name = "aarch64",
	.audit_arch = AUDIT_ARCH_AARCH64,
	.wordsize = 8,
	.sysent = sct_sysent_aarch64,
	.nsysent = SCT_NSYSENT_AARCH64,
	.seccomp_compat = { SCMP_ARCH_ARM },
	.compat = { &sct_arch_armhf },
};
