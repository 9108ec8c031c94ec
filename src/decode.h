/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Table-driven parameter gathering.  syscalls/decode.tbl says, for each
 * syscall with a dedicated event, where each enter and exit parameter comes
 * from ("fd=a0", "data=buf(a1,ret)", "id=@quotactl").  The generator turns
 * every "fn(...)" into SCT_OP_FN with its operands (the ops are listed in
 * decode_ops.h) and every "@name" into a call of the named C decoder
 * sct_decode_name(); decode.c dispatches each op to its handler in
 * src/decode/ and the schema-driven encoder lays the values out.
 */
#ifndef SCTRACE_DECODE_H
#define SCTRACE_DECODE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "clone_state.h"
#include "decode_ops.h"
#include "event.h"

struct sct_arch;
struct sct_fd_facts;
struct sct_sock_facts;
struct sct_procinfo;

enum sct_op {
#define SCT_OP_ENUM(up, min, max, handler) SCT_OP_##up,
#define SCT_XLAT_ENUM(up, fn) SCT_OP_##up,
	SCT_DECODE_OPS(SCT_OP_ENUM, SCT_XLAT_ENUM)
#undef SCT_OP_ENUM
#undef SCT_XLAT_ENUM
	SCT_OP_COUNT
};

/* Named operands (K entries of decode_ops.h). */
enum {
#define SCT_K_ENUM(handler, name, value) SCT_K_##handler##_##name = value,
	SCT_DECODE_CONSTS(SCT_K_ENUM)
#undef SCT_K_ENUM
};

/* What decode_ops.h declares of each op (tests, diagnostics). */
struct sct_op_info {
	const char *name;	/* as in decode.tbl, upper case */
	uint8_t min, max;	/* operand count */
};

extern const struct sct_op_info sct_ops[SCT_OP_COUNT];

/* Operand kinds. */
enum {
	SCT_O_NONE,
	SCT_O_ARG,	/* v = 0..5 */
	SCT_O_RET,
	SCT_O_LIT,	/* v = the literal */
};

struct sct_operand {
	uint8_t kind;
	int32_t v;
};

struct sct_src {
	uint8_t op;		/* enum sct_op */
	struct sct_operand o[3];
};

struct sct_decoder {
	const char *syscall;
	uint16_t ev_enter;	/* the exit event is ev_enter + 1 */
	uint8_t n_enter, n_exit;
	const struct sct_src *enter;
	const struct sct_src *exit;
	int16_t old;		/* its "NAME@old" row (old readers), or -1 */
};

extern const struct sct_decoder sct_decoders[];
extern const unsigned sct_ndecoders;

/*
 * Event codes below this are the 2022 table's, all that sysdig 0.29 and
 * tshark 4.0 know: sysdig silently drops the events of a higher code
 * (docs/scap-format.md §3.4).
 */
#define SCT_OLD_EVENT_MAX	336

/*
 * Write for old readers (--old-readers): a syscall whose event has a code
 * of SCT_OLD_EVENT_MAX or more is written by its "NAME@old" row of
 * decode.tbl (a 2022 event), or as the generic event.  Set once, before
 * tracing starts.
 */
void sct_decode_set_old_readers(bool on);
bool sct_decode_old_readers(void);

/*
 * The decoder that writes a syscall whose sysent row names decoder index
 * idx (-1: none): in the old-readers mode its 2022 twin, or NULL for the
 * generic event; NULL for idx -1.
 */
const struct sct_decoder *sct_decoder_get(int idx);

struct sct_threads;
struct sct_thread;
/*
 * procexit's reaper_tid for thread t, as the libs 0.25 driver has it: 0
 * when t has no child process; else another thread of t's process; else
 * 1, the init process (ptrace cannot see a child subreaper or the end of a
 * pid namespace).  Only the children sctrace traces are known.
 */
pid_t sct_decode_reaper(struct sct_threads *ts, const struct sct_thread *t);

/*
 * One syscall being decoded.  The tracer fills the identity and raw
 * values; the interpreter uses the scratch arena for gathered bytes.
 */
struct sct_call {
	pid_t tid, pid;
	const struct sct_arch *arch;
	uint64_t args[6];
	int64_t ret;
	bool at_exit;
	unsigned snaplen;
	/* process state for the PI_* operands, loaded on first use */
	struct sct_procinfo *pi;
	bool pi_loaded;
	unsigned pi_have;	/* SCT_PI_* read into pi */
	uint32_t clone_flags;	/* PPM_CL_* for the PI_CLONE_FLAGS operand */
	pid_t parent_tid;	/* child side of a clone: the forking thread */
	pid_t pi_of;		/* whose /proc pi was read from */
	/*
	 * A side of a clone (clone.which != SCT_CLONE_NONE): the parent's
	 * state is read once for both sides, through clone_state.
	 */
	struct sct_clone_state *clone_state;
	struct sct_clone_side clone;
	/* VmSize, VmRSS, VmSwap for the VM_* operands, loaded on first use */
	uint32_t vm_kb[3];
	bool vm_loaded;
	/* accept queue of the listening socket for @accept, same */
	uint32_t acceptq[3];
	bool acceptq_loaded;
	/* the EXE_* operands (execve exit), loaded on first use */
	struct {
		bool caps_loaded, stat_loaded;
		uint64_t cap[3];	/* inheritable, permitted, effective */
		uint64_t ino, ctime_ns, mtime_ns;
	} exe;
	int *pidfd;		/* slot of the process's pidfd (-1: not open yet) */
	/*
	 * What one event reads twice, read once: the last fd's device and
	 * inode (an open's exit: dev and ino; ok false: unknown), the last
	 * string (an open's exit: its name param and the fd's path).
	 */
	struct {
		bool loaded, ok;
		int64_t fd;
		uint64_t dev, ino;
	} fdst;
	struct {
		bool loaded;
		uint64_t addr;
		struct sct_val v;
	} str;
	/*
	 * Decoding a record of the in-process recorder (buffer.h): the new
	 * fd's device and inode as it recorded them (fd -1: none), never
	 * the fd as it is now.  NULL at a stop.
	 */
	const struct sct_fd_facts *rec_fd;
	/*
	 * Decoding an openat's enter record: whether its path was there
	 * before the call, as the recorder looked (SCT_REC_PATH_* in ring.h;
	 * 0: it did not, or a stop).
	 */
	int rec_path;
	/* its socket's addresses as it recorded them (NULL: none) */
	const struct sct_sock_facts *rec_sock;
	/* scratch space, reset per event */
	uint8_t *arena;
	size_t arena_len, arena_cap;
};

/*
 * Gather n values described by srcs for event type into out.
 * Never fails: what cannot be read becomes an empty parameter.
 */
void sct_decode(struct sct_call *c, unsigned type, const struct sct_src *srcs,
		unsigned n, struct sct_val *out);

/* Decoder by syscall name (start-up and tests). */
const struct sct_decoder *sct_decoder_lookup(const char *syscall);

#endif
