#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Faults a run can meet and what sctrace must say and leave behind (issue
# 12), each check failing without its fix: commands that cannot be
# executed, sctrace under a tracer; captures in which nothing was captured;
# a stream whose reader has gone; a program that renames itself.
. "$(dirname "$0")/lib.sh"

# ---- exec format errors: 126, one line, no file ----------------------------
# A file that starts like ELF but is not one, a script whose interpreter
# does not exist: found and executable, so the exec itself fails.
printf '\177ELF not really an executable\n' >"$TMP/notelf"
printf '#!/nonexistent/interpreter\necho hi\n' >"$TMP/noint"
chmod +x "$TMP/notelf" "$TMP/noint"
exec_fails() {
	local what=$1 cmd=$2 want=$3 rc=0
	rm -f "$TMP/x.scap"
	"$SCTRACE" -o "$TMP/x.scap" -- "$cmd" </dev/null >"$TMP/x.out" 2>"$TMP/x.err" || rc=$?
	expect_eq "$what: exit status 126" 126 "$rc"
	if [ -e "$TMP/x.scap" ]; then
		fail "$what: a capture file is left behind"
	else
		pass "$what: no capture file left behind"
	fi
	expect_eq "$what: one line on stderr" "sctrace: $cmd: cannot execute: $want" "$(cat "$TMP/x.err")"
}
exec_fails "not ELF" "$TMP/notelf" "Exec format error"
exec_fails "missing interpreter" "$TMP/noint" "required file not found (its interpreter or loader)"
# text mode: the failed execve and the end, nothing of sctrace's own after it
rc=0
"$SCTRACE" -- "$TMP/notelf" </dev/null >/dev/null 2>"$TMP/t.err" || rc=$?
expect_eq "not ELF, text mode: exit status 126" 126 "$rc"
expect_eq "not ELF, text mode: the execve, procexit, the message" \
	"> execve < execve > procexit sctrace:" \
	"$(awk '{ print ($1 == "sctrace:") ? $1 : $6 " " $7 }' "$TMP/t.err" | tr '\n' ' ' | sed 's/ *$//')"

# ---- sctrace under sctrace: the inner one's child is already traced -------
rc=0
# (the inner sctrace is traced: in a sanitizer build, LeakSanitizer refuses
# to run under ptrace, so it is told not to look for leaks there)
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
"$SCTRACE" -o "$TMP/outer.scap" -- "$SCTRACE" -o "$TMP/inner.scap" -- true \
	</dev/null >/dev/null 2>"$TMP/nested.err" || rc=$?
expect_eq "sctrace under sctrace: the inner one fails, exit status 1" 1 "$rc"
expect_match "sctrace under sctrace: it says the command is already traced" \
	"^sctrace: cannot trace: the command is already traced by process [0-9]+ \\(sctrace runs under a tracer that follows children\\)\$" \
	"$(cat "$TMP/nested.err")"

# ---- nothing captured: a file every reader opens, a true message ----------
# opens_everywhere WHAT CAPTURE: sysdig and tshark read it, one event or more
opens_everywhere() {
	local what=$1 cap=$2 n
	if ! sysdig -r "$cap" >"$TMP/o.sd" 2>"$TMP/o.sd.err"; then
		fail "$what: sysdig -r fails: $(head -c 200 "$TMP/o.sd.err")"
		return 0
	fi
	n=$(wc -l <"$TMP/o.sd")
	if [ "$n" -ge 1 ]; then
		pass "$what: sysdig reads $n event(s)"
	else
		fail "$what: sysdig reads no event"
	fi
	check_readers "$cap"
}

# A launched command and a filter that keeps nothing: its procexit, named.
rc=0
"$SCTRACE" -o "$TMP/none.scap" evt.type=mkdir -- "$(prog hostile)" many 3 \
	</dev/null >/dev/null 2>"$TMP/none.err" || rc=$?
expect_eq "filter keeps nothing: exit status" 0 "$rc"
expect_eq "filter keeps nothing: the message" \
	"sctrace: no event matched the filter; the capture holds only the end (procexit) of the launched command" \
	"$(cat "$TMP/none.err")"
opens_everywhere "filter keeps nothing" "$TMP/none.scap"
expect_sd "filter keeps nothing: the procexit has the command's name" "$TMP/none.scap" \
	"" '%evt.type %proc.name %proc.exe' "procexit hostile $(prog hostile)"

# Attached processes that make no syscall until sctrace is told to stop:
# one that sleeps, under a filter that keeps nothing; one stopped by job
# control, with no filter.
if [ "$(id -u)" -ne 0 ] &&
	[ "$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo 0)" -ge 1 ]; then
	note "attach cases left out: Yama ptrace_scope forbids attaching here"
else
	attach_none() {
		local what=$1 cap=$2 want=$3 stop=$4 rc=0 spid tpid
		shift 4
		sleep 30 &
		spid=$!
		if [ "$stop" = stop ]; then
			kill -STOP "$spid"
			# stopped before the attach: a SIGSTOP still pending when
			# sctrace attaches is delivered under it (a signaldeliver)
			for _ in $(seq 100); do
				[ "$(awk '{ print $3 }' /proc/$spid/stat)" = T ] && break
				sleep 0.02
			done
		fi
		"$SCTRACE" -o "$cap" -p "$spid" "$@" </dev/null >/dev/null 2>"$cap.err" &
		tpid=$!
		# attached when its TracerPid is sctrace
		for _ in $(seq 100); do
			[ "$(awk '/^TracerPid:/ { print $2 }' /proc/$spid/status)" = "$tpid" ] && break
			sleep 0.05
		done
		sleep 0.2
		kill -TERM "$tpid"
		wait "$tpid" || rc=$?
		kill -KILL "$spid" 2>/dev/null || true
		wait "$spid" 2>/dev/null || true
		expect_eq "$what: exit status" 0 "$rc"
		expect_eq "$what: the message" "sctrace: $want; the capture holds only a notification event saying so" \
			"$(cat "$cap.err")"
		opens_everywhere "$what" "$cap"
		expect_sd "$what: the notification says why" "$cap" "" '%evt.type %evt.arg.desc' \
			"notification $want"
	}
	attach_none "attach, sleeping, filter keeps nothing" "$TMP/asleep.scap" \
		"no event matched the filter" run evt.type=mkdir
	attach_none "attach, stopped, no filter" "$TMP/astop.scap" \
		"no syscall was seen (the traced processes were stopped or blocked all along)" stop
fi

# A full disk before the first event: room for less than the header blocks
# (a tmpfs, or else a file-size limit with SIGXFSZ ignored).  The file must
# open all the same: it ends with a notification event in place of the
# header blocks that did not fit.
hostile=$(prog hostile)
"$SCTRACE" -o "$TMP/head.scap" -- "$hostile" many 0 </dev/null >/dev/null 2>&1 ||
	fail "header full: the header-only capture failed"
room=$(( $(stat -c %s "$TMP/head.scap") / 2048 ))
full_dir=$TMP/full
mkdir "$full_dir"
if mount -t tmpfs -o size=${room}k sctrace-test "$full_dir" 2>/dev/null; then
	full_errno='No space left on device'
	limit=()
	umount_full() { umount "$full_dir" 2>/dev/null || true; cleanup; }
	trap umount_full EXIT
else
	full_errno='File too large'
	limit=(bash -c 'trap "" XFSZ; ulimit -f "$0"; exec "$@"' "$room")
fi
cap=$full_dir/full.scap
rc=0
"${limit[@]}" "$SCTRACE" -v -o "$cap" -- "$hostile" many 100 </dev/null \
	>"$TMP/hfull.out" 2>"$TMP/hfull.err" || rc=$?
expect_eq "header full: exit status" 1 "$rc"
expect_match "header full: the error is reported" "^sctrace: writing $cap: $full_errno\$" \
	"$(head -n 1 "$TMP/hfull.err")"
opens_everywhere "header full" "$cap"
expect_sd "header full: a notification says why" "$cap" "" '%evt.type %evt.arg.desc' \
	"notification write error: the capture was cut before its first event"
expect_match "header full: -v counts the one event in the file" "^sctrace: 1 events written, " \
	"$(grep 'events written' "$TMP/hfull.err")"

# ---- a stream whose reader has gone: tracing stops at once ----------------
# hostile many N makes N getpid calls.  Traced to the end, 1,000,000 take
# ten times as long as 100,000 (seconds); once head has gone, the rest runs
# untraced: the whole run must take less than the traced run of a tenth of
# the calls (both pay sctrace's start, /proc snapshot included).  Without
# in-process recording: with it, the command runs under sctrace's seccomp
# filter, which a detached process cannot leave (see below).
ms() { date +%s%3N; }
t0=$(ms)
"$SCTRACE" --no-syscall-buffer -o /dev/null -- "$hostile" many 100000 \
	</dev/null >/dev/null 2>&1 ||
	fail "reader gone: the reference run failed"
t_ref=$(( $(ms) - t0 ))
t0=$(ms)
set +o pipefail
"$SCTRACE" --no-syscall-buffer -o - -- "$hostile" many 1000000 </dev/null \
	2>"$TMP/gone.err" | head -c 2000 >/dev/null
rc=${PIPESTATUS[0]}
set -o pipefail
t_gone=$(( $(ms) - t0 ))
if [ "$t_gone" -lt "$t_ref" ]; then
	pass "reader gone: 1,000,000 calls in $t_gone ms, less than 100,000 traced ($t_ref ms)"
else
	fail "reader gone: 1,000,000 calls took $t_gone ms, 100,000 traced $t_ref ms: tracing went on"
fi
expect_eq "reader gone: the command's exit status" 0 "$rc"
expect_eq "reader gone: one line says so" \
	"sctrace: the capture's reader has gone (Broken pipe): tracing stopped, the traced programs run on" \
	"$(cat "$TMP/gone.err")"

# Under sctrace's seccomp filter (a filter on evt.type), the threads stay
# attached and are only resumed: detached, their filtered syscalls (here
# openat) would fail with ENOSYS and cat with them.
set +o pipefail
"$SCTRACE" -o - evt.type=openat -- sh -c \
	'for i in $(seq 300); do cat /etc/hostname >/dev/null || exit 9; done' \
	</dev/null 2>"$TMP/gone2.err" | head -c 2000 >/dev/null
rc=${PIPESTATUS[0]}
set -o pipefail
expect_eq "reader gone, seccomp filter: the command's syscalls still work (exit 0)" 0 "$rc"
expect_eq "reader gone, seccomp filter: one line says so" \
	"sctrace: the capture's reader has gone (Broken pipe): tracing stopped, the traced programs run on" \
	"$(cat "$TMP/gone2.err")"

# The same with in-process recording (the default): its filter stays too.
# The recorder's calls then run unrecorded; the rest stop and are resumed.
# A dynamically linked program that reads and writes: cat, in a loop.
set +o pipefail
"$SCTRACE" -o - -- sh -c \
	'for i in $(seq 300); do cat /etc/hostname >/dev/null || exit 9; done' \
	</dev/null 2>"$TMP/gone3.err" | head -c 2000 >/dev/null
rc=${PIPESTATUS[0]}
set -o pipefail
expect_eq "reader gone, in-process recording: the command's syscalls still work (exit 0)" 0 "$rc"
expect_eq "reader gone, in-process recording: one line says so" \
	"sctrace: the capture's reader has gone (Broken pipe): tracing stopped, the traced programs run on" \
	"$(cat "$TMP/gone3.err")"

# ---- the name follows prctl(PR_SET_NAME) and writes to /proc/.../comm ------
# (text mode; rename: getpid after each of: start, PR_SET_NAME, a write to
# /proc/thread-self/comm, another thread's write to /proc/self/comm)
rc=0
"$SCTRACE" -- "$(prog rename)" </dev/null >/dev/null 2>"$TMP/rename.err" || rc=$?
expect_eq "rename: exit status" 0 "$rc"
expect_eq "rename: the name printed follows each rename" \
	"rename renamed-p renamed-t renamed-s" \
	"$(awk '$6 == "<" && $8 == "ID=16(getpid)" { print $4 }' "$TMP/rename.err" | tr '\n' ' ' | sed 's/ $//')"
rc=0
"$SCTRACE" --no-seccomp 'proc.name=renamed-t and evt.type=getpid' -- "$(prog rename)" \
	</dev/null >/dev/null 2>"$TMP/rename2.err" || rc=$?
expect_eq "rename: proc.name filter: exit status" 0 "$rc"
expect_eq "rename: proc.name filter follows the renames (the third getpid only)" \
	"renamed-t > getpid|renamed-t < getpid" \
	"$(awk '{ sub(/.*\(/, "", $8); sub(/\)/, "", $8); print $4, $6, $8 }' "$TMP/rename2.err" | tr '\n' '|' | sed 's/|$//')"

finish
