#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -c: the per-syscall summary.  The same run traced by "sctrace -c" and by
# "strace -f -c" (a shell that forks, execs and fails a few calls): the
# same syscalls with the same calls and errors columns, strace -c's
# header and total row; with -o the capture is written too (and readable),
# without -o no event line is printed, only the table.
. "$(dirname "$0")/lib.sh"

d=$TMP/w
mkdir -p "$d"
cmd=(sh -c "cd '$d' && ls /nonexistent-dir 2>/dev/null; cat /etc/hostname >out.txt; true")

# calls_errors FILE: "syscall calls errors" per row of an strace -c table
calls_errors() {
	awk '/^-----/ { rule++; next } rule == 1 && NF >= 5 {
		e = (NF == 6) ? $5 : 0; print $NF, $4, e }' "$1" | sort
}

strace -f -c -o "$TMP/strace.c" "${cmd[@]}" >/dev/null 2>&1 ||
	hard_error "strace -f -c failed: $(head -c 300 "$TMP/strace.c")"

cap=$TMP/summary.scap
rc=0
"$SCTRACE" $SCTRACE_READERS -c -o "$cap" -- "${cmd[@]}" </dev/null >/dev/null 2>"$TMP/sct.c" || rc=$?
expect_eq "-c -o: sctrace exits with the command's status" 0 "$rc"
expect_eq "-c: strace -c's header" "% time     seconds  usecs/call     calls    errors syscall" \
	"$(head -n 1 "$TMP/sct.c")"
expect_eq "-c: the same syscalls, calls and errors as strace -f -c" \
	"$(calls_errors "$TMP/strace.c")" "$(calls_errors "$TMP/sct.c")"
expect_match "-c: the total row" '^100\.00 +[0-9]+\.[0-9]{6} +[0-9]+ +[0-9]+ +[0-9]+ total$' \
	"$(tail -n 1 "$TMP/sct.c")"
expect_eq "-c: total calls and errors equal strace's" \
	"$(tail -n 1 "$TMP/strace.c" | awk '{ print $(NF-2), $(NF-1) }')" \
	"$(tail -n 1 "$TMP/sct.c" | awk '{ print $(NF-2), $(NF-1) }')"
check_readers "$cap"
expect_eq "-c -o: the capture holds the calls too (openat exits of out.txt)" 1 \
	"$(sd "$cap" '%fd.name' "evt.type=openat and evt.dir='<' and fd.name=$d/out.txt" | wc -l)"

# without -o: the table only, no event lines
rc=0
"$SCTRACE" -c -- "${cmd[@]}" </dev/null >/dev/null 2>"$TMP/only.c" || rc=$?
expect_eq "-c alone: sctrace exits with the command's status" 0 "$rc"
expect_eq "-c alone: stderr is the table (header, rows, rules, total), no event line" "" \
	"$(grep -v -E '^(% time|-{6} |[ 0-9]{3}\.[0-9]{2} )' "$TMP/only.c" | head -n 3)"
finish
