#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Exit statuses (tests/progs/procs exit N / kill SIG): sctrace exits with the
# program's exit code, or 128 + the signal number when the program is
# killed; the procexit event carries the wait status, exit code and signal.
. "$(dirname "$0")/lib.sh"

procs=$(prog procs)

cap=$TMP/exit3.scap
trace "$cap" "$procs" exit 3
expect_eq "exit 3: sctrace exits with 3" 3 "$trace_rc"
check_readers "$cap"
expect_sd "exit 3: exit_group then procexit (status 0x300, ret 3, no signal)" "$cap" \
	"evt.type in (exit_group,procexit)" '%evt.type %evt.dir %evt.arg.status %evt.arg.ret %evt.arg.sig %evt.arg.core' \
	"exit_group > <NA> <NA> <NA> <NA>
procexit > 768 3 0 0"
check_counts "exit 3" "$cap" -- "$procs" exit 3

cap=$TMP/exit0.scap
trace "$cap" "$procs" exit 0
expect_eq "exit 0: sctrace exits with 0" 0 "$trace_rc"
expect_sd "exit 0: procexit status 0" "$cap" "evt.type=procexit" '%evt.arg.status %evt.arg.ret' "0 0"

cap=$TMP/exit255.scap
trace "$cap" "$procs" exit 255
expect_eq "exit 255: sctrace exits with 255" 255 "$trace_rc"
expect_sd "exit 255: procexit ret 255" "$cap" "evt.type=procexit" '%evt.arg.status %evt.arg.ret' "65280 255"

cap=$TMP/kill9.scap
trace "$cap" "$procs" kill 9
expect_eq "SIGKILL: sctrace exits with 128+9" 137 "$trace_rc"
check_readers "$cap"
pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<'")
expect_sd "SIGKILL: kill enter: pid and signal" "$cap" "evt.type=kill and evt.dir='>'" \
	'%evt.args' "pid=$pid(procs) sig=9(SIGKILL)"
expect_sd "SIGKILL: the kill never returns; procexit with signal 9" "$cap" \
	"evt.type in (kill,procexit)" '%evt.type %evt.dir %evt.arg.status %evt.arg.ret %evt.arg.sig' \
	"kill > <NA> <NA> SIGKILL
procexit > 9 0 SIGKILL"
check_counts "SIGKILL" "$cap" -- "$procs" kill 9

cap=$TMP/kill15.scap
trace "$cap" "$procs" kill 15
expect_eq "SIGTERM: sctrace exits with 128+15" 143 "$trace_rc"
check_readers "$cap"
expect_sd "SIGTERM: procexit with signal 15" "$cap" "evt.type=procexit" \
	'%evt.arg.status %evt.arg.ret %evt.arg.sig' "15 0 SIGTERM"
finish
