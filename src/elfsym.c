/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Function names of an ELF object (see elfsym.h).  The file is mapped
 * once; its function symbols are sorted by address, their names left in
 * the mapping.  Headers and symbols are copied out before use: a damaged
 * file's offsets need not be aligned.  32- and 64-bit objects are read alike, through the small
 * getters below that turn either class's headers into one shape.
 */
#include "config.h"
#include "elfsym.h"

#include <elf.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define SYMS_MAX	(1u << 20)	/* function symbols kept */
#define LOADS_MAX	16		/* PT_LOAD segments kept */
#define OBJS_MAX	64		/* exported data symbols kept */
#define FILE_MAX	(1ull << 32)	/* larger files are not read */

struct sym {
	uint64_t addr;
	const char *name;
	unsigned idx;		/* its place in the file: the first one wins */
};

struct load {
	uint64_t off, vaddr, size;
};

struct sct_elfsym {
	void *map;
	size_t map_size;
	struct load load[LOADS_MAX];
	unsigned nload;
	struct sym *sym;
	unsigned nsym;
	struct sym obj[OBJS_MAX];	/* data symbols of .dynsym */
	unsigned nobj;
	uint64_t exidx_vaddr, exidx_size;	/* PT_ARM_EXIDX, size 0: none */
};

/* The file being read, and the getters' idea of it. */
struct img {
	const unsigned char *p;
	uint64_t size;
	bool is64;
};

/* n bytes at off lie in the file. */
static bool in(const struct img *m, uint64_t off, uint64_t n)
{
	return off <= m->size && n <= m->size - off;
}

struct hdr {
	uint64_t phoff, shoff;
	unsigned phnum, phentsize, shnum, shentsize, machine;
};

static bool get_hdr(const struct img *m, struct hdr *h)
{
	if (m->is64) {
		Elf64_Ehdr e;

		if (!in(m, 0, sizeof(e)))
			return false;
		memcpy(&e, m->p, sizeof(e));
		*h = (struct hdr){ e.e_phoff, e.e_shoff, e.e_phnum,
				   e.e_phentsize, e.e_shnum, e.e_shentsize,
				   e.e_machine };
		return h->phentsize >= sizeof(Elf64_Phdr) &&
		       h->shentsize >= sizeof(Elf64_Shdr);
	} else {
		Elf32_Ehdr e;

		if (!in(m, 0, sizeof(e)))
			return false;
		memcpy(&e, m->p, sizeof(e));
		*h = (struct hdr){ e.e_phoff, e.e_shoff, e.e_phnum,
				   e.e_phentsize, e.e_shnum, e.e_shentsize,
				   e.e_machine };
		return h->phentsize >= sizeof(Elf32_Phdr) &&
		       h->shentsize >= sizeof(Elf32_Shdr);
	}
}

struct phdr {
	uint64_t type, off, vaddr, filesz;
};

static bool get_phdr(const struct img *m, const struct hdr *h, unsigned i,
		     struct phdr *ph)
{
	uint64_t at = h->phoff + (uint64_t)i * h->phentsize;

	if (m->is64) {
		Elf64_Phdr p;

		if (!in(m, at, sizeof(p)))
			return false;
		memcpy(&p, m->p + at, sizeof(p));
		*ph = (struct phdr){ p.p_type, p.p_offset, p.p_vaddr,
				     p.p_filesz };
	} else {
		Elf32_Phdr p;

		if (!in(m, at, sizeof(p)))
			return false;
		memcpy(&p, m->p + at, sizeof(p));
		*ph = (struct phdr){ p.p_type, p.p_offset, p.p_vaddr,
				     p.p_filesz };
	}
	return true;
}

struct shdr {
	uint64_t type, off, size, link, entsize;
};

static bool get_shdr(const struct img *m, const struct hdr *h, unsigned i,
		     struct shdr *sh)
{
	uint64_t at = h->shoff + (uint64_t)i * h->shentsize;

	if (m->is64) {
		Elf64_Shdr s;

		if (!in(m, at, sizeof(s)))
			return false;
		memcpy(&s, m->p + at, sizeof(s));
		*sh = (struct shdr){ s.sh_type, s.sh_offset, s.sh_size,
				     s.sh_link, s.sh_entsize };
	} else {
		Elf32_Shdr s;

		if (!in(m, at, sizeof(s)))
			return false;
		memcpy(&s, m->p + at, sizeof(s));
		*sh = (struct shdr){ s.sh_type, s.sh_offset, s.sh_size,
				     s.sh_link, s.sh_entsize };
	}
	return true;
}

/*
 * The symbol at offset at: its name's offset, address and type, if it is
 * defined (in a section, at an address).
 */
static bool get_sym(const struct img *m, uint64_t at, uint64_t *name,
		    uint64_t *addr, unsigned *type)
{
	unsigned shndx;

	if (m->is64) {
		Elf64_Sym s;

		memcpy(&s, m->p + at, sizeof(s));
		*type = ELF64_ST_TYPE(s.st_info);
		shndx = s.st_shndx;
		*name = s.st_name;
		*addr = s.st_value;
	} else {
		Elf32_Sym s;

		memcpy(&s, m->p + at, sizeof(s));
		*type = ELF32_ST_TYPE(s.st_info);
		shndx = s.st_shndx;
		*name = s.st_name;
		*addr = s.st_value;
	}
	return shndx != SHN_UNDEF && *addr;
}

static int by_addr(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Add the functions of symbol table section sh (strings in section strs). */
static void add_table(struct sct_elfsym *e, const struct img *m,
		      const struct shdr *sh, const struct shdr *strs,
		      bool thumb, unsigned *cap)
{
	uint64_t ent = m->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint64_t j, n;

	if (sh->entsize < ent || !in(m, sh->off, sh->size) ||
	    strs->type != SHT_STRTAB || !in(m, strs->off, strs->size) ||
	    !strs->size || m->p[strs->off + strs->size - 1])
		return;		/* (a string table must end in a NUL) */
	n = sh->size / sh->entsize;
	for (j = 1; j < n && e->nsym < SYMS_MAX; j++) {
		uint64_t name, addr;
		unsigned type;

		if (!get_sym(m, sh->off + j * sh->entsize, &name, &addr,
			     &type) || name >= strs->size)
			continue;
		/* the exported data (by name only: never a frame's name) */
		if (type == STT_OBJECT && sh->type == SHT_DYNSYM) {
			if (e->nobj < OBJS_MAX) {
				e->obj[e->nobj].addr = addr;
				e->obj[e->nobj].name = (const char *)m->p +
						       strs->off + name;
				e->nobj++;
			}
			continue;
		}
		if (type != STT_FUNC && type != STT_GNU_IFUNC)
			continue;
		if (e->nsym == *cap) {
			unsigned c = *cap ? *cap * 2 : 1024;
			struct sym *s = realloc(e->sym, c * sizeof(*s));

			if (!s)
				return;
			e->sym = s;
			*cap = c;
		}
		/* (an ARM symbol's low bit says Thumb code, not an address) */
		e->sym[e->nsym].addr = thumb ? addr & ~1ull : addr;
		e->sym[e->nsym].name = (const char *)m->p + strs->off + name;
		e->sym[e->nsym].idx = e->nsym;
		e->nsym++;
	}
}

static bool parse(struct sct_elfsym *e, const struct img *m)
{
	struct hdr h;
	unsigned i, cap = 0;

	if (!get_hdr(m, &h))
		return false;
	for (i = 0; i < h.phnum && e->nload < LOADS_MAX; i++) {
		struct phdr ph;

		if (!get_phdr(m, &h, i, &ph))
			return false;
		if (ph.type == PT_LOAD)
			e->load[e->nload++] = (struct load){ ph.off, ph.vaddr,
							     ph.filesz };
		else if (ph.type == PT_ARM_EXIDX && h.machine == EM_ARM) {
			e->exidx_vaddr = ph.vaddr;
			e->exidx_size = ph.filesz;
		}
	}
	for (i = 0; i < h.shnum; i++) {
		struct shdr sh, strs;

		if (!get_shdr(m, &h, i, &sh))
			return false;
		if ((sh.type == SHT_SYMTAB || sh.type == SHT_DYNSYM) &&
		    sh.link < h.shnum && get_shdr(m, &h, sh.link, &strs))
			add_table(e, m, &sh, &strs, h.machine == EM_ARM, &cap);
	}
	if ((!e->nsym && !e->exidx_size) || !e->nload)
		return false;
	qsort(e->sym, e->nsym, sizeof(*e->sym), by_addr);
	return true;
}

struct sct_elfsym *sct_elfsym_open(const char *path)
{
	static const unsigned char ident[] = { ELFMAG0, ELFMAG1, ELFMAG2,
					       ELFMAG3 };
	struct sct_elfsym *e;
	struct img m;
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	union { uint16_t u; unsigned char b[2]; } order = { 1 };

	if (fd < 0)
		return NULL;
	e = calloc(1, sizeof(*e));
	if (!e || fstat(fd, &st) || !S_ISREG(st.st_mode) ||
	    st.st_size < EI_NIDENT || (uint64_t)st.st_size > FILE_MAX)
		goto fail;
	e->map_size = (size_t)st.st_size;
	e->map = mmap(NULL, e->map_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (e->map == MAP_FAILED) {
		e->map = NULL;
		goto fail;
	}
	m.p = e->map;
	m.size = e->map_size;
	m.is64 = m.p[EI_CLASS] == ELFCLASS64;
	if (memcmp(m.p, ident, sizeof(ident)) ||
	    (m.p[EI_CLASS] != ELFCLASS32 && !m.is64) ||
	    m.p[EI_DATA] != (order.b[0] ? ELFDATA2LSB : ELFDATA2MSB) ||
	    !parse(e, &m))
		goto fail;
	close(fd);
	return e;
fail:
	close(fd);
	sct_elfsym_free(e);
	return NULL;
}

void sct_elfsym_free(struct sct_elfsym *e)
{
	if (!e)
		return;
	if (e->map)
		munmap(e->map, e->map_size);
	free(e->sym);
	free(e);
}

int sct_elfsym_addr(const struct sct_elfsym *e, const char *name,
		    uint64_t *vaddr)
{
	unsigned i;

	for (i = 0; i < e->nsym; i++)
		if (!strcmp(e->sym[i].name, name)) {
			*vaddr = e->sym[i].addr;
			return 1;
		}
	for (i = 0; i < e->nobj; i++)
		if (!strcmp(e->obj[i].name, name)) {
			*vaddr = e->obj[i].addr;
			return 1;
		}
	return 0;
}

int sct_elfsym_exidx(const struct sct_elfsym *e, uint64_t *file_off,
		     uint64_t *size)
{
	unsigned i;

	for (i = 0; e->exidx_size && i < e->nload; i++)
		if (e->exidx_vaddr >= e->load[i].vaddr &&
		    e->exidx_vaddr - e->load[i].vaddr < e->load[i].size &&
		    e->exidx_size <= e->load[i].size -
				     (e->exidx_vaddr - e->load[i].vaddr)) {
			*file_off = e->exidx_vaddr - e->load[i].vaddr +
				    e->load[i].off;
			*size = e->exidx_size;
			return 1;
		}
	return 0;
}

const char *sct_elfsym_find(const struct sct_elfsym *e, uint64_t file_off,
			    uint64_t *off)
{
	uint64_t addr;
	unsigned i, lo = 0, hi;

	for (i = 0; i < e->nload; i++)
		if (file_off >= e->load[i].off &&
		    file_off - e->load[i].off < e->load[i].size)
			break;
	if (i == e->nload)
		return NULL;
	addr = file_off - e->load[i].off + e->load[i].vaddr;
	/* the last symbol at or below addr */
	hi = e->nsym;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;

		if (e->sym[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo)
		return NULL;
	/* of the names of one address, the first in the file */
	while (lo > 1 && e->sym[lo - 2].addr == e->sym[lo - 1].addr)
		lo--;
	*off = addr - e->sym[lo - 1].addr;
	return e->sym[lo - 1].name;
}

bool sct_elf_program(const void *p, size_t size, bool *is64,
		     unsigned *machine, bool *interp)
{
	struct img m = { p, size, false };
	struct phdr ph;
	struct hdr h;
	unsigned i;

	if (size < EI_NIDENT || memcmp(p, ELFMAG, SELFMAG) ||
	    m.p[EI_DATA] != (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ ?
			     ELFDATA2LSB : ELFDATA2MSB) ||
	    (m.p[EI_CLASS] != ELFCLASS32 && m.p[EI_CLASS] != ELFCLASS64))
		return false;
	m.is64 = m.p[EI_CLASS] == ELFCLASS64;
	if (!get_hdr(&m, &h))
		return false;
	*is64 = m.is64;
	*machine = h.machine;
	*interp = false;
	for (i = 0; i < h.phnum && get_phdr(&m, &h, i, &ph); i++)
		if (ph.type == PT_INTERP)
			*interp = true;
	return true;
}
