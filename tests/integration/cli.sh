#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad command lines: each one gives exactly one line on stderr, a non-zero
# exit status, nothing on stdout, does not run the command (it would create
# a marker file), and leaves no capture file behind.
. "$(dirname "$0")/lib.sh"

marker=$TMP/marker
out=$TMP/out.scap

# bad WHAT WANT-RC MESSAGE-ERE SCTRACE-ARGS...: WANT-RC is a number or
# "nonzero"; MESSAGE-ERE must match the one stderr line.
bad() {
	local what=$1 want=$2 msg=$3 rc=0 nl
	shift 3
	rm -f "$marker" "$out"
	"$SCTRACE" "$@" >"$TMP/stdout" 2>"$TMP/stderr" </dev/null || rc=$?
	if [ "$want" = nonzero ]; then
		if [ "$rc" -ne 0 ]; then pass "$what: exit status $rc"; else fail "$what: exit status 0"; fi
	else
		expect_eq "$what: exit status" "$want" "$rc"
	fi
	nl=$(wc -l <"$TMP/stderr")
	if [ "$nl" -eq 1 ] && [ "$(wc -c <"$TMP/stderr")" -gt 10 ]; then
		pass "$what: one line on stderr"
	else
		fail "$what: $nl lines on stderr (want exactly 1):"
		sed 's/^/      /' "$TMP/stderr"
	fi
	expect_match "$what: the message says what is wrong" "$msg" "$(head -n1 "$TMP/stderr")"
	if [ -s "$TMP/stdout" ]; then
		fail "$what: something on stdout: $(head -c 200 "$TMP/stdout")"
	else
		pass "$what: nothing on stdout"
	fi
	if [ -e "$marker" ]; then fail "$what: the command ran"; else pass "$what: the command did not run"; fi
	if [ -e "$out" ]; then fail "$what: $out was left behind"; else pass "$what: no capture file left"; fi
}

run_marker=(-- touch "$marker")

bad "no arguments" nonzero 'command' 
bad "only --" nonzero 'command' --
bad "-o FILE but no command" nonzero 'command' -o "$out" --
bad "command not found" 127 'no-such-command-xyz' -o "$out" -- no-such-command-xyz arg
bad "command not found (by path)" 127 "$TMP/no-such-file" -o "$out" -- "$TMP/no-such-file"
printf '#!/bin/sh\ntouch "%s"\n' "$marker" >"$TMP/not-executable"
chmod 644 "$TMP/not-executable"
bad "command not executable" 126 "$TMP/not-executable" -o "$out" -- "$TMP/not-executable"
bad "command is a directory" 126 "$TMP" -o "$out" -- "$TMP"

bad "-o in a missing directory" nonzero "$TMP/no-dir/x.scap" -o "$TMP/no-dir/x.scap" "${run_marker[@]}"
[ ! -e "$TMP/no-dir" ] || fail "-o in a missing directory: the directory was created"
# root can write anywhere a directory allows: make the path impossible instead
bad "-o under /proc/self (unwritable)" nonzero '/proc/self/nonexistent/x.scap' \
	-o /proc/self/nonexistent/x.scap "${run_marker[@]}"
bad "-o under a regular file" nonzero '/etc/hostname/x.scap' -o /etc/hostname/x.scap "${run_marker[@]}"
bad "-z -o in a missing directory" nonzero "$TMP/no-dir/x.scap" -z -o "$TMP/no-dir/x.scap" "${run_marker[@]}"

bad "-s abc" nonzero 'abc' -s abc -o "$out" "${run_marker[@]}"
bad "-s -1" nonzero '-1' -s -1 -o "$out" "${run_marker[@]}"
bad "-s 99999999" nonzero '99999999' -s 99999999 -o "$out" "${run_marker[@]}"
bad "-s 10x" nonzero '10x' -s 10x -o "$out" "${run_marker[@]}"
bad "-s ''" nonzero 'snaplen|-s' -s '' -o "$out" "${run_marker[@]}"
bad "-s without a value" nonzero '-s' -o "$out" -s
bad "-o without a value" nonzero '-o' -o

bad "unknown option -Q" nonzero '-Q' -Q -o "$out" "${run_marker[@]}"
bad "unknown option --bogus" nonzero 'bogus' --bogus -o "$out" "${run_marker[@]}"

# early exits that follow allocations (a filter, a pid list): with
# SCTRACE an -fsanitize=address build, LeakSanitizer's report would be more
# than the one line (issue 12: they leaked)
bad "a filter syntax error" 1 'filter: column' -o "$out" 'evt.type=openat and (' "${run_marker[@]}"
bad "a refused -p with a filter" 1 'attach 2147483646: no such process' \
	-p 2147483646 -o "$out" evt.type=openat
bad "a refused -p, a bad command" 127 'no-such-command-xyz' -p 2147483646 -o "$out" -- no-such-command-xyz

# filter errors show the filter's control characters escaped, never raw
no_raw() {
	if grep -q $'[\x01-\x09\x0b-\x1f\x7f]' "$TMP/stderr"; then
		fail "$1: raw control bytes on stderr: $(od -c "$TMP/stderr" | head -n 3)"
	else
		pass "$1: no raw control byte on stderr"
	fi
}
bad "a filter error with escapes" 1 "unknown field '\\\\x1b\[2Jx'" \
	-o "$out" $'proc.name=a and \e[2Jx=1' "${run_marker[@]}"
no_raw "a filter error with escapes"
bad "an unknown event type with escapes" 1 "unknown event type 'x\\\\x1b\]0;t\\\\x07'" \
	-o "$out" $'evt.type=x\e]0;t\a' "${run_marker[@]}"
no_raw "an unknown event type with escapes"

# and the good command line, for contrast: the command runs, the file is there
rc=0
"$SCTRACE" -o "$out" -- touch "$marker" 2>"$TMP/stderr" || rc=$?
expect_eq "good command line: exit status" 0 "$rc"
if [ -e "$marker" ] && [ -s "$out" ]; then
	pass "good command line: the command ran and the capture was written"
else
	fail "good command line: marker $( [ -e "$marker" ] && echo made || echo missing), capture $( [ -s "$out" ] && echo written || echo missing)"
fi
finish
