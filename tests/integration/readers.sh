#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The two outputs and the readers (docs/scap-format.md §3.4): by default
# sctrace writes the newest event types libs 0.21 knows (newfstatat 418/419,
# dup2 362/363, ...), which tshark 4.0 dissects as unknown syscalls and
# sysdig 0.29 drops; --old-readers writes only the 2022 types (codes below
# 336), which sysdig 0.29 shows.  With sinsp-print (libs 0.25) on PATH, the
# default output's newer events are checked with their parameters too.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

# a program that stats its input (glibc's fstat is newfstatat) and dups an fd
run() {
	"$SCTRACE" "$@" -- sh -c 'exec 3>&1; cat /etc/hostname' \
		</dev/null >/dev/null 2>"$TMP/run.err"
}

# types CAPTURE: "CODE COUNT" lines of the event types tshark sees
types() {
	tshark -r "$1" -T fields -e sysdig.event_type 2>/dev/null |
		sort -n | uniq -c | awk '{ print $2, $1 }'
}

new=$TMP/new.scap
old=$TMP/old.scap
run -o "$new" || fail "default output: sctrace failed: $(head -c 300 "$TMP/run.err")"
run --old-readers -o "$old" || fail "--old-readers: sctrace failed: $(head -c 300 "$TMP/run.err")"

# default: newfstatat (418/419) and dup2 (362/363), tshark reads it cleanly
t=$(types "$new")
if grep -q '^419 ' <<<"$t" && grep -q '^363 ' <<<"$t"; then
	pass "default output: tshark sees newfstatat (419) and dup2 (363) events"
else
	fail "default output: no newfstatat/dup2 events; tshark's types: $(tr '\n' ' ' <<<"$t")"
fi
if tshark -r "$new" -V 2>&1 | grep -q -E '^[[:space:]]*\[.*(Malformed|Exception)'; then
	fail "default output: tshark reports malformed events"
else
	pass "default output: tshark -V shows no malformed event"
fi
# sysdig 0.29 opens it, without the newer events (it drops them)
if ! sysdig -r "$new" >"$TMP/new.sysdig" 2>"$TMP/new.sysdig.err"; then
	fail "default output: sysdig cannot open it: $(head -c 300 "$TMP/new.sysdig.err")"
elif grep -q -E ' (newfstatat|dup2) ' "$TMP/new.sysdig"; then
	fail "default output: sysdig 0.29 shows newfstatat or dup2 (it was expected to drop them)"
else
	pass "default output: sysdig 0.29 opens it and drops the newer events, as documented"
fi

# --old-readers: nothing from 336 on; sysdig shows newfstatat (generic) and
# dup2 as dup
t=$(types "$old")
if awk '$1 >= 336 { bad = 1 } END { exit !bad }' <<<"$t"; then
	fail "--old-readers: event types from 336 on: $(awk '$1 >= 336' <<<"$t" | tr '\n' ' ')"
else
	pass "--old-readers: only event types of the 2022 table"
fi
check_readers "$old"
sdout=$(sd "$old" '%evt.type %evt.dir %evt.args' "evt.type in (newfstatat, dup)")
if grep -q '^newfstatat <' <<<"$sdout" && grep -q '^dup < res=3' <<<"$sdout"; then
	pass "--old-readers: sysdig shows newfstatat (generic) and dup2 as dup"
else
	fail "--old-readers: sysdig lacks newfstatat or dup: $(head -c 300 <<<"$sdout")"
fi

# the newest reader, when installed: the params of the newer events
if ! command -v sinsp-print >/dev/null; then
	note "skip: no sinsp-print (libs 0.25) on PATH: the default output's newer events are not read with their parameters"
elif ! sinsp-print "$new" >"$TMP/new.sinsp" 2>&1; then
	fail "default output: sinsp-print cannot read it: $(tail -c 300 "$TMP/new.sinsp")"
elif grep -q 'newfstatat < .*dirfd=.*flags=' "$TMP/new.sinsp" &&
		grep -q 'dup2 < .*oldfd=1.*newfd=3' "$TMP/new.sinsp"; then
	pass "default output: libs 0.25 shows newfstatat's and dup2's parameters"
else
	fail "default output: libs 0.25 lacks newfstatat's or dup2's parameters"
fi
finish
