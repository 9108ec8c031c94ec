/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The open fds of a process (FDL entries), from /proc/P/fd and /proc/P/net. */
#include "config.h"
#include "procfd.h"
#include "ppm_flags.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sock_entry {
	uint64_t ino;
	uint8_t sip[16], dip[16];
	uint16_t sport, dport;
	uint8_t type;		/* IPV4/6 SOCK or SERVSOCK */
	uint8_t l4proto;
};

struct sock_table {
	struct sock_entry *e;
	size_t n, cap;
};

static void parse_hex_addr(const char *s, uint8_t *out, int v6)
{
	unsigned i, words = v6 ? 4 : 1;

	/* /proc/net prints each 32-bit word in host order */
	for (i = 0; i < words; i++) {
		char w[9];
		uint32_t v;

		memcpy(w, s + 8 * i, 8);
		w[8] = 0;
		v = (uint32_t)strtoul(w, NULL, 16);
		memcpy(out + 4 * i, &v, 4);
	}
}

bool sct_procfd_parse_inet(const char *line, int v6, uint8_t l4,
			   struct sct_fdinfo *fi)
{
	char la[40], ra[40];
	unsigned lp, rp, st;
	unsigned long long ino;

	if (sscanf(line,
		   " %*u: %39[0-9A-Fa-f]:%x %39[0-9A-Fa-f]:%x %x %*x:%*x %*x:%*x %*x %*u %*u %llu",
		   la, &lp, ra, &rp, &st, &ino) != 6 || !ino)
		return false;
	fi->ino = ino;
	memset(fi->sip, 0, sizeof(fi->sip));
	memset(fi->dip, 0, sizeof(fi->dip));
	parse_hex_addr(la, fi->sip, v6);
	parse_hex_addr(ra, fi->dip, v6);
	fi->sport = (uint16_t)lp;
	fi->dport = (uint16_t)rp;
	fi->l4proto = l4;
	/* TCP_LISTEN is 10; unconnected UDP has no remote port */
	if ((l4 == 2 && st == 10) || (l4 == 3 && rp == 0))
		fi->type = v6 ? SCT_FD_IPV6_SERVSOCK : SCT_FD_IPV4_SERVSOCK;
	else
		fi->type = v6 ? SCT_FD_IPV6_SOCK : SCT_FD_IPV4_SOCK;
	return true;
}

static void load_inet(struct sock_table *t, pid_t pid, const char *file,
		      int v6, uint8_t l4)
{
	char path[64], line[512];
	struct sct_fdinfo fi;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/net/%s", pid, file);
	f = fopen(path, "re");
	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		struct sock_entry *e;

		if (!sct_procfd_parse_inet(line, v6, l4, &fi))
			continue;
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 64;
			void *p = realloc(t->e, cap * sizeof(*t->e));

			if (!p)
				break;
			t->e = p;
			t->cap = cap;
		}
		e = &t->e[t->n++];
		e->ino = fi.ino;
		memcpy(e->sip, fi.sip, sizeof(e->sip));
		memcpy(e->dip, fi.dip, sizeof(e->dip));
		e->sport = fi.sport;
		e->dport = fi.dport;
		e->type = fi.type;
		e->l4proto = fi.l4proto;
	}
	fclose(f);
}

static const struct sock_entry *find_sock(const struct sock_table *t,
					  uint64_t ino)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->e[i].ino == ino)
			return &t->e[i];
	return NULL;
}

bool sct_procfd_parse_unix(const char *line, uint64_t ino, char *dst,
			   size_t size)
{
	unsigned long long i;
	int off = 0;

	if (sscanf(line, "%*s %*s %*s %*s %*s %*s %llu %n", &i, &off) < 1 ||
	    i != ino)
		return false;
	snprintf(dst, size, "%.*s", (int)strcspn(line + off, "\n"),
		 line + off);
	return true;
}

/* Unix socket path by inode from /proc/PID/net/unix. */
static int unix_path(pid_t pid, uint64_t ino, char *dst, size_t size)
{
	char path[64], line[4096 + 128];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/net/unix", pid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = sct_procfd_parse_unix(line, ino, dst, size);
	fclose(f);
	return found;
}

static const struct {
	const char *name;
	uint8_t type;
} anon_types[] = {
	{ "anon_inode:[eventfd]", SCT_FD_EVENT },
	{ "anon_inode:[signalfd]", SCT_FD_SIGNALFD },
	{ "anon_inode:[eventpoll]", SCT_FD_EVENTPOLL },
	{ "anon_inode:inotify", SCT_FD_INOTIFY },
	{ "anon_inode:[timerfd]", SCT_FD_TIMERFD },
};

static uint32_t fdinfo_flags(pid_t pid, int fd)
{
	char path[64], buf[512];
	const char *p;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo/%d", pid, fd);
	if (sct_proc_text(path, buf, sizeof(buf)) <= 0)
		return 0;
	p = strstr(buf, "flags:");
	return p ? (uint32_t)strtoul(p + 6, NULL, 8) : 0;
}

int sct_proc_fds(pid_t pid, int skip_cloexec, sct_fd_cb cb, void *arg)
{
	struct sock_table socks = { 0 };
	int socks_loaded = 0, count = 0;
	struct sct_fdinfo fi;
	char path[64];
	struct dirent *de;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fd", pid);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		char link[80];
		struct stat st;
		uint32_t flags;
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		ssize_t n;
		size_t i;

		if (*end || fd < 0)
			continue;
		flags = fdinfo_flags(pid, (int)fd);
		if (skip_cloexec && (flags & O_CLOEXEC))
			continue;
		memset(&fi, 0, offsetof(struct sct_fdinfo, name));
		fi.fd = fd;
		snprintf(link, sizeof(link), "/proc/%d/fd/%ld", pid, fd);
		n = readlink(link, fi.name, sizeof(fi.name) - 1);
		if (n < 0)
			continue;
		fi.name[n] = 0;
		fi.name_len = (size_t)n;
		if (stat(link, &st) == 0)
			fi.ino = st.st_ino;
		else
			memset(&st, 0, sizeof(st));

		if (!strncmp(fi.name, "socket:[", 8)) {
			const struct sock_entry *se;

			fi.ino = strtoull(fi.name + 8, NULL, 10);
			if (!socks_loaded) {
				load_inet(&socks, pid, "tcp", 0, 2);
				load_inet(&socks, pid, "udp", 0, 3);
				load_inet(&socks, pid, "tcp6", 1, 2);
				load_inet(&socks, pid, "udp6", 1, 3);
				load_inet(&socks, pid, "raw", 0, 5);
				socks_loaded = 1;
			}
			se = find_sock(&socks, fi.ino);
			if (se) {
				fi.type = se->type;
				memcpy(fi.sip, se->sip, 16);
				memcpy(fi.dip, se->dip, 16);
				fi.sport = se->sport;
				fi.dport = se->dport;
				fi.l4proto = se->l4proto;
			} else {
				fi.type = SCT_FD_UNIX_SOCK;
				fi.usrc = fi.ino;
				if (!unix_path(pid, fi.ino, fi.name,
					       sizeof(fi.name)))
					fi.name[0] = 0;
				fi.name_len = strlen(fi.name);
			}
		} else if (!strncmp(fi.name, "pipe:[", 6)) {
			fi.type = SCT_FD_FIFO;
		} else if (!strncmp(fi.name, "anon_inode:", 11)) {
			fi.type = SCT_FD_UNSUPPORTED;
			for (i = 0; i < sizeof(anon_types) / sizeof(anon_types[0]); i++)
				if (!strcmp(fi.name, anon_types[i].name))
					fi.type = anon_types[i].type;
		} else if (S_ISDIR(st.st_mode)) {
			fi.type = SCT_FD_DIRECTORY;
		} else if (S_ISFIFO(st.st_mode)) {
			fi.type = SCT_FD_FIFO;
		} else if (fi.name[0] == '/') {
			fi.type = SCT_FD_FILE_V2;
			fi.open_flags = sct_ppm_open_flags(flags);
			fi.dev = sct_encode_dev(st.st_dev);
		} else {
			fi.type = SCT_FD_UNSUPPORTED;
		}
		cb(&fi, arg);
		count++;
	}
	closedir(d);
	free(socks.e);
	return count;
}
