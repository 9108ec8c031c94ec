/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scap file writer: blocks, buffering, plain or gzip output, sticky error. */
#include "config.h"
#include "writer.h"
#include "proc.h"
#include "procfd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define WRITER_BUFSZ	(1u << 20)

static size_t round_up4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int sct_writer_open(struct sct_writer *w, int fd, bool gzip)
{
	int err = 0;

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->cap = WRITER_BUFSZ;
	w->buf = malloc(w->cap);
	if (!w->buf) {
		err = -ENOMEM;
	} else if (gzip && fd < 0) {
		err = -EBADF;
	} else if (gzip) {
		/* zlib fails only for memory here; errno says so if it can */
		errno = 0;
		w->gz = gzdopen(fd, "wb");
		if (!w->gz)
			err = errno ? -errno : -ENOMEM;
	}
	if (err) {
		/* the fd is ours either way */
		free(w->buf);
		w->buf = NULL;
		if (fd >= 0)
			close(fd);
		w->fd = -1;
	}
	return err;
}

int sct_writer_open_mem(struct sct_writer *w)
{
	memset(w, 0, sizeof(*w));
	w->fd = -1;
	w->cap = 64u << 10;
	w->buf = malloc(w->cap);
	return w->buf ? 0 : -ENOMEM;
}

void sct_writer_hold(struct sct_writer *w,
		     void (*cb)(struct sct_writer *w, void *arg), void *arg)
{
	w->hold = cb;
	w->hold_arg = arg;
}

/* Room for n more bytes without flushing; false (sticky -ENOMEM) if not. */
static bool grow(struct sct_writer *w, size_t n)
{
	size_t cap = w->cap;
	uint8_t *p;

	if (w->len + n <= cap)
		return true;
	while (w->len + n > cap)
		cap *= 2;
	p = realloc(w->buf, cap);
	if (!p) {
		if (!w->err)
			w->err = -ENOMEM;
		return false;
	}
	w->buf = p;
	w->cap = cap;
	return true;
}

void sct_writer_prepend(struct sct_writer *w, const void *p, size_t n)
{
	if (!w->buf || !grow(w, n))
		return;
	memmove(w->buf + n, w->buf, w->len);
	memcpy(w->buf, p, n);
	w->len += n;
}

/*
 * The readers refuse a file without any event: a notification event (of
 * sctrace's own pid) saying that the capture was cut before its first.
 * Returns its block length, 0 if out of memory.
 */
static size_t cut_note(uint8_t *block, size_t size)
{
	static const char id[] = "sctrace",
		desc[] = "write error: the capture was cut before its first event";
	struct sct_val v[2] = { sct_bytes(id, sizeof(id)),
				sct_bytes(desc, sizeof(desc)) };
	struct sct_writer m;
	struct timespec ts;
	size_t n = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	if (sct_writer_open_mem(&m))
		return 0;
	sct_writer_event(&m, 0, SCT_EV_NOTIFICATION_E,
			 (uint64_t)ts.tv_sec * 1000000000ull +
			 (uint64_t)ts.tv_nsec, (uint64_t)getpid(), v);
	if (!m.err && m.len <= size) {
		memcpy(block, m.buf, m.len);
		n = m.len;
	}
	sct_writer_close(&m);
	return n;
}

/*
 * A write failed after off bytes of the buffer went out: count the events
 * in the whole blocks among them, and cut a regular file after the last
 * whole block, so that every reader opens what was written.  If that
 * leaves no event (the header alone did not fit), the last header blocks
 * that must go to make room give their place to a notification event
 * (SHB and MI are kept).
 */
static void cut_at_block(struct sct_writer *w, size_t off)
{
	size_t pos = 0, room = 0, note_len;
	unsigned nblocks = 0;
	uint8_t note[256];
	struct stat st;
	off_t end;

	note_len = w->nbytes || w->nwritten ? 0 : cut_note(note, sizeof(note));
	while (pos + 8 <= off) {
		uint32_t blen = sct_get_le32(w->buf + pos + 4);

		if (blen < 12 || blen > off - pos)
			break;
		if (sct_get_le32(w->buf + pos) == SCT_BLOCK_EV_V2)
			w->nwritten++;
		pos += blen;
		/* a place for the note: after SHB and MI, where it fits */
		if (++nblocks >= 2 && note_len && pos + note_len <= off)
			room = pos;
	}
	if (w->gz || fstat(w->fd, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	end = lseek(w->fd, 0, SEEK_CUR);
	if (end < (off_t)off)
		return;
	if (!w->nwritten && room) {
		/* (rewriting bytes already written needs no new space) */
		if (pwrite(w->fd, note, note_len,
			   end - (off_t)off + (off_t)room) != (ssize_t)note_len)
			return;
		pos = room + note_len;
		w->nwritten = 1;
	}
	if (pos < off && ftruncate(w->fd, end - (off_t)(off - pos)) < 0)
		return;	/* the file keeps its partial block: nothing better */
}

int sct_writer_flush(struct sct_writer *w)
{
	size_t off = 0;

	if (w->hold) {
		void (*cb)(struct sct_writer *, void *) = w->hold;

		w->hold = NULL;
		cb(w, w->hold_arg);
	}
	if (w->fd < 0 && !w->gz)
		return w->err;	/* a memory writer keeps everything */
	if (w->err) {
		w->len = 0;
		return w->err;
	}
	while (off < w->len) {
		ssize_t n;

		if (w->gz) {
			int r = gzwrite(w->gz, w->buf + off,
					(unsigned)(w->len - off));
			if (r <= 0) {
				int e;

				gzerror(w->gz, &e);
				w->err = e == Z_ERRNO && errno ? -errno : -EIO;
				break;
			}
			n = r;
		} else {
			n = write(w->fd, w->buf + off, w->len - off);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				w->err = -errno;
				break;
			}
		}
		off += (size_t)n;
	}
	if (w->err)
		cut_at_block(w, off);
	else
		w->nwritten = w->nevents;
	w->nbytes += off;
	w->len = 0;
	return w->err;
}

int sct_writer_close(struct sct_writer *w)
{
	sct_writer_flush(w);
	if (w->gz) {
		if (gzclose(w->gz) != Z_OK && !w->err)
			w->err = -EIO;
		w->gz = NULL;
	} else if (w->fd >= 0) {
		if (close(w->fd) < 0 && !w->err)
			w->err = -errno;
	}
	w->fd = -1;
	free(w->buf);
	w->buf = NULL;
	return w->err;
}

/* Room for n more bytes in the buffer; NULL only if n can never fit. */
static uint8_t *reserve(struct sct_writer *w, size_t n)
{
	if (w->fd < 0 && !w->gz)
		return grow(w, n) ? w->buf + w->len : NULL;
	if (w->len + n > w->cap)
		sct_writer_flush(w);
	/* a block bigger than the whole buffer */
	return grow(w, n) ? w->buf + w->len : NULL;
}

void sct_writer_block(struct sct_writer *w, uint32_t type, const void *body,
		      size_t len)
{
	size_t total = round_up4(8 + len + 4);
	uint8_t *p = reserve(w, total);

	if (!p)
		return;
	sct_put_le32(p, type);
	sct_put_le32(p + 4, (uint32_t)total);
	if (len)
		memcpy(p + 8, body, len);
	memset(p + 8 + len, 0, total - 12 - len);
	sct_put_le32(p + total - 4, (uint32_t)total);
	w->len += total;
}

void sct_writer_raw(struct sct_writer *w, const void *p, size_t n)
{
	uint8_t *d = n ? reserve(w, n) : NULL;

	if (!d)
		return;
	memcpy(d, p, n);
	w->len += n;
}

void sct_writer_shb(struct sct_writer *w)
{
	uint8_t body[16];

	sct_put_le32(body, SCT_SHB_MAGIC);
	sct_put_le16(body + 4, 1);	/* major */
	sct_put_le16(body + 6, 2);	/* minor */
	sct_put_le64(body + 8, UINT64_MAX);	/* section length unknown */
	sct_writer_block(w, SCT_BLOCK_SHB, body, sizeof(body));
}

void sct_writer_event(struct sct_writer *w, uint16_t cpu, unsigned type,
		      uint64_t ts, uint64_t tid, struct sct_val *v)
{
	size_t evlen = sct_event_fit(type, v);
	size_t total = round_up4(8 + 2 + evlen + 4);
	uint8_t *p = reserve(w, total);

	if (!p)
		return;
	sct_put_le32(p, SCT_BLOCK_EV_V2);
	sct_put_le32(p + 4, (uint32_t)total);
	sct_put_le16(p + 8, cpu);
	sct_event_encode(p + 10, type, ts, tid, v);
	memset(p + 10 + evlen, 0, total - 14 - evlen);
	sct_put_le32(p + total - 4, (uint32_t)total);
	w->len += total;
	w->nevents++;
}

void sct_mi_body(struct sct_buf *b, const struct sct_machine *m)
{
	char host[128] = { 0 };

	memcpy(host, m->hostname, strnlen(m->hostname, sizeof(host) - 1));
	sct_buf_u32(b, m->num_cpus);
	sct_buf_u64(b, m->memory_bytes);
	sct_buf_u64(b, m->max_pid);
	sct_buf_bytes(b, host, sizeof(host));
	sct_buf_u64(b, m->boot_ts);
	sct_buf_u64(b, 0);	/* flags */
	sct_buf_u64(b, 0);	/* reserved3 */
	sct_buf_u64(b, 0);	/* reserved4 */
}

static size_t cstrlen(const char *s, size_t max)
{
	return strnlen(s, max);
}

void sct_pl_entry(struct sct_buf *b, const struct sct_procinfo *pi)
{
	size_t start = b->len;

	sct_buf_u32(b, 0);	/* entry length, patched below */
	sct_buf_u64(b, (uint64_t)pi->tid);
	sct_buf_u64(b, (uint64_t)pi->pid);
	sct_buf_u64(b, (uint64_t)pi->ptid);
	sct_buf_u64(b, (uint64_t)pi->sid);
	sct_buf_u64(b, (uint64_t)pi->pgid);
	sct_buf_str16(b, pi->comm, cstrlen(pi->comm, sizeof(pi->comm)),
		      SCT_PROC_STR_MAX);
	sct_buf_str16(b, pi->exe, cstrlen(pi->exe, sizeof(pi->exe)),
		      SCT_PROC_STR_MAX);
	sct_buf_str16(b, pi->exepath, cstrlen(pi->exepath, sizeof(pi->exepath)),
		      SCT_PROC_STR_MAX);
	sct_buf_str16(b, pi->args, pi->args_len, SCT_PROC_LIST_MAX);
	sct_buf_str16(b, pi->cwd, cstrlen(pi->cwd, sizeof(pi->cwd)),
		      SCT_PROC_STR_MAX);
	sct_buf_u64(b, pi->fdlimit);
	sct_buf_u32(b, pi->flags);
	sct_buf_u32(b, pi->uid);
	sct_buf_u32(b, pi->gid);
	sct_buf_u32(b, pi->vmsize_kb);
	sct_buf_u32(b, pi->vmrss_kb);
	sct_buf_u32(b, pi->vmswap_kb);
	sct_buf_u64(b, pi->pfmajor);
	sct_buf_u64(b, pi->pfminor);
	sct_buf_str16(b, pi->env, pi->env_len, SCT_PROC_LIST_MAX);
	sct_buf_u64(b, (uint64_t)pi->vtid);
	sct_buf_u64(b, (uint64_t)pi->vpid);
	sct_buf_str16(b, pi->cgroups, pi->cgroups_len, SCT_PROC_LIST_MAX);
	sct_buf_str16(b, pi->root, cstrlen(pi->root, sizeof(pi->root)),
		      SCT_PROC_STR_MAX);
	/*
	 * Stop after exe_writable: both the 2022 reader and the newest one
	 * read exactly these fields when at most 29 bytes follow root
	 * (docs/scap-format.md §1.5).
	 */
	sct_buf_u32(b, pi->loginuid);
	sct_buf_u8(b, pi->exe_writable);
	if (!b->err)
		sct_put_le32(b->p + start, (uint32_t)(b->len - start));
}

void sct_fdl_entry(struct sct_buf *b, const struct sct_fdinfo *fi)
{
	size_t start = b->len;

	sct_buf_u32(b, 0);	/* entry length (includes itself), patched */
	sct_buf_u64(b, (uint64_t)fi->fd);
	sct_buf_u64(b, fi->ino);
	sct_buf_u8(b, fi->type);
	switch (fi->type) {
	case SCT_FD_FILE_V2:
		sct_buf_u32(b, fi->open_flags);
		sct_buf_str16(b, fi->name, fi->name_len, SCT_PROC_STR_MAX - 1);
		sct_buf_u32(b, fi->dev);
		break;
	case SCT_FD_IPV4_SOCK:
		sct_buf_bytes(b, fi->sip, 4);
		sct_buf_bytes(b, fi->dip, 4);
		sct_buf_u16(b, fi->sport);
		sct_buf_u16(b, fi->dport);
		sct_buf_u8(b, fi->l4proto);
		break;
	case SCT_FD_IPV4_SERVSOCK:
		sct_buf_bytes(b, fi->sip, 4);
		sct_buf_u16(b, fi->sport);
		sct_buf_u8(b, fi->l4proto);
		break;
	case SCT_FD_IPV6_SOCK:
		sct_buf_bytes(b, fi->sip, 16);
		sct_buf_bytes(b, fi->dip, 16);
		sct_buf_u16(b, fi->sport);
		sct_buf_u16(b, fi->dport);
		sct_buf_u8(b, fi->l4proto);
		break;
	case SCT_FD_IPV6_SERVSOCK:
		sct_buf_bytes(b, fi->sip, 16);
		sct_buf_u16(b, fi->sport);
		sct_buf_u8(b, fi->l4proto);
		break;
	case SCT_FD_UNIX_SOCK:
		sct_buf_u64(b, fi->usrc);
		sct_buf_u64(b, fi->udst);
		sct_buf_str16(b, fi->name, fi->name_len, SCT_PROC_STR_MAX - 1);
		break;
	default:
		sct_buf_str16(b, fi->name, fi->name_len, SCT_PROC_STR_MAX - 1);
		break;
	}
	if (!b->err)
		sct_put_le32(b->p + start, (uint32_t)(b->len - start));
}

void sct_ul_user(struct sct_buf *b, uint32_t uid, uint32_t gid,
		 const char *name, const char *home, const char *shell)
{
	size_t start = b->len;

	sct_buf_u32(b, 0);
	sct_buf_u8(b, 0);	/* user */
	sct_buf_u32(b, uid);
	sct_buf_u32(b, gid);
	sct_buf_str16(b, name, strlen(name), 256);
	sct_buf_str16(b, home, strlen(home), SCT_PROC_STR_MAX);
	sct_buf_str16(b, shell, strlen(shell), SCT_PROC_STR_MAX);
	if (!b->err)
		sct_put_le32(b->p + start, (uint32_t)(b->len - start));
}

void sct_ul_group(struct sct_buf *b, uint32_t gid, const char *name)
{
	size_t start = b->len;

	sct_buf_u32(b, 0);
	sct_buf_u8(b, 1);	/* group */
	sct_buf_u32(b, gid);
	sct_buf_str16(b, name, strlen(name), 256);
	if (!b->err)
		sct_put_le32(b->p + start, (uint32_t)(b->len - start));
}
