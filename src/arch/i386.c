/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * i386: 32-bit x86 tasks, which on an x86_64 host run under IA32_EMULATION
 * and stop with AUDIT_ARCH_I386.  The syscall table is generated from
 * syscalls/i386.tbl.  Arguments are 32-bit words; a 64-bit offset is split
 * over two of them, low word first (pread64: a3, a4; _llseek: a1 high,
 * a2 low), which decode.tbl's "NAME@i386" rows describe.
 */
#include "config.h"
#include "arch/arch.h"
#include "sysent_i386.h"

#include <linux/audit.h>

const struct sct_arch sct_arch_i386 = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.wordsize = 4,
	.sysent = sct_sysent_i386,
	.nsysent = SCT_NSYSENT_I386,
	/* no 32-bit ABI below this one: seccomp_compat and compat stay empty */
};
