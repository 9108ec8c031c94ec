/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bounded reads of tracee memory with process_vm_readv. */
#include "config.h"
#include "mem.h"

#include <errno.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static size_t page_size;

static size_t to_page_end(uint64_t addr)
{
	if (!page_size)
		page_size = (size_t)sysconf(_SC_PAGESIZE);
	return page_size - (addr & (page_size - 1));
}

ssize_t sct_mem_read(pid_t pid, uint64_t addr, void *dst, size_t len)
{
	struct iovec local = { dst, len };
	struct iovec remote = { (void *)(uintptr_t)addr, len };
	ssize_t n;

	if (!len)
		return 0;
	if (!addr)
		return -EFAULT;
	n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
	if (n >= 0)
		return n;
	if (errno != EFAULT)
		return -errno;
	/* Partly unmapped: keep what lies before the first bad page. */
	{
		size_t got = 0, chunk = to_page_end(addr);

		while (got < len) {
			if (chunk > len - got)
				chunk = len - got;
			local.iov_base = (char *)dst + got;
			local.iov_len = chunk;
			remote.iov_base = (void *)(uintptr_t)(addr + got);
			remote.iov_len = chunk;
			n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
			if (n <= 0)
				break;
			got += (size_t)n;
			chunk = to_page_end(addr + got);
		}
		return got ? (ssize_t)got : -EFAULT;
	}
}

ssize_t sct_mem_read_str(pid_t pid, uint64_t addr, char *dst, size_t max)
{
	size_t got = 0;

	if (!max)
		return -EINVAL;
	dst[0] = 0;
	if (!addr)
		return -EFAULT;
	while (got < max - 1) {
		size_t chunk = to_page_end(addr + got);
		struct iovec local, remote;
		ssize_t n;
		char *nul;

		if (chunk > max - 1 - got)
			chunk = max - 1 - got;
		local.iov_base = dst + got;
		local.iov_len = chunk;
		remote.iov_base = (void *)(uintptr_t)(addr + got);
		remote.iov_len = chunk;
		n = process_vm_readv(pid, &local, 1, &remote, 1, 0);
		if (n <= 0) {
			if (!got)
				return n < 0 ? -errno : -EFAULT;
			break;
		}
		nul = memchr(dst + got, 0, (size_t)n);
		if (nul)
			return nul - dst + 1;
		got += (size_t)n;
	}
	dst[got] = 0;
	return (ssize_t)got + 1;
}
