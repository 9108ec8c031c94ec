#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Output modes: -z (gzip) to a file and to stdout, -o - (capture on stdout,
# also when the traced command writes to its own stdout), no -o (readable
# lines on stderr, no capture file), and -v's event count against the
# number of events the readers find.
. "$(dirname "$0")/lib.sh"

pipes=$(prog pipes)
known_event() { # WHAT CAPTURE: a payload sysdig must find in a pipes capture
	expect_sd "$1: the pipe write with its payload is there" "$2" \
		"evt.type=write and evt.dir='<' and fd.num=10" '%evt.rawres %fd.type %evt.arg.data' "8 pipe via-dup2"
}
is_gzip() { [ "$(head -c 2 "$1" | od -An -tx1 | tr -d ' \n')" = 1f8b ]; }

# ---- -z to a file ------------------------------------------------------------
cap=$TMP/z.scap.gz
SCTRACE_OPTS=(-z)
trace "$cap" "$pipes"
SCTRACE_OPTS=()
expect_eq "-z: sctrace exits 0" 0 "$trace_rc"
if is_gzip "$cap"; then pass "-z: the file is gzip"; else fail "-z: the file is not gzip"; fi
check_readers "$cap"
known_event "-z" "$cap"
check_counts "-z" "$cap" -- "$pipes"

# ---- -o - into a file --------------------------------------------------------
cap=$TMP/stdout.scap
rc=0
"$SCTRACE" $SCTRACE_READERS -o - -- "$pipes" >"$cap" 2>"$TMP/stdout.err" || rc=$?
expect_eq "-o -: sctrace exits 0" 0 "$rc"
check_readers "$cap"
known_event "-o -" "$cap"

# ---- -z -o - through a pipe --------------------------------------------------
cap=$TMP/stdout-z.scap.gz
rc=0
"$SCTRACE" $SCTRACE_READERS -z -o - -- "$pipes" 2>"$TMP/stdout-z.err" | cat >"$cap" || rc=$?
expect_eq "-z -o - | cat: sctrace exits 0" 0 "$rc"
if is_gzip "$cap"; then pass "-z -o -: the stream is gzip"; else fail "-z -o -: the stream is not gzip"; fi
check_readers "$cap"
known_event "-z -o -" "$cap"

# ---- -o - with a command that writes to its stdout ---------------------------
# The capture owns stdout: the command's output must not end up inside it.
cap=$TMP/stdout-echo.scap
rc=0
"$SCTRACE" $SCTRACE_READERS -o - -- /bin/echo hello-from-echo >"$cap" 2>"$TMP/stdout-echo.err" || rc=$?
expect_eq "-o - with a chatty command: sctrace exits 0" 0 "$rc"
if grep -q 'hello-from-echo' "$cap" && ! sysdig -r "$cap" -p '%evt.num' >/dev/null 2>&1; then
	fail "-o - with a chatty command: the command's output is mixed into the capture ($(sysdig -r "$cap" -p '%evt.num' 2>&1 >/dev/null | head -n1))"
else
	check_readers "$cap"
	expect_sd "-o - with a chatty command: echo's write is in the capture" "$cap" \
		"evt.type=write and evt.dir='<' and proc.name=echo" '%evt.rawres %evt.arg.data' "16 hello-from-echo."
fi

# ---- no -o: readable lines on stderr, no capture ----------------------------
mkdir "$TMP/cwd"
rc=0
(cd "$TMP/cwd" && "$SCTRACE" -- /bin/echo plain-mode >"$TMP/plain.out" 2>"$TMP/plain.err") || rc=$?
expect_eq "no -o: sctrace exits 0" 0 "$rc"
expect_eq "no -o: the command's stdout is untouched" plain-mode "$(cat "$TMP/plain.out")"
expect_match "no -o: event lines on stderr" 'execve' "$(head -c 100000 "$TMP/plain.err")"
expect_eq "no -o: no file is written in the working directory" "" "$(ls -A "$TMP/cwd")"
rc=0
"$SCTRACE" -- "$(prog procs)" exit 5 2>/dev/null || rc=$?
expect_eq "no -o: sctrace exits with the command's status" 5 "$rc"

# ---- -v: the count of events written ----------------------------------------
cap=$TMP/v.scap
SCTRACE_OPTS=(-v)
trace "$cap" "$pipes"
SCTRACE_OPTS=()
stats=$(grep -E '^sctrace: [0-9]+ events written' "$cap.err" || true)
expect_match "-v: one stats line on stderr" '^sctrace: [0-9]+ events written' "$stats"
[ "$(printf '%s\n' "$stats" | grep -c .)" -le 1 ] || fail "-v: more than one stats line: $stats"
n=$(printf '%s' "$stats" | sed -nE 's/^sctrace: ([0-9]+) events written.*/\1/p')
expect_eq "-v: the events written are the events sysdig reads" "$(sd "$cap" '%evt.num' | wc -l)" "$n"
finish
