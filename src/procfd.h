/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The open fds of a process, from /proc/P/fd, fdinfo and /proc/P/net. */
#ifndef SCTRACE_PROCFD_H
#define SCTRACE_PROCFD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc.h"

/* scap fd types (scap_fd_type), on-disk facts. */
enum sct_fd_type {
	SCT_FD_FILE = 1,
	SCT_FD_DIRECTORY = 2,
	SCT_FD_IPV4_SOCK = 3,
	SCT_FD_IPV6_SOCK = 4,
	SCT_FD_IPV4_SERVSOCK = 5,
	SCT_FD_IPV6_SERVSOCK = 6,
	SCT_FD_FIFO = 7,
	SCT_FD_UNIX_SOCK = 8,
	SCT_FD_EVENT = 9,
	SCT_FD_UNSUPPORTED = 10,
	SCT_FD_SIGNALFD = 11,
	SCT_FD_EVENTPOLL = 12,
	SCT_FD_INOTIFY = 13,
	SCT_FD_TIMERFD = 14,
	SCT_FD_NETLINK = 15,
	SCT_FD_FILE_V2 = 16,
};

struct sct_fdinfo {
	int64_t fd;
	uint64_t ino;
	uint8_t type;			/* enum sct_fd_type */
	uint32_t open_flags;		/* PPM_O_*, FILE_V2 */
	uint32_t dev;			/* FILE_V2 */
	uint8_t sip[16], dip[16];	/* network order */
	uint16_t sport, dport;		/* host order */
	uint8_t l4proto;
	uint64_t usrc, udst;		/* unix socket ids */
	size_t name_len;
	char name[SCT_PROC_STR_MAX];
};

typedef void (*sct_fd_cb)(const struct sct_fdinfo *fi, void *arg);

/*
 * Call cb for every open fd of process pid.  skip_cloexec leaves out fds
 * that an exec will close.  Returns the number of fds, or -errno.
 */
int sct_proc_fds(pid_t pid, int skip_cloexec, sct_fd_cb cb, void *arg);

/*
 * Parsers of /proc/P/net text (for tests on canned text too).  One socket
 * line of tcp, udp, raw (v6 0) or tcp6, udp6 (v6 1) with l4 its scap l4
 * protocol (2 TCP, 3 UDP, 5 raw): fills fi's ino, type, addresses, ports
 * and l4proto; false for a header or a line without an inode.
 */
bool sct_procfd_parse_inet(const char *line, int v6, uint8_t l4,
			   struct sct_fdinfo *fi);
/*
 * One line of /proc/P/net/unix: if it is socket ino's, its path (empty
 * for an unnamed socket) into dst and true.
 */
bool sct_procfd_parse_unix(const char *line, uint64_t ino, char *dst,
			   size_t size);

#endif
