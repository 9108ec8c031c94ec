#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# File syscalls (tests/progs/fileio): event types and directions, return
# values, paths, flags, sizes, payloads, a failing open (ENOENT) and close
# (EBADF), the process fields, and the per-syscall counts against strace.
. "$(dirname "$0")/lib.sh"

fileio=$(prog fileio)
d=$TMP/files
mkdir "$d"
cap=$TMP/files.scap
trace "$cap" "$fileio" "$d"
expect_eq "sctrace exits with the program's status" 0 "$trace_rc"
check_readers "$cap"

ex() { printf "evt.type=%s and evt.dir='<' and %s" "$1" "$2"; }
en() { printf "evt.type=%s and evt.dir='>' and %s" "$1" "$2"; }

# openat: the fd it returns, the path, the flags (PPM names), the mode
expect_sd "openat exit: rawres is the fd, name, flags, mode" "$cap" \
	"$(ex openat "evt.arg.name=$d/a.txt")" \
	'%evt.rawres %fd.num %fd.typechar %fd.name %evt.arg.dirfd %evt.arg.flags %evt.arg.mode' \
	"3 3 f $d/a.txt AT_FDCWD O_TRUNC|O_CREAT|O_RDWR 0640"
expect_sd "openat enter: dirfd, name, flags, mode" "$cap" \
	"$(en openat "evt.arg.name=$d/a.txt")" \
	'%evt.arg.dirfd %evt.arg.name %evt.arg.flags %evt.arg.mode' \
	"AT_FDCWD $d/a.txt O_TRUNC|O_CREAT|O_RDWR 0640"
dev=$(printf '%X' "$((16#$(stat -c %D "$d/a.txt")))")
expect_sd "openat exit: dev is the file's device" "$cap" \
	"$(ex openat "evt.arg.name=$d/a.txt")" '%evt.arg.dev' "$dev"

# the old open and creat
expect_sd "open: fd, name, flags, mode" "$cap" "evt.type=open and evt.dir='<'" \
	'%evt.rawres %fd.name %evt.arg.flags %evt.arg.mode' \
	"4 $d/b.txt O_APPEND|O_CREAT|O_WRONLY 0600"
expect_sd "creat: fd, name, mode" "$cap" "evt.type=creat and evt.dir='<'" \
	'%evt.rawres %fd.name %evt.arg.mode' "5 $d/c.txt 0644"

# failing calls
expect_sd "openat of a missing path fails with ENOENT (-2)" "$cap" \
	"$(ex openat "evt.arg.name=$d/missing/none.txt")" \
	'%evt.rawres %evt.res %evt.failed %evt.arg.flags' "-2 ENOENT true O_RDONLY"
expect_sd "close of a bad fd fails with EBADF (-9)" "$cap" \
	"$(ex close "evt.rawres<0")" '%evt.rawres %evt.res' "-9 EBADF"
expect_sd "close enter of the bad fd carries fd 1000" "$cap" \
	"$(en close "evt.arg.fd=1000")" '%evt.type' "close"

# I/O on a.txt: one line per event, enter then exit, in order
expect_sd "I/O on a.txt: types, directions, sizes, results, payloads" "$cap" \
	"evt.type in (write,pwrite,writev,pread,lseek,read,readv) and fd.name=$d/a.txt" \
	'%evt.type %evt.dir %evt.rawres %fd.num %evt.arg.size %evt.arg.pos %evt.arg.data' \
	"write > <NA> 3 12 <NA> <NA>
write < 12 3 <NA> <NA> hello-openat
pwrite > <NA> 3 6 100 <NA>
pwrite < 6 3 <NA> <NA> PWRITE
writev > <NA> 3 15 <NA> <NA>
writev < 15 3 <NA> <NA> vec-one:vec-two
pread > <NA> 3 6 100 <NA>
pread < 6 3 <NA> <NA> PWRITE
lseek > <NA> 3 <NA> <NA> <NA>
lseek < 0 3 <NA> <NA> <NA>
read > <NA> 3 12 <NA> <NA>
read < 12 3 <NA> <NA> hello-openat
readv > <NA> 3 <NA> <NA> <NA>
readv < 15 3 15 <NA> vec-one:vec-two"
expect_sd "lseek enter: offset and whence" "$cap" "$(en lseek "fd.num=3")" \
	'%evt.arg.offset %evt.arg.whence' "0 SEEK_SET"
expect_sd "writes to b.txt and c.txt: fd.name and payload" "$cap" \
	"evt.type=write and evt.dir='<' and fd.num in (4,5)" '%fd.name %evt.arg.data' \
	"$d/b.txt bee
$d/c.txt sea"
expect_sd "closes: fd.name of each closed file" "$cap" \
	"$(ex close "evt.rawres=0 and fd.directory=$d")" '%fd.name' \
	"$d/c.txt
$d/b.txt
$d/a.txt"

# process fields: the program's parent is sctrace
pid=$(sd "$cap" '%proc.pid' "$(ex openat "evt.arg.name=$d/a.txt")")
expect_sd "process fields on the program's events" "$cap" \
	"$(ex openat "evt.arg.name=$d/a.txt")" \
	'%proc.name %proc.pname %proc.pid %thread.tid %proc.exe %proc.args' \
	"fileio sctrace $pid $pid $fileio $d"
expect_sd "every event is from the one process and thread" "$cap" \
	"proc.pid!=$pid or thread.tid!=$pid" '%evt.num %evt.type' ""

# the process starts with its execve and ends with exit_group + procexit
expect_sd "first event: execve enter with the program's path" "$cap" "evt.num=1" \
	'%evt.type %evt.dir %evt.arg.filename' "execve > $fileio"
expect_sd "execve exit: res, exe, args (NUL-terminated: sysdig shows a dot), comm, parent" "$cap" \
	"evt.type=execve and evt.dir='<'" \
	'%evt.rawres %evt.arg.exe %evt.arg.args %evt.arg.comm %proc.name %proc.pname' \
	"0 $fileio $d. fileio fileio sctrace"
expect_sd "last events: exit_group, then procexit with status 0" "$cap" \
	"evt.type in (exit_group,procexit)" '%evt.type %evt.dir %evt.arg.status %evt.arg.ret' \
	"exit_group > <NA> <NA>
procexit > 0 0"
expect_eq "the files have the expected content" "hello-openat|bee|sea" \
	"$(head -c 12 "$d/a.txt")|$(cat "$d/b.txt")|$(cat "$d/c.txt")"

d2=$TMP/files-strace
mkdir "$d2"
check_counts "fileio" "$cap" -- "$fileio" "$d2"
finish
