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

#include "decode.h"
#include "mem.h"
#include "schema.h"

#include <linux/audit.h>
#include <string.h>

/*
 * socketcall(call, unsigned long args[]): Debian's i386 glibc still makes
 * every socket call through it.  The calls by number (linux/net.h) and how
 * many words of args each takes; send and recv are sendto and recvfrom
 * without an address.
 */
static const struct {
	const char *name;
	unsigned nargs;
} socketcalls[] = {
	[1] = { "socket", 3 },		[2] = { "bind", 3 },
	[3] = { "connect", 3 },		[4] = { "listen", 2 },
	[5] = { "accept", 3 },		[6] = { "getsockname", 3 },
	[7] = { "getpeername", 3 },	[8] = { "socketpair", 4 },
	[9] = { "sendto", 4 },		[10] = { "recvfrom", 4 },
	[11] = { "sendto", 6 },		[12] = { "recvfrom", 6 },
	[13] = { "shutdown", 2 },	[14] = { "setsockopt", 5 },
	[15] = { "getsockopt", 5 },	[16] = { "sendmsg", 3 },
	[17] = { "recvmsg", 3 },	[18] = { "accept4", 4 },
	[19] = { "recvmmsg", 5 },	[20] = { "sendmmsg", 4 },
};

#define NSOCKETCALLS (sizeof(socketcalls) / sizeof(socketcalls[0]))

/*
 * A call with no syscall number of its own on i386 (accept: only accept4
 * got one): the entry the other ABIs give it, made from its name.
 */
static const struct sct_sysent *unnumbered(const char *name)
{
	static struct sct_sysent accept_se;
	const struct sct_decoder *d;

	if (strcmp(name, "accept"))
		return NULL;
	if (!accept_se.name) {
		d = sct_decoder_lookup(name);
		accept_se.ppm_sc = sct_ppm_sc_lookup(name);
		accept_se.decoder = d ? (int16_t)(d - sct_decoders) : -1;
		accept_se.name = name;
	}
	return &accept_se;
}

static const struct sct_sysent *demux(const struct sct_arch *a,
				      const struct sct_sysent *se,
				      uint64_t args[6], pid_t tid)
{
	static int nr[NSOCKETCALLS];
	const struct sct_sysent *real;
	uint32_t words[6] = { 0 };
	uint64_t call = args[0];
	unsigned i;

	if (strcmp(se->name, "socketcall") || !call || call >= NSOCKETCALLS)
		return NULL;
	if (!nr[call])
		nr[call] = sct_arch_nr(a, socketcalls[call].name) + 1;
	real = nr[call] > 0 ? sct_sysent(a, (uint64_t)nr[call] - 1) :
			      unnumbered(socketcalls[call].name);
	if (!real ||
	    sct_mem_read(tid, args[1], words, 4 * socketcalls[call].nargs) !=
		    (ssize_t)(4 * socketcalls[call].nargs))
		return NULL;	/* unreadable: stays a generic socketcall */
	for (i = 0; i < 6; i++)
		args[i] = words[i];
	return real;
}

const struct sct_arch sct_arch_i386 = {
	.name = "i386",
	.audit_arch = AUDIT_ARCH_I386,
	.wordsize = 4,
	.sysent = sct_sysent_i386,
	.nsysent = SCT_NSYSENT_I386,
	/* no 32-bit ABI below this one: seccomp_compat and compat stay empty */
	.demux = demux,
};
