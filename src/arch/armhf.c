/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ARM EABI ("armhf"; the float ABI does not change syscalls), native or as
 * a compat task on aarch64: both stop with AUDIT_ARCH_ARM and the same
 * numbers.  The syscall table is generated from syscalls/armhf.tbl; the ARM
 * private calls (set_tls, cacheflush, ... at 0x0f0000 + n) are in the
 * sparse extra list.  libs has no arm 32-bit table: PPM_SC codes are joined
 * by name (docs/scap-format.md §3.3).  EABI passes a 64-bit argument in
 * an even/odd register pair, so one is padded (pread64: a4, a5 after an
 * unused a3), which decode.tbl's "NAME@armhf" rows describe.
 */
#include "config.h"
#include "arch/arch.h"
#include "sysent_armhf.h"

#include <linux/audit.h>

const struct sct_arch sct_arch_armhf = {
	.name = "armhf",
	.audit_arch = AUDIT_ARCH_ARM,
	.wordsize = 4,
	.sysent = sct_sysent_armhf,
	.nsysent = SCT_NSYSENT_ARMHF,
	.extra = sct_sysent_extra_armhf,
	.nextra = SCT_NSYSENT_EXTRA_ARMHF,
};
