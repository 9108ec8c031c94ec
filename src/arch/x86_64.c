/* SPDX-License-Identifier: GPL-2.0-or-later */
/* x86_64 (64-bit ABI).  The syscall table is generated from syscalls/x86_64.tbl. */
#include "config.h"
#include "arch/arch.h"
#include "sysent_x86_64.h"

#include <linux/audit.h>
#include <seccomp.h>

const struct sct_arch sct_arch_x86_64 = {
	.name = "x86_64",
	.audit_arch = AUDIT_ARCH_X86_64,
	.wordsize = 8,
	.sysent = sct_sysent_x86_64,
	.nsysent = SCT_NSYSENT_X86_64,
	/* ia32 tasks (IA32_EMULATION); sctrace has no x32 table */
	.seccomp_compat = { SCMP_ARCH_X86, SCMP_ARCH_X32 },
	.compat = { &sct_arch_i386 },
};
