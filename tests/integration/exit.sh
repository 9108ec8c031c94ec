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
# (the driver's signal_deliver of a thread ended by SIGKILL: from no sender)
expect_sd "SIGKILL: signaldeliver SIGKILL from no sender (spid 0), then procexit" "$cap" \
	"evt.type in (signaldeliver,procexit)" '%evt.type %evt.rawarg.spid %evt.rawarg.dpid %evt.arg.sig' \
	"signaldeliver 0 $pid SIGKILL
procexit <NA> <NA> SIGKILL"

cap=$TMP/kill15.scap
trace "$cap" "$procs" kill 15
expect_eq "SIGTERM: sctrace exits with 128+15" 143 "$trace_rc"
check_readers "$cap"
expect_sd "SIGTERM: procexit with signal 15" "$cap" "evt.type=procexit" \
	'%evt.arg.status %evt.arg.ret %evt.arg.sig' "15 0 SIGTERM"
# Untraced, the kernel turns a signal that ends the process without a core
# dump into SIGKILL when it is sent: the driver sees that, not SIGTERM.
pid=$(sd "$cap" '%proc.pid' "evt.type=execve and evt.dir='<'")
expect_sd "SIGTERM: one signaldeliver, SIGKILL from no sender, as the driver's" "$cap" \
	"evt.type=signaldeliver" '%evt.rawarg.spid %evt.rawarg.dpid %evt.arg.sig' "0 $pid SIGKILL"

# Threads ended with their process: each passes the kernel's signal code
# with SIGKILL on its way out (the driver's signaldeliver from no sender,
# then its procexit), but not the thread that called exit_group, nor the
# one that took a core-dumping signal (its own signal's signaldeliver).
# Per thread, in order: "main" for the process's first thread (the lowest
# tid: a filtered capture may not name the others' process).
ends() {
	sd "$1" '%thread.tid %evt.type %evt.rawarg.spid %evt.arg.sig' \
		"evt.type in (signaldeliver,procexit)" |
		awk '{ s = $2 == "signaldeliver" ? "signaldeliver(" $3 "," $4 ")" : $2
		       ev[$1] = ev[$1] ? ev[$1] " " s : s
		       if (min == "" || $1 + 0 < min) min = $1 + 0 }
		     END { for (t in ev) print (t + 0 == min ? "main " : "thread ") ev[t] }' |
		sort
}
for how in 0 15 11; do
	cap=$TMP/threads-end$how.scap
	trace "$cap" "$procs" threads-end $how
	case $how in
	0)	want="main procexit
thread signaldeliver(0,SIGKILL) procexit
thread signaldeliver(0,SIGKILL) procexit"
		what="exit_group" ;;
	15)	want="main signaldeliver(0,SIGKILL) procexit
thread signaldeliver(0,SIGKILL) procexit
thread signaldeliver(0,SIGKILL) procexit"
		what="SIGTERM" ;;
	11)	# (the thread the kernel gives it to: any of the three, the
		# main one being stopped in its kill's exit under ptrace)
		want="signaldeliver(0,SIGKILL) procexit
signaldeliver(0,SIGKILL) procexit
signaldeliver(0,SIGSEGV) procexit"
		what="SIGSEGV" ;;
	esac
	got=$(ends "$cap")
	[ "$how" != 11 ] || got=$(sed 's/^[a-z]* //' <<<"$got" | sort)
	expect_eq "threads ended by $what: each thread's signaldeliver and procexit, as the driver's" \
		"$want" "$got"
done
check_readers "$cap"
# The same with a filter: its seccomp filter stops exit_group too, or the
# thread that called it would look killed.
cap=$TMP/threads-end-filtered.scap
"$SCTRACE" $SCTRACE_READERS -o "$cap" evt.type=signaldeliver or evt.type=procexit -- \
	"$procs" threads-end 0 </dev/null >/dev/null 2>"$cap.err" || true
expect_eq "threads ended by exit_group, evt.type filter: the same events" \
	"main procexit
thread signaldeliver(0,SIGKILL) procexit
thread signaldeliver(0,SIGKILL) procexit" "$(ends "$cap")"
finish
