/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What sctrace changes in a traced syscall, at its entry, so that being
 * traced does not change what the program does (fixup.c).
 */
#ifndef SCTRACE_FIXUP_H
#define SCTRACE_FIXUP_H

struct sct_thread;

/*
 * At the entry of t's syscall (its entry or seccomp stop, t->se and
 * t->args already set): a clone or clone3 with CLONE_UNTRACED loses the
 * flag, so that sctrace follows the child as every other.
 */
void sct_fixup_entry(struct sct_thread *t);

/*
 * At a seccomp stop that the program's own filter asked for (its
 * SECCOMP_RET_TRACE, not sctrace's): skip the syscall with ENOSYS, which
 * is what the kernel does without a tracer.
 */
void sct_fixup_foreign(struct sct_thread *t);

#endif
