#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Checks syscalls/<arch>.tbl against the kernel's own files in
# syscalls/kernel/, the way libseccomp's arch-syscall-validate checks its
# table against a kernel tree:
#  1. every kernel copy is verbatim: its git blob id is the one recorded
#     below (the id of that file in the kernel release the tables name), and
#     the arch table's header comment names the same id;
#  2. every arch table has exactly the (nr, abi, name) rows of the kernel
#     file that its ABI builds, nothing more or less.
# Refreshing the tables for a new kernel is a reviewed step: copy the new
# kernel files, regenerate the .tbl rows, and update the ids here.
# Usage: validate.sh [SRCDIR]  (under make check, $srcdir is set)
set -u
dir=${1:-${srcdir:-.}}/syscalls
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

bad() {
	echo "FAIL: $*"
	fail=1
}

# git blob id of a file, computed without git
blob() {
	{ printf 'blob %s\0' "$(wc -c < "$1" | tr -d ' ')"; cat "$1"; } |
		sha1sum | cut -d ' ' -f 1
}

# check_blob KERNEL-FILE ID ARCH...: the copy is unedited, and each ARCH's
# table header cites it
check_blob() {
	f=$1 id=$2
	shift 2
	if [ ! -f "$dir/kernel/$f" ]; then
		bad "syscalls/kernel/$f is missing"
		return
	fi
	got=$(blob "$dir/kernel/$f")
	[ "$got" = "$id" ] ||
		bad "syscalls/kernel/$f has git blob $got, expected $id (not the verbatim kernel file)"
	for a in "$@"; do
		grep -q "^#.*$id" "$dir/$a.tbl" ||
			bad "syscalls/$a.tbl: the header does not name blob $id of $f"
	done
}

# check_rows ARCH KERNEL-FILE ABIS: the table's rows (minus the "private"
# ones) are the kernel file's rows with one of ABIS ("*": all of them);
# the kernel files separate columns by tabs or spaces
check_rows() {
	awk -v abis=" $3 " '/^[0-9]/ {
		if (abis == " * " || index(abis, " " $2 " "))
			print $1 "\t" $2 "\t" $3
	}' "$dir/kernel/$2" | sort > "$tmp/want"
	awk -F '\t' '/^[0-9]/ && $2 != "private" { print $1 "\t" $2 "\t" $3 }' \
		"$dir/$1.tbl" | sort > "$tmp/have"
	if ! cmp -s "$tmp/want" "$tmp/have"; then
		bad "syscalls/$1.tbl differs from syscalls/kernel/$2 (abi $3):"
		comm -3 "$tmp/want" "$tmp/have" |
			sed 's/^\t/  only in the table: /; t; s/^/  only in the kernel file: /'
	else
		echo "ok: syscalls/$1.tbl, $(wc -l < "$tmp/have") rows of syscalls/kernel/$2"
	fi
}

# check_private ARCH HEADER: the "private" rows are the __ARM_NR_* calls
# (__ARM_NR_BASE = __NR_SYSCALL_BASE + 0x0f0000, 0 for EABI)
check_private() {
	grep -q '^#define __ARM_NR_BASE[[:space:]]*(__NR_SYSCALL_BASE+0x0f0000)' \
		"$dir/kernel/$2" || bad "syscalls/kernel/$2: __ARM_NR_BASE moved"
	sed -n 's/^#define __ARM_NR_\([a-z0-9_]*\)[[:space:]]*(__ARM_NR_BASE+\([0-9]*\))$/\1 \2/p' \
		"$dir/kernel/$2" |
		awk '{ print 983040 + $2 "\tprivate\t" $1 }' | sort > "$tmp/want"
	awk -F '\t' '/^[0-9]/ && $2 == "private" { print $1 "\t" $2 "\t" $3 }' \
		"$dir/$1.tbl" | sort > "$tmp/have"
	[ -s "$tmp/want" ] || bad "syscalls/kernel/$2: no __ARM_NR_ calls found"
	if ! cmp -s "$tmp/want" "$tmp/have"; then
		bad "syscalls/$1.tbl private rows differ from syscalls/kernel/$2:"
		comm -3 "$tmp/want" "$tmp/have" |
			sed 's/^\t/  only in the table: /; t; s/^/  only in the kernel file: /'
	else
		echo "ok: syscalls/$1.tbl, $(wc -l < "$tmp/have") private rows of syscalls/kernel/$2"
	fi
}

# Linux 6.18.  Kernel file (syscalls/kernel/)	git blob id	tables citing it
check_blob syscall_64.tbl ced2a1deecd7ce082b786a8e7a7b094f6b74904c x86_64
check_blob syscall_32.tbl 4877e16da69a50f2225088e556661051dbe3c7a3 i386
check_blob generic_syscall.tbl d1ae5e92c615b58ea64eb793e3b615127c2769ce aarch64
check_blob arm_syscall.tbl b07e699aaa3c2840452109c0004529fc68e153ac armhf
check_blob arm_unistd.h a1149911464c3b5005714e19b2d743961005c5fb armhf

# Arch	kernel file	abi column values the arch builds
check_rows x86_64 syscall_64.tbl '*'
check_rows i386 syscall_32.tbl '*'
# arch/arm64/kernel/Makefile.syscalls: syscall_abis_64 += renameat rlimit memfd_secret
check_rows aarch64 generic_syscall.tbl 'common 64 renameat rlimit memfd_secret'
# EABI: the oabi-only rows are not reachable
check_rows armhf arm_syscall.tbl 'common eabi'
check_private armhf arm_unistd.h

exit $fail
