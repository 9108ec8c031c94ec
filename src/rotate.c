/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The capture split into files (see rotate.h). */
#include "config.h"
#include "rotate.h"
#include "writer.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int open_index(struct sct_rotate *rot, struct sct_writer *w)
{
	int fd;

	if ((size_t)snprintf(rot->name, sizeof(rot->name), "%s%u", rot->base,
			     rot->index) >= sizeof(rot->name))
		return -ENAMETOOLONG;
	fd = open(rot->name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	rot->file_ts = 0;
	return sct_writer_open(w, fd, rot->gzip);
}

int sct_rotate_open_first(struct sct_rotate *rot, struct sct_writer *w)
{
	rot->index = 0;
	return open_index(rot, w);
}

bool sct_rotate_due(struct sct_rotate *rot, const struct sct_writer *w,
		    uint64_t now)
{
	if (!rot->file_ts) {
		/* a file's time starts at its first event */
		if (w->nevents)
			rot->file_ts = now;
		return false;
	}
	if (rot->max_bytes && w->nbytes + w->len >= rot->max_bytes)
		return true;
	return rot->max_ns && now - rot->file_ts >= rot->max_ns;
}

int sct_rotate_next(struct sct_rotate *rot, struct sct_writer *w)
{
	int err = sct_writer_close(w);

	if (err)
		return err;
	rot->index++;
	if (rot->ring && rot->index >= rot->ring)
		rot->index = 0;
	return open_index(rot, w);
}
