/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which execs get the in-process recorder (recexec.h).
 *
 * Loading the recorder costs an exec seven stops (ld.so's calls on its
 * file, buffer.c) and each thread's ring one more; each recorded call
 * saves two.  A short program that makes no recorded call (/bin/true in
 * a loop of fork and exec, a shell script's little helpers) only pays.
 * So sctrace remembers, per program (the path an exec names), the most
 * records one run of it made, and whether it ever exec'd anything.  An
 * exec of a program seen to record fewer than MIN_RECORDS, and to start
 * no program (a program it starts would lose the recorder too), goes
 * without the recorder: at its seccomp stop, the exec's environment
 * array is replaced by a copy whose LD_PRELOAD leaves the recorder out
 * (as the program had it: the variable goes if the recorder was all of
 * it).  Every RETRY-th exec of such a program gets the recorder again,
 * to see whether it still records little.
 *
 * The copy is written into the recorder's own room in the exec-ing
 * process (SCT_EXEC_ENV_SYM, ring.h: memory nothing else uses), so only
 * a process whose recorder is on can do without it for its program; one
 * such exec at a time in the whole trace (vfork children share their
 * parent's room).  A failed exec gets its register back at its exit stop:
 * the program may pass it on to its next try (execvp walks PATH).  Any
 * doubt (an unreadable array, two LD_PRELOADs, a write that fails) keeps
 * the recorder: the exec is then exactly the program's.
 */
#include "config.h"
#include "recexec.h"
#include "arch/arch.h"
#include "arch/regs.h"
#include "buffer.h"
#include "log.h"
#include "mem.h"
#include "proc.h"
#include "ring.h"
#include "run.h"
#include "thread.h"
#include "tracer.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#define PROGS		256	/* programs remembered (least recently used go) */
#define MIN_RECORDS	16	/* eight calls: more than loading costs */
#define RETRY		16	/* every RETRY-th exec of a skipped one loads it */
#define ENV_MAX		2048	/* entries of an environment array we copy */
_Static_assert((ENV_MAX + 1) * 8 + 8192 <= SCT_EXEC_ENV_SIZE, "room");
#define VAR_MAX		8192	/* bytes of the LD_PRELOAD entry */
#define IOV_CHUNK	256	/* entries looked at per process_vm_readv */

static const char var[] = "LD_PRELOAD=";
#define VAR_LEN		(sizeof(var) - 1)

struct prog {
	uint64_t key;		/* 0: a free slot */
	uint64_t used;
	uint32_t records;	/* the most of one run with the recorder */
	uint32_t skipped;
	bool spawns;		/* a process of it exec'd */
	bool ran;		/* records says something */
};

static struct prog progs[PROGS];
static uint64_t tick;
static pid_t busy;		/* the thread whose exec has our array */

/* The recorder's room, where it is mapped (SCT_LIB_BASE), or 0. */
static uint64_t room(void)
{
	static uint64_t addr;
	static bool looked;

	if (!looked) {
		looked = true;
		addr = sct_buffer_lib_sym(SCT_EXEC_ENV_SYM);
		if (addr & 15)
			addr = 0;
	}
	return addr;
}

/* FNV-1a of the path; never 0 (a free slot). */
static uint64_t key_of(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ull;
	return h ? h : 1;
}

static struct prog *find(uint64_t key, bool add)
{
	struct prog *p, *old = &progs[0];

	for (p = progs; p < progs + PROGS; p++) {
		if (p->key == key) {
			p->used = ++tick;
			return p;
		}
		if (p->used < old->used)
			old = p;
	}
	if (!add)
		return NULL;
	*old = (struct prog){ .key = key, .used = ++tick };
	return old;
}

/* (called at every syscall entry: numbers, looked up once) */
static bool is_exec(const struct sct_thread *t, unsigned *path_arg,
		    unsigned *env_arg)
{
	static int64_t execve = -2, execveat;

	if (t->arch != sct_arch_native())
		return false;
	if (execve == -2) {
		execve = sct_arch_nr(sct_arch_native(), "execve");
		execveat = sct_arch_nr(sct_arch_native(), "execveat");
	}
	if (execve >= 0 && t->nr == (uint64_t)execve) {
		*path_arg = 0;
		*env_arg = 2;
		return true;
	}
	if (execveat >= 0 && t->nr == (uint64_t)execveat) {
		*path_arg = 1;
		*env_arg = 3;
		return true;
	}
	return false;
}

/* The environment array at envp (n entries, at most ENV_MAX), or -1. */
static int read_array(pid_t tid, uint64_t envp, uint64_t *ptrs)
{
	unsigned n = 0, i;
	ssize_t got;

	while (n < ENV_MAX) {
		unsigned want = ENV_MAX - n < 64 ? ENV_MAX - n : 64;

		got = sct_mem_read(tid, envp + (uint64_t)n * 8, ptrs + n,
				   want * 8);
		if (got < 8)
			return -1;
		for (i = 0; i < (unsigned)got / 8; i++, n++)
			if (!ptrs[n])
				return (int)n;
	}
	return -1;
}

/*
 * The index of the one LD_PRELOAD entry of ptrs[n]: -1 none, -2 more than
 * one or unreadable.  The first bytes of many entries per syscall.
 */
static int find_var(pid_t tid, const uint64_t *ptrs, int n)
{
	static char head[IOV_CHUNK][VAR_LEN];
	struct iovec local[IOV_CHUNK], remote[IOV_CHUNK];
	int i, j, k, found = -1;
	ssize_t got;

	for (i = 0; i < n; i += k) {
		k = n - i < IOV_CHUNK ? n - i : IOV_CHUNK;
		for (j = 0; j < k; j++) {
			local[j] = (struct iovec){ head[j], VAR_LEN };
			remote[j] = (struct iovec){
				(void *)(uintptr_t)ptrs[i + j], VAR_LEN };
		}
		got = process_vm_readv(tid, local, (unsigned long)k, remote,
				       (unsigned long)k, 0);
		/*
		 * (a short entry at the end of a mapping stops the read:
		 * the entries from there on are read one by one)
		 */
		for (j = 0; j < k; j++) {
			bool is;

			if (got >= (ssize_t)((j + 1) * VAR_LEN)) {
				is = !memcmp(head[j], var, VAR_LEN);
			} else {
				char one[VAR_LEN + 1];

				is = sct_mem_read_str(tid, ptrs[i + j], one,
						      sizeof(one)) ==
					     (ssize_t)sizeof(one) &&
				     !memcmp(one, var, VAR_LEN);
			}
			if (!is)
				continue;
			if (found != -1)
				return -2;
			found = i + j;
		}
	}
	return found;
}

/*
 * Write envp's array without the recorder into the room of tid's process
 * and pass it to the exec (argument env_arg).  true: done.
 */
static bool rewrite(pid_t tid, uint64_t envp, unsigned env_arg)
{
	static uint64_t ptrs[ENV_MAX + 1];
	static char entry[VAR_MAX];
	static uint8_t out[(ENV_MAX + 1) * 8 + VAR_MAX];
	const char *lib = sct_buffer_library();
	uint64_t at = room(), str_at;
	size_t len, arr;
	ssize_t got;
	int n, k, i, m = 0;
	struct iovec local, remote;

	if (!lib || !at || !envp)
		return false;
	n = read_array(tid, envp, ptrs);
	if (n <= 0)
		return false;
	k = find_var(tid, ptrs, n);
	if (k < 0)
		return false;	/* none: the recorder is not loaded anyway */
	got = sct_mem_read_str(tid, ptrs[k], entry, sizeof(entry));
	if (got <= 0 || (size_t)got >= sizeof(entry) - 1)
		return false;
	len = sct_proc_strip_preload(entry, (size_t)got, lib);
	if (len == (size_t)got)
		return false;	/* not ours at the end: the program's own */
	/*
	 * The array (the entry left out if it is gone: a spare NULL at the
	 * end), then the entry as it is now.
	 */
	arr = ((size_t)n + 1) * 8;
	str_at = at + arr;
	for (i = 0; i < n; i++) {
		uint64_t p = ptrs[i];

		if (i == k) {
			if (!len)
				continue;
			p = str_at;
		}
		memcpy(out + (size_t)m++ * 8, &p, 8);
	}
	memset(out + (size_t)m * 8, 0, arr - (size_t)m * 8);
	memcpy(out + arr, entry, len);
	arr += len;
	if (arr > SCT_EXEC_ENV_SIZE)
		return false;
	local = (struct iovec){ out, arr };
	remote = (struct iovec){ (void *)(uintptr_t)at, arr };
	sct_mem_changed();
	if (process_vm_writev(tid, &local, 1, &remote, 1, 0) != (ssize_t)arr)
		return false;
	return sct_regs_set_arg(tid, env_arg, at) == 0;
}

void sct_recexec_enter(struct sct_run *r, struct sct_thread *t)
{
	char path[PATH_MAX];
	unsigned path_arg, env_arg;
	struct prog *p;

	if (!r->o->buffer || !is_exec(t, &path_arg, &env_arg))
		return;
	/* the program that execs starts another */
	if (t->g->prog_key && (p = find(t->g->prog_key, true)))
		p->spawns = true;
	t->exec_key = 0;
	if (sct_mem_read_str(t->tid, t->args[path_arg], path,
			     sizeof(path)) <= 1)
		return;
	t->exec_key = key_of(path);
	if (!t->g->lib_ip || busy || !room())
		return;		/* no room, or it is taken */
	p = find(t->exec_key, false);
	if (!p || !p->ran || p->spawns || p->records >= MIN_RECORDS)
		return;
	if (++p->skipped % RETRY == 0)
		return;		/* look again */
	if (!rewrite(t->tid, t->args[env_arg], env_arg))
		return;
	t->env_set = true;
	t->env_arg = (uint8_t)env_arg;
	t->env_orig = t->args[env_arg];
	busy = t->tid;
	r->st->execs_bare++;
	sct_debug("exec %s by %d: without the recorder (%u records before)",
		  path, t->tid, p->records);
}

void sct_recexec_exit(struct sct_thread *t)
{
	if (!t->env_set)
		return;
	t->env_set = false;
	busy = 0;
	if (sct_regs_set_arg(t->tid, t->env_arg, t->env_orig))
		sct_debug("exec by %d: its environment argument not restored",
			  t->tid);
}

void sct_recexec_execd(struct sct_thread *t, struct sct_thread *former)
{
	struct sct_thread *by = former ? former : t;

	sct_recexec_done(t->g);
	t->g->prog_key = by->exec_key;
	t->g->records = 0;
	by->exec_key = 0;
	/* a new program: its registers are its own */
	if (by->env_set || t->env_set)
		busy = 0;
	by->env_set = t->env_set = false;
}

void sct_recexec_forget(struct sct_thread *t)
{
	if (t->env_set && busy == t->tid)
		busy = 0;
	t->env_set = false;
}

void sct_recexec_done(struct sct_group *g)
{
	struct prog *p;

	/* what a run with the recorder says (without it: nothing) */
	if (!g->prog_key || !g->lib_ip || !(p = find(g->prog_key, true)))
		return;
	if (!p->ran || g->records > p->records)
		p->records = g->records;
	p->ran = true;
	g->records = 0;
}
