#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Pipes and fd duplication (tests/progs/pipes): pipe and pipe2 (both "pipe"
# to sysdig), dup, dup2 and dup3 (all "dup"), the data written and read
# through the pipe fds and their duplicates, fd types and numbers, and the
# per-syscall counts against strace.
. "$(dirname "$0")/lib.sh"

pipes=$(prog pipes)
cap=$TMP/pipes.scap
trace "$cap" "$pipes"
expect_eq "sctrace exits 0" 0 "$trace_rc"
check_readers "$cap"

expect_sd "pipe exits: result 0, two pipe fds each" "$cap" "evt.type=pipe and evt.dir='<'" \
	'%evt.rawres %evt.arg.fd1 %evt.arg.fd2 %fd.type' "0 <p> <p> pipe
0 <p> <p> pipe"
ino=$(sd "$cap" '%evt.arg.ino' "evt.type=pipe and evt.dir='<'" | tr '\n' ' ')
expect_match "pipe exits: two different, non-zero inode numbers" '^[1-9][0-9]* [1-9][0-9]* $' "$ino"
[ "${ino%% *}" != "$(echo "$ino" | cut -d' ' -f2)" ] || fail "both pipes have inode ${ino%% *}"

expect_sd "the pipe I/O, in order: fds, results, payloads" "$cap" \
	"evt.type in (pipe,dup) or (evt.type in (read,write) and fd.type=pipe)" \
	'%evt.type %evt.dir %evt.rawres %fd.num %fd.type %evt.arg.size %evt.arg.data' \
	"pipe > <NA> -1 <NA> <NA> <NA>
pipe < 0 4 pipe <NA> <NA>
write > <NA> 4 pipe 12 <NA>
write < 12 4 pipe <NA> through-pipe
read > <NA> 3 pipe 12 <NA>
read < 12 3 pipe <NA> through-pipe
pipe > <NA> -1 <NA> <NA> <NA>
pipe < 0 6 pipe <NA> <NA>
write > <NA> 6 pipe 13 <NA>
write < 13 6 pipe <NA> through-pipe2
read > <NA> 5 pipe 13 <NA>
read < 13 5 pipe <NA> through-pipe2
dup > <NA> 4 pipe <NA> <NA>
dup < 7 7 pipe <NA> <NA>
write > <NA> 7 pipe 7 <NA>
write < 7 7 pipe <NA> via-dup
read > <NA> 3 pipe 7 <NA>
read < 7 3 pipe <NA> via-dup
dup > <NA> 6 pipe <NA> <NA>
dup < 10 10 pipe <NA> <NA>
write > <NA> 10 pipe 8 <NA>
write < 8 10 pipe <NA> via-dup2
read > <NA> 5 pipe 8 <NA>
read < 8 5 pipe <NA> via-dup2
dup > <NA> 3 pipe <NA> <NA>
dup < 11 11 pipe <NA> <NA>
write > <NA> 4 pipe 13 <NA>
write < 13 4 pipe <NA> read-via-dup3
read > <NA> 11 pipe 13 <NA>
read < 13 11 pipe <NA> read-via-dup3"
expect_sd "closes of the pipe fds and duplicates" "$cap" \
	"evt.type=close and evt.dir='<' and fd.type=pipe" '%fd.num %fd.type %evt.rawres' \
	"11 pipe 0
10 pipe 0
7 pipe 0
5 pipe 0
6 pipe 0
3 pipe 0
4 pipe 0"
check_counts "pipes" "$cap" -- "$pipes"
finish
