/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: mmap, munmap, mprotect, brk and the memory counters of their
 * exits; the mlock family, process_vm_readv/writev and memfd_create.  The counters are checked against /proc/self/status read right
 * after each call (raw syscalls into a static buffer: nothing here maps
 * memory behind our back).  VmRSS moves with every page fault, so only
 * its presence is checked; VmSize and VmSwap must be exact.
 */
#include "fidelity.h"

#include <sys/mman.h>
#include <sys/uio.h>

static char status[8192];

static void vm(unsigned long *size, unsigned long *swap)
{
	long fd = SC(SYS_open, "/proc/self/status", O_RDONLY);
	long n = fd >= 0 ? SC(SYS_read, fd, status, sizeof(status) - 1) : -1;
	char *p;

	*size = *swap = 0;
	if (fd >= 0)
		SC(SYS_close, fd);
	if (n <= 0)
		return;
	status[n] = 0;
	if ((p = strstr(status, "\nVmSize:")))
		*size = strtoul(p + 8, NULL, 10);
	if ((p = strstr(status, "\nVmSwap:")))
		*swap = strtoul(p + 8, NULL, 10);
}

static char page[4096] __attribute__((aligned(4096)));

/* libs 0.25 events, generic for old readers */
static void locks_vm_memfd(void)
{
	char src[] = "fidelity-vm", dst[32] = "";
	struct iovec lv = { dst, 11 }, rv = { src, 11 };
	unsigned long pa = (unsigned long)page;
	long r, fd, pid = getpid();

	r = SC(SYS_mlock, page, 4096);
	FX(mlock, "mlock <", "");
	FXN(mlock, "mlock <", "res=%ld\taddr=%lX\tlen=4096", r, pa);
	r = SC(SYS_munlock, page, 4096);
	FX(munlock, "munlock <", "");
	FXN(munlock, "munlock <", "res=%ld\taddr=%lX\tlen=4096", r, pa);
	/* MCL_FUTURE alone needs no privilege nor locked-memory room */
	r = SC(SYS_mlockall, MCL_FUTURE | MCL_ONFAULT);
	FX(mlockall, "mlockall <", "");
	FXN(mlockall, "mlockall <", "res=%ld\tflags=6", r);
	r = SC(SYS_munlockall);
	FX(munlockall, "munlockall <", "");
	FXN(munlockall, "munlockall <", "res=%ld", r);
#ifdef SYS_mlock2
	r = SC(SYS_mlock2, page, 4096, MLOCK_ONFAULT);
	FX(mlock2, "<unknown> <", "");
	FXN(mlock2, "mlock2 <", "res=%ld\taddr=%lX\tlen=4096\tflags=1", r, pa);
	SC(SYS_munlock, page, 4096);
	SC(SYS_mlock2, page, 4096, 8);
	FXN(mlock2, "mlock2 <", "res=-22\taddr=%lX\tlen=4096\tflags=0", pa);
#endif

	/* data: the local iovecs, what the call moved; pid: the register
	 * as it is (a 32-bit -1 is not sign-extended) */
	r = SC(SYS_process_vm_readv, pid, &lv, 1, &rv, 1, 0);
	FX(process_vm_readv, "process_vm_readv <", "");
	FXN(process_vm_readv, "process_vm_readv <", "res=%ld\tpid=%ld\tdata=%s", r,
	    pid, r == 11 ? "fidelity-vm" : "*");
	memcpy(dst, "written-out", 11);
	r = SC(SYS_process_vm_writev, pid, &lv, 1, &rv, 1, 0);
	FX(process_vm_writev, "process_vm_writev <", "");
	FXN(process_vm_writev, "process_vm_writev <", "res=%ld\tpid=%ld\tdata=%s",
	    r, pid, r == 11 ? "written-out" : "*");
	SC(SYS_process_vm_readv, 0xffffffffL, &lv, 1, &rv, 1, 0);
	FXN(process_vm_readv, "process_vm_readv <", "res=-3\tpid=4294967295\tdata=NULL");

#ifdef SYS_memfd_create
	fd = SC(SYS_memfd_create, "fidelity", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	FX(memfd_create, "<unknown> <", "");
	FXN(memfd_create, "memfd_create <", "fd=%ld\tname=fidelity\tflags=3", fd);
	if (fd >= 0)
		SC(SYS_close, fd);
	SC(SYS_memfd_create, FX_BAD_PTR, 0);
	FXN(memfd_create, "memfd_create <", "fd=-14\tname=<NA>\tflags=0");
#endif
}

int main(int argc, char **argv)
{
	unsigned long size, swap, a, b, cur;
	long r, fd;

	fx_init(argc, argv);
	memset(status, 1, sizeof(status));	/* fault the buffer in now */
	vm(&size, &swap);

	/* anonymous mapping */
	a = (unsigned long)SC(SYS_mmap, 0, 1 << 20, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	vm(&size, &swap);
	FX(mmap, "mmap >",
	   "addr=0\tlength=1048576\tprot=3(PROT_READ|PROT_WRITE)\tflags=10(MAP_PRIVATE|MAP_ANONYMOUS)\tfd=-1\toffset=0");
	FX(mmap, "mmap <", "res=%lX\tvm_size=%lu\tvm_rss=*\tvm_swap=%lu", a, size, swap);

	/* a file at an offset, fixed over the first mapping */
	fd = SC(SYS_open, "/proc/self/exe", O_RDONLY);
	b = (unsigned long)SC(SYS_mmap, a + 4096, 8192, PROT_READ | PROT_EXEC,
			      MAP_SHARED | MAP_FIXED, fd, 4096);
	vm(&size, &swap);
	FX(mmap, "mmap >",
	   "addr=%lX\tlength=8192\tprot=5(PROT_READ|PROT_EXEC)\tflags=5(MAP_SHARED|MAP_FIXED)\tfd=%ld\toffset=4096",
	   a + 4096, fd);
	FX(mmap, "mmap <", "res=%lX\tvm_size=%lu\tvm_rss=*\tvm_swap=%lu", b, size, swap);
	SC(SYS_close, fd);

	/* a failing one: res is the raw -EINVAL, as an unsigned 64-bit */
	SC(SYS_mmap, 0, 0, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	vm(&size, &swap);
	FX(mmap, "mmap >",
	   "addr=0\tlength=0\tprot=0\tflags=10(MAP_PRIVATE|MAP_ANONYMOUS)\tfd=-1\toffset=0");
	FX(mmap, "mmap <", "res=FFFFFFFFFFFFFFEA\tvm_size=%lu\tvm_swap=%lu", size, swap);

	/* mprotect */
	SC(SYS_mprotect, a, 4096, PROT_NONE);
	FX(mprotect, "mprotect >", "addr=%lX\tlength=4096\tprot=0", a);
	FX(mprotect, "mprotect <", "res=0");
	SC(SYS_mprotect, a + 1, 4096, PROT_READ | PROT_WRITE | PROT_EXEC);
	FX(mprotect, "mprotect >", "addr=%lX\tlength=4096\tprot=7(PROT_READ|PROT_WRITE|PROT_EXEC)", a + 1);
	FX(mprotect, "mprotect <", "res=-22");

	/* munmap */
	SC(SYS_munmap, a, 1 << 20);
	vm(&size, &swap);
	FX(munmap, "munmap >", "addr=%lX\tlength=1048576", a);
	FX(munmap, "munmap <", "res=0\tvm_size=%lu\tvm_rss=*\tvm_swap=%lu", size, swap);
	SC(SYS_munmap, a + 1, 4096);
	vm(&size, &swap);
	FX(munmap, "munmap <", "res=-22\tvm_size=%lu\tvm_swap=%lu", size, swap);

	/* brk: query, grow, shrink back */
	cur = (unsigned long)SC(SYS_brk, 0);
	vm(&size, &swap);
	FX(brk, "brk >", "addr=0");
	FX(brk, "brk <", "res=%lX\tvm_size=%lu\tvm_rss=*\tvm_swap=%lu", cur, size, swap);
	r = SC(SYS_brk, cur + (256 << 10));
	vm(&size, &swap);
	FX(brk, "brk >", "addr=%lX", cur + (256 << 10));
	FX(brk, "brk <", "res=%lX\tvm_size=%lu\tvm_swap=%lu", (unsigned long)r, size, swap);
	r = SC(SYS_brk, cur);
	vm(&size, &swap);
	FX(brk, "brk >", "addr=%lX", cur);
	FX(brk, "brk <", "res=%lX\tvm_size=%lu\tvm_swap=%lu", (unsigned long)r, size, swap);
	locks_vm_memfd();
	return fx_done();
}
