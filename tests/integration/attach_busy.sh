#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Attach mode on a busy machine: while processes come and go all the time
# (a loop starts a short-lived "sleep" every few milliseconds), the
# snapshot sctrace writes at the attach (a PL block of every process, an
# FDL block per process) must stay consistent: sysdig refuses a capture
# with an FDL of a process missing from the PL ("corrupted trace file. FD
# block references TID N, which doesn't exist").  A few rounds of attach,
# request, detach; every capture must be read by sysdig and tshark.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"
need_attach

dir=$TMP/srv
start_server "$dir"

# processes that come and go: each lives 0.2 s, a new one every ~5 ms
(
	exec {SLEEP_FD}<>"$TMP/.sleep.fifo"
	while :; do
		sleep 0.2 &
		read -r -t 0.005 -u "$SLEEP_FD" _ || true
	done
) </dev/null >/dev/null 2>&1 &
bg_add $!
nap 0.3

for r in 1 2 3 4; do
	cap=$TMP/busy$r.scap
	if [ "$r" = 4 ]; then
		sctrace_bg "$cap.err" -p "$srv_pid" -o "$cap" -- /bin/true
	else
		sctrace_bg "$cap.err" -p "$srv_pid" -o "$cap"
	fi
	wait_attached "$srv_pid" "$sct_pid" "$cap.err" || { stop_sctrace "$sct_pid" KILL 5 || true; break; }
	request "$srv_port" || fail "round $r: no answer"
	stop_sctrace "$sct_pid" INT 5 || true
	expect_eq "round $r: sctrace exits with status 0" 0 "$stop_rc"
	[ "$stop_rc" != timeout ] || stop_sctrace "$sct_pid" KILL 5 || true
	if sysdig -r "$cap" -p '%evt.num' >/dev/null 2>"$TMP/sysdig$r.err"; then
		pass "round $r: sysdig reads the capture"
		check_readers "$cap"
	else
		fail "round $r: sysdig cannot read the capture: $(head -c 300 "$TMP/sysdig$r.err")"
	fi
done
check_untraced "after the rounds" "$srv_pid" 'R|S'
check_log "after the rounds" "$dir"
finish
