/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests for the Linux -> PPM flag translations (src/ppm_flags.c). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif

#include <check.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ppm_flags.h"

/*
 * The expected values are written out from the PPM_* definitions of
 * falcosecurity/libs driver/ppm_events_public.h (2022); Linux values the C
 * library spells differently from the kernel are written as numbers.
 */

/* the kernel's O_LARGEFILE (glibc defines it as 0 on 64-bit targets) */
#if defined(__x86_64__) || defined(__i386__)
#define K_O_LARGEFILE	0100000
#elif defined(__aarch64__) || defined(__arm__)
#define K_O_LARGEFILE	0400000
#endif

START_TEST(test_open_flags)
{
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDONLY), 1);
	ck_assert_uint_eq(sct_ppm_open_flags(O_WRONLY), 2);
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDWR), 3);
	/* access mode 3 is not a mode: reported as read-only */
	ck_assert_uint_eq(sct_ppm_open_flags(3), 1);
	ck_assert_uint_eq(sct_ppm_open_flags(O_WRONLY | O_CREAT | O_TRUNC |
					     O_CLOEXEC),
			  2 | 4 | 256 | 4096);
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDWR | O_APPEND | O_EXCL |
					     O_NONBLOCK),
			  3 | 8 | 32 | 64);
	/* the driver tests O_TMPFILE's mask loosely: O_DIRECTORY has it */
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDONLY | O_DIRECTORY |
					     O_CLOEXEC),
			  1 | 1024 | 4096 | 8192);
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDWR | O_TMPFILE),
			  3 | 1024 | 8192);
	ck_assert_uint_eq(sct_ppm_open_flags(O_WRONLY | O_DSYNC), 2 | 16);
	ck_assert_uint_eq(sct_ppm_open_flags(O_WRONLY | O_SYNC), 2 | 16 | 128);
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDONLY | O_DIRECT), 1 | 512);
#ifdef K_O_LARGEFILE
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDONLY | K_O_LARGEFILE),
			  1 | 2048);
#endif
	/* O_NOFOLLOW, O_NOCTTY, O_NOATIME, O_PATH have no PPM bit */
	ck_assert_uint_eq(sct_ppm_open_flags(O_RDONLY | O_NOFOLLOW | O_NOCTTY |
					     O_NOATIME),
			  1);
}
END_TEST

START_TEST(test_modes)
{
	ck_assert_uint_eq(sct_ppm_mode(0644), 256 | 128 | 32 | 4);
	ck_assert_uint_eq(sct_ppm_mode(0755), 256 | 128 | 64 | 32 | 8 | 4 | 1);
	ck_assert_uint_eq(sct_ppm_mode(S_IRWXU | S_IRWXG | S_IRWXO), 511);
	ck_assert_uint_eq(sct_ppm_mode(04755), 2048 | 493);
	ck_assert_uint_eq(sct_ppm_mode(02000), 1024);
	ck_assert_uint_eq(sct_ppm_mode(01777), 512 | 511);
	/* file type bits are not mode bits */
	ck_assert_uint_eq(sct_ppm_mode(S_IFREG | 0600), 256 | 128);

	ck_assert_uint_eq(sct_ppm_open_mode(O_WRONLY | O_CREAT, 0644),
			  256 | 128 | 32 | 4);
	ck_assert_uint_eq(sct_ppm_open_mode(O_RDWR | O_TMPFILE, 0600),
			  256 | 128);
	ck_assert_uint_eq(sct_ppm_open_mode(O_RDONLY, 0644), 0);
	/* the driver's loose O_TMPFILE test: O_DIRECTORY is in its mask */
	ck_assert_uint_eq(sct_ppm_open_mode(O_RDONLY | O_DIRECTORY, 0755), 493);
	ck_assert_uint_eq(sct_ppm_creat_mode(0755), 493);
}
END_TEST

START_TEST(test_openat2_resolve)
{
	/* RESOLVE_NO_XDEV 0x01, NO_MAGICLINKS 0x02, NO_SYMLINKS 0x04,
	 * BENEATH 0x08, IN_ROOT 0x10, CACHED 0x20 */
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x08), 1);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x10), 2);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x02), 4);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x04), 8);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x01), 16);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x20), 32);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0x3f), 63);
	ck_assert_uint_eq(sct_ppm_openat2_resolve(0), 0);
}
END_TEST

START_TEST(test_clone_flags)
{
	/* what glibc's pthread_create passes */
	ck_assert_uint_eq(sct_ppm_clone_flags(CLONE_VM | CLONE_FS |
					      CLONE_FILES | CLONE_SIGHAND |
					      CLONE_THREAD | CLONE_SYSVSEM |
					      CLONE_SETTLS |
					      CLONE_PARENT_SETTID |
					      CLONE_CHILD_CLEARTID),
			  (1u << 15) | (1u << 1) | (1u << 0) | (1u << 11) |
			  (1u << 13) | (1u << 12) | (1u << 25) | (1u << 9) |
			  (1u << 23));
	/* fork() through clone: the exit signal byte is dropped */
	ck_assert_uint_eq(sct_ppm_clone_flags(CLONE_CHILD_SETTID |
					      CLONE_CHILD_CLEARTID | SIGCHLD),
			  (1u << 24) | (1u << 23));
	ck_assert_uint_eq(sct_ppm_clone_flags(CLONE_VM | CLONE_VFORK | SIGCHLD),
			  (1u << 15) | (1u << 27));
	ck_assert_uint_eq(sct_ppm_clone_flags(CLONE_NEWNS | CLONE_NEWUTS |
					      CLONE_NEWIPC | CLONE_NEWUSER |
					      CLONE_NEWPID | CLONE_NEWNET |
					      CLONE_NEWCGROUP),
			  (1u << 5) | (1u << 7) | (1u << 3) | (1u << 20) |
			  (1u << 6) | (1u << 4) | (1u << 28));
	ck_assert_uint_eq(sct_ppm_clone_flags(CLONE_PARENT | CLONE_PTRACE |
					      CLONE_UNTRACED | CLONE_IO),
			  (1u << 8) | (1u << 10) | (1u << 14) | (1u << 2));
	ck_assert_uint_eq(sct_ppm_clone_flags(SIGCHLD), 0);
	ck_assert_uint_eq(SCT_PPM_CL_CHILD_IN_PIDNS, 1u << 29);
}
END_TEST

START_TEST(test_socket_family)
{
	ck_assert_uint_eq(sct_ppm_socket_family(AF_UNSPEC), 0);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_UNIX), 1);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_INET), 2);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_INET6), 10);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_NETLINK), 16);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_PACKET), 17);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_CAN), 29);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_BLUETOOTH), 31);
	ck_assert_uint_eq(sct_ppm_socket_family(AF_NFC), 39);
	/* families the 2022 encoding does not name */
	ck_assert_uint_eq(sct_ppm_socket_family(27), 0);
	ck_assert_uint_eq(sct_ppm_socket_family(40), 0);	/* AF_VSOCK */
	ck_assert_uint_eq(sct_ppm_socket_family(44), 0);	/* AF_XDP */
}
END_TEST

START_TEST(test_shutdown_lseek_access)
{
	ck_assert_uint_eq(sct_ppm_shutdown_how(SHUT_RD), 0);
	ck_assert_uint_eq(sct_ppm_shutdown_how(SHUT_WR), 1);
	ck_assert_uint_eq(sct_ppm_shutdown_how(SHUT_RDWR), 2);
	ck_assert_uint_eq(sct_ppm_shutdown_how(7), 7);

	ck_assert_uint_eq(sct_ppm_lseek_whence(SEEK_SET), 0);
	ck_assert_uint_eq(sct_ppm_lseek_whence(SEEK_CUR), 1);
	ck_assert_uint_eq(sct_ppm_lseek_whence(SEEK_END), 2);
	ck_assert_uint_eq(sct_ppm_lseek_whence(SEEK_DATA), 0);
	ck_assert_uint_eq(sct_ppm_lseek_whence(SEEK_HOLE), 0);

	ck_assert_uint_eq(sct_ppm_access_mode(F_OK), 0);
	ck_assert_uint_eq(sct_ppm_access_mode(X_OK), 1);
	ck_assert_uint_eq(sct_ppm_access_mode(W_OK), 2);
	ck_assert_uint_eq(sct_ppm_access_mode(R_OK), 4);
	ck_assert_uint_eq(sct_ppm_access_mode(R_OK | W_OK | X_OK), 7);
}
END_TEST

START_TEST(test_fcntl_cmd)
{
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_DUPFD), 1);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETFD), 2);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETFD), 3);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETFL), 4);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETFL), 5);
	/* kernel F_GETLK, F_SETLK, F_SETLKW */
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(5), 6);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(6), 8);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(7), 9);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETOWN), 10);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETOWN), 12);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETSIG), 13);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETSIG), 15);
	/* the 32-bit F_GETLK64, F_SETLK64, F_SETLKW64 */
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(12), 17);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(13), 18);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(14), 19);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETOWN_EX), 21);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETOWN_EX), 22);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETLEASE), 23);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETLEASE), 24);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(1029), 25);	/* F_CANCELLK */
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_DUPFD_CLOEXEC), 26);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_NOTIFY), 27);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_SETPIPE_SZ), 28);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_GETPIPE_SZ), 29);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_OFD_GETLK), 30);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_OFD_SETLK), 31);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(F_OFD_SETLKW), 32);
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(1033), 0);	/* F_ADD_SEALS */
	ck_assert_uint_eq(sct_ppm_fcntl_cmd(9999), 0);
}
END_TEST

START_TEST(test_flock_dirfd)
{
	ck_assert_uint_eq(sct_ppm_flock_flags(LOCK_SH), 1);
	ck_assert_uint_eq(sct_ppm_flock_flags(LOCK_EX | LOCK_NB), 2 | 4);
	ck_assert_uint_eq(sct_ppm_flock_flags(LOCK_UN), 8);

	ck_assert_int_eq(sct_ppm_dirfd((uint64_t)(int64_t)AT_FDCWD), -100);
	ck_assert_int_eq(sct_ppm_dirfd((uint32_t)AT_FDCWD), -100);
	ck_assert_int_eq(sct_ppm_dirfd(3), 3);
}
END_TEST

START_TEST(test_futex_op)
{
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_WAIT), 0);
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_WAKE), 1);
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_WAKE | FUTEX_PRIVATE_FLAG),
			  1 | 128);
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_WAKE_OP_PRIVATE), 5 | 128);
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_WAIT_BITSET |
					   FUTEX_PRIVATE_FLAG |
					   FUTEX_CLOCK_REALTIME),
			  9 | 128 | 256);
	ck_assert_uint_eq(sct_ppm_futex_op(FUTEX_CMP_REQUEUE_PI), 12);
	/* FUTEX_LOCK_PI2 (13) is newer than the 2022 encoding */
	ck_assert_uint_eq(sct_ppm_futex_op(13 | FUTEX_PRIVATE_FLAG), 128);
}
END_TEST

START_TEST(test_prot_mmap)
{
	ck_assert_uint_eq(sct_ppm_prot_flags(PROT_NONE), 0);
	ck_assert_uint_eq(sct_ppm_prot_flags(PROT_READ | PROT_WRITE), 1 | 2);
	ck_assert_uint_eq(sct_ppm_prot_flags(PROT_READ | PROT_EXEC), 1 | 4);
	ck_assert_uint_eq(sct_ppm_prot_flags(PROT_READ | PROT_GROWSDOWN),
			  1 | 16);
	ck_assert_uint_eq(sct_ppm_prot_flags(PROT_GROWSUP), 32);
	ck_assert_uint_eq(sct_ppm_prot_flags(0x8), 8);	/* PROT_SEM */

	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_PRIVATE | MAP_ANONYMOUS),
			  2 | 8);
	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_SHARED | MAP_FIXED |
					     MAP_POPULATE),
			  1 | 4 | 128);
	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_PRIVATE | MAP_NORESERVE |
					     MAP_LOCKED | MAP_GROWSDOWN |
					     MAP_NONBLOCK),
			  2 | 64 | 16384 | 512 | 256);
	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_PRIVATE | MAP_DENYWRITE |
					     MAP_EXECUTABLE),
			  2 | 1024 | 2048);
	/* MAP_SHARED_VALIDATE is both type bits */
	ck_assert_uint_eq(sct_ppm_mmap_flags(0x03), 1 | 2);
	/* MAP_STACK has no PPM bit */
	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_PRIVATE | MAP_STACK), 2);
#ifdef MAP_32BIT
	ck_assert_uint_eq(sct_ppm_mmap_flags(MAP_PRIVATE | MAP_32BIT), 2 | 16);
#endif
}
END_TEST

START_TEST(test_at_flags)
{
	ck_assert_uint_eq(sct_ppm_unlinkat_flags(0), 0);
	ck_assert_uint_eq(sct_ppm_unlinkat_flags(AT_REMOVEDIR), 0x200);
	ck_assert_uint_eq(sct_ppm_unlinkat_flags(AT_SYMLINK_NOFOLLOW), 0);

	ck_assert_uint_eq(sct_ppm_linkat_flags(AT_SYMLINK_FOLLOW), 0x400);
	ck_assert_uint_eq(sct_ppm_linkat_flags(AT_EMPTY_PATH), 0x1000);
	ck_assert_uint_eq(sct_ppm_linkat_flags(AT_SYMLINK_FOLLOW |
					       AT_EMPTY_PATH),
			  0x1400);

	ck_assert_uint_eq(sct_ppm_execveat_flags(AT_EMPTY_PATH), 1);
	ck_assert_uint_eq(sct_ppm_execveat_flags(AT_SYMLINK_NOFOLLOW), 2);
	ck_assert_uint_eq(sct_ppm_execveat_flags(AT_EMPTY_PATH |
						 AT_SYMLINK_NOFOLLOW),
			  3);

	/* RENAME_NOREPLACE 1, RENAME_EXCHANGE 2, RENAME_WHITEOUT 4 */
	ck_assert_uint_eq(sct_ppm_renameat2_flags(1), 1);
	ck_assert_uint_eq(sct_ppm_renameat2_flags(2), 2);
	ck_assert_uint_eq(sct_ppm_renameat2_flags(4), 4);
}
END_TEST

START_TEST(test_poll_events)
{
	ck_assert_uint_eq(sct_ppm_poll_events(POLLIN), 1);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLPRI), 2);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLOUT), 4);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLRDHUP), 8);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLERR), 16);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLHUP), 32);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLNVAL), 64);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLRDNORM), 128);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLRDBAND), 256);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLWRNORM), 512);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLWRBAND), 1024);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLIN | POLLOUT | POLLERR),
			  1 | 4 | 16);
	ck_assert_uint_eq(sct_ppm_poll_events(POLLMSG), 0);
}
END_TEST

START_TEST(test_ptrace_request)
{
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_TRACEME), 1);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_PEEKTEXT), 2);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_PEEKDATA), 3);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_PEEKUSER), 4);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_POKEUSER), 7);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_CONT), 8);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_KILL), 9);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_ATTACH), 11);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_DETACH), 12);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SYSCALL), 13);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SETOPTIONS), 14);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_GETEVENTMSG), 15);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_GETSIGINFO), 16);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_GETREGSET), 18);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SEIZE), 20);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_INTERRUPT), 21);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_LISTEN), 22);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_PEEKSIGINFO), 23);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SETSIGMASK), 25);
#if defined(__x86_64__)
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_GETREGS), 26);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SETFPREGS), 29);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_ARCH_PRCTL), 35);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SYSEMU), 36);
	ck_assert_uint_eq(sct_ppm_ptrace_request(PTRACE_SINGLEBLOCK), 38);
#endif
	/* newer than the 2022 encoding: PTRACE_GET_SYSCALL_INFO */
	ck_assert_uint_eq(sct_ppm_ptrace_request(0x420e), 0);
}
END_TEST

START_TEST(test_rlimit_mount)
{
	ck_assert_uint_eq(sct_ppm_rlimit_resource(RLIMIT_CPU), 0);
	ck_assert_uint_eq(sct_ppm_rlimit_resource(RLIMIT_STACK), 3);
	ck_assert_uint_eq(sct_ppm_rlimit_resource(RLIMIT_NOFILE), 7);
	ck_assert_uint_eq(sct_ppm_rlimit_resource(RLIMIT_RTTIME), 15);
	ck_assert_uint_eq(sct_ppm_rlimit_resource(16), 255);

	ck_assert_uint_eq(sct_ppm_mount_flags(MS_RDONLY | MS_NOSUID), 3);
	ck_assert_uint_eq(sct_ppm_mount_flags(0xc0ed0000u | MS_BIND), 4096);
	ck_assert_uint_eq(sct_ppm_mount_flags(0xc0ed0000u), 0);
	ck_assert_uint_eq(sct_ppm_mount_flags(MS_REC | MS_PRIVATE),
			  (1u << 14) | (1u << 18));
	ck_assert_uint_eq(sct_ppm_mount_flags(MS_LAZYTIME), 1u << 25);

	ck_assert_uint_eq(sct_ppm_umount_flags(MNT_DETACH), 2);
	ck_assert_uint_eq(sct_ppm_umount_flags(MNT_FORCE | UMOUNT_NOFOLLOW),
			  1 | 8);
}
END_TEST

START_TEST(test_sockopt)
{
	ck_assert_uint_eq(sct_ppm_sockopt_level(SOL_SOCKET), 1);
	ck_assert_uint_eq(sct_ppm_sockopt_level(6), 2);	/* SOL_TCP */
	ck_assert_uint_eq(sct_ppm_sockopt_level(0), 0);	/* SOL_IP */
	ck_assert_uint_eq(sct_ppm_sockopt_level(41), 0);	/* SOL_IPV6 */

	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_REUSEADDR), 2);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_KEEPALIVE), 9);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_SNDBUFFORCE),
			  32);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, 20), 20);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, 66), 20);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_PEERGROUPS),
			  51);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_MEMINFO), 52);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, SO_COOKIE), 53);
	ck_assert_uint_eq(sct_ppm_sockopt_optname(SOL_SOCKET, 60), 0);
	/* TCP_NODELAY of SOL_TCP */
	ck_assert_uint_eq(sct_ppm_sockopt_optname(6, 1), 0);

	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(SOL_SOCKET, SO_ERROR),
			  SCT_PPM_SOCKOPT_IDX_ERRNO);
	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(SOL_SOCKET, 20),
			  SCT_PPM_SOCKOPT_IDX_TIMEVAL);
	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(SOL_SOCKET, SO_COOKIE),
			  SCT_PPM_SOCKOPT_IDX_UINT64);
	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(SOL_SOCKET, SO_SNDBUF),
			  SCT_PPM_SOCKOPT_IDX_UINT32);
	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(SOL_SOCKET, SO_LINGER),
			  SCT_PPM_SOCKOPT_IDX_UNKNOWN);
	ck_assert_uint_eq(sct_ppm_sockopt_val_idx(6, 1),
			  SCT_PPM_SOCKOPT_IDX_UNKNOWN);
}
END_TEST

START_TEST(test_sysv_sem)
{
	ck_assert_uint_eq(sct_ppm_semop_flags(IPC_NOWAIT), 1);
	ck_assert_uint_eq(sct_ppm_semop_flags(SEM_UNDO), 2);
	ck_assert_uint_eq(sct_ppm_semop_flags(IPC_NOWAIT | SEM_UNDO), 3);

	ck_assert_uint_eq(sct_ppm_semget_flags(IPC_CREAT | 0600), 1u << 13);
	ck_assert_uint_eq(sct_ppm_semget_flags(IPC_CREAT | IPC_EXCL | 0600),
			  (1u << 13) | (1u << 14));

	ck_assert_uint_eq(sct_ppm_semctl_cmd(IPC_STAT), 1);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(IPC_SET), 2);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(IPC_RMID), 4);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(GETVAL), 512);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(SETALL), 2048);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(SETVAL), 4096);
	ck_assert_uint_eq(sct_ppm_semctl_cmd(IPC_STAT | 0x100), 1); /* IPC_64 */
	ck_assert_uint_eq(sct_ppm_semctl_cmd(99), 0);
}
END_TEST

/* QCMD() of <sys/quota.h>: subcommand << 8 | type */
#define T_QCMD(c, t)	(((uint64_t)(c) << 8) | ((t) & 0xff))

START_TEST(test_quotactl)
{
	/* Q_GETQUOTA 0x800007, USRQUOTA 0 */
	ck_assert_uint_eq(sct_ppm_quotactl_cmd(T_QCMD(0x800007, 0)), 1u << 5);
	ck_assert_uint_eq(sct_ppm_quotactl_type(T_QCMD(0x800007, 0)), 1);
	/* Q_SYNC 0x800001, GRPQUOTA 1 */
	ck_assert_uint_eq(sct_ppm_quotactl_cmd(T_QCMD(0x800001, 1)), 1u << 7);
	ck_assert_uint_eq(sct_ppm_quotactl_type(T_QCMD(0x800001, 1)), 2);
	/* Q_QUOTAON 0x800002, PRJQUOTA 2 (no PPM type) */
	ck_assert_uint_eq(sct_ppm_quotactl_cmd(T_QCMD(0x800002, 2)), 1);
	ck_assert_uint_eq(sct_ppm_quotactl_type(T_QCMD(0x800002, 2)), 0);
	/* Q_XGETQUOTA ('X' << 8) + 3; also when the int was sign-extended */
	ck_assert_uint_eq(sct_ppm_quotactl_cmd(T_QCMD(0x5803, 0)), 1u << 10);
	ck_assert_uint_eq(sct_ppm_quotactl_cmd((uint64_t)(int64_t)(int32_t)
					       T_QCMD(0x800008, 0)),
			  1u << 6);
	/* Q_GETNEXTQUOTA 0x800009 is newer than the encoding */
	ck_assert_uint_eq(sct_ppm_quotactl_cmd(T_QCMD(0x800009, 0)), 0);

	ck_assert_uint_eq(sct_ppm_quotactl_fmt(1), 2);	/* QFMT_VFS_OLD */
	ck_assert_uint_eq(sct_ppm_quotactl_fmt(2), 4);	/* QFMT_VFS_V0 */
	ck_assert_uint_eq(sct_ppm_quotactl_fmt(4), 8);	/* QFMT_VFS_V1 */
	ck_assert_uint_eq(sct_ppm_quotactl_fmt(0), 1);	/* not used */
}
END_TEST

START_TEST(test_constant_zero)
{
	ck_assert_uint_eq(sct_ppm_eventfd_flags(EFD_CLOEXEC | EFD_SEMAPHORE),
			  0);
	ck_assert_uint_eq(sct_ppm_signalfd_flags(O_NONBLOCK | O_CLOEXEC), 0);
	/* libs 0.25's timerfd flags: a u8, where only PPM_O_NONBLOCK fits */
	ck_assert_uint_eq(sct_ppm_timerfd_flags(O_NONBLOCK | O_CLOEXEC), 64);
	ck_assert_uint_eq(sct_ppm_timerfd_flags(O_CLOEXEC), 0);
	ck_assert_uint_eq(sct_ppm_timerfd_flags((uint32_t)-1), 0);
	ck_assert_uint_eq(sct_ppm_inotify_flags(O_NONBLOCK | O_CLOEXEC), 0);
	ck_assert_int_eq(sct_ppm_accept4_flags(SOCK_NONBLOCK | SOCK_CLOEXEC),
			 0);
}
END_TEST

/* libs 0.25.4 driver/ppm_flag_helpers.h, as its modern probe builds it */
START_TEST(test_libs025_new_events)
{
	ck_assert_uint_eq(sct_ppm_epoll_create1_flags(O_CLOEXEC), 1);
	ck_assert_uint_eq(sct_ppm_epoll_create1_flags(O_NONBLOCK), 0);
	/* MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB, MFD_NOEXEC_SEAL 8 */
	ck_assert_uint_eq(sct_ppm_memfd_flags(1 | 2 | 4 | 8), 7);
	ck_assert_uint_eq(sct_ppm_pidfd_open_flags(O_NONBLOCK), 1);
	ck_assert_uint_eq(sct_ppm_pidfd_open_flags(O_EXCL), 0);
	/* the driver tests AT_SYMLINK_FOLLOW, which fchownat does not take */
	ck_assert_uint_eq(sct_ppm_fchownat_flags(AT_SYMLINK_NOFOLLOW), 0);
	ck_assert_uint_eq(sct_ppm_fchownat_flags(AT_SYMLINK_FOLLOW |
						 AT_EMPTY_PATH),
			  0x400 | 0x1000);
	ck_assert_uint_eq(sct_ppm_mknod_mode(S_IFIFO | 0640), 010000 | 0640);
	ck_assert_uint_eq(sct_ppm_mknod_mode(0600), 0100000 | 0600);
	ck_assert_uint_eq(sct_ppm_mknod_mode(S_IFCHR | S_ISUID | 0755),
			  020000 | 04000 | 0755);
	ck_assert_uint_eq(sct_ppm_mknod_mode(S_IFDIR | 0700), 0700);
	/* makedev(1, 3) as a kernel dev_t: 0x100003; makedev(259, 300) */
	ck_assert_uint_eq(sct_ppm_mknod_dev(0x103), 0x100003);
	ck_assert_uint_eq(sct_ppm_mknod_dev(0x11032c), 271581484);
	ck_assert_uint_eq(sct_ppm_mknod_dev(0), 0);
	ck_assert_uint_eq(sct_ppm_mlockall_flags(MCL_CURRENT | MCL_FUTURE |
						 8), 3);
	ck_assert_uint_eq(sct_ppm_mlock2_flags(1 | 8), 1);
	ck_assert_uint_eq(sct_ppm_finit_module_flags(1 | 2 | 4 | 8), 7);
	ck_assert_uint_eq(sct_ppm_delete_module_flags(O_NONBLOCK | O_TRUNC |
						      O_CREAT), 3);
	/* bit 0 is IOPOLL and the SQ ring's NEED_WAKEUP to the driver */
	ck_assert_uint_eq(sct_ppm_io_uring_setup_flags(1), 1 | 4);
	ck_assert_uint_eq(sct_ppm_io_uring_setup_flags(2 | 4 | 8), 2 | 8 | 16);
	ck_assert_uint_eq(sct_ppm_io_uring_setup_flags(1u << 7), 0);
	/* every feature of a 6.x kernel but EXT_ARG (bit 8) and the newer */
	ck_assert_uint_eq(sct_ppm_io_uring_feats(0x3fff), 0x6ff);
	ck_assert_uint_eq(sct_ppm_io_uring_enter_flags(0x1f), 0xf);
}
END_TEST

Suite *sct_suite_ppm_flags(void);

Suite *sct_suite_ppm_flags(void)
{
	Suite *s = suite_create("ppm_flags");
	TCase *tc = tcase_create("translate");

	tcase_add_test(tc, test_open_flags);
	tcase_add_test(tc, test_modes);
	tcase_add_test(tc, test_openat2_resolve);
	tcase_add_test(tc, test_clone_flags);
	tcase_add_test(tc, test_socket_family);
	tcase_add_test(tc, test_shutdown_lseek_access);
	tcase_add_test(tc, test_fcntl_cmd);
	tcase_add_test(tc, test_flock_dirfd);
	tcase_add_test(tc, test_futex_op);
	tcase_add_test(tc, test_prot_mmap);
	tcase_add_test(tc, test_at_flags);
	tcase_add_test(tc, test_poll_events);
	tcase_add_test(tc, test_ptrace_request);
	tcase_add_test(tc, test_rlimit_mount);
	tcase_add_test(tc, test_sockopt);
	tcase_add_test(tc, test_sysv_sem);
	tcase_add_test(tc, test_quotactl);
	tcase_add_test(tc, test_constant_zero);
	tcase_add_test(tc, test_libs025_new_events);
	suite_add_tcase(s, tc);
	return s;
}
