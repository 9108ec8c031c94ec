#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach to a process that forks and starts threads all the time.  A
# thread seized while entering fork or clone reports that event before
# the stop the attach asked for; sctrace took that first stop for the
# attach's and missed the event, so the new child waited for ever to be
# told who it was: the process hung on it, and sctrace never ended, deaf
# to SIGINT (25 rounds in 60).  Each round attaches, lets it run for up to
# 0.1 s, then SIGINT: sctrace must end within 5 s, leaving the process
# running, untraced, going on.  (Without the fix, 1 round in 2 to 20 hung.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

fl=$(prog forkloop)
"$fl" "$TMP" </dev/null >/dev/null 2>&1 &
victim=$!
bg_add "$victim"
beat() { cat "$TMP/beat" 2>/dev/null || echo 0; }
beats_after() { [ "$(beat)" -gt "$1" ]; }
wait_for 5 beats_after 0 || hard_error "forkloop does not run: no $TMP/beat"

# sct_started PID: sctrace's main() has blocked or caught SIGINT
sct_started() {
	local blk cgt
	blk=$(awk '$1 == "SigBlk:" { print $2 }' "/proc/$1/status" 2>/dev/null)
	cgt=$(awk '$1 == "SigCgt:" { print $2 }' "/proc/$1/status" 2>/dev/null)
	[ -n "$blk" ] && (((0x$blk | 0x$cgt) & 2))
}

rounds=20 ended=0 hung=0
for r in $(seq 1 "$rounds"); do
	cap=$TMP/round$r.scap
	sctrace_bg "$cap.err" -p "$victim" -o "$cap"
	# SIGINT during the attach too (sctrace holds it until attached), but
	# not before sctrace runs: a background job's SIGINT is ignored until
	# sctrace blocks it, first thing in main()
	wait_for 5 sct_started "$sct_pid" || true
	# (the last round long enough to see forks and clones)
	if [ "$r" = "$rounds" ]; then nap 0.3; else nap "0.0$((RANDOM % 10))"; fi
	if stop_sctrace "$sct_pid" INT 5; then
		ended=$((ended + 1))
	else
		hung=$((hung + 1))
		stop_sctrace "$sct_pid" KILL 5 || true
		[ "$hung" -lt 2 ] || break	# (10 s each: enough)
	fi
done
expect_eq "$rounds rounds of attach and SIGINT to a process forking and cloning: sctrace ended each time" \
	"$rounds" "$ended"
check_untraced "after $rounds rounds" "$victim" 'R|S'
b=$(beat)
if wait_for 5 beats_after "$b"; then
	pass "the process goes on after the last detach"
else
	fail "the process makes no progress after the last detach (beat $b)"
fi
check_readers "$TMP/round$rounds.scap"
expect_match "round $rounds: the capture has the process's forks and clones" \
	"clone" "$(sd "$TMP/round$rounds.scap" '%evt.type' "evt.dir='<'" | sort -u | tr '\n' ' ')"
finish
