/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * User stacks (see stack.h), unwound with libunwind through our own
 * accessors:
 *  - the instruction and stack pointers from the syscall stop's
 *    PTRACE_GET_SYSCALL_INFO, the other registers (rarely needed) through
 *    libunwind-ptrace (PTRACE_PEEKUSER);
 *  - memory with sct_mem_read (process_vm_readv, or the careful reads of a
 *    process with userfaultfd ranges), 8 KiB at a time, each read once per
 *    stack;
 *  - unwind tables through libunwind-ptrace, with one handle per mapped
 *    object: a handle keeps the tables of the last object it looked in,
 *    so one per object finds them mapped at every later frame (32-bit
 *    ARM: each object's .ARM.exidx, looked up here; see exidx_proc_info);
 *  - function names from the objects' symbol tables (elfsym.h), each
 *    file's read once for all the processes that map it.
 * All of it is kept per process (struct sct_pstack, hung on its group)
 * while its executable mappings stay as they were: an exec, or an mmap,
 * munmap, mprotect, mremap or brk (sct_stacks_changed) has /proc/PID/maps
 * read again before the next stack, and a change of the objects mapped
 * drops what was cached.  At most SCT_PSTACKS processes keep a cache; the
 * one used least recently gives its up.
 */
#include "config.h"
#include "stack.h"
#include "elfsym.h"
#include "log.h"
#include "mem.h"
#include "print.h"
#include "proc.h"
#include "thread.h"

#include <errno.h>
#include <inttypes.h>
#include <libunwind-ptrace.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SCT_PSTACKS	16	/* processes whose unwind caches are kept */
#define MAPS_MAX	(1u << 20)	/* bytes of /proc/PID/maps read */
#define OBJ_MAX		1024	/* executable mappings kept per process */
#define SLOTS		8	/* tracee memory read per stack: slots of */
#define SLOT_SIZE	8192	/* 8 KiB from a 4 KiB boundary */
#define RS_CACHE	512	/* libunwind's register-state cache, entries */
#define SYMFILES_IDLE	32	/* symbol tables kept unused */

/*
 * The program counter's and stack pointer's libunwind numbers.  Not
 * UNW_REG_IP: on aarch64 that is the link register (x30).
 */
#if defined(__x86_64__)
#define PC_REG	UNW_X86_64_RIP
#define SP_REG	UNW_X86_64_RSP
#elif defined(__i386__)
#define PC_REG	UNW_X86_EIP
#define SP_REG	UNW_X86_ESP
#elif defined(__aarch64__)
#define PC_REG	UNW_AARCH64_PC
#define SP_REG	UNW_AARCH64_SP
#elif defined(__arm__)
#define PC_REG	UNW_ARM_R15
#define SP_REG	UNW_ARM_R13
#else
#define PC_REG	(-1)	/* from ptrace, as the others */
#define SP_REG	(-1)
#endif

/* One executable mapping of a process. */
struct sct_object {
	uint64_t lo, hi, off, inode;
	char *path;		/* file, [vdso], or "?" for anonymous */
	void *upt;		/* libunwind-ptrace handle for its tables */
	unsigned long dev;	/* major << 20 | minor, as maps says */
	struct sct_symfile *file;	/* its function names, once looked */
};

/*
 * The function names of one file, shared by the processes that map it
 * (a fork+exec loop maps the same libc a thousand times).  A file no
 * process maps any more is kept while at most SYMFILES_IDLE are.
 */
struct sct_symfile {
	struct sct_symfile *next;
	char *path;
	unsigned long dev;
	uint64_t inode;
	struct sct_elfsym *e;	/* NULL: no names in it */
	unsigned refs;
};

/* One process's unwinding state. */
struct sct_pstack {
	struct sct_pstack *prev, *next;	/* use order, through s->lru */
	struct sct_stacks *s;
	struct sct_group *g;		/* whose g->stack this is */
	unw_addr_space_t as;
	bool stale;			/* maps may have changed */
	struct sct_object *obj;		/* sorted by lo */
	unsigned nobj;
};

struct sct_stacks {
	struct sct_pstack lru;		/* sentinel: next is the newest */
	unsigned n;
	struct sct_symfile *files;	/* newest first */
	unsigned nidle;			/* files with no refs */
	char *maps;			/* scratch for /proc/PID/maps */
};

/* The stack being unwound: what the memory accessor reads for. */
struct unwind {
	struct sct_pstack *ps;
	pid_t tid;
	uint64_t ip, sp;
	void *upt;			/* the thread's handle, for registers */
	unsigned nslots;
	struct {
		uint64_t addr;		/* page-aligned */
		uint64_t len;		/* what could be read there */
		unsigned char buf[SLOT_SIZE];
	} slot[SLOTS];
};

/*
 * libunwind-ptrace hands its own handle, not ours, to the memory accessor
 * when it searches a table; the tracer unwinds one stack at a time.
 */
static struct unwind *current;

/* ---- symbol files ---- */

static void symfile_put(struct sct_stacks *s, struct sct_symfile *f)
{
	struct sct_symfile **pp, *old = NULL, **oldp = NULL;

	if (!f || --f->refs)
		return;
	if (++s->nidle <= SYMFILES_IDLE)
		return;
	/* too many unused: the one least recently loaded goes */
	for (pp = &s->files; *pp; pp = &(*pp)->next)
		if (!(*pp)->refs) {
			old = *pp;
			oldp = pp;
		}
	*oldp = old->next;
	sct_elfsym_free(old->e);
	free(old->path);
	free(old);
	s->nidle--;
}

/* The names of the file of o, as process pid sees it (NULL: none). */
static struct sct_symfile *symfile_get(struct sct_stacks *s, pid_t pid,
				       const struct sct_object *o)
{
	struct sct_symfile *f;
	char path[4200];

	for (f = s->files; f; f = f->next)
		if (f->inode == o->inode && f->dev == o->dev &&
		    !strcmp(f->path, o->path)) {
			if (!f->refs++)
				s->nidle--;
			return f;
		}
	f = calloc(1, sizeof(*f));
	if (!f || !(f->path = strdup(o->path))) {
		free(f);
		return NULL;
	}
	/* the file as the process sees it (its root may not be ours) */
	snprintf(path, sizeof(path), "/proc/%d/root%s", pid, o->path);
	f->e = sct_elfsym_open(path);
	f->dev = o->dev;
	f->inode = o->inode;
	f->refs = 1;
	f->next = s->files;
	s->files = f;
	return f;
}

/* ---- per-process state ---- */

static void objects_free(struct sct_pstack *ps)
{
	unsigned i;

	for (i = 0; i < ps->nobj; i++) {
		if (ps->obj[i].upt)
			_UPT_destroy(ps->obj[i].upt);
		symfile_put(ps->s, ps->obj[i].file);
		free(ps->obj[i].path);
	}
	free(ps->obj);
	ps->obj = NULL;
	ps->nobj = 0;
}

static void pstack_free(struct sct_pstack *ps)
{
	ps->prev->next = ps->next;
	ps->next->prev = ps->prev;
	ps->s->n--;
	ps->g->stack = NULL;
	objects_free(ps);
	if (ps->as)
		unw_destroy_addr_space(ps->as);
	free(ps);
}

void sct_stack_forget(struct sct_group *g)
{
	if (g->stack)
		pstack_free(g->stack);
}

static const unw_accessors_t accessors;

/* g's state, made the newest; NULL when out of memory. */
static struct sct_pstack *pstack_of(struct sct_stacks *s,
				    struct sct_group *g)
{
	struct sct_pstack *ps = g->stack;

	if (ps) {
		ps->prev->next = ps->next;
		ps->next->prev = ps->prev;
	} else {
		if (s->n >= SCT_PSTACKS)
			pstack_free(s->lru.prev);
		ps = calloc(1, sizeof(*ps));
		if (!ps)
			return NULL;
		ps->as = unw_create_addr_space((unw_accessors_t *)&accessors,
					       0);
		if (!ps->as) {
			free(ps);
			return NULL;
		}
		unw_set_caching_policy(ps->as, UNW_CACHE_GLOBAL);
		unw_set_cache_size(ps->as, RS_CACHE, 0);
		ps->s = s;
		ps->g = g;
		ps->stale = true;
		g->stack = ps;
		s->n++;
	}
	ps->next = s->lru.next;
	ps->prev = &s->lru;
	s->lru.next->prev = ps;
	s->lru.next = ps;
	return ps;
}

/* ---- mappings ---- */

/* The executable mappings of maps (text of /proc/PID/maps), by address. */
static unsigned parse_maps(char *maps, struct sct_object *obj, unsigned max)
{
	char *line = maps, *eol;
	unsigned n = 0;

	for (; line && *line && n < max; line = eol ? eol + 1 : NULL) {
		unsigned long long lo, hi, off, inode;
		unsigned major, minor;
		char perm[8], *path;
		int pos = 0;

		eol = strchr(line, '\n');
		if (eol)
			*eol = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %x:%x %llu %n", &lo, &hi,
			   perm, &off, &major, &minor, &inode, &pos) < 7 ||
		    perm[2] != 'x')
			continue;
		path = pos ? line + pos : (char *)"";
		obj[n].lo = lo;
		obj[n].hi = hi;
		obj[n].off = off;
		obj[n].inode = inode;
		obj[n].dev = (unsigned long)major << 20 | minor;
		obj[n].path = strdup(*path ? path : "?");
		if (!obj[n].path)
			break;
		n++;
	}
	return n;
}

static bool same_objects(const struct sct_object *a, unsigned na,
			 const struct sct_object *b, unsigned nb)
{
	unsigned i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (a[i].lo != b[i].lo || a[i].hi != b[i].hi ||
		    a[i].off != b[i].off || a[i].inode != b[i].inode ||
		    a[i].dev != b[i].dev ||
		    strcmp(a[i].path, b[i].path))
			return false;
	return true;
}

/*
 * Read ps's mappings again when they may have changed; when its objects
 * did, forget what was cached of them.
 */
static void refresh(struct sct_stacks *s, struct sct_pstack *ps, pid_t tid)
{
	struct sct_object *obj;
	char path[64];
	unsigned n, i;

	if (!ps->stale)
		return;
	ps->stale = false;
	snprintf(path, sizeof(path), "/proc/%d/maps", tid);
	if (sct_proc_text(path, s->maps, MAPS_MAX) < 0)
		s->maps[0] = 0;
	obj = calloc(OBJ_MAX, sizeof(*obj));
	if (!obj)
		return;
	n = parse_maps(s->maps, obj, OBJ_MAX);
	if (same_objects(obj, n, ps->obj, ps->nobj)) {
		for (i = 0; i < n; i++)
			free(obj[i].path);
		free(obj);
		return;
	}
	objects_free(ps);
	unw_flush_cache(ps->as, 0, 0);
	ps->obj = obj;
	ps->nobj = n;
}

static struct sct_object *object_at(struct sct_pstack *ps, uint64_t ip)
{
	unsigned lo = 0, hi = ps->nobj;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (ip < ps->obj[mid].lo)
			hi = mid;
		else if (ip >= ps->obj[mid].hi)
			lo = mid + 1;
		else
			return &ps->obj[mid];
	}
	return NULL;
}

/* ---- accessors ---- */

#if defined(__arm__)
/* (libunwind-arm's own table search: not in its header) */
extern int _Uarm_search_unwind_table(unw_addr_space_t, unw_word_t,
				     unw_dyn_info_t *, unw_proc_info_t *, int,
				     void *);

/*
 * 32-bit ARM: the function's entry in its object's .ARM.exidx, found as
 * mapped in the process.  Not through libunwind-ptrace: it looks in a
 * .debug_frame first, and for another process reads that table at the
 * addresses of the tracer's own copy, so that a program built with -g
 * unwound into garbage or not, by where the tracer's heap lay.
 */
static int exidx_proc_info(struct unwind *u, struct sct_object *o,
			   unw_addr_space_t as, unw_word_t ip,
			   unw_proc_info_t *pi, int need_unwind_info)
{
	uint64_t off, size;
	unw_dyn_info_t di;
	unsigned i;

	if (!o->file)
		o->file = symfile_get(u->ps->s, u->ps->g->pid, o);
	if (!o->file || !o->file->e ||
	    !sct_elfsym_exidx(o->file->e, &off, &size))
		return -UNW_ENOINFO;
	/* the executable mapping of the same file that holds the table */
	for (i = 0; i < u->ps->nobj; i++) {
		const struct sct_object *m = &u->ps->obj[i];

		if (m->inode == o->inode && m->dev == o->dev &&
		    !strcmp(m->path, o->path) && off >= m->off &&
		    off - m->off + size <= m->hi - m->lo)
			break;
	}
	if (i == u->ps->nobj)
		return -UNW_ENOINFO;
	memset(&di, 0, sizeof(di));
	di.format = UNW_INFO_FORMAT_ARM_EXIDX;
	di.start_ip = o->lo;
	di.end_ip = o->hi;
	di.u.rti.segbase = o->lo - o->off;
	di.u.rti.table_data = u->ps->obj[i].lo + off - u->ps->obj[i].off;
	di.u.rti.table_len = size;
	return _Uarm_search_unwind_table(as, ip, &di, pi, need_unwind_info,
					 u);
}
#endif

static int find_proc_info(unw_addr_space_t as, unw_word_t ip,
			  unw_proc_info_t *pi, int need_unwind_info, void *arg)
{
	struct unwind *u = arg;
	struct sct_object *o = object_at(u->ps, ip);

	if (!o || o->path[0] == '?')
		return -UNW_ENOINFO;
#if defined(__arm__)
	if (o->path[0] == '/')
		return exidx_proc_info(u, o, as, ip, pi, need_unwind_info);
#endif
	if (!o->upt)
		o->upt = _UPT_create(u->ps->g->pid);
	if (!o->upt)
		return -UNW_ENOINFO;
	return _UPT_find_proc_info(as, ip, pi, need_unwind_info, o->upt);
}

static void put_unwind_info(unw_addr_space_t as, unw_proc_info_t *pi,
			    void *arg)
{
	/* (an exidx entry's is where it lies in the process: not ours) */
	if (pi->format == UNW_INFO_FORMAT_ARM_EXIDX) {
		pi->unwind_info = NULL;
		return;
	}
	_UPT_put_unwind_info(as, pi, arg);
}

static int get_dyn_info_list_addr(unw_addr_space_t as, unw_word_t *addr,
				  void *arg)
{
	(void)as; (void)addr; (void)arg;
	return -UNW_ENOINFO;
}

/* A word of tracee memory, through the stack's slots. */
static int access_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val,
		      int write, void *arg)
{
	struct unwind *u = current;
	uint64_t page;
	unsigned i;
	ssize_t n;

	(void)as; (void)arg;
	if (write || !u)
		return -UNW_EINVAL;
	for (i = 0; i < u->nslots; i++)
		if (addr >= u->slot[i].addr &&
		    addr - u->slot[i].addr + sizeof(*val) <= u->slot[i].len)
			goto found;
	/* a new slot (or the oldest) from addr's page on */
	page = addr & ~(uint64_t)(SLOT_SIZE / 2 - 1);
	i = u->nslots < SLOTS ? u->nslots++ : (unsigned)(page >> 12) % SLOTS;
	n = sct_mem_read(u->tid, page, u->slot[i].buf, SLOT_SIZE);
	u->slot[i].addr = page;
	u->slot[i].len = n > 0 ? (uint64_t)n : 0;
	if (addr - page + sizeof(*val) > u->slot[i].len)
		return -UNW_EINVAL;
found:
	memcpy(val, u->slot[i].buf + (addr - u->slot[i].addr), sizeof(*val));
	return 0;
}

static int access_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val,
		      int write, void *arg)
{
	struct unwind *u = arg;

	if (write)
		return -UNW_EINVAL;
	/* (what the syscall stop gave: no ptrace call) */
	if (reg == PC_REG) {
		*val = (unw_word_t)u->ip;
		return 0;
	}
	if (reg == SP_REG) {
		*val = (unw_word_t)u->sp;
		return 0;
	}
	return _UPT_access_reg(as, reg, val, 0, u->upt);
}

static int access_fpreg(unw_addr_space_t as, unw_regnum_t reg,
			unw_fpreg_t *val, int write, void *arg)
{
	struct unwind *u = arg;

	if (write)
		return -UNW_EINVAL;
	return _UPT_access_fpreg(as, reg, val, 0, u->upt);
}

static int resume(unw_addr_space_t as, unw_cursor_t *c, void *arg)
{
	(void)as; (void)c; (void)arg;
	return -UNW_EINVAL;	/* never: the tracee is only looked at */
}

static int get_proc_name(unw_addr_space_t as, unw_word_t ip, char *buf,
			 size_t len, unw_word_t *off, void *arg)
{
	struct unwind *u = arg;

	return _UPT_get_proc_name(as, ip, buf, len, off, u->upt);
}

static const unw_accessors_t accessors = {
	.find_proc_info = find_proc_info,
	.put_unwind_info = put_unwind_info,
	.get_dyn_info_list_addr = get_dyn_info_list_addr,
	.access_mem = access_mem,
	.access_reg = access_reg,
	.access_fpreg = access_fpreg,
	.resume = resume,
	.get_proc_name = get_proc_name,
};

/* ---- names ---- */

/* The function at ip and ip's offset in it, or NULL. */
static const char *name_at(struct unwind *u, uint64_t ip, uint64_t *off)
{
	struct sct_object *o = object_at(u->ps, ip);

	if (!o || o->path[0] != '/')
		return NULL;
	if (!o->file)
		o->file = symfile_get(u->ps->s, u->ps->g->pid, o);
	return o->file && o->file->e ?
	       sct_elfsym_find(o->file->e, ip - o->lo + o->off, off) : NULL;
}

/* ---- the interface ---- */

struct sct_stacks *sct_stacks_new(void)
{
	struct sct_stacks *s = calloc(1, sizeof(*s));

	if (!s || !(s->maps = malloc(MAPS_MAX)))
		sct_die("out of memory");
	s->lru.next = s->lru.prev = &s->lru;
	return s;
}

void sct_stacks_changed(struct sct_group *g)
{
	if (g && g->stack)
		g->stack->stale = true;
}

void sct_stacks_free(struct sct_stacks *s)
{
	if (!s)
		return;
	while (s->lru.next != &s->lru)
		pstack_free(s->lru.next);
	while (s->files) {
		struct sct_symfile *f = s->files;

		s->files = f->next;
		sct_elfsym_free(f->e);
		free(f->path);
		free(f);
	}
	free(s->maps);
	free(s);
}

char *sct_stack_text(struct sct_stacks *s, struct sct_group *g, pid_t tid,
		     uint64_t ip, uint64_t sp)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	sct_stack_print(s, f, g, tid, ip, sp);
	if (fclose(f) || !len) {
		free(text);
		return NULL;
	}
	return text;
}

void sct_stack_print(struct sct_stacks *s, FILE *f, struct sct_group *g,
		     pid_t tid, uint64_t ip0, uint64_t sp0)
{
	struct unwind *u;
	unw_cursor_t cur;
	bool prev_instr = false;
	int i;

	u = malloc(sizeof(*u));
	if (!u)
		return;
	u->ps = pstack_of(s, g);
	u->upt = u->ps ? _UPT_create(tid) : NULL;
	if (!u->upt)
		goto out;
	u->tid = tid;
	u->ip = ip0;
	u->sp = sp0;
	u->nslots = 0;
	refresh(s, u->ps, tid);
	current = u;
	if (unw_init_remote(&cur, u->ps->as, u) < 0)
		goto out;
	for (i = 0; i < SCT_STACK_MAX; i++) {
		const struct sct_object *o;
		const char *fn;
		char esc[512];
		unw_word_t ip;
		uint64_t off = 0;

		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 || !ip)
			break;
		/* (names and paths are the tracee's: escaped) */
		o = object_at(u->ps, ip);
		sct_escape(esc, sizeof(esc), o ? o->path : "?");
		fprintf(f, " > %s", esc);
		/*
		 * A return address may be just past its function's end (a
		 * call that does not return): the call's own byte is looked
		 * up, as libunwind does.
		 */
		fn = name_at(u, ip - prev_instr, &off);
		if (fn) {
			sct_escape(esc, sizeof(esc), fn);
			fprintf(f, "(%s+0x%" PRIx64 ")", esc, off + prev_instr);
		} else {
			fputs("()", f);
		}
		fprintf(f, " [0x%" PRIx64 "]\n", (uint64_t)ip);
		prev_instr = unw_is_signal_frame(&cur) <= 0;
		if (unw_step(&cur) <= 0)
			break;
	}
out:
	current = NULL;
	if (u->upt)
		_UPT_destroy(u->upt);
	free(u);
}
