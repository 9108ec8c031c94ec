/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Function names of an ELF object (its .symtab and .dynsym), looked up by
 * file offset, for -k's frames (stack.c).  The file is untrusted: every
 * offset in it is checked, and a file that is not an ELF object of this
 * machine's byte order simply has no names.
 */
#ifndef SCTRACE_ELFSYM_H
#define SCTRACE_ELFSYM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sct_elfsym;

/*
 * The functions of the object at path (and its ARM unwind table), or NULL
 * when it has neither.
 */
struct sct_elfsym *sct_elfsym_open(const char *path);
void sct_elfsym_free(struct sct_elfsym *e);

/*
 * The function holding the byte at offset file_off of the object: the
 * nearest function symbol at or below its address, as libunwind picks it.
 * *off is the distance from the symbol.  NULL when there is none.
 */
const char *sct_elfsym_find(const struct sct_elfsym *e, uint64_t file_off,
			    uint64_t *off);

/*
 * The address (as linked: st_value) of the function called name, or of
 * the exported data object (one of the first 64 of .dynsym), in *vaddr.
 * 1: found, 0: not.
 */
int sct_elfsym_addr(const struct sct_elfsym *e, const char *name,
		    uint64_t *vaddr);

/*
 * The object's ARM unwind table (PT_ARM_EXIDX): its place as a file
 * offset (*file_off, the table's first byte as it is mapped with the
 * segment holding it) and its size in bytes.  0 when it has none.
 */
int sct_elfsym_exidx(const struct sct_elfsym *e, uint64_t *file_off,
		     uint64_t *size);

/*
 * The ELF image p[size] (a program as mapped from its file): its class
 * (*is64), e_machine, and whether it names an interpreter (PT_INTERP: a
 * dynamically linked program).  false: not an ELF file of this byte order.
 */
bool sct_elf_program(const void *p, size_t size, bool *is64,
		     unsigned *machine, bool *interp);

#endif
