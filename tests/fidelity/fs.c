/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fidelity: files and directories.  run.sh starts it in an empty
 * directory; paths are relative to it unless said otherwise.
 */
#include "fidelity.h"

#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

static char cwd[4096];

static void access_mkdir(void)
{
	long r, dfd;

	/* access: the mode translated at enter, the name at exit */
	r = SC(SYS_access, "missing", R_OK | W_OK);
	FX(access, "access >", "mode=6(R_OK|W_OK)");
	FX(access, "access <", "res=%ld\tname=missing", r);
	SC(SYS_access, ".", F_OK);
	FX(access, "access >", "mode=0(F_OK)");
	FX(access, "access <", "res=0\tname=.");
	SC(SYS_access, FX_BAD_PTR, X_OK);
	FX(access, "access >", "mode=1(X_OK)");
	FX(access, "access <", "res=-14\tname=<empty>");

	/* mkdir: 'mode' raw, as the libs 0.25 driver has it (2022: always 0) */
	r = SC(SYS_mkdir, "d1", 0755);
	FX(mkdir, "mkdir >", "mode=1ED");
	FXN(mkdir, "mkdir <", "res=%ld\tpath=d1\tmode=1ED", r);
	FX(mkdir, "mkdir <", "res=%ld\tpath=d1", r);
	SC(SYS_mkdir, "d1", 0755);
	FX(mkdir, "mkdir <", "res=-17\tpath=d1");
	/* mkdirat: mode raw, in hex */
	r = SC(SYS_mkdirat, AT_FDCWD, "d2", 0700);
	FX(mkdirat, "mkdirat <", "res=%ld\tdirfd=-100\tpath=d2\tmode=1C0", r);
	dfd = SC(SYS_open, "d1", O_RDONLY | O_DIRECTORY);
	SC(SYS_mkdirat, dfd, "sub", 0755);
	FX(mkdirat, "mkdirat <", "res=0\tdirfd=%ld\tpath=sub\tmode=1ED", dfd);
	SC(SYS_mkdirat, 12345, "x", 0);
	FX(mkdirat, "mkdirat <", "res=-9\tdirfd=12345\tpath=x\tmode=0");
	SC(SYS_mkdirat, AT_FDCWD, FX_BAD_PTR, 0);
	FX(mkdirat, "mkdirat <", "res=-14\tdirfd=-100\tpath=<empty>\tmode=0");

	/* rmdir */
	SC(SYS_rmdir, "d2");
	FX(rmdir, "rmdir <", "res=0\tpath=d2");
	SC(SYS_rmdir, "nope");
	FX(rmdir, "rmdir <", "res=-2\tpath=nope");
	SC(SYS_rmdir, FX_BAD_PTR);
	FX(rmdir, "rmdir <", "res=-14\tpath=<empty>");
	close((int)dfd);
}

static void names(void)
{
	long r, dfd = SC(SYS_open, "d1", O_RDONLY | O_DIRECTORY);

	/*
	 * a plain O_DIRECTORY open's mode register: translated, as the
	 * driver's loose O_TMPFILE test (O_TMPFILE includes O_DIRECTORY)
	 */
	FX(open, "open <", "fd=%ld\tname=d1", dfd);
	r = SC(SYS_open, "d1", O_RDONLY | O_DIRECTORY, 0750);
	FX(open, "open <", "fd=%ld\tname=d1\tmode=0750", r);
	close((int)r);

	close((int)SC(SYS_creat, "a", 0644));

	/* rename family: old and new names at exit */
	SC(SYS_rename, "a", "b");
	FX(rename, "rename <", "res=0\toldpath=a\tnewpath=b");
	SC(SYS_rename, "nope", "x");
	FX(rename, "rename <", "res=-2\toldpath=nope\tnewpath=x");
	SC(SYS_renameat, AT_FDCWD, "b", dfd, "c");
	FX(renameat, "renameat <",
	   "res=0\tolddirfd=-100\toldpath=b\tnewdirfd=%ld\tnewpath=c", dfd);
	SC(SYS_renameat2, dfd, "c", AT_FDCWD, "a", RENAME_NOREPLACE);
	FX(renameat2, "renameat2 <",
	   "res=0\tolddirfd=%ld\toldpath=c\tnewdirfd=-100\tnewpath=a\tflags=1",
	   dfd);
	r = SC(SYS_renameat2, AT_FDCWD, "a", AT_FDCWD, "d1", RENAME_NOREPLACE);
	FX(renameat2, "renameat2 <",
	   "res=%ld\tolddirfd=-100\toldpath=a\tnewdirfd=-100\tnewpath=d1\tflags=1",
	   r);

	/* links */
	SC(SYS_link, "a", "l1");
	FX(link, "link <", "res=0\toldpath=a\tnewpath=l1");
	SC(SYS_link, "a", "l1");
	FX(link, "link <", "res=-17\toldpath=a\tnewpath=l1");
	SC(SYS_linkat, AT_FDCWD, "a", dfd, "l2", AT_SYMLINK_FOLLOW);
	FX(linkat, "linkat <",
	   "res=0\tolddir=-100\toldpath=a\tnewdir=%ld\tnewpath=l2\tflags=1024(AT_SYMLINK_FOLLOW)",
	   dfd);
	SC(SYS_linkat, AT_FDCWD, "nope", AT_FDCWD, "l3", 0);
	FX(linkat, "linkat <",
	   "res=-2\tolddir=-100\toldpath=nope\tnewdir=-100\tnewpath=l3\tflags=0");
	SC(SYS_symlink, "a", "s1");
	FX(symlink, "symlink <", "res=0\ttarget=a\tlinkpath=s1");
	SC(SYS_symlinkat, "no/such/target", dfd, "s2");
	FX(symlinkat, "symlinkat <",
	   "res=0\ttarget=no/such/target\tlinkdirfd=%ld\tlinkpath=s2", dfd);
	SC(SYS_symlinkat, FX_BAD_PTR, AT_FDCWD, "s3");
	FX(symlinkat, "symlinkat <",
	   "res=-14\ttarget=<empty>\tlinkdirfd=-100\tlinkpath=s3");

	/* unlink family */
	SC(SYS_unlink, "l1");
	FX(unlink, "unlink <", "res=0\tpath=l1");
	SC(SYS_unlink, "l1");
	FX(unlink, "unlink <", "res=-2\tpath=l1");
	SC(SYS_unlinkat, dfd, "s2", 0);
	FX(unlinkat, "unlinkat <", "res=0\tdirfd=%ld\tname=s2\tflags=0", dfd);
	SC(SYS_unlinkat, dfd, "sub", AT_REMOVEDIR);
	FX(unlinkat, "unlinkat <",
	   "res=0\tdirfd=%ld\tname=sub\tflags=512(AT_REMOVEDIR)", dfd);
	close((int)dfd);
}

static void modes(void)
{
	long fd = SC(SYS_open, "a", O_RDWR);

	/* chmod family: PPM_S_* bits, printed in octal */
	SC(SYS_chmod, "a", 0640);
	FX(chmod, "chmod <", "res=0\tfilename=a\tmode=0640");
	SC(SYS_chmod, "nope", 0777);
	FX(chmod, "chmod <", "res=-2\tfilename=nope\tmode=0777");
	SC(SYS_fchmod, fd, 04755);
	FX(fchmod, "fchmod <", "res=0\tfd=%ld\tmode=04755", fd);
	SC(SYS_fchmod, 9999, 0);
	FX(fchmod, "fchmod <", "res=-9\tfd=9999\tmode=0");
	SC(SYS_fchmodat, AT_FDCWD, "a", 01600, 0);
	FX(fchmodat, "fchmodat <", "res=0\tdirfd=-100\tfilename=a\tmode=01600");
	close((int)fd);
}

static void stats(void)
{
	struct stat st;
	char buf[4096];
	long fd, dfd, r;

	/* stat/lstat: only the path, at exit; fstat: the fd at enter */
	SC(SYS_stat, "a", &st);
	FX(stat, "stat <", "res=0\tpath=a");
	SC(SYS_stat, "nope", &st);
	FX(stat, "stat <", "res=-2\tpath=nope");
	SC(SYS_lstat, "s1", &st);
	FX(lstat, "lstat <", "res=0\tpath=s1");
	SC(SYS_lstat, "a", FX_BAD_PTR);
	FX(lstat, "lstat <", "res=-14\tpath=a");
	fd = SC(SYS_open, "a", O_RDONLY);
	SC(SYS_fstat, fd, &st);
	FX(fstat, "fstat >", "fd=%ld", fd);
	FX(fstat, "fstat <", "res=0");
	SC(SYS_fstat, -1, &st);
	FX(fstat, "fstat >", "fd=-1");
	FX(fstat, "fstat <", "res=-9");
	/*
	 * newfstatat: generic for old readers; libs 0.25's 418/419 (res
	 * dirfd path flags, PPM_AT_*) by default
	 */
	SC(SYS_newfstatat, AT_FDCWD, "a", &st, AT_SYMLINK_NOFOLLOW);
	FXN(newfstatat, "newfstatat <", "res=0\tdirfd=-100\tpath=a\tflags=256");
	SC(SYS_newfstatat, fd, "", &st, AT_EMPTY_PATH);
	FXN(newfstatat, "newfstatat <", "res=0\tdirfd=%ld\tpath=\tflags=4096", fd);
	SC(SYS_newfstatat, AT_FDCWD, "nope", &st, 0);
	FXN(newfstatat, "newfstatat <", "res=-2\tdirfd=-100\tpath=nope\tflags=0");

	/* getdents: the fd and the byte count */
	dfd = SC(SYS_open, ".", O_RDONLY | O_DIRECTORY);
	r = SC(SYS_getdents64, dfd, buf, sizeof(buf));
	FX(getdents64, "getdents64 >", "fd=%ld", dfd);
	FX(getdents64, "getdents64 <", "res=%ld", r);
	SC(SYS_lseek, dfd, 0, SEEK_SET);
	r = SC(SYS_getdents, dfd, buf, sizeof(buf));
	FX(getdents, "getdents >", "fd=%ld", dfd);
	FX(getdents, "getdents <", "res=%ld", r);
	SC(SYS_getdents64, fd, buf, sizeof(buf));
	FX(getdents64, "getdents64 <", "res=-20");
	close((int)dfd);
	close((int)fd);
}

static void fdops(void)
{
	long fd = SC(SYS_open, "data", O_RDWR | O_CREAT | O_TRUNC, 0600);
	long fd2, r;
	int n;

	(void)!write((int)fd, "0123456789abcdef", 16);

	/* lseek: whence translated */
	SC(SYS_lseek, fd, 3, SEEK_SET);
	FX(lseek, "lseek >", "fd=%ld\toffset=3\twhence=0(SEEK_SET)", fd);
	FX(lseek, "lseek <", "res=3");
	SC(SYS_lseek, fd, -2L, SEEK_END);
	FX(lseek, "lseek >", "fd=%ld\toffset=-2\twhence=2(SEEK_END)", fd);
	FX(lseek, "lseek <", "res=14");
	SC(SYS_lseek, fd, 1, SEEK_CUR);
	FX(lseek, "lseek >", "fd=%ld\toffset=1\twhence=1(SEEK_CUR)", fd);
	FX(lseek, "lseek <", "res=15");
	SC(SYS_lseek, fd, -100L, SEEK_SET);
	FX(lseek, "lseek <", "res=-22");

	/* flock: operation translated */
	SC(SYS_flock, fd, LOCK_EX | LOCK_NB);
	FX(flock, "flock >", "fd=%ld\toperation=6(LOCK_EX|LOCK_NB)", fd);
	FX(flock, "flock <", "res=0");
	SC(SYS_flock, fd, LOCK_UN);
	FX(flock, "flock >", "fd=%ld\toperation=8(LOCK_UN)", fd);
	FX(flock, "flock <", "res=0");
	SC(SYS_flock, 9999, LOCK_SH);
	FX(flock, "flock >", "fd=9999\toperation=1(LOCK_SH)");
	FX(flock, "flock <", "res=-9");

	/* fcntl: cmd translated; res is the new fd of F_DUPFD* */
	fd2 = SC(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 20);
	FX(fcntl, "fcntl >", "fd=%ld\tcmd=26(F_DUPFD_CLOEXEC)", fd);
	FX(fcntl, "fcntl <", "res=%ld", fd2);
	r = SC(SYS_fcntl, fd, F_GETFL);
	FX(fcntl, "fcntl >", "fd=%ld\tcmd=4(F_GETFL)", fd);
	FX(fcntl, "fcntl <", "res=%ld", r);
	SC(SYS_fcntl, fd, F_SETFD, FD_CLOEXEC);
	FX(fcntl, "fcntl >", "fd=%ld\tcmd=3(F_SETFD)", fd);
	FX(fcntl, "fcntl <", "res=0");
	SC(SYS_fcntl, 9999, F_DUPFD, 0);
	FX(fcntl, "fcntl >", "fd=9999\tcmd=1(F_DUPFD)");
	FX(fcntl, "fcntl <", "res=-9");
	close((int)fd2);

	/* ioctl: request and argument raw, in hex */
	SC(SYS_ioctl, fd, TCGETS, 0x1234);
	FX(ioctl, "ioctl >", "fd=%ld\trequest=5401\targument=1234", fd);
	FX(ioctl, "ioctl <", "res=-25");
	SC(SYS_ioctl, fd, FIONREAD, &n);
	FX(ioctl, "ioctl >", "fd=%ld\trequest=541B\targument=%lX", fd,
	   (unsigned long)&n);
	FX(ioctl, "ioctl <", "res=0");
	close((int)fd);
}

static void transfers(void)
{
	long in = SC(SYS_open, "data", O_RDONLY);
	long out = SC(SYS_open, "copy", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int p[2];
	off_t off = 2;
	loff_t offin = 1, offout = 4;

	/* sendfile: the offset read at enter and again at exit */
	SC(SYS_sendfile, out, in, &off, 5);
	FX(sendfile, "sendfile >", "out_fd=%ld\tin_fd=%ld\toffset=2\tsize=5",
	   out, in);
	FX(sendfile, "sendfile <", "res=5\toffset=7");
	SC(SYS_sendfile, out, in, NULL, 3);
	FX(sendfile, "sendfile >", "out_fd=%ld\tin_fd=%ld\toffset=0\tsize=3",
	   out, in);
	FX(sendfile, "sendfile <", "res=3\toffset=0");
	SC(SYS_sendfile, out, in, FX_BAD_PTR, 3);
	FX(sendfile, "sendfile >", "out_fd=%ld\tin_fd=%ld\toffset=0\tsize=3",
	   out, in);
	FX(sendfile, "sendfile <", "res=-14\toffset=0");

	/* copy_file_range: the 2022 driver records the offset POINTERS */
	SC(SYS_copy_file_range, in, &offin, out, &offout, 6, 0);
	FX(copy_file_range, "copy_file_range >", "fdin=%ld\toffin=%lu\tlen=6",
	   in, (unsigned long)&offin);
	FX(copy_file_range, "copy_file_range <", "res=6\tfdout=%ld\toffout=%lu",
	   out, (unsigned long)&offout);
	SC(SYS_copy_file_range, in, NULL, 9999, NULL, 1, 0);
	FX(copy_file_range, "copy_file_range >", "fdin=%ld\toffin=0\tlen=1", in);
	FX(copy_file_range, "copy_file_range <", "res=-9\tfdout=9999\toffout=0");

	/* splice: fds, size and flags raw */
	if (pipe(p) == 0) {
		SC(SYS_splice, in, NULL, p[1], NULL, 4, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);
		FX(splice, "splice >",
		   "fd_in=%ld\tfd_out=%d\tsize=4\tflags=3(SPLICE_F_MOVE|SPLICE_F_NONBLOCK)",
		   in, p[1]);
		FX(splice, "splice <", "res=4");
		SC(SYS_splice, 9999, NULL, p[1], NULL, 1, 0);
		FX(splice, "splice >", "fd_in=9999\tfd_out=%d\tsize=1\tflags=0", p[1]);
		FX(splice, "splice <", "res=-9");
		close(p[0]);
		close(p[1]);
	}
	close((int)in);
	close((int)out);
}

static void dirs(void)
{
	char buf[4096];
	long fd, r;

	/* chdir: path at exit; fchdir: fd at enter; getcwd: the buffer */
	SC(SYS_chdir, "d1");
	FX(chdir, "chdir <", "res=0\tpath=d1");
	SC(SYS_chdir, "nope");
	FX(chdir, "chdir <", "res=-2\tpath=nope");
	fd = SC(SYS_open, "..", O_RDONLY | O_DIRECTORY);
	SC(SYS_fchdir, fd);
	FX(fchdir, "fchdir >", "fd=%ld", fd);
	FX(fchdir, "fchdir <", "res=0");
	SC(SYS_fchdir, 9999);
	FX(fchdir, "fchdir >", "fd=9999");
	FX(fchdir, "fchdir <", "res=-9");
	r = SC(SYS_getcwd, buf, sizeof(buf));
	FX(getcwd, "getcwd <", "res=%ld\tpath=%s", r, cwd);
	FXN(getcwd, "getcwd <", "res=%ld\tpath=%s", r, cwd);
	/*
	 * a failed getcwd: no path, as the libs 0.25 driver (the buffer is
	 * stale); the 2022 one wrote it
	 */
	SC(SYS_getcwd, buf, 1);
	FX(getcwd, "getcwd <", "res=-34");
	FXN(getcwd, "getcwd <", "res=-34\tpath=<NA>");
	close((int)fd);

	/* chroot: "/" as root keeps everything as it was */
	r = SC(SYS_chroot, "/");
	FX(chroot, "chroot <", "res=%ld\tpath=/", r);
	SC(SYS_chroot, "nope");
	FX(chroot, "chroot <", "res=-2\tpath=nope");
}

/*
 * The chown family and mknod/mknodat: libs 0.25 events, generic for old
 * readers.  The ids are the caller's own or -1 (no change), so that the
 * calls succeed unprivileged; a device node needs root (res as it is).
 */
static void owners_nodes(void)
{
	unsigned uid = (unsigned)getuid(), gid = (unsigned)getgid();
	long r, fd;

	fd = SC(SYS_open, "own", O_CREAT | O_WRONLY, 0600);
#ifdef SYS_chown
	r = SC(SYS_chown, "own", -1, -1);
	FX(chown, "chown <", "");
	FXN(chown, "chown <", "res=%ld\tpath=own\tuid=-1\tgid=-1", r);
	r = SC(SYS_chown, "own", uid, gid);
	FXN(chown, "chown <", "res=%ld\tpath=own\tuid=%u\tgid=%u", r, uid, gid);
#endif
#ifdef SYS_lchown
	SC(SYS_lchown, "missing", 1, 2);
	FX(lchown, "lchown <", "");
	FXN(lchown, "lchown <", "res=-2\tpath=missing\tuid=1\tgid=2");
#endif
	r = SC(SYS_fchown, fd, uid, -1);
	FX(fchown, "fchown <", "");
	FXN(fchown, "fchown <", "res=%ld\tfd=%ld\tuid=%u\tgid=-1", r, fd, uid);
	/* flags: the driver tests AT_SYMLINK_FOLLOW, not NOFOLLOW */
	r = SC(SYS_fchownat, AT_FDCWD, "own", -1, gid, AT_SYMLINK_NOFOLLOW);
	FX(fchownat, "fchownat <", "");
	FXN(fchownat, "fchownat <",
	    "res=%ld\tdirfd=-100\tpathname=own\tuid=-1\tgid=%u\tflags=0", r, gid);
	r = SC(SYS_fchownat, fd, "", -1, -1, AT_EMPTY_PATH);
	FXN(fchownat, "fchownat <",
	    "res=%ld\tdirfd=%ld\tpathname=\tuid=-1\tgid=-1\tflags=4096", r, fd);
	SC(SYS_close, fd);

	/* mode: PPM_S_* with the file type (none: S_IFREG); dev: the driver
	 * encodes the user's dev_t again, as a kernel one (1,3 -> 0x100003) */
#ifdef SYS_mknod
	r = SC(SYS_mknod, "fifo", S_IFIFO | 0640, 0);
	FX(mknod, "mknod <", "");
	FXN(mknod, "mknod <", "res=%ld\tpath=fifo\tmode=010640\tdev=0", r);
	r = SC(SYS_mknod, "null", S_IFCHR | 0600, makedev(1, 3));
	FXN(mknod, "mknod <", "res=%ld\tpath=null\tmode=020600\tdev=1048579", r);
#endif
	r = SC(SYS_mknodat, AT_FDCWD, "plain", 0644, 0);
	FX(mknodat, "mknodat <", "");
	FXN(mknodat, "mknodat <",
	    "res=%ld\tdirfd=-100\tpath=plain\tmode=0100644\tdev=0", r);
	SC(SYS_mknodat, 9999, "blk", S_IFBLK | 04600, makedev(8, 1));
	FXN(mknodat, "mknodat <",
	    "res=-9\tdirfd=9999\tpath=blk\tmode=064600\tdev=8388609");
}

/*
 * open_by_handle_at (libs 0.25 event, generic for old readers): needs
 * CAP_DAC_READ_SEARCH and a file system that gives handles.  The path,
 * device and inode come from the new fd, only when it is above 0.
 */
static void handles(void)
{
#ifdef SYS_open_by_handle_at
	struct {
		unsigned int handle_bytes;
		int handle_type;
		unsigned char f_handle[128];
	} fh = { 128, 0, { 0 } };
	int mnt;
	long r;

	SC(SYS_name_to_handle_at, AT_FDCWD, "own", &fh, &mnt, 0);
	r = SC(SYS_open_by_handle_at, AT_FDCWD, &fh, O_RDONLY | O_CLOEXEC);
	FX(open_by_handle_at, "<unknown> <", "");
	if (r > 0)
		FXN(open_by_handle_at, "open_by_handle_at <",
		    "fd=%ld\tmountfd=-100\tflags=4097\tpath=%s/own\tdev=*\tino=*",
		    r, cwd);
	else
		FXN(open_by_handle_at, "open_by_handle_at <",
		    "fd=%ld\tmountfd=-100\tflags=4097\tpath=<NA>\tdev=0\tino=0", r);
	if (r >= 0)
		SC(SYS_close, r);
	r = SC(SYS_open_by_handle_at, 9999, FX_BAD_PTR, O_WRONLY);
	FXN(open_by_handle_at, "open_by_handle_at <",
	    "fd=%ld\tmountfd=9999\tflags=2\tpath=<NA>\tdev=0\tino=0", r);
#endif
}

int main(int argc, char **argv)
{
	fx_init(argc, argv);
	if (!getcwd(cwd, sizeof(cwd)))
		return 1;
	access_mkdir();
	names();
	modes();
	stats();
	fdops();
	transfers();
	dirs();
	owners_nodes();
	handles();
	return fx_done();
}
