#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -n N and -M SECONDS, as sysdig spells them: recording stops after N
# events, or SECONDS after the first event.  Then attached processes are
# detached and a launched command runs on untraced to its end (sysdig only
# stops capturing): sctrace waits for it and exits with its status.  The
# capture is whole (every reader opens it), and stderr says why it stopped.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/attach_lib.sh"

n_events() { tshark -r "$1" 2>/dev/null | wc -l; }

# ---- -n ----
cap=$TMP/n.scap
rc=0
"$SCTRACE" -n 25 -o "$cap" -- sh -c 'cat /etc/hostname; ls / >/dev/null; exit 4' \
	</dev/null >"$TMP/n.out" 2>"$TMP/n.err" || rc=$?
expect_eq "-n 25: sctrace exits with the command's status" 4 "$rc"
expect_eq "-n 25: the command ran to its end (its output)" "$(cat /etc/hostname)" "$(cat "$TMP/n.out")"
expect_eq "-n 25: 25 events in the capture" 25 "$(n_events "$cap")"
expect_eq "-n 25: stderr says why" "sctrace: -n: 25 events written: tracing stopped, the traced programs run on" \
	"$(cat "$TMP/n.err")"
check_tshark "$cap"

# ---- -M, a launched command ----
cap=$TMP/m.scap
rc=0
t0=$(now_ms)
"$SCTRACE" --old-readers -M 1 -o "$cap" -- sh -c 'cat /etc/hostname >/dev/null; sleep 2.5; cat /etc/hostname; exit 5' \
	</dev/null >"$TMP/m.out" 2>"$TMP/m.err" || rc=$?
ms=$(($(now_ms) - t0))
expect_eq "-M 1: sctrace exits with the command's status" 5 "$rc"
expect_eq "-M 1: the command ran to its end" "$(cat /etc/hostname)" "$(cat "$TMP/m.out")"
expect_match "-M 1: sctrace waited for it (${ms} ms)" '^(2[5-9]|[3-9])[0-9]{2}$' "$ms"
expect_eq "-M 1: stderr says why" "sctrace: -M: 1 s of capture: tracing stopped, the traced programs run on" \
	"$(cat "$TMP/m.err")"
check_readers "$cap"
expect_eq "-M 1: the open before the sleep is in, the one after is not" 1 \
	"$(sd "$cap" '%fd.name' "evt.type=openat and evt.dir='<' and fd.name=/etc/hostname" | wc -l)"
span=$(sd "$cap" '%evt.rawtime' | sed -n '1p;$p' | tr '\n' ' ' | awk '{ printf "%d", ($2 - $1) / 1000000 }')
if [ "$span" -lt 2300 ]; then
	pass "-M 1: the capture spans ${span} ms (recording stopped at a second's resolution)"
else
	fail "-M 1: the capture spans ${span} ms"
fi

# ---- -M, an attached process: detached, running on ----
start_server "$TMP/srv"
cap=$TMP/ma.scap
sctrace_bg "$cap.err" -M 1 -p "$srv_pid" -o "$cap"
t0=$(now_ms)
if wait_for 6 is_gone "$sct_pid"; then
	rc=0
	wait "$sct_pid" || rc=$?
	expect_eq "-M 1 -p: sctrace ends by itself, status 0" 0 "$rc"
	pass "-M 1 -p: sctrace ended after $(($(now_ms) - t0)) ms"
else
	fail "-M 1 -p: sctrace still runs after 6 s"
	stop_sctrace "$sct_pid" KILL 5 || true
fi
check_untraced "-M 1 -p" "$srv_pid" 'R|S'
check_readers "$cap"

# ---- bad values: one line, a non-zero status (as every usage error) ----
for bad in "-n 0" "-n x" "-M -1" "-M 1.5"; do
	# shellcheck disable=SC2086
	expect_refused $bad
done
finish
